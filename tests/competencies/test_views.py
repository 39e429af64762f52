"""My training and the coordinator's agency staff page: who sees what, and what they see."""

import datetime

import pytest
from django.utils import timezone

from competencies.models import CompetencyRecord
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home_page):
    fw = f.FrameworkFactory()
    for n in (1, 2, 3):
        f.LevelFactory(framework=fw, number=n)
    domain = f.DomainFactory(framework=fw)
    comps = [f.CompetencyFactory(domain=domain, code=f"SA9.{i}") for i in range(1, 4)]
    profile = f.RoleProfileFactory(framework=fw, name="Police officer")
    for c in comps:
        f.RequirementFactory(role_profile=profile, competency=c, min_level=2)
    police = f.AgencyFactory(short_name="WMP", name="West Midlands Police")
    council = f.AgencyFactory(short_name="SMBC", name="Sandwell MBC")
    return {
        "framework": fw,
        "comps": comps,
        "profile": profile,
        "police": police,
        "council": council,
    }


def staff_user(agency, profile, username, groups=("Staff",)):
    user = f.UserFactory(username=username, groups=list(groups))
    member = f.StaffMemberFactory(agency=agency, role_profile=profile, user=user)
    return user, member


def test_my_training_needs_login(client, home_page):
    response = client.get("/my-training/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_my_training_shows_each_requirement_status(client, setup):
    user, member = staff_user(setup["police"], setup["profile"], "officer")
    today = timezone.localdate()
    met, expiring, _missing = setup["comps"]
    f.CompetencyRecordFactory(
        staff=member,
        competency=met,
        level=2,
        expires_on=today + datetime.timedelta(days=400),
    )
    f.CompetencyRecordFactory(
        staff=member,
        competency=expiring,
        level=3,
        expires_on=today + datetime.timedelta(days=20),
    )
    client.force_login(user)
    html = client.get("/my-training/").content.decode()
    assert "1 met, 1 expiring within 90 days, 0 expired, 1 missing." in html
    assert "Police officer" in html


def test_my_training_without_a_staff_record_says_so(client, home_page):
    client.force_login(f.UserFactory(username="loner"))
    response = client.get("/my-training/")
    assert response.status_code == 200
    assert "not linked to a staff record" in response.content.decode()


def test_coordinator_sees_only_their_own_agency(client, setup):
    coordinator, _ = staff_user(
        setup["police"], setup["profile"], "coord", groups=["Training coordinators"]
    )
    f.StaffMemberFactory(
        agency=setup["police"], role_profile=setup["profile"], last_name="Officerson"
    )
    f.StaffMemberFactory(
        agency=setup["council"], role_profile=setup["profile"], last_name="Councilworth"
    )
    client.force_login(coordinator)
    html = client.get("/agency/staff/").content.decode()
    assert "Officerson" in html
    assert "Councilworth" not in html
    # Asking for another agency does not switch a coordinator to it.
    html = client.get(f"/agency/staff/?agency={setup['council'].pk}").content.decode()
    assert "Councilworth" not in html and "West Midlands Police" in html


@pytest.mark.parametrize("groups", [["Staff"], ["Board chairs"], ["Trainers"]])
def test_agency_staff_page_is_refused_to_other_roles(client, setup, groups):
    user, _ = staff_user(setup["police"], setup["profile"], "someone", groups=groups)
    client.force_login(user)
    assert client.get("/agency/staff/").status_code == 403


def test_administrator_chooses_any_agency(client, setup, django_user_model):
    f.StaffMemberFactory(agency=setup["council"], last_name="Councilworth")
    admin = django_user_model.objects.create_superuser("boss", password="pw-123456789")
    client.force_login(admin)
    html = client.get(f"/agency/staff/?agency={setup['council'].pk}").content.decode()
    assert "Councilworth" in html


def test_agency_staff_filters_by_overall_status(client, setup):
    coordinator, _ = staff_user(
        setup["police"], None, "coord", groups=["Training coordinators"]
    )
    done = f.StaffMemberFactory(
        agency=setup["police"], role_profile=setup["profile"], last_name="Complete"
    )
    f.StaffMemberFactory(
        agency=setup["police"], role_profile=setup["profile"], last_name="Untrained"
    )
    for c in setup["comps"]:
        f.CompetencyRecordFactory(staff=done, competency=c, level=2)
    client.force_login(coordinator)
    html = client.get("/agency/staff/?status=missing").content.decode()
    assert "Untrained" in html and "Complete" not in html
    html = client.get("/agency/staff/?status=met").content.decode()
    assert "Complete" in html and "Untrained" not in html


def populate(setup, n):
    people = f.StaffMemberFactory.create_batch(
        n, agency=setup["police"], role_profile=setup["profile"]
    )
    CompetencyRecord.objects.bulk_create(
        CompetencyRecord(
            staff=p,
            competency=setup["comps"][i % 3],
            level=2,
            achieved_on=datetime.date(2025, 1, 1),
            expires_on=datetime.date(2028, 1, 1),
            source="import",
        )
        for i, p in enumerate(people)
    )


@pytest.mark.parametrize("size", [5, 120])
def test_agency_staff_page_query_count_is_constant(
    client, setup, size, django_assert_max_num_queries
):
    coordinator, _ = staff_user(
        setup["police"], setup["profile"], "coord", groups=["Training coordinators"]
    )
    populate(setup, size)
    client.force_login(coordinator)
    # 19 once the compliance cache is current; bulk-created records leave it stale, and its
    # one refresh of everyone costs 5 more at any size; 2 more for the navigation's counts of
    # approvals and link requests waiting; 1 for the boards' compliance targets.
    with django_assert_max_num_queries(27):
        response = client.get("/agency/staff/")
    assert response.status_code == 200


@pytest.mark.parametrize("records", [1, 3])
def test_my_training_query_count_is_constant(
    client, setup, records, django_assert_max_num_queries
):
    user, member = staff_user(setup["police"], setup["profile"], "officer")
    for c in setup["comps"][:records]:
        f.CompetencyRecordFactory(staff=member, competency=c, level=2)
    client.force_login(user)
    # 10 of its own, one for the certificates the courses app adds, one for the sessions
    # delivering what is missing or expiring, one for the navigation's approvals count.
    with django_assert_max_num_queries(13):
        assert client.get("/my-training/").status_code == 200
