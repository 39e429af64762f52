"""Places a trainer holds on a session for one agency, and their return to everyone.

The agency's coordinator fills held places by booking named staff (booking_create takes a
held place when its coordinator books); capacity counts the empty ones as taken until the
date (courses.services.locks.held_back). At the date the empty ones go back to everyone and
straight to the waiting list, exactly as freed places do (booking.fill_places).
"""

import datetime

from django.db import transaction

from courses.exceptions import BookingError
from courses.models import AgencyReservation, Session
from courses.policy import may_hold_places
from courses.services.booking import fill_places
from courses.services.locks import held_back, lock_session, now_or, occupancy, rules
from courses.services.notices import audit


def reservation_create(
    *,
    session: Session,
    agency,
    places: int,
    until: datetime.datetime,
    by,
    now: datetime.datetime | None = None,
) -> AgencyReservation:
    """Hold `places` of a scheduled session for `agency` until `until`.

    Only the session's trainers (or an administrator) hold places, and only places free now:
    nobody's place or offer is taken away.

    Raises BookingError NOT_TRAINER, SESSION_OVER, HOLD_UNTIL, ALREADY_HELD,
    NOT_ENOUGH_PLACES; ValueError for fewer than one place.
    """
    now = now_or(now)
    if int(places) < 1:
        raise ValueError("Hold at least one place")
    with transaction.atomic():
        session = lock_session(session.pk)
        if not may_hold_places(by, session):
            raise BookingError("NOT_TRAINER")
        if session.status != Session.Status.SCHEDULED or session.start <= now:
            raise BookingError("SESSION_OVER")
        if not now < until <= session.start:
            raise BookingError("HOLD_UNTIL")
        if AgencyReservation.objects.filter(session=session, agency=agency).exists():
            raise BookingError("ALREADY_HELD", agency=agency)
        total, _ = occupancy(session)
        free = session.capacity - total - held_back(session, now)
        if places > free:
            raise BookingError("NOT_ENOUGH_PLACES", free=max(free, 0))
        reservation = AgencyReservation.objects.create(
            session=session, agency=agency, places=places, until=until, created_by=by
        )
        audit(
            session,
            "courses.reservation.create",
            by,
            agency=agency.short_name,
            places=places,
            until=until.isoformat(),
        )
    return reservation


def reservations_release(*, now: datetime.datetime | None = None) -> int:
    """Give back the empty places of every reservation whose date has come, offering them
    to the waiting list at once. Safe to run as often as you like (`manage.py
    expire_offers` runs it). Returns how many reservations ended."""
    now = now_or(now)
    due = AgencyReservation.objects.filter(
        released_at__isnull=True, until__lte=now
    ).values_list("pk", "session_id")
    released = 0
    for reservation_id, session_id in sorted(due, key=lambda row: row[1]):
        with transaction.atomic():
            session = lock_session(session_id)
            ended = AgencyReservation.objects.filter(
                pk=reservation_id, released_at__isnull=True
            ).update(released_at=now)
            if ended:
                released += 1
                fill_places(session, settings=rules(), now=now)
    return released
