"""Who may open what: every role against every URL and every kind of object (issue 8).

ONE table (`TABLE`) says, for every named URL pattern of the site and of the project's own admin
views, which object it is asked about and the status each role must get for each kind of object:

- own: the signed-in person's own (staff record, booking, certificate, record, session attended);
- same: someone else's in the same agency;
- other: someone's in another agency working in the same area;
- far: someone's in an agency of another area.

`test_every_url_pattern_is_in_the_table` walks `django.urls.get_resolver()`: a URL added later
without a row here fails it. Wagtail's own admin and page-serving URLs (names starting with
"wagtail") are left out: Wagtail tests them, and they hold no agency data of ours.

Where a user may not see an object that belongs to another agency, the answer is 404, never 403
or a redirect with an "other agency" message, so an id cannot be used to learn what exists.
Requests run inside a savepoint that is rolled back, so a POST (cancel, invite) leaves the world
as it was for the next row.
"""

import dataclasses
import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from competencies.models import (
    Board,
    CompetencyEquivalence,
    CompetencyRecord,
    ComplianceTarget,
    LinkRequest,
    StaffMove,
)
from competencies.permissions import grant_default_permissions
from competencies.roles import BOARD_CHAIRS, MODERATORS, STAFF, TRAINERS
from courses.models import (
    AgencyReservation,
    BoardPaper,
    Booking,
    Certificate,
    Recommendation,
    Review,
    TrustedIssuer,
    XapiStatement,
)
from courses.roles import permissions_grant
from courses.services import booking_create
from courses.services.board_papers import subscription_create
from courses.services.xapi import statements_store, xapi_client_create
from tests import factories as f

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "staff", "coordinator", "trainer", "chair", "moderator", "admin")
PEOPLE_KINDS = ("own", "same", "other", "far")
NO_KIND = ("-",)

# Statuses, named for what they mean here.
OK = 200
MOVED = 302  # a redirect: to the login page (signed out), or after a POST
BAD = 400
UNAUTHORISED = (
    401  # HTTP Basic wanted (the xAPI resource): a browser session is not enough
)
DENIED = 403  # the role may not use this page at all; says nothing about an object
# In the Wagtail admin, a user without admin access, or without the model permission, is
# redirected (to the login page, or to the dashboard with "you do not have permission").
ADMIN_DENIED = MOVED
MISSING = 404
NOT_ALLOWED = 405


def people(own, same=None, other=MISSING, far=MISSING) -> dict:
    """Statuses per kind of person: own and same agency as given, others 404 by default."""
    return {
        "own": own,
        "same": own if same is None else same,
        "other": other,
        "far": far,
    }


SELF_ONLY = people(OK, MISSING)
AGENCY = people(OK)  # own agency only
ALL = people(OK, OK, OK, OK)
ALL_MOVED = people(MOVED, MOVED, MOVED, MOVED)
NOBODY = people(MISSING, MISSING, MISSING, MISSING)
SELF_MOVED = people(MOVED, MISSING)  # your own: done (or an error message), redirected
OWN_AGENCY_DENIED = people(ADMIN_DENIED)  # may know their agency's exist; others 404


