"""The competencies app's rules, each written once.

Every rule here comes as a queryset expression (for lists, reports and exports) and, where a
single object is asked about, as its matching check (for views, services and templates).
Nothing outside the policy modules tests `is_superuser` or a role by its group name: a test
(tests/test_policy_single_home.py) fails if something does.

- roles: who is an administrator, trainer, coordinator or board chair;
- agency scope: whose staff data a user may see (docs/access.md);
- staff active: who still works for their agency on a day;
- spreadsheet-safe text: what leaves the site in a spreadsheet is never run as a formula;
- the compliance rule: which records count for a requirement, and its status on a day;
- published framework: which frameworks the public CASE provider API serves.
"""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competencies.models import (
    Agency,
    Board,
    Competency,
    CompetencyEquivalence,
    CompetencyRecord,
    Framework,
    StaffMember,
)
from competencies.roles import BOARD_CHAIRS, COORDINATORS, TRAINERS

# --- roles ---------------------------------------------------------------------------------


def is_administrator(user) -> bool:
    """Administrators are superusers: everything, every agency, the framework itself."""
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def has_role(user, group_name: str) -> bool:
    """Membership of a role group, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return group_name in cache


def is_trainer(user) -> bool:
    return has_role(user, TRAINERS)


def is_coordinator(user) -> bool:
    return has_role(user, COORDINATORS)


def is_board_chair(user) -> bool:
    return has_role(user, BOARD_CHAIRS)


def coordinated_agency_id(user) -> int | None:
    """The agency a training coordinator coordinates: the agency of their own staff record."""
    if not is_coordinator(user):
        return None
    staff = getattr(user, "staff_member", None)
    return staff.agency_id if staff else None


def chaired_boards(user) -> list[Board]:
    """The adults boards the user chairs (a board chair's reports cover their areas)."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Board.objects.filter(chairs=user, kind=Board.Kind.ADULTS).select_related("area")
    )


def navigation_roles(user) -> dict[str, bool]:
    """What the signed-in user may reach, for the site's navigation."""
    if user is None or not user.is_authenticated:
        return {}
    return {
        "administrator": is_administrator(user),
        "coordinator": is_coordinator(user),
        "trainer": is_trainer(user),
        "board_chair": is_board_chair(user),
    }


def coordinator_users_of(agency_id: int):
    """Active sign-ins of an agency's training coordinators (approvers, people to tell)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True,
        groups__name=COORDINATORS,
        staff_member__agency_id=agency_id,
    )


def trainer_users():
    """Active sign-ins in the trainer role: the people a session may name as its trainers."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, groups__name=TRAINERS)


# --- agency scope: whose staff data a user may see --------------------------------------------
#
# Administrators see every agency; a training coordinator their own agency; anyone else no
# agency's staff data through these (a person sees themselves through their own pages, a board
# chair sees aggregates through the report scope, a trainer the people on sessions they run).


def agency_ids_visible_to(user) -> list[int] | None:
    """None means every agency (administrator); otherwise the agency ids (maybe none)."""
    if is_administrator(user):
        return None
    agency_id = coordinated_agency_id(user)
    return [agency_id] if agency_id else []


def can_see_all_agencies(user) -> bool:
    return agency_ids_visible_to(user) is None


def agency_q(user, field: str = "agency_id") -> Q:
    """The agency scope as a condition on `field` (an agency id lookup of any model)."""
    ids = agency_ids_visible_to(user)
    return Q() if ids is None else Q(**{f"{field}__in": ids})


def agencies_visible_to(user) -> QuerySet[Agency]:
    return Agency.objects.filter(agency_q(user, "pk"))


def staff_visible_to(user) -> QuerySet[StaffMember]:
    """Staff members the user may list, open, choose and export."""
    return StaffMember.objects.filter(agency_q(user))


def records_visible_to(user) -> QuerySet[CompetencyRecord]:
    """Competency records of the staff the user may see."""
    return CompetencyRecord.objects.filter(agency_q(user, "staff__agency_id"))


def may_manage_staff(user, staff: StaffMember) -> bool:
    """The one-object check of `staff_visible_to`."""
    ids = agency_ids_visible_to(user)
    return ids is None or staff.agency_id in ids


def may_manage_agency(user, agency_id: int | None) -> bool:
    ids = agency_ids_visible_to(user)
    return ids is None or agency_id in ids


