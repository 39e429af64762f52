"""QR self check-in at /sessions/<id>/check-in/: inside the window a booked attendee is marked
arrived (late after the start); anyone else is told what to do, never a 500
(courses/views/trainer.py, courses/services/attendance.py, courses.policy.check_in_open)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import policy
from courses.exceptions import BookingError
from courses.models import Booking, Session
from courses.services import check_in_self
from tests.courses.register_world import session_on_the_day, trainer_user
from tests.factories import staff_with_login

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def check_in(session):
    return reverse("courses:check_in", args=[session.pk])


def world(minutes_ago):
    session, bookings = session_on_the_day(
        trainer=trainer_user(), booked=1, minutes_ago=minutes_ago
    )
    return session, bookings[0]


def test_window_is_30_minutes_either_side_of_the_start():
    session, _booking = world(0)
    start = session.start
    assert not policy.check_in_open(session, start - 31 * MINUTE)
    assert policy.check_in_open(session, start - 30 * MINUTE)
    assert policy.check_in_open(session, start + 30 * MINUTE)
    assert not policy.check_in_open(session, start + 31 * MINUTE)
    session.status = Session.Status.COMPLETED
    assert not policy.check_in_open(session, start)


def test_a_booked_attendee_before_the_start_is_checked_in_on_time(client):
    session, booking = world(minutes_ago=-10)  # starts in ten minutes
    client.force_login(booking.staff.user)
    page = client.get(check_in(session)).content.decode()
    assert 'id="check-in-button"' in page
    response = client.post(check_in(session))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="checked-in"' in page and "after the start" not in page
    booking.refresh_from_db()
    assert booking.arrived_at is not None and booking.arrived_at <= session.start
    assert booking.attendance == ""  # the trainer still confirms the register


def test_after_the_start_the_attendee_is_checked_in_late_and_only_once(client):
    session, booking = world(minutes_ago=10)
    client.force_login(booking.staff.user)
    page = client.post(check_in(session)).content.decode()
    assert "You arrived after the start" in page
    booking.refresh_from_db()
    first = booking.arrived_at
    assert policy.arrived_late(booking, session)
    client.post(check_in(session))
    booking.refresh_from_db()
    assert booking.arrived_at == first


def test_outside_the_window_the_attendee_is_told_when_it_opens(client):
    session, booking = world(minutes_ago=-120)
    client.force_login(booking.staff.user)
    page = client.get(check_in(session)).content.decode()
    assert "Check-in is open on" in page and 'id="check-in-button"' not in page
    response = client.post(check_in(session))  # an old tab
    assert response.status_code == 400
    assert "Tell the trainer you are here" in response.content.decode()
    booking.refresh_from_db()
    assert booking.arrived_at is None


def test_someone_without_a_place_is_told_to_see_the_trainer(client):
    session, _booking = world(minutes_ago=5)
    for user in (staff_with_login().user, trainer_user("no.staff.record")):
        client.force_login(user)
        page = client.get(check_in(session)).content.decode()
        assert "You do not have a confirmed place" in page
        response = client.post(check_in(session))
        assert response.status_code == 400
        assert "they can add you to the register" in response.content.decode()
    assert not Booking.objects.filter(
        session=session, arrived_at__isnull=False
    ).exists()


def test_signed_out_scanners_sign_in_and_come_back(client):
    session, _booking = world(minutes_ago=5)
    response = client.get(check_in(session))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?next=/sessions/{session.pk}/check-in/")


def test_a_cancelled_or_unknown_session_never_500s(client):
    session, booking = world(minutes_ago=5)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    client.force_login(booking.staff.user)
    assert (
        "This session was cancelled" in client.get(check_in(session)).content.decode()
    )
    assert client.post(check_in(session)).status_code == 400
    assert client.get("/sessions/999999/check-in/").status_code == 404


def test_the_service_names_its_refusals():
    session, booking = world(minutes_ago=0)
    with pytest.raises(BookingError) as error:
        check_in_self(
            session=session, user=booking.staff.user, now=session.start + 31 * MINUTE
        )
    assert error.value.code == "CHECK_IN_CLOSED"
    opens = timezone.localtime(session.start - 30 * MINUTE).strftime("%H:%M")
    assert opens in str(error.value)
    with pytest.raises(BookingError) as error:
        check_in_self(session=session, user=staff_with_login().user)
    assert error.value.code == "CHECK_IN_NOT_BOOKED"
