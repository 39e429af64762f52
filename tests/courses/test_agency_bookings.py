"""/agency/bookings/: every booking of the coordinator's agency (nobody else's), filtered by
session, status and person; acting on them (cancel, accept or decline an offer) for staff
without an account; approvals waiting; the same queries at any size."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Booking
from courses.services import booking_create
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    trust = f.AgencyFactory(short_name="NHS", name="Black Country Trust")
    police = f.AgencyFactory(short_name="POL", name="Police")
    coordinator = f.coordinator_for(trust)
    ours = [
        f.StaffMemberFactory(agency=trust, first_name="Jade", last_name="Singh"),
        f.StaffMemberFactory(agency=trust, first_name="Amos", last_name="Abbott"),
    ]
    theirs = f.StaffMemberFactory(agency=police, first_name="Pat", last_name="Police")
    first = f.SessionFactory(module=f.module_page(title="Making enquiries"))
    second = f.SessionFactory(
        module=f.module_page(title="Mental capacity"),
        start=timezone.now() + datetime.timedelta(days=80),
    )
    for person in ours:
        booking_create(session=first, staff=person, booked_by=coordinator)
    booking_create(session=second, staff=ours[0], booked_by=coordinator)
    other = booking_create(
        session=first, staff=theirs, booked_by=f.coordinator_for(police)
    )
    return locals()


def listed(response):
    return {
        (b.staff.last_name, b.session.module.title)
        for b in response.context["bookings"]
    }


def test_lists_only_the_agencys_bookings(client, world):
    client.force_login(world["coordinator"])
    response = client.get("/agency/bookings/")
    assert response.status_code == 200
    assert listed(response) == {
        ("Singh", "Making enquiries"),
        ("Abbott", "Making enquiries"),
        ("Singh", "Mental capacity"),
    }
    assert "Police" not in response.content.decode()


def test_filters_by_session_status_and_person(client, world):
    client.force_login(world["coordinator"])
    by_session = client.get("/agency/bookings/", {"session": world["second"].pk})
    assert listed(by_session) == {("Singh", "Mental capacity")}
    by_person = client.get("/agency/bookings/", {"q": "amos"})
    assert listed(by_person) == {("Abbott", "Making enquiries")}
    assert listed(client.get("/agency/bookings/", {"status": "cancelled"})) == set()
    # A session shared with another agency shows only this agency's people on it.
    response = client.get("/agency/bookings/", {"session": world["first"].pk})
    assert listed(response) == {
        ("Singh", "Making enquiries"),
        ("Abbott", "Making enquiries"),
    }


def test_cancel_on_their_behalf_records_the_coordinator(client, world):
    client.force_login(world["coordinator"])
    booking = Booking.objects.get(staff=world["ours"][1])
    html = client.get("/agency/bookings/").content.decode()
    assert f"/bookings/{booking.pk}/cancel/?next=" in html
    response = client.post(
        f"/bookings/{booking.pk}/cancel/",
        {"next": "/agency/bookings/", "note": "Off sick that week"},
    )
    assert response.status_code == 302 and response["Location"] == "/agency/bookings/"
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert booking.cancel_reason == Booking.CancelReason.BY_COORDINATOR
    assert booking.cancelled_by == world["coordinator"]
    cancelled = client.get("/agency/bookings/", {"status": "cancelled"})
    assert listed(cancelled) == {("Abbott", "Making enquiries")}


def test_accept_an_offer_for_someone_without_an_account(client, world):
    person = world["ours"][1]
    assert person.user_id is None
    booking = Booking.objects.get(staff=person)
    booking.status = Booking.Status.OFFERED
    booking.offer_expires_at = timezone.now() + datetime.timedelta(hours=40)
    booking.save()
    client.force_login(world["coordinator"])
    html = client.get("/agency/bookings/").content.decode()
    assert f'action="/bookings/{booking.pk}/accept/"' in html
    assert "no sign-in" in html
    client.post(f"/bookings/{booking.pk}/accept/", {"next": "/agency/bookings/"})
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_cannot_act_on_another_agencys_booking(client, world):
    client.force_login(world["coordinator"])
    other = world["other"]
    assert client.post(f"/bookings/{other.pk}/cancel/").status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_approvals_waiting_are_counted_and_linked(client, world):
    trust = world["trust"]
    trust.requires_manager_approval = True
    trust.save()
    person = f.staff_with_login(agency=trust, last_name="Waiting")
    session = f.SessionFactory()
    booking = booking_create(session=session, staff=person, booked_by=person.user)
    assert booking.status == "pending_approval"
    client.force_login(world["coordinator"])
    response = client.get("/agency/bookings/")
    assert response.context["approvals_waiting"] == 1
    assert 'href="/approvals/"' in response.content.decode()


@pytest.mark.parametrize("groups", [["Staff"], ["Trainers"], ["Board chairs"]])
def test_other_roles_are_refused(client, world, groups):
    client.force_login(f.UserFactory(groups=groups))
    assert client.get("/agency/bookings/").status_code == 403


@pytest.mark.parametrize("size", [3, 40])
def test_query_count_is_constant(client, world, size, django_assert_max_num_queries):
    sessions = [f.SessionFactory() for _ in range(3)]
    people = f.StaffMemberFactory.create_batch(size, agency=world["trust"])
    Booking.objects.bulk_create(
        Booking(
            session=sessions[i % 3],
            staff=p,
            status="offered" if i % 4 == 0 else "confirmed",
            offer_expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        for i, p in enumerate(people)
    )
    client.force_login(world["coordinator"])
    # 12, and up to 2 for the navigation's counts of things waiting for a coordinator.
    with django_assert_max_num_queries(14):
        response = client.get("/agency/bookings/")
    assert response.status_code == 200
    assert len(response.context["bookings"]) == min(size + 3, 50)