def link_requests_visible_to(user):
    """Account link requests a user answers: their coordinated agency's (all: administrators)."""
    from competencies.models import LinkRequest

    if user is None or not user.is_authenticated:
        return LinkRequest.objects.none()
    ids = agency_ids_visible_to(user)
    if ids is None:
        return LinkRequest.objects.all()
    return LinkRequest.objects.filter(agency_id__in=ids)


def may_erase_personal_data(user) -> bool:
    """Erasure (UK GDPR) cannot be undone: administrators only, never a coordinator."""
    return is_administrator(user)


# --- staff active ------------------------------------------------------------------------------


def staff_active_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    """Still working for their agency on `on` (today): no leaving date, or a later one."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": on})


def staff_is_active(staff: StaffMember, on: datetime.date | None = None) -> bool:
    on = on or timezone.localdate()
    return staff.left_on is None or staff.left_on > on


# --- spreadsheet-safe text -------------------------------------------------------------------
#
# A cell starting with = + - @ (or a tab or carriage return before one) is a formula to Excel
# and LibreOffice, so a staff member named `=HYPERLINK(...)` could turn an export into a
# phishing link (OWASP "CSV injection"). In text formats such text gets a leading apostrophe;
# in XLSX it is written as a typed string, which no spreadsheet evaluates.

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text; anything that is not text is returned unchanged.

    Text that already starts with apostrophes before a formula gets one more, so that
    `spreadsheet_unsafe` gives back exactly what was written.
    """
    if isinstance(value, str) and is_formula_like(value.lstrip("'")):
        return "'" + value
    return value


def spreadsheet_unsafe(value: str) -> str:
    """The inverse of `spreadsheet_safe`, for files we exported coming back in an import."""
    if value.startswith("'") and is_formula_like(value.lstrip("'")):
        return value[1:]
    return value


# --- the compliance rule -----------------------------------------------------------------------
# (docs/compliance.md) Moved here from competencies.compliance; see that module for the readers.
#
# Per active staff member and requirement of their role profile, as of a day:
# - a record counts for a requirement when it is in the required competency or in one the
#   crosswalk makes equivalent to it (either way round; a partial overlap never counts), at
#   or above the required level (a higher level includes the lower), not revoked, and
#   achieved on or before the day;
# - the best counting record is the one that expires last; the requirement is met when it
#   expires more than 90 days after the day, expiring when it expires within them (the day
#   itself included), expired when it expired before the day, missing when there is none;
# - a person is fully compliant when none of their requirements is expired or missing.
#
# Reports, the cache, My training and demand planning all read these expressions, so they
# cannot disagree about who is compliant.

EXPIRING_WITHIN_DAYS = 90


class Status(TextChoices):
    MET = "met", _("Met")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    MISSING = "missing", _("Missing")


# Not met on the day: a gap someone has to train for.
UNMET = (Status.EXPIRED, Status.MISSING)


def held_record_q(as_of: datetime.date, prefix: str = "") -> Q:
    """Held on `as_of`: not revoked and already achieved, whether or not since expired (the
    best of them says whether a requirement is expired rather than missing)."""
    return Q(
        **{f"{prefix}revoked_at__isnull": True, f"{prefix}achieved_on__lte": as_of}
    )


def valid_record_q(as_of: datetime.date, prefix: str = "") -> Q:
    """Valid on `as_of`: held and not yet expired (a record still counts on its expiry day)."""
    return held_record_q(as_of, prefix) & Q(**{f"{prefix}expires_on__gte": as_of})


def equivalences() -> QuerySet[CompetencyEquivalence]:
    """The crosswalk entries whose records count both ways."""
    return CompetencyEquivalence.objects.filter(
        kind=CompetencyEquivalence.Kind.EQUIVALENT
    ).order_by()


def in_compliance(
    staff: QuerySet[StaffMember], as_of: datetime.date
) -> QuerySet[StaffMember]:
    """Whose compliance is counted: active on `as_of` and holding a role profile."""
    return staff.filter(staff_active_q(as_of), role_profile__isnull=False)


