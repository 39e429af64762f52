"""Attendance and what follows from it: full attendance and taking part, the register's marks,
QR self check-in, the three-month follow-up and certificates withheld until the evaluation
(docs/booking.md).
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone

from courses.models import (
    Booking,
    Evaluation,
    Session,
)
from courses.policy.access import runs_session

# --- attendance ---------------------------------------------------------------------------
#
# Attended in full: a confirmed place on a completed session, marked attended. Only that
# earns competency records and a certificate. Took part: attended in full or in part; that
# is enough to evaluate the session and to be asked for the three-month follow-up.

TOOK_PART = (Booking.Attendance.ATTENDED, Booking.Attendance.PARTIAL)


def full_attendance_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": Booking.Status.CONFIRMED,
            f"{prefix}attendance": Booking.Attendance.ATTENDED,
            f"{prefix}session__status": Session.Status.COMPLETED,
        }
    )


def attended_in_full(booking: Booking, session: Session | None = None) -> bool:
    session = session or booking.session
    return (
        session.status == Session.Status.COMPLETED
        and booking.status == Booking.Status.CONFIRMED
        and booking.attendance == Booking.Attendance.ATTENDED
    )


def took_part_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": Booking.Status.CONFIRMED,
            f"{prefix}attendance__in": TOOK_PART,
            f"{prefix}session__status": Session.Status.COMPLETED,
        }
    )


def took_part(booking: Booking) -> bool:
    return (
        booking.session.status == Session.Status.COMPLETED
        and booking.status == Booking.Status.CONFIRMED
        and booking.attendance in TOOK_PART
    )


def may_evaluate(user, booking: Booking) -> bool:
    """The attendee, or one of the session's trainers typing in a paper form, once the
    attendee took part in a completed session."""
    if user is None or not user.is_authenticated:
        return False
    if user.pk != booking.staff.user_id and not runs_session(user, booking.session):
        return False
    return took_part(booking)


# --- the register's marks -------------------------------------------------------------------
#
# A trainer marks each person attended, late, left early or absent. Late and left early are
# both "partly attended" (no certificate, no competency records); the time kept with the
# mark tells which. Walk-ins are marked like everyone else.

MARKS = {
    "attended": Booking.Attendance.ATTENDED,
    "late": Booking.Attendance.PARTIAL,
    "left_early": Booking.Attendance.PARTIAL,
    "absent": Booking.Attendance.ABSENT,
}


def register_mark(booking: Booking) -> str:
    """The register's mark of a booking ("" when unmarked). A partial mark without a leaving
    time is a late arrival (the register asks for one of the two times)."""
    if booking.attendance == Booking.Attendance.PARTIAL:
        return "left_early" if booking.left_at else "late"
    return {
        Booking.Attendance.ATTENDED: "attended",
        Booking.Attendance.ABSENT: "absent",
    }.get(booking.attendance, "")


def register_counts(bookings) -> dict[str, int]:
    """The register's counts, the same on the register, its check page and the message after
    completing: attended (in full), late, left early, absent, unmarked; walk-ins are also in
    one of those."""
    counts = dict.fromkeys(
        ("attended", "late", "left_early", "absent", "unmarked", "walk_ins"), 0
    )
    for booking in bookings:
        counts[register_mark(booking) or "unmarked"] += 1
        counts["walk_ins"] += booking.walk_in
    return counts


# --- QR self check-in ----------------------------------------------------------------------

CHECK_IN_BEFORE = datetime.timedelta(minutes=30)
CHECK_IN_AFTER = datetime.timedelta(minutes=30)


def check_in_window(session: Session) -> tuple[datetime.datetime, datetime.datetime]:
    """From 30 minutes before the start until 30 minutes after it."""
    return session.start - CHECK_IN_BEFORE, session.start + CHECK_IN_AFTER


def check_in_open(session: Session, now: datetime.datetime | None = None) -> bool:
    """A scheduled session inside its check-in window."""
    now = now or timezone.now()
    opens, closes = check_in_window(session)
    return session.status == Session.Status.SCHEDULED and opens <= now <= closes


def arrived_late(booking: Booking, session: Session | None = None) -> bool:
    session = session or booking.session
    return booking.arrived_at is not None and booking.arrived_at > session.start


# --- the three-month follow-up ----------------------------------------------------------------
#
# Three calendar months after the session day the attendee is asked whether their practice
# changed. The link, the form and the invitation email all wait for that day.

FOLLOW_UP_AFTER = relativedelta(months=3)


def follow_up_opens_on(session: Session) -> datetime.date:
    return session.local_date + FOLLOW_UP_AFTER


def follow_up_open(booking: Booking, today: datetime.date | None = None) -> bool:
    """The attendee took part and the follow-up's opening day has come."""
    today = today or timezone.localdate()
    return took_part(booking) and today >= follow_up_opens_on(booking.session)


# --- certificates withheld until the evaluation ---------------------------------------------


def certificate_withheld_q(prefix: str = "") -> Q:
    """Attended in full, but the module releases certificates only after the evaluation."""
    return full_attendance_q(prefix) & Q(
        **{
            f"{prefix}session__module__requires_evaluation": True,
            f"{prefix}evaluation__isnull": True,
        }
    )


def certificate_due(booking: Booking, session: Session | None = None) -> bool:
    session = session or booking.session
    if not attended_in_full(booking, session):
        return False
    if session.module.requires_evaluation:
        return Evaluation.objects.filter(booking=booking).exists()
    return True
