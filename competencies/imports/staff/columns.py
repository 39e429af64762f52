"""The staff file's columns, and the StaffMember fields they fill."""

from dataclasses import dataclass

from competencies.imports.files import Table

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
# Fields a row sets directly (attribute names; a row's values are keyed by these).
SIMPLE_FIELDS = [
    "employee_ref",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role_profile_id",
    "left_on",
]
# The column named when a field changed (the preview and the audit entry name columns).
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


@dataclass(frozen=True)
class OptionalColumns:
    """Which optional columns the file has: an absent column leaves that field as it is."""

    areas: bool
    line_manager: bool
    left_on: bool

    @classmethod
    def of(cls, table: Table) -> "OptionalColumns":
        return cls(
            areas="areas" in table.headers,
            line_manager="line_manager_email" in table.headers,
            left_on="left_on" in table.headers,
        )
