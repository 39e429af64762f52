"""Booking, the waitlist, offers, line-manager approval and cancellation.

Every decision about a place (capacity, the agency-mix rule, who is next on the waitlist) is
taken inside `lock_session`, so places are never lost or double-sold however many requests
arrive at once.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from competencies.models import StaffMember
from courses.exceptions import BookingError
from courses.models import Booking, BookingSettings, Session
from courses.policy import (
    acting_for,
    booking_refusal,
    cancellation_is_late,
    has_room_for,
    may_approve,
    needs_approval,
)
from courses.services.locks import (
    ONE_DAY,
    deadline,
    held_back,
    held_place_for,
    lock_booking,
    lock_session,
    now_or,
    occupancy,
    rules,
)
from courses.services.notices import (
    audit,
    notify,
)


def _check_can_book(session: Session, staff: StaffMember, *, booked_by, now) -> None:
    refusal = booking_refusal(session, staff, booked_by=booked_by, now=now)
    if refusal is not None:
        raise BookingError(refusal.code, **refusal.params)


def booking_create(
    *,
    session: Session,
    staff: StaffMember,
    booked_by,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book `staff` onto `session`, or put them on its waitlist.

    Rules: a staff member books themself; a training coordinator books their own agency's
    staff only. The session must be scheduled, not started and inside its booking window;
    the staff member must still work for their agency, be in the module's audience (when it
    has one), not already be booked on it and not be booked on another session at the same
    time. Inside the session lock: a free place within the agency-mix rule confirms the
    booking (or holds it awaiting line-manager approval where the session or agency asks for
    it, unless the booker is themselves an approver); otherwise the booking joins the waitlist.

    Raises BookingError: NOT_ALLOWED, OTHER_AGENCY, SESSION_CANCELLED, SESSION_NOT_OPEN,
    SESSION_STARTED, WINDOW_NOT_OPEN, WINDOW_CLOSED, STAFF_LEFT, NOT_IN_AUDIENCE,
    ALREADY_BOOKED, CLASH, NO_APPROVER.
    """
    now = now_or(now)
    staff = StaffMember.objects.select_related(
        "agency", "line_manager__user", "user"
    ).get(pk=staff.pk)
    acting_for(booked_by, staff)
    with transaction.atomic():
        session = lock_session(session.pk)
        _check_can_book(session, staff, booked_by=booked_by, now=now)
        settings = rules()
        approval = needs_approval(session, staff)
        pre_approved = approval and may_approve(booked_by, staff)
        total, per_agency = occupancy(session)
        booking = Booking(session=session, staff=staff, booked_by=booked_by)
        if pre_approved:
            booking.approved_at, booking.approved_by = now, booked_by
        # A place held for the agency, filled by its coordinator: theirs whatever the mix.
        booking.reservation = held_place_for(
            session, staff=staff, booked_by=booked_by, now=now
        )
        if booking.reservation is not None:
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            kind = "confirmed"
        elif not has_room_for(
            session,
            agency_id=staff.agency_id,
            total=total,
            per_agency=per_agency,
            rules=settings,
            now=now,
            held=held_back(session, now),
        ):
            booking.status = Booking.Status.WAITLISTED
            kind = "waitlisted"
        elif approval and not pre_approved:
            booking.status = Booking.Status.PENDING_APPROVAL
            booking.approval_expires_at = deadline(
                session, now=now, hours=settings.approval_expiry_hours
            )
            kind = "approval_requested"
        else:
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            kind = "confirmed"
        booking.save()
        audit(booking, "courses.booking.create", booked_by, status=booking.status)
        notify(kind, booking)
    return booking


def fill_places(
    session: Session, *, settings: BookingSettings, now: datetime.datetime, by=None
) -> list[Booking]:
    """Offer freed places to the waitlist, first come first served within the mix rule.

    Call only while holding the session lock. The earliest waitlisted booking whose agency
    may take a place is offered it, held until `deadline` (48 hours by default, never past
    a day before the start); inside the last day it is promoted straight to a confirmed
    place. A booking that still needs its manager's approval goes to "pending approval".
    """
    if session.status != Session.Status.SCHEDULED or session.start <= now:
        return []
    total, per_agency = occupancy(session)
    held = held_back(session, now)
    if total + held >= session.capacity:
        return []
    changed = []
    waiting = (
        Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED)
        .select_related("staff__agency")
        .order_by("created_at", "pk")
    )
    for booking in waiting:
        if total + held >= session.capacity:
            break
        agency_id = booking.staff.agency_id
        if not has_room_for(
            session,
            agency_id=agency_id,
            total=total,
            per_agency=per_agency,
            rules=settings,
            now=now,
            held=held,
        ):
            continue
        if needs_approval(session, booking.staff) and booking.approved_at is None:
            booking.status = Booking.Status.PENDING_APPROVAL
            booking.approval_expires_at = deadline(
                session, now=now, hours=settings.approval_expiry_hours
            )
            kind = "approval_requested"
        elif session.start - now <= ONE_DAY:
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            kind = "promoted"
        else:
            booking.status = Booking.Status.OFFERED
            booking.offer_expires_at = deadline(
                session, now=now, hours=settings.offer_hold_hours
            )
            kind = "offered"
        booking.save()
        audit(booking, f"courses.booking.{kind}", by, status=booking.status)
        notify(kind, booking)
        changed.append(booking)
        total += 1
        per_agency[agency_id] = per_agency.get(agency_id, 0) + 1
    return changed


