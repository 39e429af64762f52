"""Registers the competencies admin (viewsets live in viewsets.py) and its audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "competencies.staff.import": _("Import staff list"),
    "competencies.records.import": _("Import historic competency records"),
    "competencies.framework.import": _("Import framework from CSV"),
    "competencies.record.revoke": _("Revoke competency record"),
    "competencies.requirements.domain": _("Require a level across a domain"),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
