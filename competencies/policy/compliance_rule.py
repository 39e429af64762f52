"""The compliance rule: which records count for a requirement, and its status on a day
(docs/compliance.md).
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
from django.utils.translation import gettext_lazy as _

from competencies.models import (
    Competency,
    CompetencyEquivalence,
    CompetencyRecord,
    StaffMember,
)
from competencies.policy.access import staff_active_q

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
