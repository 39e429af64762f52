"""Cancelling asks first, warns of a late cancellation's charge, keeps the cancelled booking
on My training, and makes a coordinator acting for their staff say why."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import Booking
from courses.services import booking_create
from tests.factories import AgencyFactory, SessionFactory, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked(session):
    staff = staff_with_login()
    return booking_create(session=session, staff=staff, booked_by=staff.user)


def test_cancel_asks_first_and_get_changes_nothing(client, booked):
    client.force_login(booked.staff.user)
    response = client.get(f"/bookings/{booked.pk}/cancel/")
    assert response.status_code == 200
    assert "Cancel your booking?" in response.text
    assert "Yes, cancel the booking" in response.text
    assert 'id="late-warning"' not in response.text
    assert 'name="note"' not in response.text  # your own booking: no reason asked
    booked.refresh_from_db()
    assert booked.status == "confirmed"


def test_cancelled_booking_stays_visible_under_past_and_cancelled(client, booked):
    client.force_login(booked.staff.user)
    response = client.post(f"/bookings/{booked.pk}/cancel/")
    assert response.status_code == 302 and response["Location"] == "/my-training/"
    booked.refresh_from_db()
    assert booked.status == "cancelled"
    body = client.get("/my-training/").text
    past = body.split('id="past-bookings"', 1)[1]
    assert booked.session.module.title in past
    assert "Cancelled by the staff member" in past


def test_late_cancellation_is_warned_with_the_charge(client):
    start = timezone.now() + datetime.timedelta(days=1)
    session = SessionFactory(start=start, end=start + datetime.timedelta(hours=3))
    staff = staff_with_login()
    booking = booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(staff.user)
    body = client.get(f"/bookings/{booking.pk}/cancel/").text
    assert 'id="late-warning"' in body and "late cancellation" in body
    assert "£25.00" in body  # a 3-hour session: the half-day amount
    client.post(f"/bookings/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.late_cancellation


def test_waitlisted_leaves_the_queue(client):
    session = SessionFactory(capacity=1)
    first, second = staff_with_login(), staff_with_login()
    booking_create(session=session, staff=first, booked_by=first.user)
    waiting = booking_create(session=session, staff=second, booked_by=second.user)
    client.force_login(second.user)
    assert (
        "Leave the waiting list?" in client.get(f"/bookings/{waiting.pk}/cancel/").text
    )


def test_coordinator_gives_a_reason_which_is_kept_and_sent(
    client, booked, django_capture_on_commit_callbacks
):
    coordinator = staff_with_login(
        agency=booked.staff.agency, groups=["Training coordinators"]
    ).user
    client.force_login(coordinator)
    url = f"/bookings/{booked.pk}/cancel/"
    body = client.get(url).text
    assert "Cancel " in body and 'name="note"' in body
    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "Enter why you are cancelling this booking" in response.text
    booked.refresh_from_db()
    assert booked.status == "confirmed"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"note": "Needed on shift", "next": "/agency/staff/"}
        )
    assert response.status_code == 302 and response["Location"] == "/agency/staff/"
    booked.refresh_from_db()
    assert booked.status == "cancelled" and booked.cancel_note == "Needed on shift"
    assert booked.cancel_reason == Booking.CancelReason.BY_COORDINATOR
    [message] = [m for m in mail.outbox if booked.staff.email in m.to]
    assert "Needed on shift" in message.body


def test_another_agencys_coordinator_gets_404(client, booked):
    other = staff_with_login(agency=AgencyFactory(), groups=["Training coordinators"])
    client.force_login(other.user)
    assert client.get(f"/bookings/{booked.pk}/cancel/").status_code == 404
    assert (
        client.post(f"/bookings/{booked.pk}/cancel/", {"note": "x"}).status_code == 404
    )


def test_an_offsite_next_is_ignored(client, booked):
    client.force_login(booked.staff.user)
    response = client.post(
        f"/bookings/{booked.pk}/cancel/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/my-training/"
