"""The courses app's one error class and its catalogue of messages."""

from django.utils.translation import gettext_lazy as _


class BookingError(Exception):
    """A booking, register or evaluation rule was broken. `code` names the rule."""

    MESSAGES = {
        "SESSION_NOT_OPEN": _("This session is not taking bookings: it is {status}."),
        "SESSION_STARTED": _("This session has already started."),
        "WINDOW_NOT_OPEN": _("Booking for this session opens on {opens}."),
        "WINDOW_CLOSED": _("Booking for this session closed on {closes}."),
        "ALREADY_BOOKED": _("{staff} already has a place or a place in the queue."),
        "CLASH": _("{staff} is already booked on {other} at the same time."),
        "NOT_IN_AUDIENCE": _(
            "This module is for {audience}; {staff}'s role profile is not one of them."
        ),
        "STAFF_LEFT": _("{staff} has left their agency."),
        "NOT_ALLOWED": _("You can only book or cancel for yourself."),
        "OTHER_AGENCY": _(
            "You coordinate another agency: you can only book your own agency's staff."
        ),
        "NO_APPROVER": _(
            "This booking needs line-manager approval, but {staff} has no line manager or "
            "agency coordinator with a login. Ask your training coordinator."
        ),
        "NOT_APPROVER": _(
            "Only {staff}'s line manager or their agency's training coordinator can answer "
            "this request."
        ),
        "SELF_APPROVAL": _("You cannot approve your own booking."),
        "NOT_PENDING_APPROVAL": _("This booking is not waiting for approval."),
        "BAD_APPROVAL_LINK": _(
            "This approval link is not valid or has expired. Open your approvals page instead."
        ),
        "NOTE_REQUIRED": _(
            "Say why you are cancelling {staff}'s booking: they will see the reason."
        ),
        "NOT_ACTIVE": _("This booking is already cancelled."),
        "NOT_OFFERED": _("There is no place on offer for this booking."),
        "OFFER_EXPIRED": _("The place offered was held until {expires}; it has gone."),
        "SESSION_OVER": _("The session has already taken place."),
        "NOT_TRAINER": _("Only the session's trainers can do this."),
        "NOT_ENOUGH_PLACES": _(
            "Only {free} place(s) are free to hold; hold fewer or add places first."
        ),
        "HOLD_UNTIL": _("Hold places until a time before the session starts."),
        "ALREADY_HELD": _("Places are already held for {agency} on this session."),
        "NOT_CONFIRMED": _("Only people with a confirmed place are on the register."),
        "BAD_ATTENDANCE": _("Choose attended, partly attended or absent."),
        "NOT_STARTED": _("The register can be completed once the session has started."),
        "UNMARKED": _(
            "Mark everyone on the register before completing the session ({count} left)."
        ),
        "SESSION_CANCELLED": _("This session was cancelled."),
        "TIME_NEEDED": _("Enter the time {staff} {what}, for example 10:15."),
        "TIME_OUTSIDE": _(
            "The time {staff} {what} must be between the start ({start}) and the end "
            "({end}) of the session."
        ),
        "ON_REGISTER": _("{staff} is already on the register."),
        "CHECK_IN_CLOSED": _(
            "Check-in for this session is open from {opens} to {closes}. Tell the trainer "
            "you are here."
        ),
        "CHECK_IN_NOT_BOOKED": _(
            "You do not have a confirmed place on this session. Tell the trainer you are "
            "here: they can add you to the register."
        ),
        "ALREADY_CANCELLED": _("This session is already cancelled."),
        "ALREADY_COMPLETED": _(
            "This session has been completed and cannot be cancelled."
        ),
        "NOT_ATTENDEE": _("Only people who attended the session can evaluate it."),
        "ALREADY_EVALUATED": _("You have already sent your evaluation. Thank you."),
        "FOLLOW_UP_NOT_DUE": _(
            "The follow-up opens three months after the session ({due})."
        ),
        "NO_EVALUATION": _("Send the evaluation first, then the follow-up."),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(str(self.MESSAGES[code]).format(**params))


class CredentialError(Exception):
    """A credential from elsewhere cannot become competency records. `code` names why."""

    MESSAGES = {
        "UNKNOWN_ISSUER": _(
            "Its issuer ({issuer}) is not on the partnership's trusted-issuers list. {reason}"
        ),
        "TAMPERED": _("It does not verify: {reason}"),
        "REVOKED": _("Its issuer has revoked it."),
        "UNVERIFIABLE": _("It can no longer be verified."),
        "EXPIRED": _("It expired on {date}: it no longer counts."),
        "UNCHECKED": _(
            "Its issuer's status list could not be checked, so we cannot tell whether it "
            "has been revoked. Try again later."
        ),
        "NOT_THIS_PERSON": _(
            "It was issued to someone else: its hashed email does not match {staff}'s "
            "work email."
        ),
        "NO_LEVEL": _("It does not say at what level ({achievement})."),
        "NO_MAPPING": _(
            "None of the competencies it evidences maps to ours through the crosswalk: "
            "{unmapped}."
        ),
        "LEVEL_NOT_ASSESSED": _(
            "Our competency {competency} is not assessed at level {level}."
        ),
        "ALREADY_ACCEPTED": _("This credential was already accepted for {staff}."),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(str(self.MESSAGES[code]).format(**params))


class XapiError(Exception):
    """A request to the xAPI statements resource is refused; `status` is the HTTP status the
    xAPI 1.0.3 specification asks for, `code` names why (docs/xapi.md)."""

    MESSAGES = {
        "BAD_JSON": (400, _("The body is not valid JSON: {reason}")),
        "BAD_STATEMENT": (400, _("Statement {index}: {reason}")),
        "NO_STATEMENTS": (
            400,
            _("Send a statement or a non-empty array of statements."),
        ),
        "DUPLICATE_IN_BATCH": (
            400,
            _("The batch holds statement id {id} more than once."),
        ),
        "ID_MISMATCH": (
            400,
            _("The statement's id {id} is not the statementId parameter {param}."),
        ),
        "STATEMENT_ID_REQUIRED": (
            400,
            _("PUT needs the statementId parameter (a UUID)."),
        ),
        "BAD_PARAMETER": (400, _("{reason}")),
        "CONFLICT": (
            409,
            _("Statement {id} is already stored, and differs from the one sent."),
        ),
        "NOT_FOUND": (404, _("No statement {id} is available.")),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        self.status, message = self.MESSAGES[code]
        super().__init__(str(message).format(**params))


class ReportError(Exception):
    """A board paper or subscription rule was broken. `code` names the rule."""

    MESSAGES = {
        "NOT_SUBSCRIBER": _(
            "Only a board chair or an administrator can subscribe to the board paper."
        ),
        "FILTERS_OUT_OF_SCOPE": _(
            "These filters are not within the figures you can see: {errors}"
        ),
    }

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(str(self.MESSAGES[code]).format(**params))
