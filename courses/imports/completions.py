"""Import e-learning completions exported by another platform (CSV or XLSX), all or nothing.

Columns: email (the staff member's work email), module (the module page's code, i.e. its slug
such as `recognising-abuse`, or its e-learning activity IRI) and completed_on (the date).
Platforms name them differently, so "module code", "activity IRI", "completion date" and the
like are read as the same columns. Each row writes the module's competency records, source
"e-learning", as an xAPI completion would; a row whose records are all already held (same
person, competency, level and date) is "unchanged", so importing a file twice adds nothing.
"""

import datetime
import os
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import ModuleCompetency, ModulePage
from competencies.compliance_cache import compliance_deferred
from competencies.imports.base import (
    ImportResult,
    RowErrors,
    RowResult,
    Status,
    check_header,
    parse_date,
    text,
)
from competencies.imports.files import Table
from competencies.models import Agency, CompetencyRecord, StaffMember
from competencies.services import record_create
from courses.services.notices import audit

REQUIRED_COLUMNS = ["email", "module", "completed_on"]
ALIASES = {
    "module": (
        "module_code",
        "code",
        "activity",
        "activity_iri",
        "activity_id",
        "course",
    ),
    "completed_on": (
        "completion_date",
        "date_completed",
        "completed",
        "completed_at",
        "date",
    ),
    "email": ("work_email", "email_address", "user_email"),
}
CHUNK = 5000


@dataclass
class _Row:
    number: int
    staff: StaffMember | None = None
    module: ModulePage | None = None
    completed_on: datetime.date | None = None


def _with_aliases(table: Table) -> Table:
    """The table with each column a platform may name differently under our name."""
    renames = {}
    for ours, theirs in ALIASES.items():
        if ours in table.headers:
            continue
        found = next((name for name in theirs if name in table.headers), None)
        if found:
            renames[found] = ours
    if not renames:
        return table
    return Table(
        headers=[renames.get(h, h) for h in table.headers],
        rows=[
            (n, {renames.get(k, k): v for k, v in values.items()})
            for n, values in table.rows
        ],
        original_headers=table.original_headers,
        duplicate_headers=table.duplicate_headers,
    )


