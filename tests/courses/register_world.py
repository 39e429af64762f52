"""A session on the day for the register, walk-in and check-in tests: a trainer, a session
that started `minutes_ago` minutes ago (real time: the views use the clock) and people booked
through the booking service before it started."""

import datetime

from django.utils import timezone

from courses.services import booking_create
from tests.factories import (
    AgencyFactory,
    SessionFactory,
    UserFactory,
    module_page,
    staff_with_login,
)


def trainer_user(username="trainer.day"):
    return UserFactory(username=username, groups=["Trainers"])


def session_on_the_day(*, trainer, booked=3, minutes_ago=10, hours=3, **kwargs):
    """Returns (session, bookings); bookings in the register's order is not promised."""
    start = (timezone.now() - datetime.timedelta(minutes=minutes_ago)).replace(
        second=0, microsecond=0
    )
    session = SessionFactory(
        module=kwargs.pop("module", None) or module_page(),
        start=start,
        end=start + datetime.timedelta(hours=hours),
        trainers=[trainer],
        **kwargs,
    )
    booked_at = start - datetime.timedelta(days=20)
    bookings = []
    agency = AgencyFactory()
    for _ in range(booked):
        staff = staff_with_login(agency=agency)
        bookings.append(
            booking_create(
                session=session, staff=staff, booked_by=staff.user, now=booked_at
            )
        )
    return session, bookings


def at(session, minutes: int) -> datetime.datetime:
    """`minutes` after the session's start."""
    return session.start + datetime.timedelta(minutes=minutes)


def hhmm(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")
