"""Time, the booking rules' settings and row locks, for the courses services."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import AgencyReservation, Booking, BookingSettings, Session
from courses.policy import may_fill_held_places

ONE_DAY = datetime.timedelta(days=1)


def now_or(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def rules() -> BookingSettings:
    return BookingSettings.load()


def lock_session(session_id: int) -> Session:
    """Lock the session row for the rest of the transaction (PostgreSQL: SELECT ... FOR UPDATE).

    Every decision about places is taken after this lock, so two requests for the last place
    are served one after the other. SQLite ignores FOR UPDATE but its IMMEDIATE transactions
    (config/settings.py) already serialise writers.
    """
    return Session.objects.select_for_update().get(pk=session_id)


def lock_booking(booking_id: int) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("staff__agency", "staff__line_manager", "staff__user")
        .get(pk=booking_id)
    )


def occupancy(session: Session) -> tuple[int, dict[int, int]]:
    """Places held (confirmed, offered, awaiting approval) in total and per agency."""
    rows = (
        Booking.objects.filter(session=session, status__in=Booking.OCCUPYING)
        .values("staff__agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_agency = {row["staff__agency_id"]: row["n"] for row in rows}
    return sum(per_agency.values()), per_agency


def deadline(session: Session, *, now, hours: int) -> datetime.datetime:
    """A hold or an approval request lasts `hours`, but ends a day before the session.

    Inside the last day there is no time for a hold: it lasts until the start.
    """
    end = min(now + datetime.timedelta(hours=hours), session.start - ONE_DAY)
    return end if end > now else session.start


def _reservations_in_force(session: Session, now):
    return AgencyReservation.objects.filter(
        session=session, released_at__isnull=True, until__gt=now
    ).annotate(
        filled=Count("bookings", filter=Q(bookings__status__in=Booking.OCCUPYING))
    )


def held_back(session: Session, now) -> int:
    """Places kept empty for agencies' reservations still in force: taken, for everyone
    else (and for the agency's own staff booking themselves)."""
    return sum(
        max(0, r.places - r.filled) for r in _reservations_in_force(session, now)
    )


def held_place_for(
    session: Session, *, staff, booked_by, now
) -> AgencyReservation | None:
    """The reservation whose empty place this booking fills: the staff member's agency's,
    still in force, with a place left, and booked by that agency's coordinator."""
    if not may_fill_held_places(booked_by, staff.agency_id):
        return None
    for reservation in _reservations_in_force(session, now).filter(
        agency_id=staff.agency_id
    ):
        if reservation.filled < reservation.places:
            return reservation
    return None
