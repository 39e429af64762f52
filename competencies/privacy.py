"""UK GDPR tools: everything held about one person, and erasing it while keeping the figures.

Export: `personal_data(staff_member=..., user=...)` returns named sections, each a list of flat
rows (JSON-ready). Apps higher in the chain add their own sections without this app importing
them: a Wagtail hook named "privacy_export" is called as `fn(staff_member=...)` and returns
`{section name: [row, ...]}` (e.g. courses: bookings, certificates).

Erasure: `staff_erase(staff_member=..., erased_by=..., reason=...)` anonymises the person in
place: names become "Erased person <id>", the email a unique address under the reserved
`.invalid` domain (RFC 2606, never routable), the employee reference and job title are
cleared, the account is deactivated and scrubbed, sign-in history is deleted and audit entries
about them lose their name. Their competency records stay, attached to the anonymised record,
so compliance figures and reports do not change. A "privacy_erase" hook is called as
`fn(staff_member=..., erased_by=..., identifiers=...)` in the same transaction (e.g. courses:
mark certificates as no longer verifiable); `identifiers` are the old personal values
(lower case) so an app can scrub copies of them.

Retention: leavers are erased LEAVER_RETENTION_DAYS after `left_on` by `manage.py
anonymise_leavers`.
"""

import datetime
import json
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from competencies.accounts import audit
from competencies.accounts.exceptions import AccountError
from competencies.exporters import Exporter
from competencies.models import StaffMember

EXPORT_HOOK = "privacy_export"
ERASE_HOOK = "privacy_erase"
ERASED_EMAIL_DOMAIN = "erased.invalid"
REDACTED = "[erased]"


def erased_name(pk: int) -> tuple[str, str]:
    return "Erased", f"person {pk}"


def erased_email(pk: int) -> str:
    return f"erased-{pk}@{ERASED_EMAIL_DOMAIN}"


def _value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _audit_entries(*, staff_member: StaffMember | None, user) -> QuerySet:
    condition = Q(pk__in=[])
    if staff_member is not None:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(StaffMember),
            object_id=str(staff_member.pk),
        )
    if user is not None:
        condition |= Q(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            object_id=str(user.pk),
        )
    return ModelLogEntry.objects.filter(condition).select_related("user")


def _sign_in_names(user) -> list[str]:
    return [n for n in {user.username, user.email} if n] if user else []


def personal_data(*, staff_member: StaffMember | None = None, user=None) -> dict:
    """Everything held about one person, as {section: [row, ...]}.

    Give the staff record, the account, or both (the account defaults to the record's).
    Sections: staff_member, areas, role_profile, competency_records, moves, account,
    sign_ins, audit_log, then whatever the "privacy_export" hooks add.
    """
    if staff_member is not None and user is None:
        user = staff_member.user
    sections: dict[str, list[dict]] = {}
    if staff_member is not None:
        s = (
            StaffMember.objects.select_related("agency", "role_profile", "line_manager")
            .prefetch_related("areas")
            .get(pk=staff_member.pk)
        )
        sections["staff_member"] = [
            {
                "id": s.pk,
                "first_name": s.first_name,
                "last_name": s.last_name,
                "email": s.email,
                "employee_ref": s.employee_ref,
                "job_title": s.job_title,
                "agency": s.agency.name,
                "line_manager": s.line_manager.full_name if s.line_manager else "",
                "left_on": _value(s.left_on),
                "anonymised_at": _value(s.anonymised_at),
                "created_at": _value(s.created_at),
                "updated_at": _value(s.updated_at),
            }
        ]
        sections["areas"] = [{"code": a.code, "name": a.name} for a in s.areas.all()]
        sections["role_profile"] = (
            [
                {
                    "code": s.role_profile.code,
                    "name": s.role_profile.name,
                    "level": s.role_profile.level,
                }
            ]
            if s.role_profile
            else []
        )
        sections["competency_records"] = [
            {
                "competency": r.competency.code,
                "title": r.competency.title,
                "level": r.level,
                "achieved_on": _value(r.achieved_on),
                "expires_on": _value(r.expires_on),
                "source": r.get_source_display(),
                "source_detail": r.source_detail,
                "revoked_at": _value(r.revoked_at),
                "revoked_reason": r.revoked_reason,
            }
            for r in s.records.select_related("competency").order_by(
                "competency__code", "achieved_on"
            )
        ]
        sections["moves"] = [
            {
                "from_agency": m.from_agency.name,
                "to_agency": m.to_agency.name,
                "new_email": m.new_email,
                "new_job_title": m.new_job_title,
                "status": m.status,
                "requested_at": _value(m.requested_at),
                "decided_at": _value(m.decided_at),
            }
            for m in s.moves.select_related("from_agency", "to_agency").order_by(
                "requested_at", "pk"
            )
        ]
    sections["account"] = (
        [
            {
                "username": user.username,
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "is_active": user.is_active,
                "date_joined": _value(user.date_joined),
                "last_login": _value(user.last_login),
                "groups": ", ".join(sorted(g.name for g in user.groups.all())),
            }
        ]
        if user is not None
        else []
    )
    sections["sign_ins"] = [
        {
            "time": _value(a.attempt_time),
            "logout_time": _value(a.logout_time),
            "ip_address": a.ip_address,
            "user_agent": a.user_agent,
            "path": a.path_info,
        }
        for a in AccessLog.objects.filter(username__in=_sign_in_names(user))
    ]
    sections["audit_log"] = [
        {
            "time": _value(e.timestamp),
            "action": e.action,
            "label": e.label,
            "by": e.user.get_username() if e.user else "",
            "data": json.dumps(e.data, sort_keys=True, default=str) if e.data else "",
        }
        for e in _audit_entries(staff_member=staff_member, user=user).order_by(
            "timestamp", "pk"
        )
    ]
    if staff_member is not None:
        for fn in hooks.get_hooks(EXPORT_HOOK):
            sections.update(fn(staff_member=staff_member) or {})
    return sections


