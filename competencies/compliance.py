"""Compliance: is each active staff member holding what their role profile requires?

The rule itself (which records count for a requirement, the crosswalk included, and a
requirement's status: met / expiring / expired / missing) lives once, in the compliance
section of competencies/policy/ (compliance_rule.py) (docs/compliance.md). This module turns it into the
figures pages, reports and exports show, live or from the StaffCompliance cache.

Everything here is SQL built by the ORM, so one person and 60,000 people cost the same number
of queries: the database does the per-requirement work.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from competencies.models import StaffMember
from competencies.policy import (
    Status,
    best_record,
    fully_compliant_q,
    in_compliance,
    requirement_met,
    requirement_rows,
    requirement_status,
)

STATUS_ORDER = [Status.MET, Status.EXPIRING, Status.EXPIRED, Status.MISSING]
# Worst first, so Min() over a person's requirements gives their overall status.
STATUS_RANK = {Status.MISSING: 0, Status.EXPIRED: 1, Status.EXPIRING: 2, Status.MET: 3}
RANK_STATUS = {rank: status for status, rank in STATUS_RANK.items()}


def _as_of(as_of: datetime.date | None) -> datetime.date:
    return as_of or timezone.localdate()


def requirement_statuses(
    *, staff: QuerySet[StaffMember], as_of: datetime.date | None = None
) -> QuerySet[StaffMember]:
    """One row per (active staff member in `staff`, requirement of their role profile).

    Rows are StaffMember objects annotated with `requirement_id`, `req_competency_id`,
    `req_min_level`, `best_expires` (latest expiry of a counting record, or None) and
    `status`.
    """
    as_of = _as_of(as_of)
    return (
        requirement_rows(staff=staff, as_of=as_of)
        .annotate(best_expires=best_record(as_of, "expires_on"))
        .annotate(status=requirement_status(as_of))
        .order_by()
    )


def _status_rank():
    return Case(
        *[
            When(status=status.value, then=Value(rank))
            for status, rank in STATUS_RANK.items()
        ],
        output_field=IntegerField(),
    )


@dataclass
class StatusCounts:
    """Counts of requirements (or people) by status, with percentages for reports."""

    met: int = 0
    expiring: int = 0
    expired: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.met + self.expiring + self.expired + self.missing

    @property
    def compliant(self) -> int:
        """Met or expiring: still valid today."""
        return self.met + self.expiring

    def percent(self, status: str) -> float:
        return round(100 * getattr(self, status) / self.total, 1) if self.total else 0.0

    @property
    def compliant_percent(self) -> float:
        return round(100 * self.compliant / self.total, 1) if self.total else 0.0


@dataclass
class ComplianceSummary:
    """Requirement-level counts and person-level compliance for one group of staff."""

    requirements: StatusCounts = field(default_factory=StatusCounts)
    people: int = 0
    people_compliant: int = 0

    @property
    def people_compliant_percent(self) -> float:
        return (
            round(100 * self.people_compliant / self.people, 1) if self.people else 0.0
        )


def compliance_summary(
    *,
    staff: QuerySet[StaffMember],
    as_of: datetime.date | None = None,
    group_by: str | tuple[str, ...] | None = None,
    use_cache: bool = True,
) -> dict:
    """Compliance of `staff`, in two queries whatever their number.

    For today's date the figures come from the StaffCompliance cache (rows that are not
    current are recomputed first); for any other date, or with use_cache=False, they are
    computed live from the records. Both give the same numbers: tests hold them to it.

    `group_by` is a StaffMember field path (e.g. "agency", "agency__sector", "role_profile",
    "areas") or a tuple of them (keys are then tuples); without it the result has one key,
    None. A person in several areas counts in each. Person-level compliance counts active staff
    with a role profile whose every requirement is met or expiring. Group by several fields at
    once and `rollup()` the result when a page needs several breakdowns: the database work is
    the same for one grouping or three.
    """
    as_of = _as_of(as_of)
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by or ())
    if use_cache and as_of == timezone.localdate():
        return _cached_summary(staff=staff, as_of=as_of, keys=keys)

    def key_of(row):
        if not keys:
            return None
        return row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)

    summaries: dict = {}
    rows = requirement_statuses(staff=staff, as_of=as_of)
    for row in rows.values(*keys, "status").annotate(n=Count("*")):
        summary = summaries.setdefault(key_of(row), ComplianceSummary())
        setattr(summary.requirements, row["status"], row["n"])

    # Fully compliant: no requirement of theirs without a valid counting record.
    unmet = (
        requirement_rows(
            staff=StaffMember.objects.filter(pk=OuterRef("pk")), as_of=as_of
        )
        .alias(met=requirement_met(as_of))
        .filter(met=False)
    )
    people = in_compliance(staff, as_of).annotate(has_unmet=Exists(unmet)).order_by()
    counts = {
        "n": Count("pk", distinct=True),
        "ok": Count("pk", filter=Q(has_unmet=False), distinct=True),
    }
    person_rows = (
        people.values(*keys).annotate(**counts)
        if keys
        else [people.aggregate(**counts)]
    )
    for row in person_rows:
        if not row["n"]:
            continue
        summary = summaries.setdefault(key_of(row), ComplianceSummary())
        summary.people += row["n"]
        summary.people_compliant += row["ok"]
    return summaries


def _cached_summary(*, staff, as_of, keys) -> dict:
    """Sum the cached per-person counts, in one pass over the people in scope.

    The same query counts people whose cache row is missing or not for `as_of`; only when
    there are any (the signals missed someone, or the date rolled over) are they refreshed
    and the sums taken again. At 100,000 staff this halves the time of a separate check.
    """
    in_scope = in_compliance(staff, as_of).order_by()
    summaries = _cache_sums(in_scope=in_scope, as_of=as_of, keys=keys)
    if summaries is None:
        from competencies.compliance_cache import compliance_refresh

        stale = list(
            in_scope.exclude(compliance_cache__as_of=as_of).values_list(
                "pk", flat=True
            )[:50_001]
        )
        compliance_refresh(
            staff_ids=None if len(stale) > 50_000 else stale, as_of=as_of
        )
        summaries = _cache_sums(in_scope=in_scope, as_of=as_of, keys=keys)
    return summaries


def _cache_sums(*, in_scope, as_of, keys) -> dict | None:
    """Grouped sums of the cache rows for `as_of`; None if anyone in scope has none."""
    current = Q(compliance_cache__as_of=as_of)
    totals = {
        **{
            f"total_{s.value}": Sum(f"compliance_cache__{s.value}", filter=current)
            for s in STATUS_ORDER
        },
        "people": Count("compliance_cache__staff_id", filter=current),
        "people_compliant": Count(
            "compliance_cache__staff_id",
            filter=current & fully_compliant_q("compliance_cache__"),
        ),
        "stale": Count("pk", filter=~current),
    }
    result = (
        in_scope.values(*keys).annotate(**totals)
        if keys
        else [in_scope.aggregate(**totals)]
    )
    summaries: dict = {}
    for row in result:
        if row["stale"]:
            return None
        if not row["people"]:
            continue
        if not keys:
            key = None
        elif len(keys) == 1:
            key = row[keys[0]]
        else:
            key = tuple(row[k] for k in keys)
        summary = summaries.setdefault(key, ComplianceSummary())
        for status in STATUS_ORDER:
            setattr(
                summary.requirements, status.value, row[f"total_{status.value}"] or 0
            )
        summary.people = row["people"]
        summary.people_compliant = row["people_compliant"]
    return summaries


def rollup(summaries: dict, key_fn) -> dict:
    """Combine grouped summaries under coarser keys, e.g. (agency, role profile) -> sector.

    Only valid for groupings where each person falls in exactly one group (not areas).
    """
    out: dict = {}
    for key, s in summaries.items():
        target = out.setdefault(key_fn(key), ComplianceSummary())
        for status in STATUS_ORDER:
            setattr(
                target.requirements,
                status.value,
                getattr(target.requirements, status.value)
                + getattr(s.requirements, status.value),
            )
        target.people += s.people
        target.people_compliant += s.people_compliant
    return out


def compliance_overall(
    *, staff: QuerySet[StaffMember], as_of: datetime.date | None = None
) -> ComplianceSummary:
    return compliance_summary(staff=staff, as_of=as_of).get(None, ComplianceSummary())


def staff_overall_status(
    *, staff: QuerySet[StaffMember], as_of: datetime.date | None = None
) -> QuerySet:
    """Per staff member: their worst requirement status and counts by status.

    Values rows: `pk`, `worst_rank`, `met`, `expiring`, `expired`, `missing`. Filter by
    `worst_rank=STATUS_RANK[...]` to find, say, everyone with something missing.
    """
    rows = requirement_statuses(staff=staff, as_of=as_of)
    return rows.values("pk").annotate(
        worst_rank=Min(_status_rank()),
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in STATUS_ORDER},
    )


@dataclass
class RequirementStatus:
    requirement_id: int
    competency_id: int
    min_level: int
    status: str
    best_expires: datetime.date | None
    # The competency of the best record when it is not the required one: recognised through
    # the crosswalk from another framework.
    recognised_from_id: int | None = None


def staff_requirements(
    *, staff_member: StaffMember, as_of: datetime.date | None = None
) -> list[RequirementStatus]:
    """Each requirement of one person's role profile with its status, in one query."""
    rows = (
        requirement_statuses(
            staff=StaffMember.objects.filter(pk=staff_member.pk), as_of=as_of
        )
        .annotate(best_competency=best_record(_as_of(as_of), "competency_id"))
        .values(
            "requirement_id",
            "req_competency_id",
            "req_min_level",
            "status",
            "best_expires",
            "best_competency",
        )
    )
    return [
        RequirementStatus(
            requirement_id=r["requirement_id"],
            competency_id=r["req_competency_id"],
            min_level=r["req_min_level"],
            status=r["status"],
            best_expires=r["best_expires"],
            recognised_from_id=r["best_competency"]
            if r["best_competency"] not in (None, r["req_competency_id"])
            else None,
        )
        for r in rows
    ]
