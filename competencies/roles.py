"""The partnership's roles as Django groups, and how they are set up.

Who holds a role, and what it lets them see, is asked of `competencies.policy`.
"""

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
