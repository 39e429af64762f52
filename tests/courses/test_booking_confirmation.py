"""After booking: a confirmation page that says what the booking came to and what happens
next, a calendar file, and no "success" for a place on the waiting list."""

import pytest
from django.core import mail

from courses.models import Booking
from courses.services import booking_create
from tests.factories import AgencyFactory, SessionFactory, staff_with_login

pytestmark = pytest.mark.django_db


def book(client, session, staff, capture=None):
    client.force_login(staff.user)
    if capture is not None:
        with capture(execute=True):
            response = client.post(f"/sessions/{session.pk}/book/")
    else:
        response = client.post(f"/sessions/{session.pk}/book/")
    booking = Booking.objects.get(session=session, staff=staff)
    assert response.status_code == 302
    assert response["Location"] == f"/bookings/{booking.pk}/done/"
    return booking, client.get(response["Location"])


def test_confirmed_booking_has_the_panel_and_a_calendar_file(client, session):
    staff = staff_with_login()
    booking, response = book(client, session, staff)
    body = response.text
    assert booking.status == "confirmed"
    assert "govuk-panel--confirmation" in body and "Booking confirmed" in body
    assert "What happens next" in body
    assert f"/bookings/{booking.pk}/calendar.ics" in body
    ics = client.get(f"/bookings/{booking.pk}/calendar.ics")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    assert session.module.title.encode() in ics.content


def test_waitlisting_says_so_with_the_position_and_no_success(client):
    session = SessionFactory(capacity=1)
    first = staff_with_login()
    booking_create(session=session, staff=first, booked_by=first.user)
    second = staff_with_login()
    booking_create(session=session, staff=second, booked_by=second.user)
    third = staff_with_login()
    booking, response = book(client, session, third)
    body = response.text
    assert booking.status == "waitlisted"
    assert "You are on the waiting list" in body and "Number 2 in the queue" in body
    assert "govuk-panel--confirmation" not in body
    main = body.split('id="main-content"', 1)[1]
    assert "Success" not in main and "Booking confirmed" not in main
    assert "hold it for 48 hours" in body


def test_pending_approval_names_approver_and_deadline(
    client, session, django_capture_on_commit_callbacks
):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    mail.outbox.clear()
    booking, response = book(client, session, staff, django_capture_on_commit_callbacks)
    body = response.text
    assert booking.status == "pending_approval"
    assert manager.user.get_full_name() in body and 'id="approvers"' in body
    assert "govuk-panel--confirmation" not in body
    [message] = [m for m in mail.outbox if manager.user.email in m.to]
    assert "line manager" in message.body and "Please answer by" in message.body


def test_without_a_line_manager_the_request_says_so(
    client, session, django_capture_on_commit_callbacks
):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"])
    staff = staff_with_login(agency=agency)
    mail.outbox.clear()
    booking, response = book(client, session, staff, django_capture_on_commit_callbacks)
    assert "No line manager is recorded for you" in response.text
    [message] = [m for m in mail.outbox if coordinator.user.email in m.to]
    assert "has no line manager recorded" in message.body


def test_someone_elses_confirmation_and_calendar_are_404(client, session):
    staff = staff_with_login()
    booking = booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(staff_with_login().user)
    assert client.get(f"/bookings/{booking.pk}/done/").status_code == 404
    assert client.get(f"/bookings/{booking.pk}/calendar.ics").status_code == 404


def test_signed_out_is_sent_to_sign_in(client, session):
    staff = staff_with_login()
    booking = booking_create(session=session, staff=staff, booked_by=staff.user)
    response = client.get(f"/bookings/{booking.pk}/done/")
    assert response.status_code == 302 and "/login" in response["Location"]
