"""Cross-overs: modules serving several frameworks, ranked by how many one session serves."""

import pytest

from competencies.models import CompetencyEquivalence, RoleProfile, StaffMember
from courses.crossovers import crossovers
from tests.exports import csv_rows, workbook
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
    with django_assert_max_num_queries(24):
        assert client.get("/cross-overs.csv").status_code == 200


@pytest.fixture
def two_with_a_gap():
    """Adults' SA1.1 is equivalent to children's CS1.1; module "Joint" delivers SA1.1 at 2.

    Two people have a gap the cross-over covers: fw1 needs CS1.1, lead needs both SA1.1 and
    CS1.1 (one person, counted once). ok needs CS1.1 and holds SA1.1 (no gap).
    """
    from tests.factories import CompetencyRecordFactory, RoleProfileFactory

    adults, children = (
        FrameworkFactory(name="Adults"),
        FrameworkFactory(name="Children"),
    )
    sa = CompetencyFactory(code="SA1.1", domain__framework=adults)
    cs = CompetencyFactory(code="CS1.1", domain__framework=children)
    CompetencyEquivalence.objects.create(competency=sa, maps_to=cs, kind="equivalent")
    module_page(title="Joint", level=2, delivers=[(sa, 2)])
    worker = RequirementFactory(competency=cs, min_level=2).role_profile
    lead = RoleProfileFactory(framework=children)
    RequirementFactory(role_profile=lead, competency=sa, min_level=2)
    RequirementFactory(role_profile=lead, competency=cs, min_level=2)
    StaffMemberFactory(first_name="fw1", role_profile=worker)
    StaffMemberFactory(first_name="lead", role_profile=lead)
    ok = StaffMemberFactory(first_name="ok", role_profile=worker)
    CompetencyRecordFactory(staff=ok, competency=sa, level=2)


def test_people_with_a_gap_reach_the_page_and_the_export(client, two_with_a_gap):
    client.force_login(UserFactory(groups=["Trainers"]))
    html = client.get("/cross-overs/").content.decode()
    table = html.split('id="crossover-competencies"')[1].split("</table>")[0]
    cells = [c.strip() for c in table.split('govuk-table__cell--numeric">')[1:]]
    assert [c.split("<")[0] for c in cells] == ["2"]

    response = client.get("/cross-overs.csv")
    assert response.status_code == 200
    rows = csv_rows(response)
    header = next(i for i, r in enumerate(rows) if "People with a gap in either" in r)
    column = rows[header].index("People with a gap in either")
    # Two columns are called "Framework" (each side's): the first is the competency's own.
    first = rows[header + 1]
    assert first[0] == "SA1.1"
    assert first[rows[header].index("Framework")] == "Adults"
    assert rows[header + 1][column] == "2"
    modules = next(i for i, r in enumerate(rows) if "People needing" in r)
    assert rows[modules + 1][0] == "Joint"
    assert rows[modules + 1][rows[modules].index("People needing")] == "2"
    xlsx = client.get("/cross-overs.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # A sheet per table, named after it, and what the file is on "About".
    book = workbook(xlsx)
    assert book.sheetnames == [
        "Modules for several frameworks",
        "Shared competencies",
        "About",
    ]
    shared = book["Shared competencies"]
    assert shared.freeze_panes == "A2" and shared["A1"].value == "Competency"


def test_modules_sharing_a_title_are_kept_apart():
    """Two live modules called "Joint": level 2 answers CS1.1 (two people need it), level 3
    answers CS2.1 (one person). Each keeps its own figure."""
    adults, children = (
        FrameworkFactory(name="Adults"),
        FrameworkFactory(name="Children"),
    )
    sa1 = CompetencyFactory(code="SA1.1", domain__framework=adults)
    sa2 = CompetencyFactory(code="SA2.1", domain__framework=adults)
    cs1 = CompetencyFactory(code="CS1.1", domain__framework=children)
    cs2 = CompetencyFactory(code="CS2.1", domain__framework=children)
    for a, b in ((sa1, cs1), (sa2, cs2)):
        CompetencyEquivalence.objects.create(competency=a, maps_to=b, kind="equivalent")
    module_page(title="Joint", level=2, delivers=[(sa1, 2)])
    module_page(title="Joint", level=3, delivers=[(sa2, 3)])
    for n, (competency, level) in enumerate(((cs1, 2), (cs1, 2), (cs2, 3))):
        profile = RequirementFactory(
            competency=competency, min_level=level
        ).role_profile
        StaffMemberFactory(first_name=f"p{n}", role_profile=profile)

    ranked, _shared = crossovers(staff=StaffMember.objects.all())
    assert [(c.module, c.level, c.needing) for c in ranked] == [
        ("Joint", 2, 2),
        ("Joint", 3, 1),
    ]