def cancel_booking(
    booking: Booking,
    *,
    reason: str,
    by,
    now: datetime.datetime,
    late: bool = False,
    email: str | None = "cancelled",
) -> None:
    booking.status = Booking.Status.CANCELLED
    booking.cancel_reason = reason
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.late_cancellation = late
    booking.save()
    audit(booking, "courses.booking.cancel", by, reason=reason, late=late)
    if email:
        notify(email, booking)


def booking_cancel(
    *, booking: Booking, by, now: datetime.datetime | None = None, note: str = ""
) -> Booking:
    """Cancel a booking (or leave the waitlist), by the staff member or their coordinator.

    Anyone cancelling on someone else's behalf gives a reason (`note`), kept on the booking.

    A confirmed place cancelled within the partnership's cut-off (3 days by default) before
    the start counts as a late cancellation, reported to boards. A place freed is offered to
    the next eligible person on the waitlist in the same transaction.

    Raises BookingError NOT_ALLOWED, OTHER_AGENCY, NOT_ACTIVE, SESSION_OVER, NOTE_REQUIRED.
    """
    now = now_or(now)
    note = note.strip()
    with transaction.atomic():
        session = lock_session(booking.session_id)
        booking = lock_booking(booking.pk)
        role = acting_for(by, booking.staff)
        if not booking.is_active:
            raise BookingError("NOT_ACTIVE")
        if session.start <= now or session.status != Session.Status.SCHEDULED:
            raise BookingError("SESSION_OVER")
        if role != "self" and not note:
            raise BookingError("NOTE_REQUIRED", staff=booking.staff)
        settings = rules()
        occupied = booking.status in Booking.OCCUPYING
        booking.session = session
        late = cancellation_is_late(booking, rules=settings, now=now)
        booking.cancel_note = note
        reason = (
            Booking.CancelReason.BY_STAFF
            if role == "self"
            else Booking.CancelReason.BY_COORDINATOR
        )
        cancel_booking(booking, reason=reason, by=by, now=now, late=late)
        if occupied:
            fill_places(session, settings=settings, now=now, by=by)
    return booking


def offer_accept(
    *, booking: Booking, by, now: datetime.datetime | None = None
) -> Booking:
    """Take up a place offered from the waitlist before the offer expires.

    Raises BookingError NOT_ALLOWED, OTHER_AGENCY, NOT_OFFERED, OFFER_EXPIRED (the offer then
    passes to the next person in line).
    """
    now = now_or(now)
    expired_at = None
    with transaction.atomic():
        session = lock_session(booking.session_id)
        booking = lock_booking(booking.pk)
        acting_for(by, booking.staff)
        if booking.status != Booking.Status.OFFERED:
            raise BookingError("NOT_OFFERED")
        if booking.offer_expires_at and booking.offer_expires_at <= now:
            expired_at = booking.offer_expires_at
            cancel_booking(
                booking,
                reason=Booking.CancelReason.OFFER_EXPIRED,
                by=None,
                now=now,
                email="offer_expired",
            )
            fill_places(session, settings=rules(), now=now)
        else:
            booking.status = Booking.Status.CONFIRMED
            booking.confirmed_at = now
            booking.offer_expires_at = None
            booking.save()
            audit(booking, "courses.booking.accept", by)
            notify("confirmed", booking)
    if expired_at is not None:
        raise BookingError(
            "OFFER_EXPIRED",
            expires=date_format(timezone.localtime(expired_at), "j F Y H:i"),
        )
    return booking


def offers_expire(*, now: datetime.datetime | None = None) -> int:
    """Withdraw offers and approval requests whose time is up, passing each place on.

    Safe to run as often as you like (`manage.py expire_offers`): each expired booking is
    re-checked inside its session's lock, so a booking accepted a moment earlier is left alone.
    Returns how many bookings expired.
    """
    now = now_or(now)
    session_ids = set(
        Booking.objects.filter(
            status=Booking.Status.OFFERED, offer_expires_at__lte=now
        ).values_list("session_id", flat=True)
    ) | set(
        Booking.objects.filter(
            status=Booking.Status.PENDING_APPROVAL, approval_expires_at__lte=now
        ).values_list("session_id", flat=True)
    )
    expired = 0
    for session_id in sorted(session_ids):
        with transaction.atomic():
            session = lock_session(session_id)
            for booking in Booking.objects.filter(
                session=session,
                status=Booking.Status.OFFERED,
                offer_expires_at__lte=now,
            ):
                cancel_booking(
                    booking,
                    reason=Booking.CancelReason.OFFER_EXPIRED,
                    by=None,
                    now=now,
                    email="offer_expired",
                )
                expired += 1
            for booking in Booking.objects.filter(
                session=session,
                status=Booking.Status.PENDING_APPROVAL,
                approval_expires_at__lte=now,
            ):
                cancel_booking(
                    booking,
                    reason=Booking.CancelReason.APPROVAL_EXPIRED,
                    by=None,
                    now=now,
                    email="approval_expired",
                )
                expired += 1
            fill_places(session, settings=rules(), now=now)
    return expired
