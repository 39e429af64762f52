"""The register on the day: marks with their times, walk-ins and the attendees' QR check-in.

Marks are written through `attendance_mark` (records and certificates follow it); this module
adds the times behind a partial mark, the people added in the room and self check-in.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from competencies.models import StaffMember
from competencies.policy import staff_is_active
from courses import policy
from courses.exceptions import BookingError
from courses.models import Booking, Session
from courses.services.locks import lock_booking, lock_session, now_or
from courses.services.notices import audit
from courses.services.register import attendance_mark

WHAT = {"late": "arrived", "left_early": "left"}


def _hhmm(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def register_mark_set(
    *,
    booking: Booking,
    mark: str,
    at: datetime.datetime | None = None,
    by,
    now: datetime.datetime | None = None,
) -> Booking:
    """Mark one person attended, late (arrived `at`), left early (left `at`) or absent.

    Late and left early are partly attended (policy.MARKS). The time must fall within the
    session. A check-in time is kept for "attended" and "left early"; "absent" clears it.

    Raises BookingError BAD_ATTENDANCE, TIME_NEEDED, TIME_OUTSIDE, and those of
    attendance_mark.
    """
    if mark not in policy.MARKS:
        raise BookingError("BAD_ATTENDANCE")
    session = booking.session
    if mark in WHAT:
        params = {"staff": booking.staff.full_name, "what": WHAT[mark]}
        if at is None:
            raise BookingError("TIME_NEEDED", **params)
        if not session.start <= at <= session.end:
            raise BookingError(
                "TIME_OUTSIDE",
                start=_hhmm(session.start),
                end=_hhmm(session.end),
                **params,
            )
    arrived_at = {"late": at, "absent": None}.get(mark, booking.arrived_at)
    left_at = at if mark == "left_early" else None
    unchanged = (booking.attendance, booking.arrived_at, booking.left_at)
    if unchanged == (policy.MARKS[mark], arrived_at, left_at):
        return booking  # a register saved again: nothing to write or re-check
    with transaction.atomic():
        booking = attendance_mark(
            booking=booking, attendance=policy.MARKS[mark], by=by, now=now
        )
        if (booking.arrived_at, booking.left_at) != (arrived_at, left_at):
            booking.arrived_at, booking.left_at = arrived_at, left_at
            booking.save(update_fields=["arrived_at", "left_at", "updated_at"])
            audit(
                booking,
                "courses.booking.attendance",
                by,
                attendance=booking.attendance,
                arrived_at=arrived_at.isoformat() if arrived_at else None,
                left_at=left_at.isoformat() if left_at else None,
            )
    return booking


def walk_in_add(
    *,
    session: Session,
    staff: StaffMember,
    by,
    now: datetime.datetime | None = None,
) -> Booking:
    """Put someone who came without a confirmed place on the register, as a walk-in.

    They are in the room, so places and the agency mix do not apply; a place they were
    waiting or asked approval for becomes theirs. The trainer marks them like anyone else.

    Raises BookingError NOT_TRAINER, SESSION_CANCELLED, NOT_STARTED, STAFF_LEFT, ON_REGISTER.
    """
    now = now_or(now)
    with transaction.atomic():
        session = lock_session(session.pk)
        if not policy.runs_session(by, session):
            raise BookingError("NOT_TRAINER")
        if session.status == Session.Status.CANCELLED:
            raise BookingError("SESSION_CANCELLED")
        if session.start > now + datetime.timedelta(hours=1):
            raise BookingError("NOT_STARTED")
        if not staff_is_active(staff):
            raise BookingError("STAFF_LEFT", staff=staff.full_name)
        booking = (
            session.bookings.filter(staff=staff, status__in=Booking.ACTIVE)
            .order_by("pk")
            .first()
        )
        if booking is not None and booking.status == Booking.Status.CONFIRMED:
            raise BookingError("ON_REGISTER", staff=staff.full_name)
        if booking is None:
            booking = Booking(session=session, staff=staff, booked_by=by)
        else:
            booking = lock_booking(booking.pk)
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.walk_in = True
        booking.offer_expires_at = booking.approval_expires_at = None
        booking.save()
        audit(booking, "courses.booking.walk_in", by, staff=staff.pk)
    return booking


def check_in_self(
    *, session: Session, user, now: datetime.datetime | None = None
) -> Booking:
    """An attendee scanned the register's QR code: record when they arrived.

    Only inside the check-in window (policy.check_in_open) and only for a confirmed place.
    Checking in twice keeps the first time. The trainer still confirms the register.

    Raises BookingError CHECK_IN_NOT_BOOKED, CHECK_IN_CLOSED.
    """
    now = now_or(now)
    staff = getattr(user, "staff_member", None) if user.is_authenticated else None
    with transaction.atomic():
        booking = (
            session.bookings.filter(
                staff=staff, status=Booking.Status.CONFIRMED
            ).first()
            if staff is not None
            else None
        )
        if booking is None:
            raise BookingError("CHECK_IN_NOT_BOOKED")
        if not policy.check_in_open(session, now):
            opens, closes = policy.check_in_window(session)
            raise BookingError(
                "CHECK_IN_CLOSED", opens=_hhmm(opens), closes=_hhmm(closes)
            )
        booking = lock_booking(booking.pk)
        if booking.arrived_at is None:
            booking.arrived_at = now
            booking.save(update_fields=["arrived_at", "updated_at"])
            audit(booking, "courses.booking.check_in", user, late=now > session.start)
    return booking
