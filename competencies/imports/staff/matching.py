"""Which staff member a row is (employee reference within the agency, else email), whether its
line manager exists, and what the row would change."""

from django.utils.translation import gettext as _

from competencies.imports.base import RowResult, Status
from competencies.imports.staff.columns import (
    FIELD_LABELS,
    SIMPLE_FIELDS,
    OptionalColumns,
)
from competencies.imports.staff.lookups import Lookups
from competencies.imports.staff.validation import StaffRow


class Matcher:
    """Matches rows to the agency's staff, reporting two rows that are the same person."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups
        self.claimed: dict[int, int] = {}  # existing staff pk -> row that matched it

    def match(self, row: StaffRow) -> None:
        by_ref, by_email = self.lookups.by_ref, self.lookups.by_email
        ref, email = row.values["employee_ref"], row.values["email"]
        existing = by_ref.get(ref.lower()) if ref else None
        if existing is None and email:
            existing = by_email.get(email)
            if (
                existing is not None
                and ref
                and existing.employee_ref
                and existing.employee_ref.lower() != ref.lower()
            ):
                row.errors.add(
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
                row.errors.add(
                    "email",
                    _("The email “%(email)s” already belongs to %(name)s.")
                    % {"email": email, "name": holder.full_name},
                )
        if existing is not None:
            if existing.pk in self.claimed:
                row.errors.add(
                    "email",
                    _("This is the same person as row %(row)s.")
                    % {"row": self.claimed[existing.pk]},
                )
            self.claimed[existing.pk] = row.number
        row.existing = existing


def check_line_managers(
    rows: list[StaffRow], lookups: Lookups, file_emails: dict[str, int]
) -> None:
    """A line manager is one of the agency's staff already, or a person in this file."""
    for row in rows:
        manager = row.manager_email
        if manager and manager not in lookups.by_email and manager not in file_emails:
            row.errors.add(
                "line_manager_email",
                _(
                    "No %(agency)s staff member has the email “%(email)s” (in the file or "
                    "already imported)."
                )
                % {"agency": lookups.agency.short_name, "email": manager},
            )


def row_result(row: StaffRow, lookups: Lookups, present: OptionalColumns) -> RowResult:
    """The row's status for the preview, filling `row.changes` for an existing person."""
    email = row.values["email"]
    if row.errors.count:
        return RowResult(row.number, Status.ERROR, row.label, email)
    if row.existing is None:
        return RowResult(row.number, Status.NEW, row.label, email)
    s = row.existing
    for name in SIMPLE_FIELDS:
        if name == "left_on" and not present.left_on:
            continue
        if name == "employee_ref" and not row.values[name]:
            continue  # a blank reference never erases a stored one
        if getattr(s, name) != row.values[name]:
            row.changes.append(FIELD_LABELS[name])
    if present.areas and lookups.current_areas.get(s.pk, set()) != row.areas:
        row.changes.append("areas")
    if present.line_manager:
        current_manager = lookups.email_of.get(s.line_manager_id, "")
        if current_manager != (row.manager_email or ""):
            row.changes.append("line_manager_email")
    status = Status.UPDATED if row.changes else Status.UNCHANGED
    return RowResult(row.number, status, row.label, email, row.changes)
