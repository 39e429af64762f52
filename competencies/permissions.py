"""Model permissions each role group needs in the Wagtail admin (idempotent).

Model permissions say what a group may do; `competencies.policy` says to whose data. Called from
the demo seed and from tests; safe to call on every deploy.
"""

from wagtail.permission_policies import ModelPermissionPolicy

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


class ActionsWithheldPolicy(ModelPermissionPolicy):
    """Model permissions, except actions nobody may take in the admin, administrators included.

    Wagtail 8's ModelViewSet always serves add and delete views (it has no
    `add_view_enabled`/`delete_view_enabled` switch); withholding the permission hides their
    buttons and turns their URLs away. Register it with
    `wagtail.permissions.register_permission_policy`.
    """

    def __init__(self, model, *, withheld: set[str], **kwargs):
        super().__init__(model, **kwargs)
        self.withheld = frozenset(withheld)

    def user_has_permission(self, user, action):
        if action in self.withheld:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [a for a in actions if a not in self.withheld]
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)
