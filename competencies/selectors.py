"""Reads of the competencies app, with their related rows fetched up front."""

from django.db.models import QuerySet

from competencies.compliance import (
    STATUS_RANK,
    staff_overall_status,
    staff_requirements,
)
from competencies.models import Competency, CompetencyRecord, StaffMember


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


def agency_staff_with_compliance(
    *,
    agency_id: int,
    role_profile_id: int | None = None,
    area_id: int | None = None,
    status: str | None = None,
    as_of=None,
) -> tuple[QuerySet[StaffMember], QuerySet]:
    """An agency's active staff (filtered) and, per person, their counts by status.

    Returns the staff queryset (for paging) and the per-person status rows over the same set;
    `status` keeps people whose worst requirement has that status.
    """
    staff = StaffMember.objects.active(as_of).filter(agency_id=agency_id)
    if role_profile_id:
        staff = staff.filter(role_profile_id=role_profile_id)
    if area_id:
        staff = staff.filter(areas__id=area_id)
    statuses = staff_overall_status(staff=staff, as_of=as_of)
    if status:
        statuses = statuses.filter(worst_rank=STATUS_RANK[status])
        staff = staff.filter(pk__in=statuses.values("pk"))
    staff = (
        staff.select_related("role_profile")
        .prefetch_related("areas")
        .order_by("last_name", "first_name", "pk")
    )
    return staff, statuses