def expect(default, **by_role) -> dict:
    """Expected status of every role: `default`, except the roles named."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


def signed_in(status, **by_role) -> dict:
    """Signed-out visitors are sent to the login page; everyone signed in gets `status`."""
    return expect(status, **{"anonymous": MOVED, **by_role})


def admin_only(status=OK, **by_role) -> dict:
    """A Wagtail admin page only administrators (or the roles named) use; everyone else is
    redirected, whatever the object (ADMIN_DENIED)."""
    return expect(ADMIN_DENIED, **{"admin": status, **by_role})


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    expected: dict  # role -> status, or role -> {kind: status}
    subject: str | None = None  # which object the URL names (see World.args)
    method: str = "get"

    def kinds(self, role):
        """The kinds of object this row is tried with (a signed-out visitor owns nothing)."""
        kinds = KINDS.get(self.subject, NO_KIND)
        value = self.expected[role]
        if isinstance(value, dict):
            assert set(value) == set(kinds), (self.name, role, value)
        if role == "anonymous" and kinds is PEOPLE_KINDS:
            return [k for k in kinds if k != "own"]
        return list(kinds)

    def status(self, role, kind):
        value = self.expected[role]
        return value[kind] if isinstance(value, dict) else value


PEOPLE_SUBJECTS = {
    "staff",
    "staff_ids",
    "record",
    "booking",
    "booking_decision",
    "past_booking",
    "certificate",
}
KINDS = {
    **dict.fromkeys(PEOPLE_SUBJECTS, PEOPLE_KINDS),
    # A session the person attended and the trainer trains (own), or one of another agency.
    "session": ("own", "other"),
    # Places held on the trainer's session for the coordinator's agency (own), and on
    # another trainer's session for another agency (other).
    "reservation": ("own", "other"),
    "report": ("aggregate", "named"),
    "report_section": ("aggregate", "named"),
}


def reference_viewset(namespace, subject) -> list[Row]:
    """Every view of a ModelViewSet of reference data (areas, boards, agencies, profiles):
    administrators only."""
    rows = [
        Row(f"{namespace}:index", admin_only()),
        Row(f"{namespace}:index_results", admin_only()),
        Row(f"{namespace}:add", admin_only()),
    ]
    for action in ("edit", "delete", "history", "history_results", "usage", "copy"):
        rows.append(Row(f"{namespace}:{action}", admin_only(), subject))
    return rows


# Who may see a certificate: its holder, their agency's coordinator, the session's trainers
# (the trainer trains the session the own and same-agency people attended) and administrators.
CERTIFICATE = expect(
    SELF_ONLY,
    anonymous=people(MOVED, MOVED, MOVED, MOVED),
    coordinator=AGENCY,
    trainer=AGENCY,
    admin=ALL,
)
# The admin's certificate pages: the same people, among those who use the admin at all.
# A moderator may not use the certificates admin, but their own certificate is theirs to know.
ADMIN_CERTIFICATE = admin_only(
    ALL, coordinator=AGENCY, trainer=AGENCY, moderator=people(ADMIN_DENIED, MISSING)
)
# Staff and records in the admin: a coordinator's own agency, everyone for administrators.
ADMIN_STAFF = admin_only(ALL, coordinator=AGENCY)
# The same, for views that look the object up in the user's scope before checking the
# model permission: roles that see no staff get 404 for every object.
ADMIN_STAFF_SCOPED = admin_only(
    ALL, coordinator=AGENCY, trainer=NOBODY, moderator=NOBODY
)
# Scoped lookup first, then a model permission coordinators lack.
ADMIN_STAFF_SCOPED_DENIED = admin_only(
    ALL, coordinator=OWN_AGENCY_DENIED, trainer=NOBODY, moderator=NOBODY
)
# Every role that uses the admin.
ADMIN_USERS_OK = admin_only(coordinator=OK, trainer=OK, moderator=OK)
# A session a trainer does not run does not exist for them (courses.policy.sessions_run_by).
TRAINER_OF_SESSION = signed_in(
    MISSING, trainer={"own": OK, "other": MISSING}, admin={"own": OK, "other": OK}
)

# Places held for an agency: the session's trainer and the agency's coordinator.
ADMIN_RESERVATION = admin_only(
    {"own": OK, "other": OK},
    coordinator={"own": OK, "other": MISSING},
    trainer={"own": OK, "other": MISSING},
    moderator={"own": MISSING, "other": MISSING},
)

TABLE: list[Row] = [
    # --- signing in and out, passwords (Django's views; ours where noted) ---
    Row("login", signed_in(MOVED, anonymous=OK)),  # signed in: sent on
    Row("logout", expect(MOVED), method="post"),
    Row("password_change", signed_in(OK)),
    Row("password_change_done", signed_in(OK)),
    Row("password_reset", expect(OK)),
    Row("password_reset_done", expect(OK)),
    Row("password_reset_confirm", expect(OK), "bad_token"),  # "link invalid" page
    Row("password_reset_complete", expect(OK)),
    # --- accounts: registration, invitations, personal data ---
    Row("accounts:register", expect(MOVED, anonymous=OK)),
    Row("accounts:register_sent", expect(OK)),
    Row("accounts:confirm", expect(BAD), "bad_token"),
    Row("accounts:invitation", expect(OK), "bad_token"),  # "link invalid" page
    Row("accounts:invitation_done", expect(OK)),
    # Asking to be linked: everyone here already has a staff record, so is sent on.
    Row("accounts:link_request", signed_in(MOVED)),
    Row("accounts:link_request_sent", signed_in(MISSING)),  # they never asked
    # Answering: agency A's coordinator and administrators; nobody else knows of them.
    Row("accounts:link_requests", signed_in(MISSING, coordinator=OK, admin=OK)),
    Row(
        "accounts:link_request_detail",
        signed_in(MISSING, coordinator=OK, admin=OK),
        "link_request",
    ),
    Row(
        "accounts:staff_account",
        signed_in(NOBODY, coordinator=AGENCY, admin=ALL),
        "staff",
    ),
    Row(
        "accounts:staff_invite",
        # POST only; a person who already has an account: an error message, back to the page.
        signed_in(NOBODY, coordinator=people(MOVED), admin=ALL_MOVED),
        "staff",
        method="post",
    ),
    Row(
        "accounts:staff_data",
        signed_in(NOBODY, coordinator=AGENCY, admin=ALL),
        "staff",
    ),
    Row(
        "accounts:staff_erase",
        # Administrators only; a coordinator may know their own agency's people exist.
        signed_in(NOBODY, coordinator=people(DENIED), admin=ALL),
        "staff",
    ),
    Row("accounts:my_data", signed_in(OK)),
    Row("my_training", signed_in(OK)),
    Row("agency_staff", signed_in(DENIED, coordinator=OK, admin=OK)),
    Row(
        "agency_staff_detail",
        signed_in(NOBODY, coordinator=AGENCY, admin=ALL),
        "staff",
    ),
    Row("courses:agency_bookings", signed_in(DENIED, coordinator=OK, admin=OK)),
    # The people chooser lists only the user's scope; booking is by POST from it.
    Row(
        "courses:book_staff",
        signed_in(DENIED, coordinator=OK, admin=OK),
        "future_session",
    ),
    # Moves between agencies: everyone sees their own; the pending move is of the far person
    # (agency C) into agency A, asked for by A's coordinator. While it waits it does not exist
    # for the asking agency (no sign of whom the other agency employs), so their coordinator
    # meets a 404 like everyone else; an administrator decides it.
    Row("agency_moves", signed_in(OK)),
    Row(
        "agency_move_decide",
        signed_in(MISSING, admin=MOVED),
        "move",
        method="post",
    ),
    # --- the public site ---
    Row("cms:search", expect(OK)),
    Row("cms:robots_txt", expect(OK)),
    Row("courses:session_list", expect(OK)),
    Row("courses:session_detail", expect(OK), "session"),
    Row("courses:verify_form", expect(OK)),
    Row("courses:verify", expect(OK), "verification_code"),
    # The CASE 1.1 provider API: public and read-only, published frameworks only.
    Row("case:documents", expect(OK)),
    Row("case:document", expect(OK), "case_document"),
    Row("case:package", expect(OK), "case_document"),
    Row("case:item", expect(OK), "case_item"),
    Row("case:association", expect(OK), "case_association"),
    # --- booking ---
    # Everyone signed in already has a place on the future session: the page with the error.
    Row("courses:book", signed_in(OK), "future_session", method="post"),
    Row(
        "courses:cancel",
        # Your own: cancelled, back to My training. On someone's behalf the confirm page
        # asks why (a reason is required). Somebody else's booking does not exist for you.
        signed_in(
            SELF_MOVED,
            coordinator=people(MOVED, OK),
            admin=people(MOVED, OK, OK, OK),
        ),
        "booking",
        method="post",
    ),
    # The confirmation page and the calendar file: whoever may act on the booking.
    Row(
        "courses:booking_done",
        signed_in(SELF_ONLY, coordinator=AGENCY, admin=ALL),
        "booking",
    ),
    Row(
        "courses:booking_calendar",
        signed_in(SELF_ONLY, coordinator=AGENCY, admin=ALL),
        "booking",
    ),
    Row(
        "courses:accept",
        # No place is on offer: an error message, back to My training.
        signed_in(SELF_MOVED, coordinator=people(MOVED), admin=ALL_MOVED),
        "booking",
        method="post",
    ),
    Row("courses:evaluation", signed_in(SELF_ONLY), "past_booking"),
    Row("courses:follow_up", signed_in(SELF_ONLY), "past_booking"),
    Row("courses:approvals", signed_in(OK)),
    Row(
        "courses:approval_decide",
        # Only the person ("you cannot approve your own booking") and their approvers
        # (coordinator of their agency, line manager, administrator) meet the booking; an
        # approver is told it is not waiting for approval. Anyone else: it does not exist.
        signed_in(SELF_MOVED, coordinator=people(MOVED), admin=ALL_MOVED),
        "booking_decision",
        method="post",
    ),
    Row("courses:approval_link", expect(BAD), "bad_token"),
    Row("courses:my_training", signed_in(OK)),
    # --- trainers: register, sign-in sheet, evaluations, certificates of a session ---
    Row("courses:register", TRAINER_OF_SESSION, "session"),
    Row("courses:sign_in_sheet", TRAINER_OF_SESSION, "session"),
    Row("courses:register_check", TRAINER_OF_SESSION, "session"),
    Row("courses:waiting_list", TRAINER_OF_SESSION, "session"),
    # An empty walk-in form: the trainer gets it back with errors (400).
    Row(
        "courses:walk_in",
        signed_in(
            MISSING,
            trainer={"own": BAD, "other": MISSING},
            admin={"own": BAD, "other": BAD},
        ),
        "session",
        method="post",
    ),
    # The sessions a trainer runs; nobody else has such a list.
    Row("courses:my_sessions", signed_in(MISSING, trainer=OK, admin=OK)),
    # The QR check-in page says what to do to anyone signed in (not booked, outside the window).
    Row("courses:check_in", signed_in(OK), "session"),
    # One session's results hold its attendees' comments: its trainers only. Pooled over a
    # module's sessions, results are anonymous; every trainer may read them.
    Row("courses:session_evaluations", TRAINER_OF_SESSION, "session"),
    Row(
        "courses:module_evaluations",
        signed_in(DENIED, trainer=OK, admin=OK),
        "module",
    ),
    Row(
        "courses:session_certificates",
        signed_in(
            MISSING,
            trainer={"own": OK, "other": MISSING},
            admin={"own": OK, "other": OK},
        ),
        "session",
    ),
    Row("courses:certificate_pdf", CERTIFICATE, "certificate"),
    # The certificate as an Open Badges credential: the PDF's rule.
    Row("courses:certificate_jwt", CERTIFICATE, "certificate"),
    Row("courses:certificate_json", CERTIFICATE, "certificate"),
    # Public, for any verifier: our DID document and the status lists.
    Row("courses:did_document", expect(OK)),
    Row("courses:credential_status_list", expect(OK), "status_list"),
    # xAPI for e-learning platforms: their own key and secret, never a person's session.
    Row("courses:xapi_statements", expect(UNAUTHORISED)),
    Row("courses:xapi_about", expect(OK)),
    # A coordinator turns a credential their own agency's new starter brings into records.
    Row(
        "courses:credential_accept",
        signed_in(DENIED, coordinator=AGENCY, admin=ALL),
        "staff",
    ),
    # --- reports: board chairs get aggregates, named lists only for coordinators/admins ---
    Row("reports", signed_in(DENIED, coordinator=OK, chair=OK, admin=OK)),
    # Targets: a chair sets their own boards', an administrator every board's.
    Row("report_targets", signed_in(MISSING, chair=OK, admin=OK)),
    Row(
        "report_export",
        signed_in(
            DENIED,
            coordinator={"aggregate": OK, "named": OK},
            chair={"aggregate": OK, "named": MISSING},
            admin={"aggregate": OK, "named": OK},
        ),
        "report",
    ),
    # A dashboard section on its own (one that loads after the page): aggregates only, so a
    # named list is not one, for anyone.
    Row(
        "report_section",
        signed_in(
            DENIED,
            coordinator={"aggregate": OK, "named": MISSING},
            chair={"aggregate": OK, "named": MISSING},
            admin={"aggregate": OK, "named": MISSING},
        ),
        "report_section",
    ),
    # Stored board papers: anyone with a report scope asks for their own; only the requester
    # (here the chair) and administrators open one; without a report role, 403.
    Row("report_papers", signed_in(DENIED, coordinator=OK, chair=OK, admin=OK)),
    Row(
        "report_paper",
        signed_in(DENIED, coordinator=MISSING, chair=OK, admin=OK),
        "board_paper",
    ),
    Row(
        "report_paper_status",
        signed_in(DENIED, coordinator=MISSING, chair=OK, admin=OK),
        "board_paper",
    ),
    Row(
        "report_paper_download",
        signed_in(DENIED, coordinator=MISSING, chair=OK, admin=OK),
        "board_paper",
    ),
    # Subscriptions: chairs and administrators; a subscription is its subscriber's alone.
    Row("report_subscriptions", signed_in(DENIED, chair=OK, admin=OK)),
    Row(
        "report_unsubscribe",
        signed_in(DENIED, chair=OK, admin=MISSING),
        "board_paper_subscription",
    ),
    # --- planning: training demand and cross-overs, aggregates for planners ---
    Row(
        "courses:planning",
        signed_in(DENIED, coordinator=OK, trainer=OK, chair=OK, admin=OK),
    ),
    Row(
        "courses:planning_export",
        signed_in(DENIED, coordinator=OK, trainer=OK, chair=OK, admin=OK),
        "planning_export",
    ),
    Row(
        "courses:crossovers",
        signed_in(DENIED, coordinator=OK, trainer=OK, chair=OK, admin=OK),
    ),
    Row(
        "courses:crossovers_export",
        signed_in(DENIED, coordinator=OK, trainer=OK, chair=OK, admin=OK),
        "planning_export",
    ),
    # --- admin: imports and exports ---
    # Wagtail's site history, served by our subclass so its export is escaped: anyone in
    # the admin (entries are scoped by competencies.scoping).
    Row(
        "admin_reports:site_history",
        admin_only(coordinator=OK, trainer=OK, moderator=OK),
    ),
    Row(
        "admin_reports:site_history_results",
        admin_only(coordinator=OK, trainer=OK, moderator=OK),
    ),
    # Wagtail's page and workflow reports, ours for the same reason; Wagtail's own rule on
    # who sees them (page publish and lock permissions: moderators, not trainers).
    *[
        Row(f"admin_reports:{name}{suffix}", admin_only(moderator=OK))
        for name in ("locked_pages", "aging_pages", "workflow", "workflow_tasks")
        for suffix in ("", "_results")
    ],
    Row("competencies_staff_import:upload", admin_only(coordinator=OK)),
    Row("competencies_staff_import:export", admin_only(coordinator=OK)),
    Row("competencies_staff_import:template", admin_only(coordinator=OK)),
    # Lists (and invites) only the people the user's own last import added, in their scope.
    Row("competencies_staff_import:invite_new", admin_only(coordinator=OK)),
    Row("competencies_records_import:upload", admin_only(coordinator=OK)),
    Row("competencies_framework_io:import", admin_only()),
    Row("competencies_framework_io:export", admin_only(), "framework"),
    Row("competencies_framework_io:export_moodle", admin_only(), "framework"),
    # --- admin: staff ---
    Row("competencies_staff:index", admin_only(coordinator=OK)),
    Row("competencies_staff:index_results", admin_only(coordinator=OK)),
    Row("competencies_staff:add", admin_only(coordinator=OK)),
    Row("competencies_staff:edit", ADMIN_STAFF, "staff"),
    Row("competencies_staff:delete", ADMIN_STAFF_SCOPED_DENIED, "staff"),
    Row("competencies_staff:history", ADMIN_STAFF_SCOPED, "staff"),
    Row("competencies_staff:history_results", ADMIN_STAFF_SCOPED, "staff"),
    Row("competencies_staff:usage", ADMIN_STAFF_SCOPED, "staff"),
    # The chooser lists the user's scope (nobody, for trainers and moderators).
    Row("competencies_staff_chooser:choose", ADMIN_USERS_OK),
    Row("competencies_staff_chooser:choose_results", ADMIN_USERS_OK),
    Row("competencies_staff_chooser:chosen", ADMIN_STAFF_SCOPED, "staff"),
    # ?id=<pk>: only ids in scope come back (test_chosen_multiple_returns_only_visible_staff).
    Row("competencies_staff_chooser:chosen_multiple", ADMIN_USERS_OK, "staff_ids"),
    # No creation form: an empty tab, for those who may add staff.
    Row("competencies_staff_chooser:create", admin_only(coordinator=OK)),
    # --- admin: competency records ---
    Row("competencies_record:index", admin_only(coordinator=OK)),
    Row("competencies_record:index_results", admin_only(coordinator=OK)),
    Row("competencies_record:add", admin_only(coordinator=OK)),
    # The edit view is the revoke form: administrators only (coordinators add, not revoke).
    Row("competencies_record:edit", admin_only(ALL), "record"),
    # Records are revoked, never deleted: not even by administrators.
    Row("competencies_record:delete", admin_only(ADMIN_DENIED), "record"),
    Row("competencies_record:history", ADMIN_STAFF_SCOPED, "record"),
    Row("competencies_record:history_results", ADMIN_STAFF_SCOPED, "record"),
    Row("competencies_record:usage", ADMIN_STAFF_SCOPED_DENIED, "record"),
    # --- admin: reference data ---
    *reference_viewset("competencies_roleprofile", "role_profile"),
    *reference_viewset("competencies_agency", "agency"),
    *reference_viewset("competencies_area", "area"),
    *reference_viewset("competencies_board", "board"),
    *reference_viewset("competencies_target", "target"),
    *reference_viewset("competencies_crosswalk", "crosswalk"),
    Row("competencies_crosswalk:import", admin_only()),
    # Trusted issuers of credentials: administrators only (no copy view).
    *[
        row
        for row in reference_viewset("courses_trustedissuer", "trusted_issuer")
        if not row.name.endswith(":copy")
    ],
    # xAPI clients (e-learning platforms' credentials): administrators only (no copy view).
    *[
        row
        for row in reference_viewset("courses_xapiclient", "xapi_client")
        if not row.name.endswith(":copy")
    ],
    # What the platforms sent: administrators read it; nobody adds, changes or deletes it.
    Row("courses_xapistatement:index", admin_only()),
    Row("courses_xapistatement:index_results", admin_only()),
    Row("courses_xapistatement:add", expect(ADMIN_DENIED)),
    Row("courses_xapistatement:edit", expect(ADMIN_DENIED), "xapi_statement"),
    Row("courses_xapistatement:delete", expect(ADMIN_DENIED), "xapi_statement"),
    Row("courses_xapistatement:inspect", admin_only(), "xapi_statement"),
    # Wagtail asks for the change permission here, which nobody has.
    *[
        Row(f"courses_xapistatement:{action}", expect(ADMIN_DENIED), "xapi_statement")
        for action in ("history", "history_results", "usage")
    ],
    Row("competencies_crosswalk:export", admin_only()),
    *reference_viewset("courses_review", "review"),
    *reference_viewset("courses_recommendation", "recommendation"),
    # --- admin: sessions (not agency data: the joint programme is public) ---
    Row("courses_session:index", admin_only(coordinator=OK, trainer=OK)),
    Row("courses_session:index_results", admin_only(coordinator=OK, trainer=OK)),
    Row("courses_session:add", admin_only(trainer=OK)),
    Row(
        "courses_session:edit",
        admin_only(trainer={"own": OK, "other": MISSING}),
        "session",
    ),
    Row("courses_session:delete", admin_only(), "session"),
    Row("courses_session:history", admin_only(trainer=OK), "session"),
    Row("courses_session:history_results", admin_only(trainer=OK), "session"),
    Row("courses_session:usage", admin_only(trainer=OK), "session"),
    Row("courses_session:inspect", admin_only(coordinator=OK, trainer=OK), "session"),
    Row("courses_session:copy", admin_only(trainer=OK), "session"),
    Row(
        "courses_session:cancel",
        admin_only(trainer={"own": OK, "other": MISSING}),
        "session",
    ),
    # --- admin: certificates ---
    Row("courses_certificate:index", admin_only(coordinator=OK, trainer=OK)),
    Row("courses_certificate:index_results", admin_only(coordinator=OK, trainer=OK)),
    # Issued by completing a session and revoked, never added by hand or deleted.
    Row("courses_certificate:add", admin_only(ADMIN_DENIED)),
    Row("courses_certificate:edit", admin_only(ALL), "certificate"),  # the revoke form
    Row("courses_certificate:delete", admin_only(ADMIN_DENIED), "certificate"),
    Row("courses_certificate:history", admin_only(ALL), "certificate"),
    Row("courses_certificate:history_results", admin_only(ALL), "certificate"),
    Row("courses_certificate:usage", admin_only(ALL), "certificate"),
    Row("courses_certificate:inspect", ADMIN_CERTIFICATE, "certificate"),
    # --- admin: places held for an agency (ended by their date, never edited or deleted) ---
    Row("courses_reservation:index", admin_only(coordinator=OK, trainer=OK)),
    Row("courses_reservation:index_results", admin_only(coordinator=OK, trainer=OK)),
    Row("courses_reservation:add", admin_only(trainer=OK)),
    Row("courses_reservation:edit", admin_only(ADMIN_DENIED), "reservation"),
    Row("courses_reservation:delete", admin_only(ADMIN_DENIED), "reservation"),
    Row("courses_reservation:inspect", ADMIN_RESERVATION, "reservation"),
    # Looked up in the user's scope first; Wagtail's history then asks for a right to
    # change the model (trainers may add holds, coordinators only look at them) ...
    *[
        Row(
            f"courses_reservation:{view}",
            {**ADMIN_RESERVATION, "coordinator": {"own": MOVED, "other": MISSING}},
            "reservation",
        )
        for view in ("history", "history_results")
    ],
    # ... and "usage" for the right to delete, which nobody has.
    Row(
        "courses_reservation:usage",
        {
            **ADMIN_RESERVATION,
            "admin": {"own": MOVED, "other": MOVED},
            "coordinator": {"own": MOVED, "other": MISSING},
            "trainer": {"own": MOVED, "other": MISSING},
        },
        "reservation",
    ),
]


# --- the URL patterns of the site ----------------------------------------------------------------


def _walk(resolver, namespace=None, owner=""):
    """(full name, pattern, module of the URLconf that holds it) of every pattern."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = ":".join(p for p in (namespace, inner) if p) if inner else namespace
            module = getattr(pattern.urlconf_name, "__name__", owner)
            yield from _walk(pattern, ns, module if isinstance(module, str) else owner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            full = f"{namespace}:{name}" if namespace and name else name
            yield full, pattern, owner


def _is_wagtails_own(name: str | None, owner: str) -> bool:
    if name is not None:
        return name.startswith("wagtail")
    return owner.startswith("wagtail")


def url_patterns_of_the_site() -> set[str]:
    found = set()
    for name, pattern, owner in _walk(get_resolver()):
        if _is_wagtails_own(name, owner):
            continue
        # An unnamed pattern of ours cannot be put in the table: that is a failure too.
        found.add(name or f"<unnamed {pattern.pattern} -> {pattern.lookup_str}>")
    return found


def test_every_url_pattern_is_in_the_table():
    in_table = [row.name for row in TABLE]
    duplicates = {name for name in in_table if in_table.count(name) > 1}
    assert not duplicates, f"URL names twice in TABLE: {sorted(duplicates)}"
    found = url_patterns_of_the_site()
    missing = found - set(in_table)
    stale = set(in_table) - found
    assert not missing, (
        "URL patterns without a row in tests/test_access_matrix.py TABLE (say who may open "
        f"them, for every kind of object): {sorted(missing)}"
    )
    assert not stale, (
        f"TABLE rows for URL patterns that no longer exist: {sorted(stale)}"
    )


# --- the world the table is about ----------------------------------------------------------------


class World:
    """Three agencies (A and B in area X, C in area Y), a signed-in user of every role with a
    staff record in agency A, and one colleague in A, one person in B and one in C, each with
    a competency record, a booking on a future session and a certificate from a past one."""

    def __init__(self):
        grant_default_permissions()
        permissions_grant()
        self.area_x = f.AreaFactory(code="XMA", name="Area X")
        self.area_y = f.AreaFactory(code="YMA", name="Area Y")
        self.a = f.AgencyFactory(
            short_name="AGA", email_domains="aga.example", areas=[self.area_x]
        )
        self.b = f.AgencyFactory(
            short_name="AGB", email_domains="agb.example", areas=[self.area_x]
        )
        self.c = f.AgencyFactory(
            short_name="AGC", email_domains="agc.example", areas=[self.area_y]
        )
        self.users = {"anonymous": None}
        self.own_staff = {}

        def person(agency, area, username, groups=()):
            email = f"{username}@{agency.email_domains}"
            user = f.UserFactory(username=username, email=email, groups=list(groups))
            staff = f.StaffMemberFactory(agency=agency, user=user, email=email)
            staff.areas.set([area])
            return staff

        for role, groups in (
            ("staff", [STAFF]),
            ("trainer", [TRAINERS]),
            ("chair", [BOARD_CHAIRS]),
            ("moderator", [MODERATORS]),
            ("admin", []),
        ):
            staff = person(self.a, self.area_x, f"matrix.{role}", groups)
            self.users[role] = staff.user
            self.own_staff[role] = staff
        coordinator = f.coordinator_for(self.a, username="matrix.coordinator")
        self.users["coordinator"] = coordinator
        self.own_staff["coordinator"] = coordinator.staff_member
        coordinator.staff_member.areas.set([self.area_x])
        admin = self.users["admin"]
        admin.is_superuser = admin.is_staff = True
        admin.save()
        board = Board.objects.create(
            name="Area X SAB", short_name="XSAB", area=self.area_x
        )
        board.chairs.add(self.users["chair"])
        ComplianceTarget.objects.create(board=board, percent=90)
        self.board_paper = _board_paper_of(self.users["chair"])
        self.board_paper_subscription = subscription_create(
            user=self.users["chair"], frequency="quarterly", querystring=""
        )

        self.colleague = person(self.a, self.area_x, "matrix.colleague")
        self.outsider = person(self.b, self.area_x, "matrix.outsider")
        self.distant = person(self.c, self.area_y, "matrix.distant")

        trainer = self.users["trainer"]
        other_trainer = f.UserFactory(
            username="matrix.other-trainer", groups=[TRAINERS]
        )
        ours = [*self.own_staff.values(), self.colleague]
        self.module = f.module_page()
        self.session_own, _ = f.session_completed(
            trainer=trainer, staff=ours, marks=["attended"] * len(ours)
        )
        self.session_other, _ = f.session_completed(
            trainer=other_trainer,
            staff=[self.outsider, self.distant],
            marks=["attended", "attended"],
        )
        self.session_other.host_agency = self.b
        self.session_other.save()
        self.session_own.host_agency = self.a
        self.session_own.save()
        self.future = f.SessionFactory(trainers=[trainer], capacity=50)
        booked_at = timezone.now() - datetime.timedelta(minutes=5)
        for staff in [*ours, self.outsider, self.distant]:
            booking_create(
                session=self.future, staff=staff, booked_by=staff.user, now=booked_at
            )
            f.CompetencyRecordFactory(staff=staff)
        self.framework = f.FrameworkFactory()
        # Published (on a live public page), so the CASE API serves it.
        from cms.site import site_ensure

        f.framework_page_create(home=site_ensure(), framework=self.framework)
        self.case_competency = f.CompetencyFactory(
            framework=self.framework, domain__framework=self.framework
        )
        self.role_profile = f.RoleProfileFactory()
        self.crosswalk = CompetencyEquivalence.objects.create(
            competency=f.CompetencyFactory(),
            maps_to=f.CompetencyFactory(),
            kind="equivalent",
        )
        self.trusted_issuer = TrustedIssuer.objects.create(
            did="did:web:partner.example", name="Partner"
        )
        self.xapi_client, _secret = xapi_client_create(name="Access matrix LMS")
        (statement_id,) = statements_store(
            client=self.xapi_client,
            statements=[
                {
                    "actor": {"mbox": "mailto:someone@lms.example"},
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
                    "object": {"id": "https://lms.example/activity"},
                }
            ],
        )
        self.xapi_statement = XapiStatement.objects.get(pk=statement_id)
        self.review = Review.objects.create(
            kind="sar", title="SAR Matrix", published_on=datetime.date(2026, 1, 1)
        )
        self.recommendation = Recommendation.objects.create(
            review=self.review, number="1", text="t", made_on=datetime.date(2026, 1, 1)
        )
        self.link_request = LinkRequest.objects.create(
            user=f.UserFactory(username="matrix.newcomer"),
            agency=self.a,
            first_name="New",
            last_name="Comer",
            job_title="Support worker",
        )
        self.reservation_own = AgencyReservation.objects.create(
            session=self.future,
            agency=self.a,
            places=2,
            until=self.future.start - datetime.timedelta(days=7),
        )
        elsewhere = f.SessionFactory(trainers=[other_trainer])
        self.reservation_other = AgencyReservation.objects.create(
            session=elsewhere,
            agency=self.b,
            places=2,
            until=elsewhere.start - datetime.timedelta(days=7),
        )
        self.move = StaffMove.objects.create(
            staff=self.distant,
            from_agency=self.c,
            to_agency=self.a,
            new_email="matrix.distant@aga.example",
            requested_by=coordinator,
        )

    def person(self, role, kind):
        if kind == "own":
            return self.own_staff[role]
        return {"same": self.colleague, "other": self.outsider, "far": self.distant}[
            kind
        ]

    def args(self, subject, role, kind) -> dict:
        """URL kwargs for `subject` of `kind`, as seen by `role`."""
        if subject is None:
            return {}
        if subject in PEOPLE_SUBJECTS:
            staff = self.person(role, kind)
            if subject in {"staff", "staff_ids"}:
                return {"pk": staff.pk}
            if subject == "record":
                return {
                    "pk": CompetencyRecord.objects.filter(staff=staff)
                    .order_by("pk")
                    .first()
                    .pk
                }
            if subject in {"booking", "booking_decision"}:
                return {"pk": Booking.objects.get(session=self.future, staff=staff).pk}
            if subject == "past_booking":
                return {
                    "pk": Booking.objects.exclude(session=self.future)
                    .get(staff=staff)
                    .pk
                }
            certificate = Certificate.objects.get(staff=staff)
            return {"pk": certificate.pk, "number": certificate.number}
        if subject == "session":
            session = self.session_own if kind == "own" else self.session_other
            return {"pk": session.pk}
        if subject == "reservation":
            held = self.reservation_own if kind == "own" else self.reservation_other
            return {"pk": held.pk}
        if subject == "future_session":
            return {"pk": self.future.pk}
        if subject == "module":
            return {"module_id": self.module.pk}
        if subject == "report":
            slug = "overdue-staff" if kind == "named" else "compliance-by-agency"
            return {"slug": slug, "fmt": "csv"}
        if subject == "report_section":
            return {"slug": "overdue-staff" if kind == "named" else "training-demand"}
        if subject == "bad_token":
            return {}
        if subject == "planning_export":
            return {"fmt": "csv"}
        if subject == "move":
            return {"pk": self.move.pk, "decision": "approve"}
        if subject == "case_document":
            return {"sourced_id": self.framework.sourced_id}
        if subject == "case_item":
            return {"sourced_id": self.case_competency.sourced_id}
        if subject == "case_association":
            from competencies.case.vocabulary import hierarchy_association_id

            child = self.case_competency
            return {
                "sourced_id": hierarchy_association_id(
                    child=child.sourced_id, parent=child.domain.sourced_id
                )
            }
        if subject == "status_list":
            return {"list_number": Certificate.objects.first().status_list}
        if subject == "verification_code":
            return {"code": Certificate.objects.first().verification_code}
        simple = {
            "framework": self.framework,
            "role_profile": self.role_profile,
            "agency": self.a,
            "area": self.area_x,
            "board": Board.objects.first(),
            "target": ComplianceTarget.objects.first(),
            "crosswalk": self.crosswalk,
            "trusted_issuer": self.trusted_issuer,
            "xapi_client": self.xapi_client,
            "xapi_statement": self.xapi_statement,
            "review": self.review,
            "recommendation": self.recommendation,
            "link_request": self.link_request,
            "board_paper": self.board_paper,
            "board_paper_subscription": self.board_paper_subscription,
        }
        return {"pk": simple[subject].pk}


def _board_paper_of(user) -> BoardPaper:
    """A finished paper the user asked for (its PDF a stand-in: drawing one takes seconds)."""
    from django.core.files.base import ContentFile

    from courses.reports.scope import report_scope_for
    from courses.services.board_papers import board_paper_build

    paper = board_paper_build(user=user, scope=report_scope_for(user), querystring="")
    paper.status = BoardPaper.Status.DONE
    paper.file.save(paper.filename, ContentFile(b"%PDF-1.7 stand-in"), save=False)
    paper.save()
    return paper


def _reverse(row: Row, args: dict) -> str:
    name = row.name
    if row.subject == "bad_token":
        kwargs = (
            {"token": "bad-token"}
            if name == "courses:approval_link"
            else {
                "uidb64": "MTIzNDU2",
                "token": "bad-token",
            }
        )
        return reverse(name, kwargs=kwargs)
    if row.subject == "staff_ids":
        return reverse(name) + f"?id={args['pk']}"
    if row.subject == "booking_decision":
        return reverse(name, kwargs={**args, "decision": "approve"})
    if name == "accounts:staff_data" or name == "accounts:my_data":
        args = {**args, "fmt": "json"}
    if name in {
        "courses:certificate_pdf",
        "courses:certificate_jwt",
        "courses:certificate_json",
    }:
        args = {"number": args["number"]}
    elif "number" in args:
        args = {"pk": args["pk"]}
    return reverse(name, kwargs=args)


def _request(user, row: Row, url: str):
    """One request inside a savepoint that is rolled back; a raised exception counts as 500.

    A new client each time: signing out (or a session rolled back) must not change the rows
    after it.
    """
    from django.core.cache import cache

    cache.clear()  # rate limits (verification misses) start at zero for every row
    client = Client()
    if user is not None:
        client.force_login(user)
    try:
        with transaction.atomic():
            response = getattr(client, row.method)(url)
            transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001 - a 500, reported with the row
        return f"500 ({type(exc).__name__}: {exc})"
    return response.status_code


@pytest.fixture(scope="module")
def world_module(module_transaction):
    """The world, built once for the module inside a transaction rolled back at its end."""
    from cms.site import site_ensure

    with module_transaction() as unblocked:
        with unblocked():
            site_ensure()
            world = World()
        yield world


@pytest.fixture
def world(world_module, db):
    """The module's world; each test runs in its own savepoint, rolled back."""
    return world_module


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(role, world):
    user = world.users[role]
    wrong = []
    for row in TABLE:
        subject = row.subject
        for kind in row.kinds(role):
            url = _reverse(row, world.args(subject, role, kind))
            status = _request(user, row, url)
            if status != row.status(role, kind):
                wrong.append(
                    f"{role}: {row.method.upper()} {url} [{row.name}, {kind}]: "
                    f"got {status}, expected {row.status(role, kind)}"
                )
    assert not wrong, f"{role}: {len(wrong)} wrong\n" + "\n".join(wrong)
