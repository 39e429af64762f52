"""Import historic competency records (years of spreadsheets), all or nothing.

Columns: email or employee_ref (at least one), competency (code, e.g. SA2.3), level, achieved_on;
optional expires_on and source_detail. A competency code is looked up in the framework of the
staff member's role profile (codes can repeat across framework versions). expires_on defaults to
achieved_on plus the level's refresh period. Records are written with source "import" and the
importing user as recorder. A row equal to a record already held (same person, competency, level
and date) is "unchanged", so importing a file twice adds nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from competencies.compliance_cache import compliance_refresh
from competencies.imports.base import (
    ImportResult,
    RowError,
    RowErrors,
    RowResult,
    Status,
    add_months,
    check_header,
    parse_date,
    parse_int,
    text,
)
from competencies.imports.files import Table
from competencies.models import Agency, Competency, CompetencyRecord, Level, StaffMember

REQUIRED_COLUMNS = ["competency", "level", "achieved_on"]
IDENTITY_COLUMNS = ["email", "employee_ref"]
OPTIONAL_COLUMNS = ["expires_on", "source_detail"]
BATCH = 1000
CHUNK = 5000


def expiry_for(*, achieved_on: datetime.date, refresh_months: int) -> datetime.date:
    """The default expiry: achieved_on plus the level's refresh period.

    Kept private to the import until the record service (competencies.services) offers the same
    calculation for one record; then this should call it.
    """
    return add_months(achieved_on, refresh_months)


@dataclass
class _Row:
    number: int
    staff: StaffMember | None = None
    competency: Competency | None = None
    level: int | None = None
    achieved_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    detail: str = ""


def records_import(
    *,
    table: Table,
    user=None,
    agency: Agency | None = None,
    dry_run: bool = False,
    filename: str = "",
) -> ImportResult:
    """Validate every row; unless `dry_run` or any error, write all records in one transaction.

    With `agency` only that agency's staff can be named (a coordinator's import); without it
    (an administrator's) staff are matched by email across agencies, and employee references,
    which are unique only within an agency, are accepted only when exactly one person has it.
    Writes one audit-log entry `competencies.records.import` per agency touched.
    """
    result = ImportResult()
    header_ok = check_header(table, REQUIRED_COLUMNS, result)
    if not any(c in table.headers for c in IDENTITY_COLUMNS):
        result.errors.append(
            RowError(
                1,
                "email",
                _(
                    "The file needs a column “email” or “employee_ref” to say whose record each "
                    "row is."
                ),
            )
        )
    if not header_ok or result.errors:
        return result

    staff_qs = StaffMember.objects.select_related("role_profile")
    if agency is not None:
        staff_qs = staff_qs.filter(agency=agency)
    file_emails = {text(v.get("email")).lower() for _n, v in table.rows} - {""}
    file_refs = {text(v.get("employee_ref")) for _n, v in table.rows} - {""}
    by_email, by_ref = {}, {}
    emails, refs = sorted(file_emails), sorted(file_refs)
    for start in range(0, len(emails), CHUNK):
        for s in staff_qs.annotate(lower_email=Lower("email")).filter(
            lower_email__in=emails[start : start + CHUNK]
        ):
            by_email[s.lower_email] = s
    for start in range(0, len(refs), CHUNK):
        for s in staff_qs.filter(employee_ref__in=refs[start : start + CHUNK]):
            by_ref.setdefault(s.employee_ref, []).append(s)

    competencies: dict[tuple[int, str], Competency] = {}
    code_frameworks: dict[str, list[int]] = {}
    for c in Competency.objects.only(
        "pk", "code", "framework_id", *[f"indicator_{n}" for n in range(1, 6)]
    ):
        competencies[(c.framework_id, c.code.lower())] = c
        code_frameworks.setdefault(c.code.lower(), []).append(c.framework_id)
    refresh = {
        (lv.framework_id, lv.number): lv.refresh_months for lv in Level.objects.all()
    }
    today = timezone.localdate()

    rows: list[_Row] = []
    statuses: dict[int, RowErrors] = {}
    seen: dict[tuple, int] = {}
    for number, raw in table.rows:
        errors = RowErrors(result, number)
        statuses[number] = errors
        row = _Row(number=number, detail=text(raw.get("source_detail"))[:255])
        rows.append(row)

        email = text(raw.get("email")).lower()
        ref = text(raw.get("employee_ref"))
        if email:
            row.staff = by_email.get(email)
            if row.staff is None:
                errors.add(
                    "email",
                    _("No staff member%(of)s has the email “%(email)s”.")
                    % {
                        "of": _(" of %(agency)s") % {"agency": agency.short_name}
                        if agency
                        else "",
                        "email": email,
                    },
                )
            elif ref and row.staff.employee_ref and row.staff.employee_ref != ref:
                errors.add(
                    "employee_ref",
                    _("“%(email)s” is %(name)s, whose employee reference is %(ref)s.")
                    % {
                        "email": email,
                        "name": row.staff.full_name,
                        "ref": row.staff.employee_ref,
                    },
                )
        elif ref:
            matches = by_ref.get(ref, [])
            if len(matches) == 1:
                row.staff = matches[0]
            elif not matches:
                errors.add(
                    "employee_ref",
                    _("No staff member%(of)s has the employee reference “%(ref)s”.")
                    % {
                        "of": _(" of %(agency)s") % {"agency": agency.short_name}
                        if agency
                        else "",
                        "ref": ref,
                    },
                )
            else:
                errors.add(
                    "employee_ref",
                    _(
                        "More than one agency uses the employee reference “%(ref)s”; give the "
                        "email instead, or import for one agency."
                    )
                    % {"ref": ref},
                )
        else:
            errors.add(
                "email" if "email" in table.headers else "employee_ref",
                _("Enter the staff member's email or employee reference."),
            )

        row.level, message = parse_int(raw.get("level"), low=1, high=5)
        if message:
            errors.add("level", message)

        code = text(raw.get("competency"))
        if not code:
            errors.add("competency", _("Enter the competency code, e.g. SA2.3."))
        elif code.lower() not in code_frameworks:
            errors.add(
                "competency",
                _("“%(code)s” is not a competency code.") % {"code": code},
            )
        elif row.staff is not None:
            profile = row.staff.role_profile
            frameworks = code_frameworks[code.lower()]
            if profile is not None and profile.framework_id in frameworks:
                framework_id = profile.framework_id
            elif len(frameworks) == 1:
                framework_id = frameworks[0]
            else:
                framework_id = None
                errors.add(
                    "competency",
                    _(
                        "“%(code)s” exists in more than one framework and %(name)s has no role "
                        "profile to choose between them."
                    )
                    % {"code": code, "name": row.staff.full_name},
                )
            if framework_id is not None:
                competency = competencies[(framework_id, code.lower())]
                row.competency = competency
                if row.level and row.level not in competency.levels_assessed:
                    errors.add(
                        "level",
                        _(
                            "%(code)s is not assessed at level %(level)s (levels: %(levels)s)."
                        )
                        % {
                            "code": competency.code,
                            "level": row.level,
                            "levels": ", ".join(map(str, competency.levels_assessed))
                            or "-",
                        },
                    )
                elif row.level and (framework_id, row.level) not in refresh:
                    errors.add(
                        "level",
                        _("The framework has no level %(level)s.")
                        % {"level": row.level},
                    )

        row.achieved_on, message = parse_date(raw.get("achieved_on"))
        if message:
            errors.add("achieved_on", message)
        elif row.achieved_on is None:
            errors.add("achieved_on", _("Enter the date the competency was achieved."))
        elif row.achieved_on > today:
            errors.add(
                "achieved_on",
                _("%(date)s is in the future.")
                % {"date": row.achieved_on.strftime("%d/%m/%Y")},
            )

        row.expires_on, message = parse_date(raw.get("expires_on"))
        if message:
            errors.add("expires_on", message)
        elif row.expires_on and row.achieved_on and row.expires_on < row.achieved_on:
            errors.add(
                "expires_on",
                _("The expiry date is before the date achieved (%(date)s).")
                % {"date": row.achieved_on.strftime("%d/%m/%Y")},
            )

        if errors.count == 0:
            if row.expires_on is None:
                row.expires_on = expiry_for(
                    achieved_on=row.achieved_on,
                    refresh_months=refresh[(row.competency.framework_id, row.level)],
                )
            key = (row.staff.pk, row.competency.pk, row.level, row.achieved_on)
            if key in seen:
                errors.add(
                    "competency",
                    _("This record repeats row %(row)s.") % {"row": seen[key]},
                )
            else:
                seen[key] = number

    # Records already held: one query per chunk of staff.
    held = set()
    staff_ids = sorted({r.staff.pk for r in rows if r.staff is not None})
    for start in range(0, len(staff_ids), CHUNK):
        held.update(
            CompetencyRecord.objects.filter(
                staff_id__in=staff_ids[start : start + CHUNK], revoked_at__isnull=True
            ).values_list("staff_id", "competency_id", "level", "achieved_on")
        )

    to_create = []
    per_agency: dict[int, int] = {}
    for row in rows:
        label = row.staff.full_name if row.staff else ""
        if statuses[row.number].count:
            result.rows.append(RowResult(row.number, Status.ERROR, label))
            continue
        detail = f"{row.competency.code} L{row.level}"
        key = (row.staff.pk, row.competency.pk, row.level, row.achieved_on)
        if key in held:
            result.rows.append(RowResult(row.number, Status.UNCHANGED, label, detail))
            continue
        result.rows.append(RowResult(row.number, Status.NEW, label, detail))
        per_agency[row.staff.agency_id] = per_agency.get(row.staff.agency_id, 0) + 1
        to_create.append(
            CompetencyRecord(
                staff_id=row.staff.pk,
                competency_id=row.competency.pk,
                level=row.level,
                achieved_on=row.achieved_on,
                expires_on=row.expires_on,
                source=CompetencyRecord.Source.IMPORT,
                source_detail=row.detail or (filename[:255] if filename else ""),
                recorded_by=user if user and user.is_authenticated else None,
            )
        )

    result.sort_errors()
    if result.has_errors or dry_run:
        return result
    with transaction.atomic():
        CompetencyRecord.objects.bulk_create(to_create, batch_size=BATCH)
        # bulk_create sends no signals: refresh the people whose figures just changed.
        compliance_refresh(staff_ids={record.staff_id for record in to_create})
        for touched in Agency.objects.filter(pk__in=per_agency):
            log(
                instance=touched,
                action="competencies.records.import",
                user=user,
                data={"file": filename, "new": per_agency[touched.pk]},
            )
    result.written = True
    return result
