"""Training demand (courses/demand.py) and the /planning/ page, on a hand-counted fixture."""

import datetime
import io

import pytest
from django.utils import timezone

from courses.demand import training_demand
from tests.exports import csv_rows as read_csv
from tests.factories import (
    BoardFactory,
    StaffMemberFactory,
    UserFactory,
    demand_partnership,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()  # the page counts as at today


def _days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def fixture():
    return demand_partnership(today=TODAY)


def _rows(demand):
    return {
        (r.area, r.module): (
            r.missing_now,
            r.expiring,
            r.booked,
            r.to_train,
            r.sessions_needed,
        )
        for r in demand.by_module
    }


def test_demand_counts_gaps_once_per_module_less_those_booked(fixture):
    demand = training_demand(months=12, today=TODAY)
    assert _rows(demand) == {
        ("North", "Basics"): (2, 2, 1, 3, 1),
        ("North", "Advanced"): (3, 0, 0, 3, 1),
        ("South", "Basics"): (1, 0, 0, 1, 1),
        ("South", "Advanced"): (1, 0, 0, 1, 1),
    }
    assert demand.total_to_train == 8
    assert demand.total_sessions == 4


def test_a_shorter_horizon_drops_what_expires_after_it(fixture):
    rows = _rows(training_demand(months=6, today=TODAY))
    assert rows[("North", "Basics")] == (2, 1, 1, 2, 1)


def test_area_and_module_filters(fixture):
    rows = _rows(
        training_demand(
            months=12,
            today=TODAY,
            area_ids={fixture["south"].pk},
            module_id=fixture["basics"].pk,
        )
    )
    assert rows == {("South", "Basics"): (1, 0, 0, 1, 1)}


def test_the_mix_rule_sets_the_number_of_sessions(fixture, settings):
    """24 more Police people in South need Basics: 25 to train at 20 places is 2 sessions,
    but at most 10 places per agency (50 %) need 3 sessions for Police's 24."""
    from competencies.models import Agency, RoleProfile

    profile = RoleProfile.objects.get()
    police = Agency.objects.get(name="Police")
    for n in range(24):
        staff = StaffMemberFactory(
            agency=police, role_profile=profile, first_name=f"x{n}"
        )
        staff.areas.set([fixture["south"]])
    row = next(
        r
        for r in training_demand(months=12, today=TODAY).by_module
        if (r.area, r.module) == ("South", "Basics")
    )
    assert (row.to_train, row.capacity, row.largest_agency, row.sessions_needed) == (
        25,
        20,
        24,
        3,
    )


def test_planning_page_and_exports_for_trainers_only(client, fixture):
    trainer = UserFactory(groups=["Trainers"])
    client.force_login(staff_with_login().user)
    assert client.get("/planning/").status_code == 403
    client.force_login(trainer)
    page = client.get("/planning/", {"area": fixture["north"].pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Basics" in html and "South" not in html.split('id="demand-by-module"')[1]
    response = client.get("/planning.csv", {"area": fixture["north"].pk, "months": 12})
    rows = read_csv(response)
    header = rows.index(
        [
            "Area",
            "Module",
            "Level",
            "Missing now",
            "Expiring within horizon",
            "Already booked",
            "Still to train",
            "Usual places",
            "Sessions needed",
        ]
    )
    assert rows[header + 1][:7] == ["North", "Advanced", "3", "3", "0", "0", "3"]
    assert rows[header + 2][:7] == ["North", "Basics", "2", "2", "2", "1", "3"]
    assert rows[header + 3][0] == "Total"
    assert header == 0  # the header is line 1; ?about=1 puts what it is above it
    about = read_csv(client.get("/planning.csv", {"months": 12, "about": "1"}))
    assert about[0][0].startswith("Training demand to ")
    xlsx = client.get("/planning.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_bad_filters_re_render_with_an_error_summary(client, fixture):
    client.force_login(UserFactory(groups=["Trainers"]))
    response = client.get("/planning/", {"months": "7", "area": "north", "module": "x"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_board_chair_plans_for_their_own_area(client, fixture):
    chair = UserFactory(groups=["Board chairs"])
    board = BoardFactory(area=fixture["south"])
    board.chairs.add(chair)
    client.force_login(chair)
    html = client.get("/planning/").content.decode()
    table = html.split('id="demand-by-module"')[1].split("</table>")[0]
    assert "South" in table and "North" not in table


@pytest.mark.parametrize("extra", [0, 40])
def test_planning_queries_do_not_grow_with_staff(
    client, fixture, extra, django_assert_max_num_queries
):
    from competencies.models import RoleProfile

    profile = RoleProfile.objects.get()
    for n in range(extra):
        staff = StaffMemberFactory(role_profile=profile, first_name=f"y{n}")
        staff.areas.set([fixture["north"]])
    client.force_login(UserFactory(groups=["Trainers"]))
    # 1 more: the crosswalk; 1 more: the navigation's approvals count
    with django_assert_max_num_queries(22):
        assert client.get("/planning/").status_code == 200


def test_the_board_paper_carries_the_demand_for_the_chairs_area(client, fixture):
    from pypdf import PdfReader

    chair = UserFactory(groups=["Board chairs"])
    BoardFactory(area=fixture["south"]).chairs.add(chair)
    client.force_login(chair)
    response = client.get("/reports/board-paper.pdf")
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Training demand, next 12 months" in text
    assert "South Basics 2 1 0 0 1" in text  # area, module, level, missing, expiring...
    assert "North Basics" not in text


def test_a_module_answers_a_gap_the_crosswalk_makes_equivalent(fixture):
    """A children's requirement CS2.2 is answered by Basics, which delivers the adult A.1
    that the crosswalk makes equivalent to it."""
    from competencies.models import CompetencyEquivalence
    from tests.factories import CompetencyFactory, RequirementFactory

    a = fixture["basics"].delivered_competencies.get().competency
    cs = CompetencyFactory(code="CS2.2")
    CompetencyEquivalence.objects.create(competency=a, maps_to=cs, kind="equivalent")
    child_profile = RequirementFactory(competency=cs, min_level=2).role_profile
    worker = StaffMemberFactory(first_name="w", role_profile=child_profile)
    worker.areas.set([fixture["south"]])
    rows = _rows(training_demand(months=12, today=TODAY))
    assert rows[("South", "Basics")] == (2, 0, 0, 2, 1)  # p5 and the worker
