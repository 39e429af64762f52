"""The competencies app's one error class and its catalogue of messages."""

from django.utils.translation import gettext_lazy as _


class CompetencyError(Exception):
    """A rule of the framework or of records was broken. `code` names the rule."""

    MESSAGES = {
        "LEVEL_NOT_ASSESSED": _("{competency} is not assessed at level {level}."),
        "LEVEL_UNKNOWN": _("The framework has no level {level}."),
        "ALREADY_REVOKED": _("This record was already revoked."),
        "REASON_REQUIRED": _("Give a reason for revoking the record."),
        "DOMAIN_OTHER_FRAMEWORK": _("The domain belongs to another framework."),
        "EXPIRES_BEFORE_ACHIEVED": _("The expiry date is before the date achieved."),
        "ACHIEVED_IN_FUTURE": _("The date achieved cannot be in the future."),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(str(self.MESSAGES[code]).format(**params))