def personal_data_json(sections: dict) -> str:
    return json.dumps(sections, indent=2, ensure_ascii=False, default=str)


class PersonalDataExporter(Exporter):
    """Every section in long form, one value a line: section, row number, field, value."""

    identifier = "personal-data"
    verbose_name = gettext_lazy("Personal data (subject access)")
    headers = ["section", "row", "field", "value"]
    formats = ("csv",)

    def rows(self, *, sections: dict):
        for section, rows in sections.items():
            for number, row in enumerate(rows, start=1):
                for key, value in row.items():
                    yield [section, number, key, _value(value)]


def personal_data_csv(sections: dict) -> str:
    return PersonalDataExporter().render("csv", sections=sections).decode("utf-8")


def _scrub(value, identifiers: list[str]):
    """`value` with any string mentioning one of `identifiers` replaced by REDACTED."""
    if isinstance(value, str):
        lowered = value.lower()
        return REDACTED if any(i in lowered for i in identifiers) else value
    if isinstance(value, list):
        return [_scrub(v, identifiers) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, identifiers) for k, v in value.items()}
    return value


@transaction.atomic
def staff_erase(
    *, staff_member: StaffMember, erased_by=None, reason: str = "request", when=None
) -> StaffMember:
    """Anonymise one person in place, keeping their records so figures do not change.

    `reason` is "request" (a data subject's request) or "retention" (a leaver past the
    retention period); it is the only thing the audit entry records. Raises AccountError
    ALREADY_ERASED.
    """
    when = when or timezone.now()
    staff = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
    if staff.anonymised_at is not None:
        raise AccountError("ALREADY_ERASED")
    user = staff.user
    identifiers = {
        staff.email,
        f"{staff.first_name} {staff.last_name}",
        staff.employee_ref if len(staff.employee_ref) >= 4 else "",
    }
    if user is not None:
        identifiers |= {user.username, user.email, user.get_full_name()}
    identifiers = sorted({i.strip().lower() for i in identifiers if i and i.strip()})

    # Entries about them, read before the account's link is removed.
    entries = list(_audit_entries(staff_member=staff, user=user))

    staff.first_name, staff.last_name = erased_name(staff.pk)
    staff.email = erased_email(staff.pk)
    staff.employee_ref = ""
    staff.job_title = ""
    staff.line_manager = None
    staff.user = None
    staff.anonymised_at = when
    staff.save()

    if user is not None:
        AccessLog.objects.filter(username__in=_sign_in_names(user)).delete()
        AccessAttempt.objects.filter(username__in=_sign_in_names(user)).delete()
        AccessFailureLog.objects.filter(username__in=_sign_in_names(user)).delete()
        # The account row stays (records and log entries point at it), emptied.
        user.username = f"erased-user-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()

    staff_type = ContentType.objects.get_for_model(StaffMember)
    for entry in entries:
        entry.label = (
            str(staff) if entry.content_type_id == staff_type.pk else str(user)
        )
        entry.data = _scrub(entry.data, identifiers)
        entry.save(update_fields=["label", "data"])

    for fn in hooks.get_hooks(ERASE_HOOK):
        fn(staff_member=staff, erased_by=erased_by, identifiers=identifiers)

    log(
        instance=staff,
        action=audit.ERASE,
        user=erased_by,
        data={"reason": reason},
        timestamp=when,
    )
    return staff


def leavers_due(*, today: datetime.date | None = None) -> QuerySet[StaffMember]:
    """Leavers whose retention period has passed and who are not yet anonymised."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.LEAVER_RETENTION_DAYS)
    return StaffMember.objects.filter(
        left_on__isnull=False, left_on__lt=cutoff, anonymised_at__isnull=True
    ).order_by("pk")
