"""Model permissions each role group needs in the Wagtail admin (idempotent).

Model permissions say what a group may do; `competencies.scoping` says to whose data. Called from
the demo seed and from tests; safe to call on every deploy.
"""

from competencies.roles import COORDINATORS, grant, groups_ensure

DEFAULT_PERMISSIONS = {
    COORDINATORS: {
        "competencies": [
            "view_staffmember",
            "add_staffmember",
            "change_staffmember",
            "view_competencyrecord",
            "add_competencyrecord",
        ],
    },
}


def grant_default_permissions() -> None:
    """Create the role groups if needed and give them their competencies permissions."""
    groups_ensure()
    for group_name, by_app in DEFAULT_PERMISSIONS.items():
        for app_label, codenames in by_app.items():
            grant(group_name, app_label, *codenames)
