"""Who may see which staff and records in the admin: the one place the agency rule lives.

Administrators (superusers) see every agency. A training coordinator sees only the agency of their
own staff record (`roles.coordinated_agency_id`). Anyone else sees nothing here, whatever model
permissions they were given: staff data is never shown across agencies by accident.
"""

from django.db.models import QuerySet

from competencies.models import Agency, CompetencyRecord, StaffMember
from competencies.roles import coordinated_agency_id, is_administrator


def agency_ids_visible_to(user) -> list[int] | None:
    """None means every agency (administrator); otherwise the list of agency ids (maybe empty)."""
    if is_administrator(user):
        return None
    agency_id = coordinated_agency_id(user)
    return [agency_id] if agency_id else []


def agencies_visible_to(user) -> QuerySet[Agency]:
    ids = agency_ids_visible_to(user)
    qs = Agency.objects.all()
    return qs if ids is None else qs.filter(pk__in=ids)


def staff_visible_to(user) -> QuerySet[StaffMember]:
    """Staff members the user may list, open, choose and export."""
    ids = agency_ids_visible_to(user)
    qs = StaffMember.objects.all()
    return qs if ids is None else qs.filter(agency_id__in=ids)


def records_visible_to(user) -> QuerySet[CompetencyRecord]:
    """Competency records of the staff the user may see."""
    ids = agency_ids_visible_to(user)
    qs = CompetencyRecord.objects.all()
    return qs if ids is None else qs.filter(staff__agency_id__in=ids)


def can_see_all_agencies(user) -> bool:
    return agency_ids_visible_to(user) is None
