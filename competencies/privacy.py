"""UK GDPR tools: everything held about one person, and erasing it while keeping the figures.

Export: `personal_data(staff_member=..., user=...)` returns named sections, each a list of flat
rows (JSON-ready). Apps higher in the chain add their own sections without this app importing
them: a Wagtail hook named "privacy_export" is called as `fn(staff_member=...)` and returns
`{section name: [row, ...]}` (e.g. courses: bookings, certificates).

Erasure: `staff_erase(staff_member=..., erased_by=..., reason=..., dry_run=...)` anonymises the
person in place: names become "Erased person <id>", the email a unique address under the
reserved `.invalid` domain (RFC 2606, never routable), the employee reference and job title are
cleared, the account is deactivated and scrubbed, sign-in history and sessions go, moves lose
their email (waiting ones go) and audit entries about them lose their name; copies of their
email or name elsewhere (competencies.erasure) are redacted. Their competency records stay,
attached to the anonymised record, so compliance figures and reports do not change. A
"privacy_erase" hook is called as `fn(staff_member=..., erased_by=..., identifiers=...)` in
the same transaction (e.g. courses: certificates, evaluation text, booking history) and may
return `{kind of data: count}`; `identifiers` (competencies.erasure.Identifiers) holds the old
personal values and redacts copies of them. The admin page and `manage.py erase_person` both
call staff_erase.

Retention: leavers are erased LEAVER_RETENTION_DAYS after `left_on` by `manage.py
anonymise_leavers`.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from axes.models import AccessLog
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

from competencies import erasure
from competencies.accounts import audit
from competencies.accounts.exceptions import AccountError
from competencies.erasure import Identifiers
from competencies.exporters import Exporter
from competencies.models import CompetencyRecord, StaffMember, StaffMove

EXPORT_HOOK = "privacy_export"
ERASE_HOOK = "privacy_erase"
ERASED_EMAIL_DOMAIN = "erased.invalid"


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
    return PersonalDataExporter().csv_text(sections=sections)


@dataclass
class Erasure:
    """What an erasure changed (or, for a dry run, would change)."""

    staff_member: StaffMember
    # Kind of data -> rows or files anonymised or removed; kinds with none are left out.
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False


def _identifiers(staff: StaffMember, user) -> tuple[Identifiers, set[str]]:
    """The person's identifiers, and the usernames their sign-ins may be recorded under."""
    emails = {staff.email, *staff.moves.values_list("new_email", flat=True)}
    full_names = {f"{staff.first_name} {staff.last_name}"}
    names = {staff.first_name, staff.last_name}
    if len(staff.employee_ref) >= 4:  # shorter ones are too common to look for
        names.add(staff.employee_ref)
    if user is not None:
        emails.add(user.email)
        full_names.add(user.get_full_name())
        names |= {user.first_name, user.last_name}
        (emails if "@" in user.username else names).add(user.username)
    usernames = {e for e in emails if e} | ({user.username} if user else set())
    return Identifiers.of(strong=emails | full_names, names=names), usernames


def _count(counts: dict, kind: str, number: int) -> None:
    if number:
        counts[kind] = counts.get(kind, 0) + number


def staff_erase(
    *,
    staff_member: StaffMember,
    erased_by=None,
    reason: str = "request",
    when=None,
    dry_run: bool = False,
) -> Erasure:
    """Anonymise one person in place, keeping their records so figures do not change.

    `reason` ("request", "retention" or the operator's words) is the only thing the audit
    entry records. A dry run does all of it and rolls it back, so its counts are exactly what
    the erasure would change. Raises AccountError ALREADY_ERASED.
    """
    with transaction.atomic():
        result = _erase(staff_member, erased_by, reason, when or timezone.now())
        result.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return result


def _erase(staff_member, erased_by, reason, when) -> Erasure:
    staff = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
    if staff.anonymised_at is not None:
        raise AccountError("ALREADY_ERASED")
    user = staff.user
    identifiers, usernames = _identifiers(staff, user)
    counts: dict[str, int] = {}

    staff.first_name, staff.last_name = erased_name(staff.pk)
    staff.email = erased_email(staff.pk)
    staff.employee_ref = ""
    staff.job_title = ""
    staff.line_manager = None
    staff.user = None
    staff.anonymised_at = when
    staff.save()
    _count(counts, "staff record", 1)
    erasure.search_index_refresh(staff)

    _count(counts, "sign-in history", erasure.sign_ins_delete(usernames))
    _count(
        counts, "sessions", erasure.sessions_clear(user=user, identifiers=identifiers)
    )
    own_objects = [staff]
    if user is not None:
        # The account row stays (records and log entries point at it), emptied.
        user.username = f"erased-user-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        own_objects.append(user)
        _count(counts, "account", 1)
        _count(counts, "avatar", erasure.avatar_remove(user))

    records = list(staff.records.all())
    for record in records:
        record.source_detail = identifiers.redact(record.source_detail, own=True)
        record.revoked_reason = identifiers.redact(record.revoked_reason, own=True)
    CompetencyRecord.objects.bulk_update(records, ["source_detail", "revoked_reason"])
    own_objects += records

    # A move still waiting can no longer happen; decided ones keep only the agencies.
    moves = list(staff.moves.select_related("from_agency", "to_agency"))
    own_objects += moves
    _count(
        counts,
        "audit log entries",
        erasure.relabel_entries(own_objects, identifiers),
    )
    waiting = [m.pk for m in moves if m.status == StaffMove.Status.PENDING]
    _count(
        counts, "pending moves", StaffMove.objects.filter(pk__in=waiting).delete()[0]
    )
    _count(
        counts,
        "moves",
        staff.moves.update(new_email=erased_email(staff.pk), new_job_title=""),
    )

    for fn in hooks.get_hooks(ERASE_HOOK):
        for kind, number in (
            fn(staff_member=staff, erased_by=erased_by, identifiers=identifiers) or {}
        ).items():
            _count(counts, kind, number)
    for kind, number in erasure.copies_redact(identifiers).items():
        _count(counts, kind, number)
    _count(counts, "import files", erasure.pending_imports_clear(identifiers))

    log(
        instance=staff,
        action=audit.ERASE,
        user=erased_by,
        data={"reason": reason},
        timestamp=when,
    )
    return Erasure(staff_member=staff, counts=counts)


def leavers_due(*, today: datetime.date | None = None) -> QuerySet[StaffMember]:
    """Leavers whose retention period has passed and who are not yet anonymised."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.LEAVER_RETENTION_DAYS)
    return StaffMember.objects.filter(
        left_on__isnull=False, left_on__lt=cutoff, anonymised_at__isnull=True
    ).order_by("pk")
