"""Account and privacy errors: the competencies app's error class with its own messages."""

from django.utils.translation import gettext_lazy as _

from competencies.exceptions import CompetencyError


class AccountError(CompetencyError):
    """An account or privacy rule was broken. `code` names the rule; views show the message."""

    MESSAGES = {
        "LINK_ALREADY_LINKED": _("Your account is already linked to a staff record."),
        "LINK_PENDING": _(
            "You have already asked {agency}; their training coordinator will answer."
        ),
        "LINK_NOT_PENDING": _("This request has already been answered."),
        "LINK_STAFF_TAKEN": _(
            "{name} already has an account, has left or is not in this agency: choose "
            "another record or create a new one."
        ),
        "LINK_EMAIL_IN_USE": _(
            "A staff record with the email {email} already exists: link that record."
        ),
        "LINK_REASON_REQUIRED": _("Enter why you are declining the request"),
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
