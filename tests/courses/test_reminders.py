"""send_reminders: session reminders two days ahead, expiry reminders at 90 and 30 days
copied to the coordinator; running it twice sends nothing twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from courses.services import booking_create, reminders_send
from tests.courses.mail_parts import calendar_part
from tests.factories import AgencyFactory, CompetencyRecordFactory, staff_with_login

pytestmark = pytest.mark.django_db


def test_session_reminder_two_days_before_is_sent_once(
    session, now, django_capture_on_commit_callbacks
):
    staff = staff_with_login()
    booking_create(session=session, staff=staff, booked_by=staff.user, now=now)
    too_early = session.start - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=too_early)["session"] == 0
    due = session.start - datetime.timedelta(days=2) + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(now=due)
        second = reminders_send(now=due + datetime.timedelta(hours=1))
    assert first["session"] == 1 and second["session"] == 0
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert message.subject.startswith(f"Reminder: {session.module.title}")
    assert calendar_part(message)[0] == "REQUEST"


def test_expiry_reminders_at_90_and_30_days_copied_to_the_coordinator(
    now, django_capture_on_commit_callbacks
):
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"]).user
    staff = staff_with_login(agency=agency)
    today = now.date()
    record = CompetencyRecordFactory(
        staff=staff,
        achieved_on=today - datetime.timedelta(days=1000),
        expires_on=today + datetime.timedelta(days=80),
    )
    CompetencyRecordFactory(
        staff=staff, expires_on=today + datetime.timedelta(days=200)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=now)["expiry"] == 1
        assert reminders_send(now=now)["expiry"] == 0
    (message,) = mail.outbox
    assert message.to == [staff.email] and message.cc == [coordinator.email]
    assert record.competency.code in message.body
    mail.outbox.clear()
    at_30 = now + datetime.timedelta(days=55)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=at_30)["expiry"] == 1
        assert reminders_send(now=at_30 + datetime.timedelta(days=1))["expiry"] == 0
    assert len(mail.outbox) == 1


def test_renewed_record_needs_no_reminder(now, django_capture_on_commit_callbacks):
    staff = staff_with_login()
    today = now.date()
    old = CompetencyRecordFactory(
        staff=staff,
        level=2,
        achieved_on=today - datetime.timedelta(days=1000),
        expires_on=today + datetime.timedelta(days=20),
    )
    CompetencyRecordFactory(
        staff=staff,
        competency=old.competency,
        level=2,
        expires_on=today + datetime.timedelta(days=1000),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=now)["expiry"] == 0
    assert mail.outbox == []


def test_send_reminders_command_run_twice_sends_once(
    session, django_capture_on_commit_callbacks
):
    staff = staff_with_login()
    booking_create(
        session=session,
        staff=staff,
        booked_by=staff.user,
        now=session.start - datetime.timedelta(days=30),
    )
    session.start = session.start.__class__.now(
        tz=session.start.tzinfo
    ) + datetime.timedelta(hours=30)
    session.end = session.start + datetime.timedelta(hours=2)
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", verbosity=0)
        call_command("send_reminders", verbosity=0)
    assert [m.to for m in mail.outbox] == [[staff.email]]
