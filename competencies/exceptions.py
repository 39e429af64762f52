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
        "MOVE_NOT_COORDINATOR": _(
            "Only a training coordinator of the agency the person joins can ask for a move."
        ),
        "MOVE_EMAIL_DOMAIN": _(
            "The new work email must end in one of {agency}'s email domains: {domains}."
        ),
        "MOVE_EMAIL_TAKEN": _("Another staff record already uses {email}."),
        "MOVE_SAME_AGENCY": _("This person is already in {agency}."),
        "MOVE_PENDING": _("A move for this person is already waiting for approval."),
        "MOVE_NOT_APPROVER": _(
            "Only the person, a coordinator of the agency they leave, or an administrator "
            "can decide this move."
        ),
        "MOVE_NOT_PENDING": _("This move has already been decided."),
        "TARGET_NOT_CHAIR": _(
            "Only the board's chair or an administrator can set its targets."
        ),
        "TARGET_RANGE": _("A target is a whole percentage from 1 to 100."),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(str(self.MESSAGES[code]).format(**params))
