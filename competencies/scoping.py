"""Wagtail's audit log, scoped by agency: the agency rule itself is `competencies.policy`."""

from competencies import policy

# --- the audit log ------------------------------------------------------------------------------
#
# Wagtail's site history report (and its user and content-type filters) shows every log entry
# of a model the user holds any permission on. An entry's label is the object's name, so a
# coordinator with view_staffmember read every agency's staff names there. Models holding
# people register their scope here; entries of their objects outside it are left out.

_LOG_SCOPES: dict = {}


def log_scope_register(model, scope) -> None:
    """Show `model`'s audit-log entries only for objects in `scope(user)` (a queryset)."""
    _LOG_SCOPES[model] = scope


def log_entries_visible_to(user, entries):
    """`entries` (ModelLogEntry) less those of registered models' objects out of scope."""
    if policy.is_administrator(user) or not _LOG_SCOPES:
        return entries
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    for model, scope in _LOG_SCOPES.items():
        content_type = ContentType.objects.get_for_model(model)
        visible = (
            scope(user).annotate(object_id=Cast("pk", CharField())).values("object_id")
        )
        entries = entries.filter(
            ~Q(content_type=content_type) | Q(object_id__in=visible)
        )
    return entries


def log_scoping_install() -> None:
    """Make ModelLogEntry.objects.viewable_by_user() honour the registered scopes (called
    once, from CompetenciesConfig.ready())."""
    from wagtail.models.audit_log import ModelLogEntryManager

    if getattr(ModelLogEntryManager, "_scoped_by_agency", False):
        return
    wagtails = ModelLogEntryManager.viewable_by_user

    def viewable_by_user(self, user):
        return log_entries_visible_to(user, wagtails(self, user))

    ModelLogEntryManager.viewable_by_user = viewable_by_user
    ModelLogEntryManager._scoped_by_agency = True


def log_scopes_register_competencies() -> None:
    from competencies.models import CompetencyRecord, StaffMember

    log_scope_register(StaffMember, policy.staff_visible_to)
    log_scope_register(CompetencyRecord, policy.records_visible_to)
