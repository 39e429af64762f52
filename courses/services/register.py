"""Sessions as a whole: cancelling one, the register, and completing it into competency records."""

import datetime

from django.db import transaction

from competencies.compliance_cache import compliance_deferred
from competencies.models import CompetencyRecord
from competencies.services import record_create, record_revoke
from courses.exceptions import BookingError
from courses.models import Booking, Session
from courses.policy import attended_in_full, runs_session
from courses.services.booking import cancel_booking
from courses.services.certificates import certificate_sync
from courses.services.locks import lock_booking, lock_session, now_or
from courses.services.notices import audit, notify


def session_cancel(
    *, session: Session, by, now: datetime.datetime | None = None
) -> Session:
    """Cancel a scheduled session; everyone booked or waiting is told by email.

    Raises BookingError NOT_TRAINER (only its trainers, or anyone allowed to change sessions),
    ALREADY_CANCELLED, ALREADY_COMPLETED.
    """
    now = now_or(now)
    with transaction.atomic():
        session = lock_session(session.pk)
        if not runs_session(by, session):
            raise BookingError("NOT_TRAINER")
        if session.status == Session.Status.CANCELLED:
            raise BookingError("ALREADY_CANCELLED")
        if session.status == Session.Status.COMPLETED:
            raise BookingError("ALREADY_COMPLETED")
        session.status = Session.Status.CANCELLED
        session.save(update_fields=["status", "updated_at"])
        audit(session, "courses.session.cancel", by)
        for booking in session.bookings.filter(status__in=Booking.ACTIVE):
            cancel_booking(
                booking,
                reason=Booking.CancelReason.SESSION_CANCELLED,
                by=by,
                now=now,
                email="session_cancelled",
            )
    return session


def _sync_records(booking: Booking, session: Session, *, by, now) -> tuple[int, int]:
    """Make the booking's competency records match its attendance. Returns (added, revoked).

    Only full attendance counts: one record per competency the module delivers, at the level
    it delivers it, expiring after the module's refresh period (else the level's). A changed
    mark revokes the records it no longer supports; nothing is ever deleted.
    """
    current = list(booking.competency_records.filter(revoked_at__isnull=True))
    wanted = attended_in_full(booking, session)
    added = revoked = 0
    if wanted and not current:
        module = session.module
        for link in module.delivered_competencies.select_related("competency"):
            record = record_create(
                staff=booking.staff,
                competency=link.competency,
                level=link.level,
                achieved_on=session.local_date,
                source=CompetencyRecord.Source.SESSION,
                recorded_by=by,
                refresh_months=module.refresh_months,
                source_detail=str(session)[:255],
            )
            booking.competency_records.add(record)
            audit(
                booking,
                "courses.record.add",
                by,
                record=record.pk,
                competency=link.competency.code,
                level=link.level,
            )
            added += 1
    elif not wanted and current:
        for record in current:
            record_revoke(
                record=record,
                reason=f"Attendance at {session} corrected to "
                f"{booking.get_attendance_display() or 'unmarked'}",
                revoked_by=by,
                when=now,
            )
            audit(
                booking,
                "courses.record.revoke",
                by,
                record=record.pk,
                competency=record.competency.code,
            )
            revoked += 1
    return added, revoked


def attendance_mark(
    *,
    booking: Booking,
    attendance: str,
    by,
    now: datetime.datetime | None = None,
) -> Booking:
    """Mark one confirmed booking attended, partly attended or absent (a no-show).

    Only the session's trainers mark the register. On a completed session this is a
    correction: the competency records and the certificate follow the new mark straight away
    (revoked when it is no longer "attended", written or issued anew when it becomes so). Every change is in the audit log.

    Raises BookingError NOT_TRAINER, SESSION_CANCELLED, NOT_STARTED, NOT_CONFIRMED,
    BAD_ATTENDANCE.
    """
    now = now_or(now)
    if attendance not in Booking.Attendance.values:
        raise BookingError("BAD_ATTENDANCE")
    with transaction.atomic():
        session = lock_session(booking.session_id)
        booking = lock_booking(booking.pk)
        if not runs_session(by, session):
            raise BookingError("NOT_TRAINER")
        if session.status == Session.Status.CANCELLED:
            raise BookingError("SESSION_CANCELLED")
        if session.start > now + datetime.timedelta(hours=1):
            raise BookingError("NOT_STARTED")
        if booking.status != Booking.Status.CONFIRMED:
            raise BookingError("NOT_CONFIRMED")
        previous = booking.attendance
        if previous != attendance:
            booking.attendance = attendance
            booking.attendance_marked_at = now
            booking.attendance_marked_by = by
            booking.save()
            audit(
                booking,
                "courses.booking.attendance",
                by,
                previous=previous,
                attendance=attendance,
            )
        _sync_records(booking, session, by=by, now=now)
        certificate_sync(booking, session, by=by, now=now)
    return booking


def session_complete(
    *, session: Session, by, now: datetime.datetime | None = None
) -> dict:
    """Close the register: competency records for full attendees, absences stay as no-shows.

    Idempotent: completing again writes nothing new (each booking's records are reconciled
    with its mark, never duplicated). Bookings still waiting for a place lapse. Everyone who
    attended is invited to evaluate the session.

    Full attendees get their certificate (emailed as a task), unless the module releases it
    only after the evaluation: then evaluation_create issues it.

    Raises BookingError NOT_TRAINER, SESSION_CANCELLED, NOT_STARTED, UNMARKED.
    Returns {"added": n, "revoked": n, "certificates": n, "attended": n, "no_shows": n}.
    """
    now = now_or(now)
    # Each attendee's compliance figures refreshed once, at the end of the transaction, not
    # once per record written (30 attendees x 13 competencies took minutes).
    with transaction.atomic(), compliance_deferred():
        session = lock_session(session.pk)
        if not runs_session(by, session):
            raise BookingError("NOT_TRAINER")
        if session.status == Session.Status.CANCELLED:
            raise BookingError("SESSION_CANCELLED")
        if session.start > now:
            raise BookingError("NOT_STARTED")
        confirmed = list(
            session.bookings.filter(status=Booking.Status.CONFIRMED).select_related(
                "staff"
            )
        )
        unmarked = sum(1 for b in confirmed if not b.attendance)
        if unmarked:
            raise BookingError("UNMARKED", count=unmarked)
        first_time = session.status != Session.Status.COMPLETED
        if first_time:
            session.status = Session.Status.COMPLETED
            session.save(update_fields=["status", "updated_at"])
            audit(session, "courses.session.complete", by)
            for booking in session.bookings.filter(
                status__in=[
                    Booking.Status.WAITLISTED,
                    Booking.Status.OFFERED,
                    Booking.Status.PENDING_APPROVAL,
                ]
            ):
                cancel_booking(
                    booking,
                    reason=Booking.CancelReason.SESSION_OVER,
                    by=by,
                    now=now,
                    email=None,
                )
        added = revoked = issued = 0
        for booking in confirmed:
            booking = lock_booking(booking.pk)
            a, r = _sync_records(booking, session, by=by, now=now)
            added, revoked = added + a, revoked + r
            issued += certificate_sync(booking, session, by=by, now=now)[0]
            if first_time and booking.attendance == Booking.Attendance.ATTENDED:
                notify("evaluate", booking)
    return {
        "added": added,
        "revoked": revoked,
        "certificates": issued,
        "attended": sum(
            1 for b in confirmed if b.attendance == Booking.Attendance.ATTENDED
        ),
        "no_shows": sum(1 for b in confirmed if b.is_no_show),
    }
