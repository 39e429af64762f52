"""UK GDPR tools: the export holds everything about a person and erasure keeps the figures."""

import csv
import datetime
import io
import json

import pytest
from axes.models import AccessLog
from django.core.management import call_command
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from competencies import privacy
from competencies.accounts import audit
from competencies.accounts.exceptions import AccountError
from competencies.compliance import compliance_overall, compliance_summary
from competencies.models import StaffMember
from competencies.roles import COORDINATORS
from tests import factories as f

pytestmark = pytest.mark.django_db

NAME = ("Philippa", "Quarrington")
EMAIL = "philippa.quarrington@wmp.example"


@pytest.fixture
def world(home_page):
    fw = f.FrameworkFactory()
    for n in (1, 2, 3):
        f.LevelFactory(framework=fw, number=n)
    comps = [
        f.CompetencyFactory(domain=f.DomainFactory(framework=fw)) for _ in range(3)
    ]
    profile = f.RoleProfileFactory(framework=fw)
    for c in comps:
        f.RequirementFactory(role_profile=profile, competency=c, min_level=1)
    area = f.AreaFactory(name="Sandwell")
    police = f.AgencyFactory(short_name="WMP", areas=[area])
    council = f.AgencyFactory(short_name="SMBC", areas=[area])
    user = f.UserFactory(
        username=EMAIL, email=EMAIL, first_name=NAME[0], last_name=NAME[1]
    )
    person = f.StaffMemberFactory(
        agency=police,
        first_name=NAME[0],
        last_name=NAME[1],
        email=EMAIL,
        employee_ref="WMP-77123",
        role_profile=profile,
        user=user,
    )
    person.areas.set([area])
    for c in comps[:2]:
        f.CompetencyRecordFactory(staff=person, competency=c, level=2)
    for _ in range(3):
        other = f.StaffMemberFactory(agency=police, role_profile=profile)
        f.CompetencyRecordFactory(staff=other, competency=comps[0])
    coordinator = f.UserFactory(username="coord", groups=[COORDINATORS])
    f.StaffMemberFactory(agency=police, user=coordinator)
    other_coordinator = f.UserFactory(username="coord2", groups=[COORDINATORS])
    f.StaffMemberFactory(agency=council, user=other_coordinator)
    admin = f.UserFactory(username="admin", is_superuser=True)
    AccessLog.objects.create(
        username=EMAIL, ip_address="192.0.2.10", user_agent="Firefox", path_info="/"
    )
    # An entry another app might write, with the person in its label and data.
    log(
        instance=person,
        action="wagtail.edit",
        data={"email": EMAIL, "note": f"renamed {NAME[0]} {NAME[1]}", "count": 3},
    )
    return {
        "person": person,
        "user": user,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "admin": admin,
        "police": police,
    }


def test_export_holds_everything_about_the_person(world):
    data = privacy.personal_data(staff_member=world["person"])
    assert data["staff_member"][0]["email"] == EMAIL
    assert data["staff_member"][0]["employee_ref"] == "WMP-77123"
    assert [a["name"] for a in data["areas"]] == ["Sandwell"]
    assert data["role_profile"][0]["code"] == world["person"].role_profile.code
    assert len(data["competency_records"]) == 2
    assert data["account"][0]["username"] == EMAIL
    assert data["sign_ins"][0]["ip_address"] == "192.0.2.10"
    assert data["audit_log"][0]["action"] == "wagtail.edit"
    json.loads(privacy.personal_data_json(data))  # valid JSON
    rows = list(csv.DictReader(io.StringIO(privacy.personal_data_csv(data))))
    assert {
        "section": "staff_member",
        "row": "1",
        "field": "email",
        "value": EMAIL,
    } in rows


def test_other_apps_add_sections_through_the_hook(world):
    def bookings(staff_member):
        return {"bookings": [{"session": "M01", "staff": staff_member.pk}]}

    with hooks.register_temporarily(privacy.EXPORT_HOOK, bookings):
        data = privacy.personal_data(staff_member=world["person"])
    assert data["bookings"] == [{"session": "M01", "staff": world["person"].pk}]


def test_csv_export_escapes_formulae():
    out = privacy.personal_data_csv(
        {"s": [{"f": "=HYPERLINK(1)", "g": "@SUM", "h": 5}]}
    )
    assert "'=HYPERLINK(1)" in out and "'@SUM" in out and ",5" in out