def completions_import(
    *, table: Table, user=None, dry_run: bool = False, filename: str = ""
) -> ImportResult:
    """Validate every row; unless `dry_run` or any error, write every row's records in one
    transaction, with one audit entry `courses.completions.import` per agency touched."""
    table = _with_aliases(table)
    result = ImportResult()
    if not check_header(table, REQUIRED_COLUMNS, result):
        return result

    emails = sorted({text(v.get("email")).lower() for _n, v in table.rows} - {""})
    by_email = {}
    for start in range(0, len(emails), CHUNK):
        for s in StaffMember.objects.annotate(lower_email=Lower("email")).filter(
            lower_email__in=emails[start : start + CHUNK]
        ):
            by_email[s.lower_email] = s
    modules = list(
        ModulePage.objects.only(
            "pk", "title", "slug", "refresh_months", "elearning_activity_iri"
        )
    )
    by_iri = {m.elearning_activity_iri: m for m in modules if m.elearning_activity_iri}
    by_slug: dict[str, list[ModulePage]] = {}
    for m in modules:
        by_slug.setdefault(m.slug.lower(), []).append(m)
    delivers: dict[int, list[ModuleCompetency]] = {}
    for link in ModuleCompetency.objects.select_related("competency"):
        delivers.setdefault(link.module_id, []).append(link)
    today = timezone.localdate()

    rows, seen = [], {}
    for number, raw in table.rows:
        errors = RowErrors(result, number)
        row = _Row(number=number)
        email = text(raw.get("email")).lower()
        if not email:
            errors.add("email", _("Enter the staff member's work email."))
        else:
            row.staff = by_email.get(email)
            if row.staff is None:
                errors.add(
                    "email",
                    _("No staff member has the email “%(email)s”.") % {"email": email},
                )
        given = text(raw.get("module"))
        if not given:
            errors.add(
                "module", _("Enter the module's code or its e-learning activity IRI.")
            )
        elif ":" in given:
            row.module = by_iri.get(given)
            if row.module is None:
                errors.add(
                    "module",
                    _("No module has the e-learning activity IRI “%(iri)s”.")
                    % {"iri": given},
                )
        else:
            matches = by_slug.get(given.lower(), [])
            if len(matches) == 1:
                row.module = matches[0]
            elif not matches:
                errors.add(
                    "module",
                    _("No module has the code “%(code)s”.") % {"code": given},
                )
            else:
                errors.add(
                    "module",
                    _(
                        "More than one module has the code “%(code)s”; give its "
                        "e-learning activity IRI instead."
                    )
                    % {"code": given},
                )
        if row.module is not None:
            links = delivers.get(row.module.pk, [])
            if not links:
                errors.add(
                    "module",
                    _(
                        "%(module)s delivers no competencies, so there is nothing to "
                        "record."
                    )
                    % {"module": row.module.title},
                )
            for link in links:
                if link.level not in link.competency.levels_assessed:
                    errors.add(
                        "module",
                        _(
                            "%(module)s delivers %(code)s at level %(level)s, which the "
                            "framework does not assess; correct the module first."
                        )
                        % {
                            "module": row.module.title,
                            "code": link.competency.code,
                            "level": link.level,
                        },
                    )
        row.completed_on, message = parse_date(raw.get("completed_on"))
        if message:
            errors.add("completed_on", message)
        elif row.completed_on is None:
            errors.add("completed_on", _("Enter the date the module was completed."))
        elif row.completed_on > today:
            errors.add(
                "completed_on",
                _("%(date)s is in the future.")
                % {"date": row.completed_on.strftime("%d/%m/%Y")},
            )
        if errors.count == 0:
            key = (row.staff.pk, row.module.pk, row.completed_on)
            if key in seen:
                errors.add(
                    "module",
                    _("This completion repeats row %(row)s.") % {"row": seen[key]},
                )
            else:
                seen[key] = number
        rows.append((row, errors.count))

    held = set()
    staff_ids = sorted({r.staff.pk for r, _e in rows if r.staff is not None})
    for start in range(0, len(staff_ids), CHUNK):
        held.update(
            CompetencyRecord.objects.filter(
                staff_id__in=staff_ids[start : start + CHUNK], revoked_at__isnull=True
            ).values_list("staff_id", "competency_id", "level", "achieved_on")
        )
    to_write = []
    for row, error_count in rows:
        label = row.staff.full_name if row.staff else ""
        if error_count:
            result.rows.append(RowResult(row.number, Status.ERROR, label))
            continue
        detail = f"{row.module.title}, {row.completed_on:%d/%m/%Y}"
        links = delivers[row.module.pk]
        if all(
            (row.staff.pk, link.competency_id, link.level, row.completed_on) in held
            for link in links
        ):
            result.rows.append(RowResult(row.number, Status.UNCHANGED, label, detail))
            continue
        result.rows.append(RowResult(row.number, Status.NEW, label, detail))
        to_write.append(row)

    result.sort_errors()
    if result.has_errors or dry_run:
        return result
    by = user if user is not None and user.is_authenticated else None
    source = os.path.basename(filename) or _("import")
    per_agency: dict[int, int] = {}
    with transaction.atomic(), compliance_deferred():
        for row in to_write:
            for link in delivers[row.module.pk]:
                key = (row.staff.pk, link.competency_id, link.level, row.completed_on)
                if key in held:
                    continue
                record_create(
                    staff=row.staff,
                    competency=link.competency,
                    level=link.level,
                    achieved_on=row.completed_on,
                    source=CompetencyRecord.Source.ELEARNING,
                    recorded_by=by,
                    refresh_months=row.module.refresh_months,
                    source_detail=f"{row.module.title} (e-learning, {source})"[:255],
                )
                held.add(key)
            per_agency[row.staff.agency_id] = per_agency.get(row.staff.agency_id, 0) + 1
        for agency in Agency.objects.filter(pk__in=per_agency):
            audit(
                agency,
                "courses.completions.import",
                by,
                file=filename,
                new=per_agency[agency.pk],
            )
    result.written = True
    return result
