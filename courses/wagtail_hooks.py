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
    "courses.booking.walk_in": (
        _("Add walk-in"),
        _("Added to the register on the day"),
    ),
    "courses.booking.check_in": (_("Check in"), _("Checked in with the QR code")),
    "courses.record.add": (_("Add record"), _("Competency record written")),
    "courses.record.revoke": (_("Revoke record"), _("Competency record revoked")),
    "courses.evaluation.create": (_("Evaluate"), _("Evaluation sent")),
    "courses.evaluation.follow_up": (_("Follow up"), _("Follow-up sent")),
    "courses.session.cancel": (_("Cancel session"), _("Session cancelled")),
    "courses.reservation.create": (
        _("Hold places"),
        _("Places held for an agency"),
    ),
    "courses.session.change": (
        _("Change session"),
        _("Session changed; everyone on it told"),
    ),
    "courses.session.complete": (_("Complete session"), _("Session completed")),
    "courses.certificate.issue": (_("Issue certificate"), _("Certificate issued")),
    "courses.certificate.revoke": (_("Revoke certificate"), _("Certificate revoked")),
    "courses.credential.accept": (
        _("Accept credential"),
        _("Credential from another issuer turned into competency records"),
    ),
    "courses.xapi.record": (
        _("Record e-learning"),
        _("E-learning completion (xAPI) turned into competency records"),
    ),
    "courses.xapi.void": (
        _("Void e-learning"),
        _("E-learning completion voided (xAPI); its competency records revoked"),
    ),
    "courses.xapi.client.credentials": (
        _("New xAPI credentials"),
        _("xAPI client given a new key and secret"),
    ),
    "courses.completions.import": (
        _("Import completions"),
        _("E-learning completions imported from a file"),
    ),
    "courses.board_paper.request": (
        _("Ask for board paper"),
        _("Board paper queued"),
    ),
    "courses.board_paper.download": (
        _("Download board paper"),
        _("Stored board paper downloaded"),
    ),
    "courses.board_paper.send": (
        _("Send board paper"),
        _("Subscribed board paper emailed"),
    ),
    "courses.board_paper.subscribe": (
        _("Subscribe to board paper"),
        _("Subscribed to the board paper by email"),
    ),
    "courses.board_paper.unsubscribe": (
        _("Unsubscribe from board paper"),
        _("Board paper subscription stopped"),
    ),
    "courses.certificate.erase": (
        _("Erase certificate holder"),
        _("Certificate made unverifiable: holder's data erased"),
    ),
}


@hooks.register("register_log_actions")
def register_courses_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_session_viewset():
    from courses.viewsets import session_viewset

    return session_viewset


@hooks.register("register_admin_viewset")
def register_reservation_viewset():
    from courses.reservation_admin import reservation_viewset

    return reservation_viewset


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    from courses.certificate_admin import certificate_viewset

    return certificate_viewset


@hooks.register("register_admin_viewset")
def register_trusted_issuer_viewset():
    from courses.credential_admin import trusted_issuer_viewset

    return trusted_issuer_viewset


@hooks.register("register_admin_viewset")
def register_xapi_client_viewset():
    from courses.xapi_admin import xapi_client_viewset

    return xapi_client_viewset


@hooks.register("register_admin_viewset")
def register_xapi_statement_viewset():
    from courses.xapi_admin import xapi_statement_viewset

    return xapi_statement_viewset


@hooks.register("register_admin_viewset")
def register_review_viewsets():
    from courses.review_admin import learning_from_reviews

    return learning_from_reviews


@hooks.register("privacy_export")
def personal_data_export(staff_member):
    from courses import privacy

    return {
        "bookings": privacy.bookings_rows(staff_member),
        "evaluations": privacy.evaluations_rows(staff_member),
        "follow_ups": privacy.follow_ups_rows(staff_member),
        "certificates": privacy.certificates_rows(staff_member),
        "credentials_accepted": privacy.accepted_credentials_rows(staff_member),
        "elearning_statements": privacy.xapi_statements_rows(staff_member),
    }


@hooks.register("privacy_erase")
def personal_data_erase(staff_member, erased_by, identifiers):
    from courses.privacy import personal_data_erase

    return personal_data_erase(
        staff_member=staff_member, erased_by=erased_by, identifiers=identifiers
    )


@hooks.register("cms_page_context")
def upcoming_sessions_context(page, request):
    """Module pages list their own upcoming sessions; the home page the next few of all."""
    from cms.models import HomePage, ModulePage
    from courses import selectors

    if isinstance(page, ModulePage):
        return {"upcoming_sessions": selectors.upcoming_for_module(module_id=page.pk)}
    if isinstance(page, HomePage):
        return {"upcoming_sessions": selectors.upcoming_next(limit=5)}
    return {}
