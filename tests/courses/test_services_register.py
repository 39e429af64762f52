"""The register: marking attendance, completing the session into competency records,
idempotent completion, corrections, and the audit log (courses/services/register.py)."""

import datetime

import pytest
from wagtail.models import ModelLogEntry

from competencies.models import CompetencyRecord
from courses.exceptions import BookingError
from courses.models import Booking, Session
from courses.services import attendance_mark, booking_create, session_complete
from tests.factories import (
    CompetencyFactory,
    SessionFactory,
    module_page,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def delivered():
    return [CompetencyFactory(), CompetencyFactory()]


@pytest.fixture
def run(now, trainer, delivered):
    """A session with three booked people, now over (time moves to its end)."""
    module = module_page(
        level=2, delivers=[(delivered[0], 2), (delivered[1], 3)], refresh_months=24
    )
    start = now + datetime.timedelta(days=20)
    session = SessionFactory(
        module=module, start=start, end=start + 3 * HOUR, trainers=[trainer]
    )
    bookings = []
    for _ in range(3):
        staff = staff_with_login()
        bookings.append(
            booking_create(session=session, staff=staff, booked_by=staff.user, now=now)
        )
    return session, bookings, start + 3 * HOUR


def mark_all(bookings, marks, trainer, when):
    for booking, mark in zip(bookings, marks, strict=True):
        attendance_mark(booking=booking, attendance=mark, by=trainer, now=when)


def test_completion_writes_a_record_per_delivered_competency_for_full_attendees(
    run, trainer, delivered
):
    session, bookings, after = run
    mark_all(bookings, ["attended", "partial", "absent"], trainer, after)
    summary = session_complete(session=session, by=trainer, now=after)
    assert summary == {
        "added": 2,
        "revoked": 0,
        "certificates": 1,
        "attended": 1,
        "no_shows": 1,
    }
    records = CompetencyRecord.objects.filter(staff=bookings[0].staff).order_by("level")
    assert [(r.competency, r.level) for r in records] == [
        (delivered[0], 2),
        (delivered[1], 3),
    ]
    record = records[0]
    assert record.source == CompetencyRecord.Source.SESSION
    assert record.achieved_on == session.local_date
    assert record.expires_on == session.local_date.replace(
        year=session.local_date.year + 2
    )
    assert record.recorded_by == trainer
    assert not CompetencyRecord.objects.filter(
        staff__in=[bookings[1].staff, bookings[2].staff]
    ).exists()
    session.refresh_from_db()
    assert session.status == Session.Status.COMPLETED
    bookings[2].refresh_from_db()
    assert bookings[2].is_no_show


def test_completing_twice_writes_nothing_new(run, trainer):
    session, bookings, after = run
    mark_all(bookings, ["attended", "attended", "absent"], trainer, after)
    session_complete(session=session, by=trainer, now=after)
    again = session_complete(session=session, by=trainer, now=after + HOUR)
    assert again["added"] == 0 and again["revoked"] == 0
    assert CompetencyRecord.objects.count() == 4


def test_correcting_attended_to_absent_revokes_the_records(run, trainer):
    session, bookings, after = run
    mark_all(bookings, ["attended", "attended", "attended"], trainer, after)
    session_complete(session=session, by=trainer, now=after)
    attendance_mark(
        booking=bookings[1], attendance="absent", by=trainer, now=after + HOUR
    )
    records = CompetencyRecord.objects.filter(staff=bookings[1].staff)
    assert records.count() == 2
    assert all(r.revoked_at is not None and r.revoked_by == trainer for r in records)
    assert "corrected to Absent" in records[0].revoked_reason


def test_correcting_absent_to_attended_adds_the_records(run, trainer):
    session, bookings, after = run
    mark_all(bookings, ["attended", "absent", "absent"], trainer, after)
    session_complete(session=session, by=trainer, now=after)
    assert not CompetencyRecord.objects.filter(staff=bookings[1].staff).exists()
    attendance_mark(
        booking=bookings[1], attendance="attended", by=trainer, now=after + HOUR
    )
    assert (
        CompetencyRecord.objects.filter(
            staff=bookings[1].staff, revoked_at__isnull=True
        ).count()
        == 2
    )


def test_every_register_change_is_in_the_audit_log(run, trainer):
    session, bookings, after = run
    mark_all(bookings, ["attended", "absent", "absent"], trainer, after)
    session_complete(session=session, by=trainer, now=after)
    attendance_mark(
        booking=bookings[0], attendance="partial", by=trainer, now=after + HOUR
    )
    entries = ModelLogEntry.objects.for_instance(bookings[0]).filter(user=trainer)
    actions = list(entries.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "courses.booking.attendance",
        "courses.record.add",
        "courses.record.add",
        "courses.booking.attendance",
        "courses.record.revoke",
        "courses.record.revoke",
    ]
    last_mark = (
        entries.filter(action="courses.booking.attendance").order_by("pk").last()
    )
    assert last_mark.data == {"previous": "attended", "attendance": "partial"}
    assert (
        ModelLogEntry.objects.for_instance(session)
        .filter(action="courses.session.complete")
        .exists()
    )


def test_cannot_complete_with_unmarked_people(run, trainer):
    session, bookings, after = run
    attendance_mark(booking=bookings[0], attendance="attended", by=trainer, now=after)
    with pytest.raises(BookingError) as excinfo:
        session_complete(session=session, by=trainer, now=after)
    assert excinfo.value.code == "UNMARKED"
    assert excinfo.value.params == {"count": 2}


def test_only_the_sessions_trainers_take_the_register(run):
    session, bookings, after = run
    other_trainer = staff_with_login(groups=["Trainers"]).user
    with pytest.raises(BookingError) as excinfo:
        attendance_mark(
            booking=bookings[0], attendance="attended", by=other_trainer, now=after
        )
    assert excinfo.value.code == "NOT_TRAINER"
    with pytest.raises(BookingError):
        session_complete(session=session, by=bookings[0].staff.user, now=after)


def test_register_opens_only_at_the_session(run, trainer, now):
    session, bookings, after = run
    with pytest.raises(BookingError) as excinfo:
        attendance_mark(booking=bookings[0], attendance="attended", by=trainer, now=now)
    assert excinfo.value.code == "NOT_STARTED"
    with pytest.raises(BookingError) as excinfo:
        session_complete(session=session, by=trainer, now=now)
    assert excinfo.value.code == "NOT_STARTED"


def test_completion_lapses_the_waitlist(now, trainer):
    start = now + datetime.timedelta(days=5)
    session = SessionFactory(
        start=start, end=start + HOUR, capacity=1, trainers=[trainer]
    )
    staff = [staff_with_login() for _ in range(2)]
    first, waiting = (
        booking_create(session=session, staff=s, booked_by=s.user, now=now)
        for s in staff
    )
    attendance_mark(booking=first, attendance="attended", by=trainer, now=start)
    session_complete(session=session, by=trainer, now=start + HOUR)
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CANCELLED
    assert waiting.cancel_reason == Booking.CancelReason.SESSION_OVER
    with pytest.raises(BookingError) as excinfo:
        attendance_mark(booking=waiting, attendance="attended", by=trainer, now=start)
    assert excinfo.value.code == "NOT_CONFIRMED"
