"""Reads of the competencies app, with their related rows fetched up front."""

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from competencies.compliance import (
    STATUS_RANK,
    staff_overall_status,
    staff_requirements,
)
from competencies.models import (
    Board,
    Competency,
    CompetencyRecord,
    ComplianceTarget,
    StaffMember,
)


def records_for_staff(*, staff_member: StaffMember) -> QuerySet[CompetencyRecord]:
    return staff_member.records.select_related("competency").order_by(
        "competency__code", "-achieved_on"
    )


def requirements_with_competencies(
    *, staff_member: StaffMember, as_of=None
) -> list[dict]:
    """One person's requirement statuses, each with its Competency, in two queries."""
    rows = staff_requirements(staff_member=staff_member, as_of=as_of)
    ids = {r.competency_id for r in rows} | {
        r.recognised_from_id for r in rows if r.recognised_from_id
    }
    competencies = Competency.objects.select_related("framework").in_bulk(ids)
    out = [
        {
            "row": r,
            "competency": competencies[r.competency_id],
            "recognised_from": competencies.get(r.recognised_from_id),
        }
        for r in rows
    ]
    return sorted(out, key=lambda item: item["competency"].code)


MAX_SEARCH_TERMS = 5


def staff_search_q(search: str, prefix: str = "") -> Q:
    """Every word of `search` in the name, email or agency reference ("jade singh" finds
    Jade Singh; "E0042" her reference). Only the first few words count."""
    condition = Q()
    for term in search.split()[:MAX_SEARCH_TERMS]:
        condition &= (
            Q(**{f"{prefix}first_name__icontains": term})
            | Q(**{f"{prefix}last_name__icontains": term})
            | Q(**{f"{prefix}email__icontains": term})
            | Q(**{f"{prefix}employee_ref__icontains": term})
        )
    return condition


NAME_ORDER = ("last_name", "first_name", "pk")
# Sort keys of the agency staff list; a leading "-" reverses. Status sorts worst first and
# people without requirements last.
STAFF_SORTS = {
    "name": NAME_ORDER,
    "status": (F("worst_rank").asc(nulls_last=True), *NAME_ORDER),
    "role_profile": (F("role_profile__code").asc(nulls_last=True), *NAME_ORDER),
}


def _worst_rank(as_of) -> Subquery:
    """A person's overall status rank (worst requirement), for sorting."""
    rows = staff_overall_status(
        staff=StaffMember.objects.filter(pk=OuterRef("pk")), as_of=as_of
    )
    return Subquery(rows.values("worst_rank")[:1])


def _ordering(sort: str) -> list:
    key = sort.lstrip("-")
    order = list(STAFF_SORTS.get(key, STAFF_SORTS["name"]))
    if sort.startswith("-") and key in STAFF_SORTS:
        first = order[0]
        order[0] = (
            F(first).desc(nulls_last=True)
            if isinstance(first, str)
            else first.copy().reverse_ordering()
        )
    return order


def agency_staff_with_compliance(
    *,
    agency_id: int,
    role_profile_id: int | None = None,
    area_id: int | None = None,
    status: str | None = None,
    search: str = "",
    sort: str = "name",
    as_of=None,
) -> tuple[QuerySet[StaffMember], QuerySet]:
    """An agency's active staff (filtered, searched, sorted) and, per person, their counts
    by status.

    Returns the staff queryset (for paging) and the per-person status rows over the same set;
    `status` keeps people whose worst requirement has that status; `sort` is a key of
    STAFF_SORTS, "-" first to reverse.
    """
    staff = StaffMember.objects.active(as_of).filter(agency_id=agency_id)
    if role_profile_id:
        staff = staff.filter(role_profile_id=role_profile_id)
    if area_id:
        staff = staff.filter(areas__id=area_id)
    if search:
        staff = staff.filter(staff_search_q(search))
    statuses = staff_overall_status(staff=staff, as_of=as_of)
    if status:
        statuses = statuses.filter(worst_rank=STATUS_RANK[status])
        staff = staff.filter(pk__in=statuses.values("pk"))
    if sort.lstrip("-") == "status":
        staff = staff.annotate(worst_rank=_worst_rank(as_of))
    staff = (
        staff.select_related("role_profile")
        .prefetch_related("areas")
        .order_by(*_ordering(sort))
    )
    return staff, statuses


def targets_for_areas(area_ids=None) -> list[ComplianceTarget]:
    """The compliance targets of the adults boards of these areas (every area: None)."""
    targets = ComplianceTarget.objects.filter(board__kind=Board.Kind.ADULTS)
    if area_ids is not None:
        targets = targets.filter(board__area_id__in=list(area_ids))
    return list(targets.select_related("board"))


def targets_for_agency(agency) -> list[ComplianceTarget]:
    """The compliance targets of the adults boards of every area the agency works in."""
    return list(
        ComplianceTarget.objects.filter(
            board__kind=Board.Kind.ADULTS, board__area__agencies=agency
        )
        .select_related("board")
        .distinct()
    )
