"""Roles, agency scope and staff active: who is who, whose staff data a user may see
(docs/access.md).
"""

import datetime

from django.db.models import (
    Q,
    QuerySet,
)
from django.utils import timezone

from competencies.models import (
    Agency,
    Board,
    CompetencyRecord,
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
