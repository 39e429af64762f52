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
    if is_administrator(user) or not _LOG_SCOPES:
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


log_scope_register(StaffMember, staff_visible_to)
log_scope_register(CompetencyRecord, records_visible_to)
