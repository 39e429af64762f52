"""Audit-log actions of accounts and privacy, registered with Wagtail's log.

Imported from CompetenciesConfig.ready(), so the `register_log_actions` hook is in place before
Wagtail first scans for actions. Entries appear in the admin's site history report. Action data
never holds personal data: erasure would otherwise have to chase it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

INVITE = "competencies.account.invite"
REGISTER = "competencies.account.register"
CONFIRM = "competencies.account.confirm"
LINK = "competencies.account.link"
LINK_REQUEST = "competencies.account.link_request"
LINK_DECLINE = "competencies.account.link_decline"
PASSWORD_SET = "competencies.account.password_set"
LOCKOUT = "competencies.account.lockout"
PRIVACY_EXPORT = "competencies.staff.privacy_export"
ERASE = "competencies.staff.erase"

ACTIONS = {
    INVITE: (_("Invite to an account"), _("Invited to set up an account")),
    REGISTER: (_("Register an account"), _("Registered an account (unconfirmed)")),
    CONFIRM: (_("Confirm an account"), _("Confirmed the account by email")),
    LINK: (_("Link an account"), _("Linked the account to a staff record")),
    LINK_REQUEST: (
        _("Ask to link an account"),
        _("Asked the agency to link the account to a staff record"),
    ),
    LINK_DECLINE: (
        _("Decline a link request"),
        _("Declined the request to link the account"),
    ),
    PASSWORD_SET: (_("Set a password"), _("Set the account's password")),
    LOCKOUT: (
        _("Lock out after failed sign-ins"),
        _("Locked out after repeated failed sign-ins"),
    ),
    PRIVACY_EXPORT: (
        _("Download personal data"),
        _("Downloaded everything held about this person"),
    ),
    ERASE: (_("Erase personal data"), _("Erased this person's personal data")),
}


@hooks.register("register_log_actions")
def register_account_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
