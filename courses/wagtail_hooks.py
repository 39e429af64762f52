"""Wagtail registrations of the courses app: audit-log actions, the admin viewset, page context."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "courses.booking.create": (_("Book"), _("Booked")),
    "courses.booking.offered": (_("Offer place"), _("Place offered from the waitlist")),
    "courses.booking.promoted": (_("Promote"), _("Promoted from the waitlist")),
    "courses.booking.approval_requested": (
        _("Request approval"),
        _("Place held awaiting manager approval"),
    ),
    "courses.booking.accept": (_("Accept offer"), _("Offered place accepted")),
    "courses.booking.approve": (_("Approve"), _("Approved by manager")),
    "courses.booking.cancel": (_("Cancel booking"), _("Booking cancelled")),
    "courses.booking.attendance": (_("Mark attendance"), _("Attendance marked")),
    "courses.record.add": (_("Add record"), _("Competency record written")),
    "courses.record.revoke": (_("Revoke record"), _("Competency record revoked")),
    "courses.evaluation.create": (_("Evaluate"), _("Evaluation sent")),
    "courses.evaluation.follow_up": (_("Follow up"), _("Follow-up sent")),
    "courses.session.cancel": (_("Cancel session"), _("Session cancelled")),
    "courses.session.complete": (_("Complete session"), _("Session completed")),
}


@hooks.register("register_log_actions")
def register_courses_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
