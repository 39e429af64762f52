"""Every Partnership admin page renders, the framework keeps revisions, role-profile shortcut."""

import pytest
from django.urls import reverse
from wagtail.models import Revision

from competencies.models import CompetencyRecord, Framework, Requirement
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return f.UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def data():
    framework = f.framework_with_levels(name="WM framework", version="2025.1")
    domain = f.DomainFactory(framework=framework, code="SA1", title="Recognising")
    other = f.DomainFactory(framework=framework, code="SA2", title="Responding")
    c1 = f.CompetencyFactory(domain=domain, code="SA1.1")
    c2 = f.CompetencyFactory(domain=domain, code="SA1.2")
    c3 = f.CompetencyFactory(domain=other, code="SA2.1")
    profile = f.RoleProfileFactory(code="RP05", framework=framework)
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    staff = f.StaffMemberFactory(
        agency=agency, email="pc@wmp.example", role_profile=profile
    )
    record = f.CompetencyRecordFactory(staff=staff, competency=c1)
    board = f.BoardFactory()
    return locals()


def test_every_listing_add_and_edit_page_renders(client, admin_user, data):
    client.force_login(admin_user)
    pages = {
        "competencies_staff": data["staff"],
        "competencies_record": data["record"],
        "competencies_roleprofile": data["profile"],
        "competencies_agency": data["agency"],
        "competencies_area": data["board"].area,
        "competencies_board": data["board"],
        "wagtailsnippets_competencies_framework": data["framework"],
    }
    for namespace, obj in pages.items():
        index = "list" if namespace.startswith("wagtailsnippets") else "index"
        for url in (
            reverse(f"{namespace}:{index}"),
            reverse(f"{namespace}:add"),
            reverse(f"{namespace}:edit", args=[obj.pk]),
            reverse(f"{namespace}:{index}") + "?export=csv",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
    for url in (
        reverse("competencies_staff_import:upload"),
        reverse("competencies_records_import:upload"),
        reverse("competencies_framework_io:import"),
        reverse("competencies_framework_io:export", args=[data["framework"].pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_partnership_menu_groups_the_models(client, admin_user, data):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Partnership" in html


def _framework_post(framework, **changes):
    """The framework edit form's POST data as the browser would send it."""
    data = {"name": framework.name, "version": framework.version, "description": ""}
    for prefix, items, fields in (
        (
            "levels",
            list(framework.levels.all()),
            ["number", "name", "description", "minimum_hours", "refresh_months"],
        ),
        ("domains", list(framework.domains.all()), ["code", "title"]),
        (
            "competencies",
            list(framework.competencies.all()),
            [
                "code",
                "domain",
                "title",
                "statement",
                *[f"indicator_{n}" for n in range(1, 6)],
            ],
        ),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = len(items)
        data[f"{prefix}-INITIAL_FORMS"] = len(items)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, item in enumerate(items):
            data[f"{prefix}-{i}-id"] = item.pk
            data[f"{prefix}-{i}-ORDER"] = i + 1
            for field in fields:
                value = getattr(item, field + "_id" if field == "domain" else field)
                data[f"{prefix}-{i}-{field}"] = "" if value is None else value
    data.update(changes)
    return data


def test_framework_edit_saves_a_revision_that_history_can_compare(
    client, admin_user, data
):
    client.force_login(admin_user)
    framework = data["framework"]
    url = reverse("wagtailsnippets_competencies_framework:edit", args=[framework.pk])
    response = client.post(
        url, _framework_post(framework, **{"competencies-0-title": "First"})
    )
    assert response.status_code == 302, response.context["form"].errors
    response = client.post(
        url, _framework_post(framework, **{"competencies-0-title": "Second"})
    )
    assert response.status_code == 302
    revisions = Revision.objects.for_instance(framework).order_by("pk")
    assert revisions.count() == 2
    assert revisions.last().content["competencies"][0]["title"] == "Second"
    history = client.get(
        reverse("wagtailsnippets_competencies_framework:history", args=[framework.pk])
    )
    assert history.status_code == 200
    compare = client.get(
        reverse(
            "wagtailsnippets_competencies_framework:revisions_compare",
            args=[framework.pk, revisions.first().pk, revisions.last().pk],
        )
    )
    assert compare.status_code == 200
    assert "Second" in compare.content.decode()


def test_competency_domain_choices_are_the_frameworks_own(client, admin_user, data):
    other_framework = f.framework_with_levels(name="Other")
    foreign = f.DomainFactory(framework=other_framework, code="XX")
    client.force_login(admin_user)
    framework = data["framework"]
    url = reverse("wagtailsnippets_competencies_framework:edit", args=[framework.pk])
    form = client.get(url).context["form"]
    choices = form.formsets["competencies"].forms[0].fields["domain"].queryset
    assert set(choices) == {data["domain"], data["other"]}
    response = client.post(
        url, _framework_post(framework, **{"competencies-0-domain": foreign.pk})
    )
    assert response.status_code == 200  # re-rendered with an error
    assert data["c1"].__class__.objects.get(pk=data["c1"].pk).domain == data["domain"]


def test_role_profile_requires_a_whole_domain_in_one_step(client, admin_user, data):
    client.force_login(admin_user)
    profile = data["profile"]
    Requirement.objects.create(role_profile=profile, competency=data["c1"], min_level=1)
    url = reverse("competencies_roleprofile:edit", args=[profile.pk])
    requirement = profile.requirements.get()
    response = client.post(
        url,
        {
            "code": "RP05",
            "name": "Police officer",
            "framework": data["framework"].pk,
            "level": 2,
            "description": "",
            "domain": data["domain"].pk,
            "domain_level": 3,
            "requirements-TOTAL_FORMS": 1,
            "requirements-INITIAL_FORMS": 1,
            "requirements-MIN_NUM_FORMS": 0,
            "requirements-MAX_NUM_FORMS": 1000,
            "requirements-0-id": requirement.pk,
            "requirements-0-competency": data["c1"].pk,
            "requirements-0-min_level": 1,
            "requirements-0-ORDER": 1,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    levels = dict(profile.requirements.values_list("competency__code", "min_level"))
    assert levels == {"SA1.1": 3, "SA1.2": 3}


def test_role_profile_domain_level_stops_at_what_each_competency_is_assessed_at(
    client, admin_user, data
):
    """SA1.2 is assessed to level 2 only: asking level 3 of its domain requires it at 2 (the
    service's rule), not at a level no record can ever reach. Logged, and the cached
    figures follow."""
    from wagtail.models import ModelLogEntry

    from competencies.compliance import compliance_summary
    from competencies.models import StaffMember

    data["c2"].indicator_3 = ""
    data["c2"].save()
    client.force_login(admin_user)
    profile = data["profile"]
    response = client.post(
        reverse("competencies_roleprofile:edit", args=[profile.pk]),
        {
            "code": "RP05",
            "name": "Police officer",
            "framework": data["framework"].pk,
            "level": 2,
            "description": "",
            "domain": data["domain"].pk,
            "domain_level": 3,
            "requirements-TOTAL_FORMS": 0,
            "requirements-INITIAL_FORMS": 0,
            "requirements-MIN_NUM_FORMS": 0,
            "requirements-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    levels = dict(profile.requirements.values_list("competency__code", "min_level"))
    assert levels == {"SA1.1": 3, "SA1.2": 2}
    assert ModelLogEntry.objects.filter(
        action="competencies.requirements.domain", object_id=str(profile.pk)
    ).exists()
    everyone = StaffMember.objects.all()
    cached = compliance_summary(staff=everyone)[None].requirements
    live = compliance_summary(staff=everyone, use_cache=False)[None].requirements
    assert cached == live and cached.total == 2


def test_revoking_a_record_is_final_and_logged(client, admin_user, data):
    client.force_login(admin_user)
    record = data["record"]
    url = reverse("competencies_record:edit", args=[record.pk])
    response = client.post(url, {"revoke": "on", "revoked_reason": ""})
    assert response.status_code == 200  # a reason is required
    response = client.post(
        url, {"revoke": "on", "revoked_reason": "Certificate forged"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.revoked_at and record.revoked_by == admin_user
    assert record.revoked_reason == "Certificate forged"
    level_before = record.level
    client.post(url, {"level": 5, "revoked_reason": "changed", "revoke": ""})
    record.refresh_from_db()
    assert record.level == level_before
    assert record.revoked_reason == "Certificate forged"
    assert record.revoked_at is not None


def test_adding_a_record_defaults_expiry_and_recorder(client, admin_user, data):
    client.force_login(admin_user)
    response = client.post(
        reverse("competencies_record:add"),
        {
            "staff": data["staff"].pk,
            "competency": data["c2"].pk,
            "level": 2,
            "achieved_on": "2024-01-31",
            "expires_on": "",
            "source": "assessment",
            "source_detail": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    record = CompetencyRecord.objects.get(competency=data["c2"])
    assert str(record.expires_on) == "2027-01-31"
    assert record.recorded_by == admin_user


def test_coordinator_sees_partnership_menu_but_not_the_framework(client, data):
    coordinator = f.coordinator_for(data["agency"])
    client.force_login(coordinator)
    assert client.get(reverse("competencies_staff:index")).status_code == 200
    assert client.get(reverse("competencies_record:index")).status_code == 200
    response = client.get(reverse("wagtailsnippets_competencies_framework:list"))
    assert response.status_code in (302, 403)
    assert not Framework.objects.filter(name="x").exists()
