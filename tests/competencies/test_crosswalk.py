"""The crosswalk between frameworks: an equivalent record counts, a partial one does not."""

import pytest

from competencies.compliance import compliance_overall, staff_requirements
from competencies.models import CompetencyEquivalence, StaffMember
from tests.factories import (
    CompetencyFactory,
    CompetencyRecordFactory,
    FrameworkFactory,
    RequirementFactory,
    StaffMemberFactory,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_frameworks():
    """Children's framework competency CS1.1 is required at level 2; the person holds only
    the adult framework's SA1.1 at level 2."""
    adults, children = (
        FrameworkFactory(name="Adults"),
        FrameworkFactory(name="Children"),
    )
    sa = CompetencyFactory(code="SA1.1", domain__framework=adults)
    cs = CompetencyFactory(code="CS1.1", domain__framework=children)
    requirement = RequirementFactory(competency=cs, min_level=2)
    person = staff_with_login(role_profile=requirement.role_profile)
    CompetencyRecordFactory(staff=person, competency=sa, level=2)
    return {"sa": sa, "cs": cs, "person": person}


def _status(person):
    (row,) = staff_requirements(staff_member=person)
    return row


def test_an_equivalent_record_turns_missing_into_met(two_frameworks):
    person, sa, cs = (
        two_frameworks["person"],
        two_frameworks["sa"],
        two_frameworks["cs"],
    )
    assert _status(person).status == "missing"
    CompetencyEquivalence.objects.create(competency=sa, maps_to=cs, kind="equivalent")
    row = _status(person)
    assert row.status == "met"
    assert row.recognised_from_id == sa.pk
    # The cached partnership figures follow at once (the crosswalk signal refreshes them).
    summary = compliance_overall(staff=StaffMember.objects.all())
    assert summary.requirements.met == 1 and summary.requirements.missing == 0


def test_equivalence_works_either_way_round(two_frameworks):
    person, sa, cs = (
        two_frameworks["person"],
        two_frameworks["sa"],
        two_frameworks["cs"],
    )
    CompetencyEquivalence.objects.create(competency=cs, maps_to=sa, kind="equivalent")
    assert _status(person).status == "met"


def test_a_partial_overlap_does_not_count(two_frameworks):
    person, sa, cs = (
        two_frameworks["person"],
        two_frameworks["sa"],
        two_frameworks["cs"],
    )
    CompetencyEquivalence.objects.create(competency=sa, maps_to=cs, kind="partial")
    row = _status(person)
    assert row.status == "missing" and row.recognised_from_id is None
    assert compliance_overall(staff=StaffMember.objects.all()).requirements.missing == 1


def test_an_equivalent_record_below_the_level_does_not_count(two_frameworks):
    person, sa, cs = (
        two_frameworks["person"],
        two_frameworks["sa"],
        two_frameworks["cs"],
    )
    person.records.update(level=1)
    CompetencyEquivalence.objects.create(competency=sa, maps_to=cs, kind="equivalent")
    assert _status(person).status == "missing"


def test_my_training_says_where_it_was_recognised_from(client, two_frameworks):
    person, sa, cs = (
        two_frameworks["person"],
        two_frameworks["sa"],
        two_frameworks["cs"],
    )
    CompetencyEquivalence.objects.create(competency=sa, maps_to=cs, kind="equivalent")
    client.force_login(person.user)
    html = client.get("/my-training/").content.decode()
    assert "Recognised from SA1.1 (Adults)" in html


def test_someone_else_unaffected(two_frameworks):
    other = StaffMemberFactory(role_profile=two_frameworks["person"].role_profile)
    CompetencyEquivalence.objects.create(
        competency=two_frameworks["sa"], maps_to=two_frameworks["cs"], kind="equivalent"
    )
    assert _status(other).status == "missing"


def test_the_demo_frameworks_and_crosswalk_recognise_adult_records():
    from competencies.models import Competency
    from demo.frameworks.children_and_prevent import seed_more_frameworks

    adults = FrameworkFactory(name="Adults")
    for code in ["SA1.1", "SA1.2", "SA2.2", "SA4.1", "SA6.1", "SA6.2", "SA6.3"]:
        CompetencyFactory(code=code, domain__framework=adults)
    from tests.factories import AgencyFactory

    AgencyFactory(short_name="BCC", email_domains="bcc.example")
    first = seed_more_frameworks()
    assert first == {"frameworks": 2, "staff": 5}
    assert seed_more_frameworks()["staff"] == 0  # idempotent
    assert CompetencyEquivalence.objects.filter(kind="equivalent").count() == 3
    worker = StaffMember.objects.get(email="family.worker1@bcc.example")
    by_code = {
        Competency.objects.get(pk=r.competency_id).code: r
        for r in staff_requirements(staff_member=worker)
    }
    assert by_code["CS2.2"].status == "met"  # from SA4.1, equivalent
    assert by_code["CS1.1"].status == "missing"  # SA1.1 is only a partial overlap


def test_met_only_through_the_crosswalk_is_fully_compliant_in_every_figure(
    client, two_frameworks
):
    """Per requirement, the live summary, the cache and a past-date report (the live path
    over HTTP) all count the person whose only record is an equivalent one as compliant."""
    import csv
    import datetime
    import io

    from competencies.compliance import compliance_summary
    from competencies.compliance_cache import compliance_refresh
    from tests.factories import UserFactory

    person, sa, cs = (
        two_frameworks["person"],
        two_frameworks["sa"],
        two_frameworks["cs"],
    )
    CompetencyEquivalence.objects.create(competency=sa, maps_to=cs, kind="equivalent")
    assert _status(person).status == "met"

    everyone = StaffMember.objects.all()
    live = compliance_summary(staff=everyone, use_cache=False)[None]
    assert (live.people, live.people_compliant) == (1, 1)
    compliance_refresh(staff_ids=[person.pk])
    cached = compliance_summary(staff=everyone)[None]
    assert (cached.people, cached.people_compliant) == (1, 1)

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    response = client.get(
        "/reports/compliance-by-agency.csv", {"end": yesterday.isoformat()}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # Agency, staff, staff fully compliant, ...
    assert [r[1:3] for r in rows if r and r[0] == person.agency.name] == [["1", "1"]]


@pytest.mark.parametrize("use_cache", [True, False])
def test_the_bench_sql_baseline_agrees_on_a_person_met_through_the_crosswalk(
    two_frameworks, use_cache
):
    """bench/compliance.py holds the service to a hand-written SQL version of the rule."""
    from django.utils import timezone

    from bench.compliance import service_counts, sql_counts

    CompetencyEquivalence.objects.create(
        competency=two_frameworks["sa"], maps_to=two_frameworks["cs"], kind="equivalent"
    )
    expected = (1, 0, 0, 0, 1, 1)  # met, expiring, expired, missing, people, compliant
    assert sql_counts(as_of=timezone.localdate(), area_id=None) == expected
    assert (
        service_counts(staff=StaffMember.objects.all(), use_cache=use_cache) == expected
    )
