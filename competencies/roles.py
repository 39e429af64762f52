"""The partnership's roles, as Django groups, and the questions views ask about a user's role."""

from django.contrib.auth.models import Group, Permission

TRAINERS = "Trainers"
MODERATORS = "Moderators"
COORDINATORS = "Training coordinators"
BOARD_CHAIRS = "Board chairs"
STAFF = "Staff"

ALL_GROUPS = [TRAINERS, MODERATORS, COORDINATORS, BOARD_CHAIRS, STAFF]

# Groups that work in the Wagtail admin. Each app adds its own model permissions on top.
ADMIN_GROUPS = [TRAINERS, MODERATORS, COORDINATORS]


def groups_ensure() -> dict[str, Group]:
    """Create the role groups (idempotent) and give the admin-using ones admin access."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_GROUPS}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ADMIN_GROUPS:
        groups[name].permissions.add(access_admin)
    return groups


def grant(group_name: str, app_label: str, *codenames: str) -> None:
    """Add model permissions (e.g. 'view_staffmember') to a role group."""
    group = Group.objects.get(name=group_name)
    perms = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - set(perms.values_list("codename", flat=True))
    if missing:
        raise ValueError(
            f"Unknown permissions in {app_label}: {', '.join(sorted(missing))}"
        )
    group.permissions.add(*perms)


def has_role(user, group_name: str) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return group_name in cache


def is_administrator(user) -> bool:
    return user.is_authenticated and user.is_superuser


def coordinated_agency_id(user) -> int | None:
    """The agency a training coordinator coordinates: the agency of their own staff record."""
    if not has_role(user, COORDINATORS):
        return None
    staff = getattr(user, "staff_member", None)
    return staff.agency_id if staff else None
