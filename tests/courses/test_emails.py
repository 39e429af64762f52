"""Emails the booking rules send (as tasks, run at once by the ImmediateBackend in tests):
recipients, subjects and a parseable calendar invitation (fields: test_calendar_messages)."""

import pytest
from django.core import mail

from courses.emails import approval_token_read
from courses.services import booking_cancel, booking_create, session_cancel
from tests.courses.mail_parts import calendar_part, has_calendar
from tests.factories import AgencyFactory, staff_with_login

pytestmark = pytest.mark.django_db


def test_confirmation_goes_to_the_staff_member_with_an_ics(
    session, now, django_capture_on_commit_callbacks
):
    staff = staff_with_login()
    with django_capture_on_commit_callbacks(execute=True):
        booking_create(session=session, staff=staff, booked_by=staff.user, now=now)
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert message.cc == []
    assert message.subject.startswith(
        f"Your place is confirmed: {session.module.title}"
    )
    method, event, _ = calendar_part(message)
    assert method == "REQUEST"
    assert event.decoded("dtstart") == session.start
    assert event.decoded("dtend") == session.end
    assert str(event["summary"]) == session.module.title
    assert "Council House, Coventry" in str(event["location"])
    assert str(event["uid"]) == f"session-{session.pk}-staff-{staff.pk}@wmsap.example"


def test_coordinator_booking_sends_the_coordinator_a_copy(
    session, now, django_capture_on_commit_callbacks
):
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"]).user
    staff = staff_with_login(agency=agency)
    with django_capture_on_commit_callbacks(execute=True):
        booking_create(session=session, staff=staff, booked_by=coordinator, now=now)
    to_staff, copy = mail.outbox
    assert to_staff.to == [staff.email] and copy.to == [coordinator.email]
    assert copy.subject == to_staff.subject and not copy.cc
    assert has_calendar(to_staff) and not has_calendar(copy)


def test_waitlisted_then_offered_emails(
    session, now, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    first, second = staff_with_login(), staff_with_login()
    with django_capture_on_commit_callbacks(execute=True):
        b1 = booking_create(session=session, staff=first, booked_by=first.user, now=now)
        booking_create(session=session, staff=second, booked_by=second.user, now=now)
    assert mail.outbox[1].to == [second.email]
    assert mail.outbox[1].subject.startswith("You are on the waiting list")
    assert not has_calendar(mail.outbox[1])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=b1, by=first.user, now=now)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[first.email].startswith("Booking cancelled")
    assert subjects[second.email].startswith("A place is free for you")
    offered = next(m for m in mail.outbox if m.to == [second.email])
    assert "3 March 2027 09:00" in offered.body  # held 48 hours from the cancellation


def test_approval_request_goes_to_the_line_manager_with_a_signed_link(
    session, now, django_capture_on_commit_callbacks
):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(
            session=session, staff=staff, booked_by=staff.user, now=now
        )
    (message,) = mail.outbox
    assert message.to == [manager.user.email]
    assert message.subject.startswith(f"Approval needed: {staff.full_name}")
    link = next(
        line for line in message.body.splitlines() if "/approvals/link/" in line
    )
    token = link.strip().rstrip("/").rsplit("/", 1)[-1]
    assert approval_token_read(token) == {"b": booking.pk, "u": manager.user.pk}


def test_session_cancelled_tells_everyone_booked(
    session, now, trainer, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    people = [staff_with_login(), staff_with_login()]
    for person in people:
        booking_create(session=session, staff=person, booked_by=person.user, now=now)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=session, by=trainer, now=now)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(m.subject.startswith("Session cancelled") for m in mail.outbox)
    confirmed_mail = next(m for m in mail.outbox if m.to == [people[0].email])
    _, event, _ = calendar_part(confirmed_mail)
    assert str(event["status"]) == "CANCELLED"


def test_online_link_only_goes_to_confirmed_places(
    session, now, django_capture_on_commit_callbacks
):
    session.online_link = "https://teams.example/meet/123"
    session.capacity = 1
    session.save()
    first, second = staff_with_login(), staff_with_login()
    with django_capture_on_commit_callbacks(execute=True):
        booking_create(session=session, staff=first, booked_by=first.user, now=now)
        booking_create(session=session, staff=second, booked_by=second.user, now=now)
    confirmed, waitlisted = mail.outbox
    assert "https://teams.example/meet/123" in confirmed.body
    assert "https://teams.example/meet/123" not in waitlisted.body


def test_emails_are_sent_after_commit_only(session, now):
    staff = staff_with_login()
    booking_create(session=session, staff=staff, booked_by=staff.user, now=now)
    # the test's transaction never commits, so the email task was never queued
    assert mail.outbox == []
