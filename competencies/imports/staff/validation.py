"""Import one agency's staff list (CSV or XLSX), all or nothing.

Columns: employee_ref, first_name, last_name, email, job_title, role_profile (code, e.g. RP05);
optional areas (area codes separated by ';' or ','), line_manager_email, left_on.

A row matches an existing staff member of the agency by employee reference, else by email. A row
whose values equal the stored ones is "unchanged", so importing the same file twice writes nothing
the second time. Any error in any row means nothing is written. Lookups (role profiles, areas,
the agency's staff, emails held by other agencies) are loaded once, so 50,000 rows cost a handful
of queries, then the writes are bulk statements in one transaction.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from competencies.compliance_cache import compliance_refresh
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
from competencies.models import Agency, Area, RoleProfile, StaffMember

REQUIRED_COLUMNS = [
    "employee_ref",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role_profile",
]
OPTIONAL_COLUMNS = ["areas", "line_manager_email", "left_on"]
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
MAX_LENGTHS = {
    "employee_ref": 50,
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "job_title": 200,
}
FIELD_LABELS = {
    "employee_ref": "employee_ref",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "job_title": "job_title",
    "role_profile_id": "role_profile",
    "left_on": "left_on",
    "areas": "areas",
    "line_manager_id": "line_manager_email",
}
SIMPLE_FIELDS = [
    "employee_ref",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role_profile_id",
    "left_on",
]
BATCH = 1000
# Audit-log actions of one person's row (registered in competencies/wagtail_hooks.py).
STAFF_IMPORT_NEW = "competencies.staff.import_new"
STAFF_IMPORT_CHANGE = "competencies.staff.import_change"
CHUNK = 5000  # keeps IN (...) lists under PostgreSQL's bind-parameter limit


@dataclass
class _Row:
    number: int
    values: dict
    areas: set[int] | None = None  # None: column absent, leave areas as they are
    manager_email: str | None = None  # None: column absent
    existing: StaffMember | None = None
    changes: list[str] = field(default_factory=list)


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
    (spreadsheet numbering), the column and why, and then nothing is written. On a real import
    one audit-log entry `competencies.staff.import` is written against the agency.
    """
    result = ImportResult()
    if not check_header(table, REQUIRED_COLUMNS, result):
        return result
    has_areas = "areas" in table.headers
    has_manager = "line_manager_email" in table.headers
    has_left_on = "left_on" in table.headers

    profiles = {rp.code.lower(): rp.pk for rp in RoleProfile.objects.only("pk", "code")}
    areas_by_code = {a.code.lower(): a for a in Area.objects.only("pk", "code")}
    agency_area_ids = set(agency.areas.values_list("pk", flat=True))
    domains = agency.domain_list

    staff = list(StaffMember.objects.filter(agency=agency))
    by_ref = {s.employee_ref.lower(): s for s in staff if s.employee_ref}
    by_email = {s.email.lower(): s for s in staff}
    email_of = {s.pk: s.email.lower() for s in staff}
    current_areas: dict[int, set[int]] = {}
    through = StaffMember.areas.through
    for staff_id, area_id in through.objects.filter(
        staffmember__agency=agency
    ).values_list("staffmember_id", "area_id"):
        current_areas.setdefault(staff_id, set()).add(area_id)

    file_emails = {text(v.get("email")).lower() for _n, v in table.rows}
    elsewhere = set()  # emails held by other agencies' staff
    for chunk in _chunks(file_emails):
        elsewhere.update(
            StaffMember.objects.exclude(agency=agency)
            .annotate(lower_email=Lower("email"))
            .filter(lower_email__in=chunk)
            .values_list("lower_email", flat=True)
        )

    seen_refs: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    claimed: dict[int, int] = {}  # existing staff pk -> row that matched it
    rows: list[_Row] = []
    statuses: dict[int, RowErrors] = {}

    for number, raw in table.rows:
        errors = RowErrors(result, number)
        statuses[number] = errors
        values = {name: text(raw.get(name)) for name in REQUIRED_COLUMNS}
        values["email"] = values["email"].lower()
        row = _Row(number=number, values=values)

        for name in ("first_name", "last_name", "email"):
            if not values[name]:
                errors.add(name, _("Enter a value; this column cannot be blank."))
        for name, limit in MAX_LENGTHS.items():
            if len(values[name]) > limit:
                errors.add(
                    name,
                    _("“%(value)s” is longer than %(limit)s characters.")
                    % {"value": values[name][:40] + "…", "limit": limit},
                )

        ref = values["employee_ref"]
        if ref:
            if ref.lower() in seen_refs:
                errors.add(
                    "employee_ref",
                    _(
                        "Employee reference “%(ref)s” is also on row %(row)s; each person may "
                        "appear only once."
                    )
                    % {"ref": ref, "row": seen_refs[ref.lower()]},
                )
            else:
                seen_refs[ref.lower()] = number

        email = values["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.add(
                    "email",
                    _("“%(email)s” is not a valid email address.") % {"email": email},
                )
            else:
                if email in seen_emails:
                    errors.add(
                        "email",
                        _(
                            "The email “%(email)s” is also on row %(row)s; each person needs "
                            "their own work email."
                        )
                        % {"email": email, "row": seen_emails[email]},
                    )
                else:
                    seen_emails[email] = number
                if email in elsewhere:
                    errors.add(
                        "email",
                        _(
                            "The email “%(email)s” belongs to a staff member of another agency."
                        )
                        % {"email": email},
                    )
                if domains and not agency.owns_email(email):
                    errors.add(
                        "email",
                        _(
                            "“%(email)s” is not a %(agency)s email address; it must end in "
                            "%(domains)s."
                        )
                        % {
                            "email": email,
                            "agency": agency.short_name,
                            "domains": " or ".join(f"@{d}" for d in domains),
                        },
                    )

        code = values["role_profile"]
        if not code:
            errors.add(
                "role_profile", _("Enter the role profile code, for example RP03.")
            )
        elif code.lower() not in profiles:
            errors.add(
                "role_profile",
                _("“%(code)s” is not a role profile code.") % {"code": code},
            )
        else:
            values["role_profile_id"] = profiles[code.lower()]

        if has_areas:
            row.areas = set()
            for area_code in text(raw.get("areas")).replace(",", ";").split(";"):
                area_code = area_code.strip()
                if not area_code:
                    continue
                area = areas_by_code.get(area_code.lower())
                if area is None:
                    errors.add(
                        "areas",
                        _("“%(code)s” is not an area code.") % {"code": area_code},
                    )
                elif agency_area_ids and area.pk not in agency_area_ids:
                    errors.add(
                        "areas",
                        _("%(agency)s does not serve the area “%(code)s”.")
                        % {"agency": agency.short_name, "code": area_code},
                    )
                else:
                    row.areas.add(area.pk)

        if has_left_on:
            values["left_on"], message = parse_date(raw.get("left_on"))
            if message:
                errors.add("left_on", message)

        if has_manager:
            row.manager_email = text(raw.get("line_manager_email")).lower()
            if row.manager_email == email and email:
                errors.add(
                    "line_manager_email",
                    _("A person cannot be their own line manager."),
                )

        # Match: employee reference within the agency, else email.
        existing = by_ref.get(ref.lower()) if ref else None
        if existing is None and email:
            existing = by_email.get(email)
            if (
                existing is not None
                and ref
                and existing.employee_ref
                and existing.employee_ref.lower() != ref.lower()
            ):
                errors.add(
                    "email",
                    _(
                        "The email “%(email)s” belongs to %(name)s, employee reference "
                        "%(other)s, not %(ref)s."
                    )
                    % {
                        "email": email,
                        "name": existing.full_name,
                        "other": existing.employee_ref,
                        "ref": ref,
                    },
                )
                existing = None
        elif existing is not None and email and email != existing.email.lower():
            holder = by_email.get(email)
            if holder is not None and holder.pk != existing.pk:
                errors.add(
                    "email",
                    _("The email “%(email)s” already belongs to %(name)s.")
                    % {"email": email, "name": holder.full_name},
                )
        if existing is not None:
            if existing.pk in claimed:
                errors.add(
                    "email",
                    _("This is the same person as row %(row)s.")
                    % {"row": claimed[existing.pk]},
                )
            claimed[existing.pk] = number
        row.existing = existing
        rows.append(row)

    # Line managers: the agency's existing staff or people in this file.
    if has_manager:
        for row in rows:
            manager = row.manager_email
            if manager and manager not in by_email and manager not in seen_emails:
                statuses[row.number].add(
                    "line_manager_email",
                    _(
                        "No %(agency)s staff member has the email “%(email)s” (in the file or "
                        "already imported)."
                    )
                    % {"agency": agency.short_name, "email": manager},
                )

    # Work out what would change for each valid row.
    for row in rows:
        errors = statuses[row.number]
        label = f"{row.values['first_name']} {row.values['last_name']}".strip()
        if errors.count:
            result.rows.append(
                RowResult(row.number, Status.ERROR, label, row.values["email"])
            )
            continue
        if row.existing is None:
            result.rows.append(
                RowResult(row.number, Status.NEW, label, row.values["email"])
            )
            continue
        s = row.existing
        for name in SIMPLE_FIELDS:
            if name == "left_on" and not has_left_on:
                continue
            if name == "employee_ref" and not row.values[name]:
                continue  # a blank reference never erases a stored one
            if getattr(s, name) != row.values[name]:
                row.changes.append(FIELD_LABELS[name])
        if has_areas and current_areas.get(s.pk, set()) != row.areas:
            row.changes.append("areas")
        if has_manager:
            current_manager = email_of.get(s.line_manager_id, "")
            if current_manager != (row.manager_email or ""):
                row.changes.append("line_manager_email")
        status = Status.UPDATED if row.changes else Status.UNCHANGED
        result.rows.append(
            RowResult(row.number, status, label, row.values["email"], row.changes)
        )

    result.sort_errors()
    if result.has_errors or dry_run:
        return result
    pks = _write(agency, rows, by_email, has_areas, has_manager, has_left_on)
    result.written = True
    _log_people(rows, pks, user=user, filename=filename)
    counts = result.counts
    log(
        instance=agency,
        action="competencies.staff.import",
        user=user,
        data={
            "file": filename,
            "new": counts[Status.NEW],
            "updated": counts[Status.UPDATED],
            "unchanged": counts[Status.UNCHANGED],
        },
    )
    return result


