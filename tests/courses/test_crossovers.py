"""Cross-overs: modules serving several frameworks, ranked by how many one session serves."""

import pytest

from competencies.models import CompetencyEquivalence, RoleProfile, StaffMember
from courses.crossovers import crossovers
from tests.factories import (
    CompetencyFactory,
    FrameworkFactory,
    RequirementFactory,
    StaffMemberFactory,
    UserFactory,
    demand_partnership,
    module_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    """The demand fixture (Basics delivers A.1, Advanced delivers A.1 and B.1, one framework)
    plus a children's framework whose CS2.2 is equivalent to A.1 and CS3.2 overlaps B.1, and
    two family workers needing CS2.2."""
    from django.utils import timezone

    fixture = demand_partnership(today=timezone.localdate())
    a = fixture["basics"].delivered_competencies.get().competency
    b = (
        fixture["advanced"]
        .delivered_competencies.exclude(competency=a)
        .get()
        .competency
    )
    children = FrameworkFactory(name="Children")
    cs22 = CompetencyFactory(code="CS2.2", domain__framework=children)
    cs32 = CompetencyFactory(code="CS3.2", domain__framework=children)
    CompetencyEquivalence.objects.create(competency=a, maps_to=cs22, kind="equivalent")
    CompetencyEquivalence.objects.create(competency=b, maps_to=cs32, kind="partial")
    profile = RequirementFactory(competency=cs22, min_level=2).role_profile
    for n in range(2):
        worker = StaffMemberFactory(first_name=f"fw{n}", role_profile=profile)
        worker.areas.set([fixture["south"]])
    module_page(title="Adults only", delivers=[(CompetencyFactory(), 2)])
    return fixture


def test_modules_serving_several_frameworks_ranked_by_one_session(partnership):
    ranked, shared = crossovers(staff=StaffMember.objects.all())
    assert [c.module for c in ranked] == [
        "Basics",
        "Advanced",
    ]  # "Adults only" serves one
    basics, advanced = ranked
    # Basics: p1 p2 p4 p5 p7 need A.1 (p4 booked, so 4) + the two family workers = 6.
    assert (basics.needing, basics.capacity, basics.one_session_serves) == (6, 20, 6)
    assert basics.mappings == ["A.1 = CS2.2"]
    assert len(basics.frameworks) == 2
    assert advanced.mappings == ["A.1 = CS2.2", "B.1 ≈ CS3.2"]
    assert {s.maps_to for s in shared} == {"CS2.2", "CS3.2"}


def test_the_page_is_for_planners_with_constant_queries(
    client, partnership, django_assert_max_num_queries
):
    client.force_login(StaffMemberFactory().user or UserFactory())
    assert client.get("/cross-overs/").status_code == 403
    client.force_login(UserFactory(groups=["Trainers"]))
    with django_assert_max_num_queries(24):
        html = client.get("/cross-overs/").content.decode()
    assert "A.1 = CS2.2" in html
    profile = RoleProfile.objects.get(requirements__competency__code="CS2.2")
    for n in range(30):
        StaffMemberFactory(first_name=f"more{n}", role_profile=profile)
    with django_assert_max_num_queries(24):
        client.get("/cross-overs/")
