"""Helpers shared by the courses services: time, rules, locks, roles, audit log, notifications."""

import contextlib
import contextvars
import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.log_actions import log

from competencies.roles import COORDINATORS, coordinated_agency_id
from courses.exceptions import BookingError
from courses.models import Booking, BookingSettings, Session

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


def audit(instance, action: str, user=None, **data) -> None:
    """Write one entry in Wagtail's audit log (action codes registered in wagtail_hooks.py)."""
    log(instance=instance, action=action, user=user, data=data)


_silent = contextvars.ContextVar("courses_notifications_silent", default=False)


@contextlib.contextmanager
def notifications_silenced():
    """Send no email inside this block (seed_demo builds history nobody should be told about)."""
    token = _silent.set(True)
    try:
        yield
    finally:
        _silent.reset(token)


def notify(kind: str, booking: Booking) -> None:
    """Send the `kind` email about `booking` once the transaction commits (a background task)."""
    from courses.tasks import send_booking_email

    if _silent.get():
        return
    booking_id = booking.pk
    transaction.on_commit(
        lambda: send_booking_email.enqueue(booking_id=booking_id, kind=kind)
    )


def needs_approval(session: Session, staff) -> bool:
    return session.requires_manager_approval or staff.agency.requires_manager_approval


def approvers_for(staff) -> list:
    """Who may approve `staff`'s bookings: their line manager's login, their agency's coordinators."""
    User = get_user_model()
    users = []
    manager = staff.line_manager
    if manager is not None and manager.user_id:
        users.append(manager.user)
    coordinators = User.objects.filter(
        is_active=True,
        groups__name=COORDINATORS,
        staff_member__agency_id=staff.agency_id,
    ).order_by("pk")
    users.extend(u for u in coordinators if u not in users)
    return [u for u in users if u.is_active and u.pk != staff.user_id]


def can_approve(user, staff) -> bool:
    if user is None or not user.is_authenticated or user.pk == staff.user_id:
        return False
    if user.is_superuser:
        return True
    manager = staff.line_manager
    if manager is not None and manager.user_id == user.pk:
        return True
    return coordinated_agency_id(user) == staff.agency_id


def acting_for(user, staff) -> str:
    """How `user` may act on `staff`'s bookings: "self", "coordinator" or "admin".

    Raises BookingError OTHER_AGENCY for a coordinator of another agency, NOT_ALLOWED otherwise.
    """
    if user is None or not user.is_authenticated:
        raise BookingError("NOT_ALLOWED")
    if staff.user_id is not None and staff.user_id == user.pk:
        return "self"
    if user.is_superuser:
        return "admin"
    agency_id = coordinated_agency_id(user)
    if agency_id is not None:
        if agency_id == staff.agency_id:
            return "coordinator"
        raise BookingError("OTHER_AGENCY")
    raise BookingError("NOT_ALLOWED")


def is_trainer_of(user, session: Session) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return session.trainers.filter(pk=user.pk).exists()


def deadline(session: Session, *, now, hours: int) -> datetime.datetime:
    """A hold or an approval request lasts `hours`, but ends a day before the session.

    Inside the last day there is no time for a hold: it lasts until the start.
    """
    end = min(now + datetime.timedelta(hours=hours), session.start - ONE_DAY)
    return end if end > now else session.start
