"""The session page says, before anyone tries, why this person cannot book and what to do
instead; the Book button is offered only when booking would succeed. Each reason comes from
courses.policy.booking_refusal, the rule the booking service refuses with."""

import datetime

import pytest
from django.utils import timezone

from courses import policy
from courses.exceptions import BookingError
from courses.models import Session
from courses.services import booking_create
from tests.factories import (
    AgencyFactory,
    RoleProfileFactory,
    SessionFactory,
    UserFactory,
    module_page,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
BOOK = "Book a place"


def page(client, session):
    response = client.get(f"/sessions/{session.pk}/")
    assert response.status_code == 200
    return response.text


def reason(body):
    marker = 'data-reason="'
    return body.split(marker, 1)[1].split('"', 1)[0] if marker in body else None


def test_signed_out_is_told_to_sign_in(client, session):
    body = page(client, session)
    assert reason(body) == "SIGN_IN" and BOOK not in body
    assert "You cannot book because you are not signed in" in body
    assert "/accounts/register/" in body


def test_no_staff_record_offers_the_link_request(client, session):
    client.force_login(UserFactory())
    body = page(client, session)
    assert reason(body) == "NO_STAFF_RECORD" and BOOK not in body
    assert "/accounts/link-request/" in body


def test_a_bookable_session_offers_book_and_the_terms(client, session):
    staff = staff_with_login()
    client.force_login(staff.user)
    body = page(client, session)
    assert reason(body) is None and BOOK in body
    assert 'id="agency-places"' in body and "10 of the 10 places" in body
    assert "Not needed: a free place is confirmed straight away" in body
    assert "late cancellation" in body and "£" in body


@pytest.mark.parametrize(
    "change, code, words",
    [
        ({"status": Session.Status.CANCELLED}, "SESSION_CANCELLED", "been cancelled"),
        ({"status": Session.Status.COMPLETED}, "SESSION_NOT_OPEN", "this session is"),
        ({"start": -2}, "SESSION_STARTED", "already started"),
        ({"booking_opens_at": 5}, "WINDOW_NOT_OPEN", "booking opens on"),
        ({"booking_closes_at": -5}, "WINDOW_CLOSED", "booking closed on"),
    ],
)
def test_session_reasons(client, session, change, code, words):
    now = timezone.now()
    for field, value in change.items():
        if isinstance(value, int):
            value = now + value * HOUR
            if field == "start":
                session.end = value + 3 * HOUR
        setattr(session, field, value)
    session.save()
    client.force_login(staff_with_login().user)
    body = page(client, session)
    assert reason(body) == code and BOOK not in body
    assert "You cannot book" in body and words in body
    assert f"/sessions/?module={session.module_id}" in body  # another session


def test_staff_who_left(client, session):
    staff = staff_with_login(left_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(staff.user)
    body = page(client, session)
    assert reason(body) == "STAFF_LEFT" and "you have left" in body


def test_not_in_audience(client):
    profile, other = RoleProfileFactory(), RoleProfileFactory(name="Police officer")
    session = SessionFactory(module=module_page(audience=[other]))
    staff = staff_with_login(role_profile=profile)
    client.force_login(staff.user)
    body = page(client, session)
    assert reason(body) == "NOT_IN_AUDIENCE" and BOOK not in body
    assert "Police officer" in body and "Find sessions for your level" in body
    assert 'id="audience"' in body


def test_already_booked_shows_the_booking_not_book(client, session):
    staff = staff_with_login()
    booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(staff.user)
    body = page(client, session)
    assert 'id="my-booking"' in body and BOOK not in body
    assert policy.booking_refusal(session, staff).code == "ALREADY_BOOKED"


def test_clash_links_the_other_session(client, session):
    staff = staff_with_login()
    other = SessionFactory(start=session.start, end=session.end)
    booking_create(session=other, staff=staff, booked_by=staff.user)
    client.force_login(staff.user)
    body = page(client, session)
    assert reason(body) == "CLASH" and BOOK not in body
    assert other.get_absolute_url() in body


def test_no_approver(client, session):
    session.requires_manager_approval = True
    session.save()
    staff = staff_with_login()
    client.force_login(staff.user)
    body = page(client, session)
    assert reason(body) == "NO_APPROVER" and BOOK not in body


def test_approval_names_the_approver(client, session):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency, first_name="Mona", last_name="Manager")
    staff = staff_with_login(agency=agency, line_manager=manager)
    client.force_login(staff.user)
    body = page(client, session)
    assert BOOK in body and "needs approval from" in body
    assert manager.user.get_full_name() in body


def test_full_session_offers_the_waiting_list_only(client):
    session = SessionFactory(capacity=1)
    first = staff_with_login()
    booking_create(session=session, staff=first, booked_by=first.user)
    client.force_login(staff_with_login().user)
    body = page(client, session)
    assert BOOK not in body and "Join the waiting list" in body
    assert "the session is full" in body


def test_agency_cap_offers_the_waiting_list_only(client):
    session = SessionFactory(capacity=10, max_per_agency=1)
    agency = AgencyFactory()
    first = staff_with_login(agency=agency)
    booking_create(session=session, staff=first, booked_by=first.user)
    client.force_login(staff_with_login(agency=agency).user)
    body = page(client, session)
    assert BOOK not in body and "Join the waiting list" in body
    assert "your agency already holds as many places as one agency may (1)" in body


def test_the_service_refuses_with_the_same_code(session):
    staff = staff_with_login()
    session.status = Session.Status.CANCELLED
    session.save()
    assert policy.booking_refusal(session, staff).code == "SESSION_CANCELLED"
    with pytest.raises(BookingError) as excinfo:
        booking_create(session=session, staff=staff, booked_by=staff.user)
    assert excinfo.value.code == "SESSION_CANCELLED"


@pytest.mark.parametrize("size", [2, 12])
def test_session_page_costs_the_same_queries_at_any_size(
    client, size, django_assert_max_num_queries
):
    session = SessionFactory(capacity=40)
    for _ in range(size):
        person = staff_with_login()
        booking_create(session=session, staff=person, booked_by=person.user)
    client.force_login(staff_with_login().user)
    with django_assert_max_num_queries(20):
        assert client.get(f"/sessions/{session.pk}/").status_code == 200