def test_coordinator_and_admin_download_but_not_another_agency(client, world):
    pk = world["person"].pk
    client.force_login(world["coordinator"])
    response = client.get(f"/agency/staff/{pk}/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"
    assert response.json()["staff_member"][0]["email"] == EMAIL
    assert ModelLogEntry.objects.filter(
        action=audit.PRIVACY_EXPORT, object_id=str(pk), user=world["coordinator"]
    ).exists()
    response = client.get(f"/agency/staff/{pk}/data.csv")
    assert response.status_code == 200 and EMAIL in response.content.decode()
    assert client.get(f"/agency/staff/{pk}/data.xml").status_code == 404

    client.force_login(world["other_coordinator"])
    assert client.get(f"/agency/staff/{pk}/data.json").status_code == 404
    client.force_login(world["user"])  # a member of staff, not a coordinator
    assert client.get(f"/agency/staff/{pk}/data.json").status_code == 404
    client.force_login(world["admin"])
    assert client.get(f"/agency/staff/{pk}/data.csv").status_code == 200


def test_a_person_downloads_their_own_data(client, world):
    client.force_login(world["user"])
    html = client.get("/my-training/").content.decode()
    assert "/my-training/data.json" in html
    data = client.get("/my-training/data.json").json()
    assert data["staff_member"][0]["id"] == world["person"].pk
    assert client.get("/my-training/data.csv").status_code == 200
    client.logout()
    assert client.get("/my-training/data.json").status_code == 302


def test_erasure_keeps_compliance_totals_and_removes_the_person(client, world):
    everyone = StaffMember.objects.all()
    before = compliance_overall(staff=everyone)
    by_agency_before = compliance_summary(staff=everyone, group_by="agency")
    person = world["person"]

    client.force_login(world["admin"])
    assert client.get(f"/agency/staff/{person.pk}/erase/").status_code == 200
    response = client.post(f"/agency/staff/{person.pk}/erase/", follow=True)
    assert f"Erased person {person.pk}" in response.content.decode()

    assert compliance_overall(staff=everyone) == before
    assert compliance_summary(staff=everyone, group_by="agency") == by_agency_before
    person.refresh_from_db()
    assert person.full_name == f"Erased person {person.pk}"
    assert person.email == f"erased-{person.pk}@erased.invalid"
    assert person.employee_ref == "" and person.user is None
    assert person.records.count() == 2 and person.anonymised_at is not None

    user = world["user"]
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert EMAIL not in (user.username, user.email)

    exported = privacy.personal_data_json(
        privacy.personal_data(staff_member=person, user=user)
    ) + privacy.personal_data_csv(privacy.personal_data(staff_member=person, user=user))
    for secret in (*NAME, EMAIL, "WMP-77123", "192.0.2.10"):
        assert secret.lower() not in exported.lower(), secret
    # Nor anywhere in the audit log.
    for entry in ModelLogEntry.objects.all():
        text = f"{entry.label} {json.dumps(entry.data)}".lower()
        assert NAME[1].lower() not in text and EMAIL not in text

    erase = ModelLogEntry.objects.get(action=audit.ERASE, object_id=str(person.pk))
    assert erase.user == world["admin"] and erase.data == {"reason": "request"}


def test_only_administrators_erase(client, world):
    client.force_login(world["coordinator"])
    assert client.post(f"/agency/staff/{world['person'].pk}/erase/").status_code == 403
    client.force_login(world["other_coordinator"])
    assert client.post(f"/agency/staff/{world['person'].pk}/erase/").status_code == 404
    world["person"].refresh_from_db()
    assert world["person"].anonymised_at is None


def test_erasing_twice_is_refused(world):
    privacy.staff_erase(staff_member=world["person"])
    with pytest.raises(AccountError) as error:
        privacy.staff_erase(staff_member=world["person"])
    assert error.value.code == "ALREADY_ERASED"


def test_other_apps_erase_through_the_hook(world):
    seen = []

    def certificates(staff_member, erased_by, identifiers):
        seen.append((staff_member.pk, EMAIL in identifiers))

    with hooks.register_temporarily(privacy.ERASE_HOOK, certificates):
        privacy.staff_erase(staff_member=world["person"])
    assert seen == [(world["person"].pk, True)]


def test_erased_person_no_longer_in_the_search_index(world):
    from wagtail.search.backends import get_search_backend

    def found():
        return world["person"].pk in [
            r.pk for r in get_search_backend().search(NAME[1], StaffMember)
        ]

    assert found()
    privacy.staff_erase(staff_member=world["person"])
    assert not found()


def test_anonymise_leavers_once_and_only_past_retention(world, settings):
    settings.LEAVER_RETENTION_DAYS = 2190
    today = datetime.date(2030, 6, 1)
    old = f.StaffMemberFactory(
        agency=world["police"], left_on=today - datetime.timedelta(days=2191)
    )
    recent = f.StaffMemberFactory(
        agency=world["police"], left_on=today - datetime.timedelta(days=30)
    )
    first_name = old.first_name

    out = io.StringIO()
    call_command("anonymise_leavers", "--dry-run", f"--today={today}", stdout=out)
    assert f"Would anonymise staff #{old.pk}" in out.getvalue()
    old.refresh_from_db()
    assert old.anonymised_at is None

    out = io.StringIO()
    call_command("anonymise_leavers", f"--today={today}", stdout=out)
    assert f"Anonymised staff #{old.pk}" in out.getvalue()
    assert "Anonymised 1 leaver(s)" in out.getvalue()
    assert first_name not in out.getvalue()  # logs carry ids, never names
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.full_name == f"Erased person {old.pk}" and recent.anonymised_at is None
    erased_at = old.anonymised_at

    out = io.StringIO()
    call_command("anonymise_leavers", f"--today={today}", stdout=out)
    assert "Anonymised 0 leaver(s)" in out.getvalue()
    old.refresh_from_db()
    assert old.anonymised_at == erased_at
    assert (
        ModelLogEntry.objects.filter(action=audit.ERASE, object_id=str(old.pk)).count()
        == 1
    )
    assert ModelLogEntry.objects.get(
        action=audit.ERASE, object_id=str(old.pk)
    ).data == {"reason": "retention"}


def test_anonymise_leavers_rejects_a_bad_date(world):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("anonymise_leavers", "--today=yesterday")


@pytest.mark.parametrize("extra", [1, 20])
def test_export_costs_the_same_queries_whatever_the_history(
    client, world, extra, django_assert_max_num_queries
):
    person = world["person"]
    comp = person.records.first().competency
    for _ in range(extra):
        f.CompetencyRecordFactory(staff=person, competency=comp)
        log(instance=person, action="wagtail.edit")
        AccessLog.objects.create(username=EMAIL, user_agent="x", path_info="/")
    client.force_login(world["coordinator"])
    # One query per section; 20 since the section of credentials accepted from elsewhere,
    # 21 since the section of e-learning (xAPI) statements.
    with django_assert_max_num_queries(21):
        response = client.get(f"/agency/staff/{person.pk}/data.json")
    assert len(response.json()["competency_records"]) == 2 + extra