def _execute_many(sql: str, params: list) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH * 10):
            cursor.executemany(sql, params[start : start + BATCH * 10])


def _preparers(fields, connection):
    """Per column, the database conversion, or None where Python's value is already right
    (text, integers, keys), which saves a method call per cell on large imports."""
    from django.db import models

    def preparer(field):
        if isinstance(
            field, models.DateTimeField | models.DateField | models.DecimalField
        ):
            return lambda value: field.get_db_prep_save(value, connection)
        return None

    return [preparer(f) for f in fields]


def _insert_rows(model, fields: list[str], rows: list[list]) -> None:
    """INSERT one prepared statement per row, run as executemany.

    Building 50,000 model instances for bulk_create costs more than the database work (model
    __init__ and its signals); the values here are already validated, so they go straight in.
    """
    if not rows:
        return
    from django.db import connection

    concrete = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = (
        # Identifiers come from model metadata (quoted); every value is a parameter.
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in concrete)}) "
        f"VALUES ({', '.join(['%s'] * len(concrete))})"
    )
    prep = _preparers(concrete, connection)
    _execute_many(
        sql,
        [[p(v) if p else v for p, v in zip(prep, row, strict=True)] for row in rows],
    )


def _update_rows(model, fields: list[str], rows: list[list]) -> None:
    """UPDATE ... WHERE id = %s per row (values then pk), run as executemany.

    Django's bulk_update builds CASE WHEN expressions whose cost grows with the batch; a
    prepared statement run once per row is several times faster on SQLite and PostgreSQL.
    """
    if not rows:
        return
    from django.db import connection

    concrete = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in concrete)
    sql = (
        # Identifiers come from model metadata (quoted); every value is a parameter.
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    prep = [*_preparers(concrete, connection), None]
    _execute_many(
        sql,
        [[p(v) if p else v for p, v in zip(prep, row, strict=True)] for row in rows],
    )


WRITE_FIELDS = [
    "employee_ref",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role_profile",
    "left_on",
]


@transaction.atomic
def _write(agency, rows, by_email, has_areas, has_manager, has_left_on):
    """Insert the new people, then link line managers and update the changed people, then
    rewrite area links, all by prepared statements in one transaction."""
    now = timezone.now()
    pks = _write_rows(agency, rows, by_email, has_areas, has_manager, has_left_on, now)
    # Prepared statements send no signals: changed people (role profile, leaving date) get
    # their compliance cache refreshed here; new people are filled in when first read.
    compliance_refresh(
        staff_ids=[
            row.existing.pk for row in rows if row.existing is not None and row.changes
        ]
    )
    return pks


def _log_people(rows, pks, *, user, filename) -> None:
    """One audit entry per person added or changed, like an edit in the admin: the staff
    member's own history says who imported them and which fields changed (names of fields,
    never their values). Written in bulk: an import may hold tens of thousands of people
    (bulk_create measured faster here than the prepared statements used for the people)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(StaffMember)
    now = timezone.now()
    entries = []
    for row in rows:
        if row.existing is None:
            pk, action = pks[row.values["email"]], STAFF_IMPORT_NEW
            data = {"file": filename}
        elif row.changes:
            pk, action = row.existing.pk, STAFF_IMPORT_CHANGE
            data = {"file": filename, "fields": list(row.changes)}
        else:
            continue
        entries.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(pk),
                label=f"{row.values['first_name']} {row.values['last_name']}".strip(),
                action=action,
                data=data,
                timestamp=now,
                user=user if user is not None and user.pk else None,
                content_changed=True,
            )
        )
    ModelLogEntry.objects.bulk_create(entries, batch_size=BATCH)


def _write_rows(agency, rows, by_email, has_areas, has_manager, has_left_on, now):
    new_rows = [row for row in rows if row.existing is None]
    changed_rows = [row for row in rows if row.existing is not None and row.changes]

    pks = {email: s.pk for email, s in by_email.items()}
    pks.update({row.values["email"]: row.existing.pk for row in changed_rows})
    # Insert in waves, managers before the people they manage, so most line-manager links are
    # written with the row itself; links inside a cycle are filled in afterwards.
    waiting, relink = new_rows, []
    while waiting:
        ready = [r for r in waiting if not r.manager_email or r.manager_email in pks]
        if not ready:
            ready, relink = waiting, waiting
        _insert_rows(
            StaffMember,
            ["agency", *WRITE_FIELDS, "line_manager", "created_at", "updated_at"],
            [
                [
                    agency.pk,
                    *[row.values.get(_attname(f)) for f in WRITE_FIELDS],
                    pks.get(row.manager_email) if row.manager_email else None,
                    now,
                    now,
                ]
                for row in ready
            ],
        )
        for chunk in _chunks([row.values["email"] for row in ready]):
            pks.update(
                StaffMember.objects.filter(agency=agency, email__in=chunk).values_list(
                    "email", "pk"
                )
            )
        done = {id(r) for r in ready}
        waiting = [r for r in waiting if id(r) not in done]
    _update_rows(
        StaffMember,
        ["line_manager"],
        [
            [pks[row.manager_email], pks[row.values["email"]]]
            for row in relink
            if row.manager_email
        ],
    )

    fields = [f for f in WRITE_FIELDS if (f != "left_on" or has_left_on)]
    updates = []
    for row in changed_rows:
        values = []
        for name in fields:
            value = row.values.get(_attname(name))
            if name == "employee_ref" and not value:
                value = row.existing.employee_ref  # a blank reference never erases one
            values.append(value)
        if has_manager:
            values.append(pks.get(row.manager_email) if row.manager_email else None)
        updates.append([*values, now, row.existing.pk])
    _update_rows(
        StaffMember,
        [*fields, *(["line_manager"] if has_manager else []), "updated_at"],
        updates,
    )

    if has_areas:
        through = StaffMember.areas.through
        stale = [row.existing.pk for row in changed_rows if "areas" in row.changes]
        for chunk in _chunks(stale):
            through.objects.filter(staffmember_id__in=chunk).delete()
        _insert_rows(
            through,
            ["staffmember", "area"],
            [
                [row.existing.pk if row.existing else pks[row.values["email"]], area_id]
                for row in rows
                if row.existing is None or "areas" in row.changes
                for area_id in sorted(row.areas or ())
            ],
        )
    return pks


def _attname(name: str) -> str:
    return "role_profile_id" if name == "role_profile" else name
