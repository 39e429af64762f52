"""Account and privacy errors: the competencies app's error class with its own messages."""

from django.utils.translation import gettext_lazy as _

from competencies.exceptions import CompetencyError


class AccountError(CompetencyError):
    """An account or privacy rule was broken. `code` names the rule; views show the message."""

    MESSAGES = {
        "DOMAIN_NOT_PARTNER": _(
            "Enter the work email address your agency gave you. {domain} is not the email "
            "domain of a partner agency."
        ),
        "STAFF_LEFT": _("{name} has left their agency, so cannot be given an account."),
        "STAFF_ERASED": _("This person's personal data has been erased."),
        "ALREADY_HAS_ACCOUNT": _("{name} already has an account and a password."),
        "ACCOUNT_DISABLED": _(
            "The account for {email} has been deactivated. Ask an administrator to "
            "reactivate it."
        ),
        "EMAIL_IN_USE": _(
            "The account for {email} is linked to another staff record. Ask an "
            "administrator to check it."
        ),
        "ALREADY_ERASED": _("This person's personal data has already been erased."),
        "EMAIL_LIMIT": _(
            "{email} has been sent as many account emails as we send in an hour; invite "
            "them again later."
        ),
    }
