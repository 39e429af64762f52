"""/sessions/<id>/book-staff/: a coordinator finds people by name, email or reference (server-side,
so it scales to thousands) and books several at once, each through the booking service, each
outcome reported."""

import pytest

from courses.models import Booking
from courses.services import booking_create
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    trust = f.AgencyFactory(short_name="NHS", name="Black Country Trust")
    police = f.AgencyFactory(short_name="POL", name="Police")
    coordinator = f.coordinator_for(trust)
    jade1 = f.StaffMemberFactory(
        agency=trust,
        first_name="Jade",
        last_name="Singh",
        employee_ref="N100",
        job_title="Staff nurse",
        email="jade.singh@nhs.example",
    )
    jade2 = f.StaffMemberFactory(
        agency=trust,
        first_name="Jade",
        last_name="Singh",
        employee_ref="N200",
        job_title="Ward clerk",
        email="jade.singh2@nhs.example",
    )
    amos = f.StaffMemberFactory(agency=trust, first_name="Amos", last_name="Abbott")
    cara = f.StaffMemberFactory(agency=trust, first_name="Cara", last_name="Cole")
    outsider = f.StaffMemberFactory(agency=police, first_name="Jade", last_name="Other")
    session = f.SessionFactory(capacity=2, max_per_agency=2)
    return locals()


def url(world):
    return f"/sessions/{world['session'].pk}/book-staff/"


def test_search_tells_two_people_of_the_same_name_apart(client, world):
    client.force_login(world["coordinator"])
    response = client.get(url(world), {"q": "jade singh"})
    assert response.status_code == 200
    assert {p.pk for p in response.context["people"]} == {
        world["jade1"].pk,
        world["jade2"].pk,
    }
    html = response.content.decode()
    for shown in (
        "N100",
        "Staff nurse",
        "jade.singh@nhs.example",
        "N200",
        "Ward clerk",
    ):
        assert shown in html
    assert "Other" not in html  # another agency's Jade


def test_typing_fetches_only_the_results(client, world):
    client.force_login(world["coordinator"])
    response = client.get(url(world), {"q": "N200", "partial": "1"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="chooser-results"')
    assert "<html" not in html and "N200" in html and "N100" not in html


def test_books_several_people_and_reports_each_outcome(client, world):
    booking_create(
        session=world["session"], staff=world["cara"], booked_by=world["coordinator"]
    )
    client.force_login(world["coordinator"])
    response = client.post(
        url(world),
        {"staff": [world["amos"].pk, world["jade1"].pk, world["cara"].pk]},
    )
    assert response.status_code == 200
    outcomes = {r["staff"].pk: r["outcome"] for r in response.context["results"]}
    # Amos takes the last place; Jade (after him by name) joins the waiting list; Cara
    # is already booked, refused with the reason.
    assert outcomes == {
        world["amos"].pk: "booked",
        world["jade1"].pk: "waitlisted",
        world["cara"].pk: "refused",
    }
    html = response.content.decode()
    assert "already has a place" in html
    statuses = dict(
        Booking.objects.filter(session=world["session"]).values_list(
            "staff__last_name", "status"
        )
    )
    assert statuses == {
        "Abbott": "confirmed",
        "Singh": "waitlisted",
        "Cole": "confirmed",
    }


def test_another_agencys_person_cannot_be_booked(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        url(world), {"staff": [world["amos"].pk, world["outsider"].pk]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "govuk-error-summary" in response.content.decode()
    assert not Booking.objects.exists()


def test_nothing_selected_is_an_error_not_a_500(client, world):
    client.force_login(world["coordinator"])
    for data in ({}, {"staff": "x"}, {"staff": "-1"}):
        response = client.post(url(world), data)
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()


def test_only_coordinators_and_administrators(client, world):
    assert client.get(url(world)).status_code == 302
    client.force_login(f.staff_with_login(agency=world["trust"], groups=["Staff"]).user)
    assert client.get(url(world)).status_code == 403
    assert client.post(url(world), {"staff": world["amos"].pk}).status_code == 403
    assert not Booking.objects.exists()
    client.force_login(world["coordinator"])
    assert client.get("/sessions/999999/book-staff/").status_code == 404


def test_session_page_links_to_the_chooser(client, world):
    client.force_login(world["coordinator"])
    html = client.get(f"/sessions/{world['session'].pk}/").content.decode()
    assert f'href="{url(world)}"' in html


@pytest.mark.parametrize("size", [5, 60])
def test_search_page_query_count_is_constant(
    client, world, size, django_assert_max_num_queries
):
    f.StaffMemberFactory.create_batch(size, agency=world["trust"], last_name="Bulk")
    client.force_login(world["coordinator"])
    # 10, and up to 2 for the navigation's counts of things waiting for a coordinator.
    with django_assert_max_num_queries(12):
        response = client.get(url(world), {"q": "bulk"})
    assert len(response.context["people"]) == min(size, 25)
