"""The checks of one row's cells: blanks, lengths, repeats in the file, email, role profile,
areas, leaving date and line manager. Each problem names the column and says why."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from competencies.imports.base import RowErrors, parse_date, text
from competencies.imports.staff.columns import (
    MAX_LENGTHS,
    REQUIRED_COLUMNS,
    OptionalColumns,
)
from competencies.imports.staff.lookups import Lookups
from competencies.models import StaffMember


@dataclass
class StaffRow:
    number: int
    values: dict
    errors: RowErrors
    areas: set[int] | None = None  # None: column absent, leave areas as they are
    manager_email: str | None = None  # None: column absent
    existing: StaffMember | None = None  # the agency's staff member this row is
    changes: list[str] = field(
        default_factory=list
    )  # columns that differ from `existing`
    person: StaffMember | None = None  # once written: the row's staff member, saved

    @property
    def label(self) -> str:
        return f"{self.values['first_name']} {self.values['last_name']}".strip()


class RowChecker:
    """Checks rows one at a time, remembering references and emails seen earlier in the file."""

    def __init__(
        self, lookups: Lookups, present: OptionalColumns, *, profile_required=True
    ):
        self.lookups, self.present = lookups, present
        # A walk-in added on the day has no known role profile; the next import sets it.
        self.profile_required = profile_required
        self.agency = lookups.agency
        self.domains = self.agency.domain_list
        self.seen_refs: dict[str, int] = {}
        self.seen_emails: dict[str, int] = {}

    def check(self, number: int, raw: dict, errors: RowErrors) -> StaffRow:
        values = {name: text(raw.get(name)) for name in REQUIRED_COLUMNS}
        values["email"] = values["email"].lower()
        row = StaffRow(number=number, values=values, errors=errors)

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
        self._reference(row)
        self._email(row)
        self._role_profile(row)
        if self.present.areas:
            self._areas(row, raw)
        if self.present.left_on:
            values["left_on"], message = parse_date(raw.get("left_on"))
            if message:
                errors.add("left_on", message)
        if self.present.line_manager:
            row.manager_email = text(raw.get("line_manager_email")).lower()
            if row.manager_email and row.manager_email == values["email"]:
                errors.add(
                    "line_manager_email",
                    _("A person cannot be their own line manager."),
                )
        return row

    def _reference(self, row: StaffRow) -> None:
        ref = row.values["employee_ref"]
        if not ref:
            return
        if ref.lower() in self.seen_refs:
            row.errors.add(
                "employee_ref",
                _(
                    "Employee reference “%(ref)s” is also on row %(row)s; each person may "
                    "appear only once."
                )
                % {"ref": ref, "row": self.seen_refs[ref.lower()]},
            )
        else:
            self.seen_refs[ref.lower()] = row.number

    def _email(self, row: StaffRow) -> None:
        email, errors = row.values["email"], row.errors
        if not email:
            return
        try:
            validate_email(email)
        except ValidationError:
            errors.add(
                "email",
                _("“%(email)s” is not a valid email address.") % {"email": email},
            )
            return
        if email in self.seen_emails:
            errors.add(
                "email",
                _(
                    "The email “%(email)s” is also on row %(row)s; each person needs "
                    "their own work email."
                )
                % {"email": email, "row": self.seen_emails[email]},
            )
        else:
            self.seen_emails[email] = row.number
        if email in self.lookups.elsewhere:
            errors.add(
                "email",
                _("The email “%(email)s” belongs to a staff member of another agency.")
                % {"email": email},
            )
        if self.domains and not self.agency.owns_email(email):
            errors.add(
                "email",
                _(
                    "“%(email)s” is not a %(agency)s email address; it must end in "
                    "%(domains)s."
                )
                % {
                    "email": email,
                    "agency": self.agency.short_name,
                    "domains": " or ".join(f"@{d}" for d in self.domains),
                },
            )

    def _role_profile(self, row: StaffRow) -> None:
        code = row.values["role_profile"]
        if not code and not self.profile_required:
            row.values["role_profile_id"] = None
        elif not code:
            row.errors.add(
                "role_profile", _("Enter the role profile code, for example RP03.")
            )
        elif code.lower() not in self.lookups.profiles:
            row.errors.add(
                "role_profile",
                _("“%(code)s” is not a role profile code.") % {"code": code},
            )
        else:
            row.values["role_profile_id"] = self.lookups.profiles[code.lower()]

    def _areas(self, row: StaffRow, raw: dict) -> None:
        row.areas = set()
        served = self.lookups.agency_area_ids
        for area_code in text(raw.get("areas")).replace(",", ";").split(";"):
            area_code = area_code.strip()
            if not area_code:
                continue
            area = self.lookups.areas_by_code.get(area_code.lower())
            if area is None:
                row.errors.add(
                    "areas",
                    _("“%(code)s” is not an area code.") % {"code": area_code},
                )
            elif served and area.pk not in served:
                row.errors.add(
                    "areas",
                    _("%(agency)s does not serve the area “%(code)s”.")
                    % {"agency": self.agency.short_name, "code": area_code},
                )
            else:
                row.areas.add(area.pk)
