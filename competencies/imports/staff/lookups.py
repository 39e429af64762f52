"""Everything the staff import checks rows against, loaded once in a handful of queries."""

from dataclasses import dataclass

from django.db.models.functions import Lower

from competencies.imports.base import text
from competencies.imports.files import Table
from competencies.models import Agency, Area, RoleProfile, StaffMember

CHUNK = 5000  # keeps IN (...) lists under PostgreSQL's bind-parameter limit


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Lookups:
    agency: Agency
    profiles: dict[str, int]  # role profile code (lower case) -> pk
    areas_by_code: dict[str, Area]  # lower case
    agency_area_ids: set[int]  # empty: the agency serves every area
    by_ref: dict[
        str, StaffMember
    ]  # the agency's staff by employee reference (lower case)
    by_email: dict[str, StaffMember]  # ... and by email (lower case)
    email_of: dict[int, str]  # the agency's staff pk -> email (lower case)
    current_areas: dict[int, set[int]]  # the agency's staff pk -> area pks
    elsewhere: set[str]  # emails in the file held by other agencies' staff


def load_lookups(agency: Agency, table: Table) -> Lookups:
    staff = list(StaffMember.objects.filter(agency=agency))
    current_areas: dict[int, set[int]] = {}
    through = StaffMember.areas.through
    for staff_id, area_id in through.objects.filter(
        staffmember__agency=agency
    ).values_list("staffmember_id", "area_id"):
        current_areas.setdefault(staff_id, set()).add(area_id)

    file_emails = {text(v.get("email")).lower() for _n, v in table.rows}
    elsewhere = set()
    for chunk in chunks(file_emails):
        elsewhere.update(
            StaffMember.objects.exclude(agency=agency)
            .annotate(lower_email=Lower("email"))
            .filter(lower_email__in=chunk)
            .values_list("lower_email", flat=True)
        )

    return Lookups(
        agency=agency,
        profiles={
            rp.code.lower(): rp.pk for rp in RoleProfile.objects.only("pk", "code")
        },
        areas_by_code={a.code.lower(): a for a in Area.objects.only("pk", "code")},
        agency_area_ids=set(agency.areas.values_list("pk", flat=True)),
        by_ref={s.employee_ref.lower(): s for s in staff if s.employee_ref},
        by_email={s.email.lower(): s for s in staff},
        email_of={s.pk: s.email.lower() for s in staff},
        current_areas=current_areas,
        elsewhere=elsewhere,
    )
