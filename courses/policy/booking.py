"""Booking: bookable, the agency-mix cap and room, the reporting period, why a person cannot
book, and late cancellation (docs/booking.md, docs/metrics.md).
"""

import datetime
import math

from django.utils import timezone

from competencies import policy as staff_policy
from courses.models import (
    Booking,
    BookingSettings,
    Session,
)
from courses.policy.access import approvers_for, may_approve, needs_approval

# --- booking -------------------------------------------------------------------------------


def bookable(session: Session, now: datetime.datetime | None = None) -> bool:
    """Scheduled and not yet started (the booking service adds the person's own checks)."""
    now = now or timezone.now()
    return session.status == Session.Status.SCHEDULED and session.start > now


def agency_cap(capacity: int, percent: int, fixed: int | None = None) -> int:
    """The most places one agency may hold while the mix rule applies: the session's own
    figure if it has one, else a share of its places (at least one)."""
    if fixed is not None:
        return fixed
    return max(1, math.ceil(capacity * percent / 100))


def mix_rule_relaxed(session: Session, *, rules: BookingSettings, now) -> bool:
    """The mix rule lifts some days before the session so no place goes empty."""
    days = (
        session.mix_relax_days
        if session.mix_relax_days is not None
        else rules.mix_relax_days
    )
    return now >= session.start - datetime.timedelta(days=days)


def has_room_for(
    session: Session,
    *,
    agency_id: int,
    total: int,
    per_agency: dict[int, int],
    rules: BookingSettings,
    now: datetime.datetime,
    held: int = 0,
) -> bool:
    """A free place this agency may take: capacity (less the `held` places kept empty for
    agencies' reservations), then the mix rule unless it has lifted."""
    if total + held >= session.capacity:
        return False
    if mix_rule_relaxed(session, rules=rules, now=now):
        return True
    cap = agency_cap(
        session.capacity, rules.max_per_agency_percent, session.max_per_agency
    )
    return per_agency.get(agency_id, 0) < cap


# --- the reporting period ------------------------------------------------------------------


def period_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """A period of whole local days as [start, end) datetimes: from midnight of the first
    day to midnight after the last, in the partnership's time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        ),
    )


# --- why this person cannot book this session -------------------------------------------------


class Refusal:
    """Why `booking_refusal` says no: a BookingError code and its message's parameters."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params

    def __repr__(self):
        return f"Refusal({self.code!r})"


def booking_refusal(
    session: Session,
    staff,
    *,
    user=None,
    booked_by=None,
    now: datetime.datetime | None = None,
) -> Refusal | None:
    """The first rule that stops `staff` booking `session`, or None when they may book.

    One rule for the session page (which says why before anyone tries) and the booking
    service (which refuses with the same code). The session's own state comes first; then
    SIGN_IN and NO_STAFF_RECORD, the page's own cases (`staff` is None); then the person's. A full session or an agency at its cap is not a refusal:
    the booking joins the waiting list.
    """
    from django.utils.formats import date_format

    now = now or timezone.now()
    if session.status == Session.Status.CANCELLED:
        return Refusal("SESSION_CANCELLED")
    if session.status != Session.Status.SCHEDULED:
        return Refusal("SESSION_NOT_OPEN", status=session.get_status_display())
    if session.start <= now:
        return Refusal("SESSION_STARTED")
    if session.booking_opens_at and now < session.booking_opens_at:
        opens = date_format(timezone.localtime(session.booking_opens_at), "j F Y")
        return Refusal("WINDOW_NOT_OPEN", opens=opens)
    closes = session.booking_closes_at
    if closes and now >= closes:
        closed = date_format(timezone.localtime(closes), "j F Y")
        return Refusal("WINDOW_CLOSED", closes=closed)
    if staff is None:
        signed_in = user is not None and user.is_authenticated
        return Refusal("NO_STAFF_RECORD" if signed_in else "SIGN_IN")
    if not staff_policy.staff_is_active(staff, timezone.localdate(now)):
        return Refusal("STAFF_LEFT", staff=staff)
    audience = list(session.module.audience.all())
    if audience and staff.role_profile_id not in {rp.pk for rp in audience}:
        names = ", ".join(rp.name for rp in audience)
        return Refusal("NOT_IN_AUDIENCE", staff=staff, audience=names)
    if Booking.objects.filter(
        session=session, staff=staff, status__in=Booking.ACTIVE
    ).exists():
        return Refusal("ALREADY_BOOKED", staff=staff)
    clash = (
        Booking.objects.filter(
            staff=staff,
            status__in=Booking.ACTIVE,
            session__status=Session.Status.SCHEDULED,
            session__start__lt=session.end,
            session__end__gt=session.start,
        )
        .exclude(session=session)
        .select_related("session__module")
        .first()
    )
    if clash:
        return Refusal("CLASH", staff=staff, other=clash.session)
    booked_by = booked_by or user
    if (
        needs_approval(session, staff)
        and not may_approve(booked_by, staff)
        and not approvers_for(staff)
    ):
        return Refusal("NO_APPROVER", staff=staff)
    return None


def late_cancellation_from(
    session: Session, rules: BookingSettings
) -> datetime.datetime:
    """From this moment cancelling a confirmed place counts as late (and may be charged)."""
    return session.start - datetime.timedelta(days=rules.late_cancellation_days)


def cancellation_is_late(booking: Booking, *, rules: BookingSettings, now) -> bool:
    return booking.status == Booking.Status.CONFIRMED and now >= late_cancellation_from(
        booking.session, rules
    )
