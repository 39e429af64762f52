"""Writes of the courses app (DESIGN: business actions are plain functions, one transaction each).

Views, the admin, management commands, seed_demo and tests all call these.
"""

from courses.services.approvals import booking_approve, booking_refuse
from courses.services.attendance import (
    check_in_self,
    register_mark_set,
    walk_in_add,
)
from courses.services.booking import (
    booking_cancel,
    booking_create,
    offer_accept,
    offers_expire,
)
from courses.services.certificates import certificate_issue, certificate_revoke
from courses.services.evaluation import evaluation_create, follow_up_create
from courses.services.register import attendance_mark, session_cancel, session_complete
from courses.services.reminders import reminders_send
from courses.services.session_changes import session_change

__all__ = [
    "attendance_mark",
    "booking_approve",
    "booking_cancel",
    "booking_create",
    "booking_refuse",
    "check_in_self",
    "certificate_issue",
    "certificate_revoke",
    "evaluation_create",
    "follow_up_create",
    "offer_accept",
    "offers_expire",
    "register_mark_set",
    "reminders_send",
    "session_cancel",
    "session_change",
    "session_complete",
    "walk_in_add",
]