def requirement_rows(
    *, staff: QuerySet[StaffMember], as_of: datetime.date
) -> QuerySet[StaffMember]:
    """One row per (active staff member in `staff`, requirement of their role profile),
    annotated `requirement_id`, `req_competency_id` and `req_min_level`: the rows that
    `best_record` and `requirement_status` are evaluated on."""
    return (
        staff.filter(staff_active_q(as_of))
        .annotate(
            requirement_id=F("role_profile__requirements__id"),
            req_competency_id=F("role_profile__requirements__competency_id"),
            req_min_level=F("role_profile__requirements__min_level"),
        )
        .filter(requirement_id__isnull=False)
    )


def _counting_records(as_of: datetime.date) -> tuple[Q, QuerySet, QuerySet]:
    """The records held on `as_of` that count for a requirement row (`requirement_rows`):
    (is the required competency in the crosswalk, records counting when it is not, records
    counting when it is).

    Callers choose between the two with a CASE, which evaluates one branch: requirements
    outside the crosswalk keep the plain lookup by competency. Through the crosswalk the
    competencies that count are one IN (...) list, so the lookup stays on the records' index.
    """
    crosswalk = equivalences()
    required = OuterRef(OuterRef("req_competency_id"))
    counting = (
        Competency.objects.filter(pk=required)
        .values("pk")
        .order_by()
        .union(
            crosswalk.filter(maps_to=required).values("competency_id"),
            crosswalk.filter(competency=required).values("maps_to_id"),
        )
    )
    records = CompetencyRecord.objects.filter(
        held_record_q(as_of), staff=OuterRef("pk"), level__gte=OuterRef("req_min_level")
    )
    in_crosswalk = Q(req_competency_id__in=crosswalk.values("competency_id")) | Q(
        req_competency_id__in=crosswalk.values("maps_to_id")
    )
    return (
        in_crosswalk,
        records.filter(competency=OuterRef("req_competency_id")),
        records.filter(competency__in=counting),
    )


def best_record(as_of: datetime.date, field: str) -> Case:
    """The `field` of the best record counting for a requirement row: the one that expires
    last, or None when nothing counts."""
    in_crosswalk, direct, crosswalked = _counting_records(as_of)

    def best(records):
        return Subquery(records.order_by("-expires_on").values(field)[:1])

    return Case(When(in_crosswalk, then=best(crosswalked)), default=best(direct))


def requirement_met(as_of: datetime.date) -> Case:
    """True when a record counting for the requirement row is valid on `as_of` (status met
    or expiring). The same records as `best_record`, as one existence probe: cheaper than
    comparing the best expiry when only met or not matters (a person's full compliance)."""
    in_crosswalk, direct, crosswalked = _counting_records(as_of)
    valid = valid_record_q(as_of)
    return Case(
        When(in_crosswalk, then=Exists(crosswalked.filter(valid))),
        default=Exists(direct.filter(valid)),
        output_field=BooleanField(),
    )


def requirement_status(
    as_of: datetime.date, best_expires: str = "best_expires"
) -> Case:
    """A requirement's status from the expiry of its best record (annotated as `best_expires`)."""
    expiring_until = as_of + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
    return Case(
        When(**{f"{best_expires}__isnull": True}, then=Value(Status.MISSING.value)),
        When(**{f"{best_expires}__lt": as_of}, then=Value(Status.EXPIRED.value)),
        When(
            **{f"{best_expires}__lte": expiring_until},
            then=Value(Status.EXPIRING.value),
        ),
        default=Value(Status.MET.value),
        output_field=CharField(),
    )


def fully_compliant_q(prefix: str = "") -> Q:
    """On counts of a person's requirements by status (the compliance cache's columns)."""
    return Q(**{f"{prefix}{status.value}": 0 for status in UNMET})


# --- published framework -----------------------------------------------------------------


def frameworks_published() -> QuerySet[Framework]:
    """Published: a live page open to everyone presents the framework (a cms FrameworkPage).

    That is what the site already shows the public, so the CASE provider API serves exactly
    those frameworks and nothing else: a draft framework, or one only on a private or
    unpublished page, is unknown there (404). The pages are found through Wagtail's own
    `live().public()`, by the reverse relation, so this app imports nothing from cms.
    """
    from wagtail.models import Page

    return Framework.objects.filter(
        pages__in=Page.objects.live().public().values("pk")
    ).distinct()


def framework_is_published(framework: Framework) -> bool:
    return frameworks_published().filter(pk=framework.pk).exists()
