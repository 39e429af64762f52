"""The admin import flow: upload, preview (nothing written), confirm (written, logged)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from competencies.models import CompetencyRecord, StaffMember
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def wmp():
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    agency.areas.set([f.AreaFactory(code="BHM")])
    f.RoleProfileFactory(code="RP05")
    return agency


STAFF_ROWS = [
    STAFF_HEADER,
    ["E1", "Ann", "Jones", "ann@wmp.example", "PC", "RP05", "BHM", "", ""],
    [
        "E2",
        "Bob",
        "Khan",
        "bob@wmp.example",
        "PCSO",
        "RP05",
        "BHM",
        "ann@wmp.example",
        "",
    ],
]


def upload(client, url, name, content, **data):
    return client.post(url, {"import_file": SimpleUploadedFile(name, content), **data})


def test_coordinator_previews_then_confirms_a_staff_import(client, wmp):
    coordinator = f.coordinator_for(wmp)
    client.force_login(coordinator)
    url = reverse("competencies_staff_import:upload")
    response = upload(client, url, "staff.csv", csv_bytes(STAFF_ROWS))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-status="new"') == 2
    assert "Confirm import" in html
    assert StaffMember.objects.filter(agency=wmp).count() == 1  # the coordinator only
    token = response.context["token"]

    response = client.post(url, {"token": token})
    assert response.status_code == 302
    # On to inviting the people it added (tests/competencies/test_import_invite.py).
    assert response.url == reverse("competencies_staff_import:invite_new")
    assert StaffMember.objects.filter(agency=wmp).count() == 3
    entry = ModelLogEntry.objects.get(action="competencies.staff.import")
    assert entry.user == coordinator and entry.data["new"] == 2
    listing = client.get(reverse("competencies_staff:index")).content.decode()
    assert "ann@wmp.example" in listing and "2 new" in listing

    # The same token cannot be confirmed twice.
    again = client.post(url, {"token": token})
    assert again.status_code == 302
    assert StaffMember.objects.filter(agency=wmp).count() == 3


def test_preview_of_a_bad_file_lists_errors_and_offers_no_confirm(client, wmp):
    client.force_login(f.coordinator_for(wmp))
    rows = [
        *STAFF_ROWS,
        ["E3", "Cy", "Lo", "cy@elsewhere.example", "PC", "RP77", "", "", ""],
    ]
    response = upload(
        client,
        reverse("competencies_staff_import:upload"),
        "staff.xlsx",
        xlsx_bytes(rows),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirm import" not in html
    errors = [(e.row, e.column) for e in response.context["result"].errors]
    assert errors == [(4, "email"), (4, "role_profile")]
    assert "There is a problem: 2 errors" in html
    assert StaffMember.objects.filter(agency=wmp).count() == 1


def test_preview_does_not_say_that_another_agency_has_the_email(client, wmp):
    """Agencies may share a domain; the preview must not tell a coordinator who works where."""
    other = f.AgencyFactory(
        short_name="BCC", name="Birmingham City Council", email_domains="wmp.example"
    )
    f.StaffMemberFactory(
        agency=other, email="ann@wmp.example", first_name="Annabel", last_name="Quill"
    )
    client.force_login(f.coordinator_for(wmp))
    response = upload(
        client,
        reverse("competencies_staff_import:upload"),
        "staff.csv",
        csv_bytes(STAFF_ROWS[:2]),
    )
    (error,) = response.context["result"].errors
    assert (error.row, error.column) == (2, "email")
    assert error.message == (
        "“ann@wmp.example” cannot be added by an import. If the person has joined you from "
        "another partnership agency, ask for their move under Moves between agencies, which "
        "brings their training record; otherwise check the address."
    )
    html = response.content.decode()
    for secret in ("belongs to", "BCC", "Birmingham City Council", "Annabel", "Quill"):
        assert secret not in html


def test_unreadable_upload_gives_a_message_not_a_500(client, wmp):
    client.force_login(f.coordinator_for(wmp))
    response = upload(
        client,
        reverse("competencies_staff_import:upload"),
        "staff.xlsx",
        b"PK\x03\x04 broken",
    )
    assert response.status_code == 200
    assert "could not be opened as an Excel workbook" in response.content.decode()
    response = upload(
        client, reverse("competencies_staff_import:upload"), "staff.txt", b"hello"
    )
    assert response.status_code == 200
    assert "must be a CSV" in response.content.decode()


def test_file_changed_between_preview_and_confirm_is_revalidated(client, wmp):
    client.force_login(f.coordinator_for(wmp))
    url = reverse("competencies_staff_import:upload")
    token = upload(client, url, "staff.csv", csv_bytes(STAFF_ROWS)).context["token"]
    # Someone else takes Ann's email meanwhile (in another agency).
    f.StaffMemberFactory(
        agency=f.AgencyFactory(short_name="BCC"), email="ann@wmp.example"
    )
    response = client.post(url, {"token": token})
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode()
    assert not StaffMember.objects.filter(employee_ref="E2").exists()


def test_coordinator_cannot_import_into_another_agency(client, wmp):
    other = f.AgencyFactory(short_name="BCC", email_domains="wmp.example")
    client.force_login(f.coordinator_for(wmp))
    response = upload(
        client,
        reverse("competencies_staff_import:upload"),
        "staff.csv",
        csv_bytes(STAFF_ROWS),
        agency=other.pk,
    )
    # The posted agency is ignored: a coordinator always imports into their own agency.
    assert response.context["agency"] == wmp
    client.post(
        reverse("competencies_staff_import:upload"),
        {"token": response.context["token"]},
    )
    assert not StaffMember.objects.filter(agency=other).exists()
    assert StaffMember.objects.filter(agency=wmp).count() == 3


def test_forged_token_is_refused(client, wmp):
    client.force_login(f.coordinator_for(wmp))
    url = reverse("competencies_staff_import:upload")
    response = client.post(url, {"token": "../../etc/passwd"})
    assert response.status_code == 302
    response = client.post(url, {"token": "0" * 32})
    assert response.status_code == 302


def test_administrator_picks_the_agency(client, wmp):
    admin = f.UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    url = reverse("competencies_staff_import:upload")
    response = upload(client, url, "staff.csv", csv_bytes(STAFF_ROWS))
    assert response.context["form"].errors["agency"]
    response = upload(client, url, "staff.csv", csv_bytes(STAFF_ROWS), agency=wmp.pk)
    client.post(url, {"token": response.context["token"]})
    assert StaffMember.objects.filter(agency=wmp).count() == 2


def test_user_without_staff_permissions_cannot_import(client, wmp):
    from competencies.roles import STAFF

    client.force_login(f.UserFactory(groups=[STAFF]))
    response = client.get(reverse("competencies_staff_import:upload"))
    assert response.status_code in (302, 403)


def test_records_import_preview_and_confirm(client, wmp):
    framework = f.framework_with_levels()
    competency = f.CompetencyFactory(
        domain=f.DomainFactory(framework=framework), code="SA2.3"
    )
    profile = f.RoleProfileFactory(code="RP09", framework=framework)
    staff = f.StaffMemberFactory(
        agency=wmp, email="pc@wmp.example", employee_ref="E9", role_profile=profile
    )
    coordinator = f.coordinator_for(wmp)
    client.force_login(coordinator)
    url = reverse("competencies_records_import:upload")
    rows = [
        ["email", "employee_ref", "competency", "level", "achieved_on"],
        ["pc@wmp.example", "", "SA2.3", 2, datetime.date(2024, 5, 1)],
        ["", "E9", "SA2.3", 3, "01/05/2023"],
    ]
    response = upload(client, url, "records.xlsx", xlsx_bytes(rows))
    assert response.context["result"].errors == []
    response = client.post(url, {"token": response.context["token"]})
    assert response.status_code == 302
    records = CompetencyRecord.objects.filter(staff=staff).order_by("level")
    assert [(r.level, str(r.expires_on), r.source, r.recorded_by) for r in records] == [
        (2, "2027-05-01", "import", coordinator),
        (3, "2026-05-01", "import", coordinator),
    ]
    assert competency.records.count() == 2
    assert (
        ModelLogEntry.objects.filter(action="competencies.records.import").count() == 1
    )
