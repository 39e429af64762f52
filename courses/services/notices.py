"""The courses services' audit-log entries and emails (sent as tasks after the commit)."""

import contextlib
import contextvars

from django.db import transaction
from wagtail.log_actions import log

from courses.models import Booking


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


def notifications_are_silenced() -> bool:
    return _silent.get()
