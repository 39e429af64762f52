"""Registers the competencies admin (viewsets live in viewsets.py) and its audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "competencies.staff.import": _("Import staff list"),
    "competencies.staff.import_new": _("Add by a staff import"),
    "competencies.staff.import_change": _("Change by a staff import"),
    "competencies.staff.export": _("Download a named staff list"),
    "competencies.records.export": _("Download named competency records"),
    "competencies.records.import": _("Import historic competency records"),
    "competencies.framework.import": _("Import framework from CSV"),
    "competencies.record.revoke": _("Revoke competency record"),
    "competencies.requirements.domain": _("Require a level across a domain"),
    "competencies.crosswalk.import": _("Import the crosswalk from CSV"),
    "competencies.target.set": _("Set a compliance target"),
    "competencies.target.remove": _("Remove a compliance target"),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_viewset")
def register_staff_chooser():
    from competencies.viewsets import staff_chooser_viewset

    return staff_chooser_viewset


@hooks.register("register_admin_urls")
def register_import_urls():
    from competencies.admin_views import urlpatterns

    return urlpatterns


def _register_partnership():
    from wagtail.snippets.models import register_snippet

    from competencies.viewsets import PartnershipViewSetGroup

    register_snippet(PartnershipViewSetGroup)


_register_partnership()
