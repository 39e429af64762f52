"""Import one agency's staff list (CSV or XLSX), all or nothing.

Columns: employee_ref, first_name, last_name, email, job_title, role_profile (code, e.g. RP05);
optional areas (area codes separated by ';' or ','), line_manager_email, left_on.

A row matches an existing staff member of the agency by employee reference, else by email. A row
whose values equal the stored ones is "unchanged", so importing the same file twice writes nothing
the second time. Any error in any row means nothing is written. Lookups (role profiles, areas,
the agency's staff, emails held by other agencies) are loaded once, so 50,000 rows cost a handful
of queries; then the rows and their audit entries are bulk statements in one transaction.

Modules: `columns` (the file's columns), `lookups` (loaded once), `validation` (a row's cells),
`matching` (who a row is, what it changes), `writing` (the rows), `audit` (the log entries).
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from competencies.imports.base import ImportResult, RowErrors, check_header
from competencies.imports.files import Table
from competencies.imports.staff.audit import (
    STAFF_IMPORT,
    STAFF_IMPORT_CHANGE,
    STAFF_IMPORT_NEW,
    log_import,
)
from competencies.imports.staff.columns import (
    COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    OptionalColumns,
)
from competencies.imports.staff.lookups import load_lookups
from competencies.imports.staff.matching import (
    Matcher,
    check_line_managers,
    row_result,
)
from competencies.imports.staff.validation import RowChecker
from competencies.imports.staff.writing import write_staff
from competencies.models import Agency, StaffMember

__all__ = [
    "COLUMNS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "STAFF_IMPORT",
    "STAFF_IMPORT_CHANGE",
    "STAFF_IMPORT_NEW",
    "staff_import",
    "staff_match_or_add",
]


def staff_import(
    *,
    agency: Agency,
    table: Table,
    user=None,
    dry_run: bool = False,
    filename: str = "",
) -> ImportResult:
    """Validate every row of `table` for `agency`; unless `dry_run` or any error, write them all.

    Never raises for bad input: problems are returned as `result.errors`, each naming the row
    (spreadsheet numbering), the column and why, and then nothing is written. A real import
    writes the rows, one audit entry per person added or changed and one for the import
    (against the agency) in one transaction: if anything fails, none of it is written.
    """
    result = ImportResult()
    if not check_header(table, REQUIRED_COLUMNS, result):
        return result
    present = OptionalColumns.of(table)
    lookups = load_lookups(agency, table)
    checker, matcher = RowChecker(lookups, present), Matcher(lookups)
    rows = []
    for number, raw in table.rows:
        row = checker.check(number, raw, RowErrors(result, number))
        matcher.match(row)
        rows.append(row)
    if present.line_manager:
        check_line_managers(rows, lookups, checker.seen_emails)
    result.rows = [row_result(row, lookups, present) for row in rows]
    result.sort_errors()
    if result.has_errors or dry_run:
        return result

    with transaction.atomic():
        write_staff(agency, rows, lookups, present)
        log_import(agency, rows, result, user=user, filename=filename)
    result.written = True
    return result


def staff_match_or_add(
    *, agency: Agency, first_name: str, last_name: str, email: str, user=None
) -> tuple[StaffMember, bool]:
    """The agency's staff member with this email, or a new one: one row through the import's
    own checks, matching and writing (so a walk-in is who the next staff file says they are).

    An existing person is returned unchanged (a name typed on the day never overwrites the
    agency's record). No role profile is needed; the agency's next import sets it.
    Returns (person, created). Raises ValidationError with the import's messages.
    """
    raw = {
        "employee_ref": "",
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "job_title": "",
        "role_profile": "",
    }
    table = Table(headers=list(REQUIRED_COLUMNS), rows=[(1, raw)])
    result, present = ImportResult(), OptionalColumns.of(table)
    lookups = load_lookups(agency, table)
    checker = RowChecker(lookups, present, profile_required=False)
    row = checker.check(1, raw, RowErrors(result, 1))
    Matcher(lookups).match(row)
    if result.has_errors:
        raise ValidationError([error.message for error in result.errors])
    if row.existing is not None:
        return row.existing, False
    result.rows = [row_result(row, lookups, present)]
    with transaction.atomic():
        write_staff(agency, [row], lookups, present)
        log_import(agency, [row], result, user=user, filename="walk-in")
    return row.person, True
