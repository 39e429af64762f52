"""Line-manager approval of a booking: approve (the held place is confirmed, or the person
keeps their place on the waiting list) or refuse (the place is freed for the next person)."""

import datetime

from django.db import transaction

from courses.exceptions import BookingError
from courses.models import Booking
from courses.policy import (
    may_approve,
)
from courses.services.booking import cancel_booking, fill_places
from courses.services.locks import (
    lock_booking,
    lock_session,
    now_or,
    rules,
)
from courses.services.notices import (
    audit,
    notify,
)


def _check_approver(booking: Booking, by) -> None:
    if by is not None and by.is_authenticated and by.pk == booking.staff.user_id:
        raise BookingError("SELF_APPROVAL")
    if not may_approve(by, booking.staff):
        raise BookingError("NOT_APPROVER", staff=booking.staff)


def booking_approve(
    *, booking: Booking, by, now: datetime.datetime | None = None
) -> Booking:
    """The line manager (or agency coordinator) approves a booking.

    A booking holding a place awaiting approval becomes confirmed; a waitlisted one is marked
    approved so it can be offered a place straight away when one frees. Nobody approves their
    own booking.

    Raises BookingError SELF_APPROVAL, NOT_APPROVER, NOT_PENDING_APPROVAL (also when the request
    has expired: the place has then been passed on).
    """
    now = now_or(now)
    expired = False
    with transaction.atomic():
        session = lock_session(booking.session_id)
        booking = lock_booking(booking.pk)
        _check_approver(booking, by)
        if booking.status == Booking.Status.PENDING_APPROVAL:
            if booking.approval_expires_at and booking.approval_expires_at <= now:
                cancel_booking(
                    booking,
                    reason=Booking.CancelReason.APPROVAL_EXPIRED,
                    by=None,
                    now=now,
                    email="approval_expired",
                )
                fill_places(session, settings=rules(), now=now)
                expired = True
            else:
                booking.status = Booking.Status.CONFIRMED
                booking.confirmed_at = now
                booking.approved_at, booking.approved_by = now, by
                booking.approval_expires_at = None
                booking.save()
                audit(booking, "courses.booking.approve", by)
                notify("approved", booking)
        elif (
            booking.status == Booking.Status.WAITLISTED and booking.approved_at is None
        ):
            booking.approved_at, booking.approved_by = now, by
            booking.save()
            audit(booking, "courses.booking.approve", by)
        else:
            raise BookingError("NOT_PENDING_APPROVAL")
    if expired:
        raise BookingError("NOT_PENDING_APPROVAL")
    return booking


def booking_refuse(
    *, booking: Booking, by, now: datetime.datetime | None = None
) -> Booking:
    """The line manager (or agency coordinator) refuses a booking; a held place passes on.

    Raises BookingError SELF_APPROVAL, NOT_APPROVER, NOT_PENDING_APPROVAL.
    """
    now = now_or(now)
    with transaction.atomic():
        session = lock_session(booking.session_id)
        booking = lock_booking(booking.pk)
        _check_approver(booking, by)
        if booking.status not in (
            Booking.Status.PENDING_APPROVAL,
            Booking.Status.WAITLISTED,
        ):
            raise BookingError("NOT_PENDING_APPROVAL")
        occupied = booking.status in Booking.OCCUPYING
        cancel_booking(
            booking,
            reason=Booking.CancelReason.REFUSED,
            by=by,
            now=now,
            email="refused",
        )
        if occupied:
            fill_places(session, settings=rules(), now=now, by=by)
    return booking
