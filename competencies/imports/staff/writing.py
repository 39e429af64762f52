"""Writing validated rows: new people, changed people and their areas, through the ORM's bulk
statements. Called inside the import's transaction, so a failure here writes nothing."""

from django.utils import timezone

from competencies.compliance_cache import compliance_refresh
from competencies.imports.staff.columns import SIMPLE_FIELDS, OptionalColumns
from competencies.imports.staff.lookups import Lookups, chunks
from competencies.imports.staff.validation import StaffRow
from competencies.models import Agency, StaffMember

BATCH = 1000


def write_staff(
    agency: Agency, rows: list[StaffRow], lookups: Lookups, present: OptionalColumns
) -> None:
    """Insert the new people, update the changed ones, rewrite their areas; set `row.person`
    on every row written."""
    new_rows = [row for row in rows if row.existing is None]
    changed_rows = [row for row in rows if row.existing is not None and row.changes]
    # Email -> pk of everyone a row may name as line manager (validation made sure of that).
    pks = {email: s.pk for email, s in lookups.by_email.items()}
    pks.update({row.values["email"]: row.existing.pk for row in changed_rows})

    _insert(agency, new_rows, pks)
    _update(changed_rows, pks, present)
    if present.areas:
        _rewrite_areas(new_rows, changed_rows)
    # Bulk statements send no signals: changed people (role profile, leaving date) get their
    # compliance cache refreshed here; new people are filled in when first read.
    if changed_rows:
        compliance_refresh(staff_ids=[row.existing.pk for row in changed_rows])


def _insert(agency: Agency, new_rows: list[StaffRow], pks: dict[str, int]) -> None:
    # Insert in waves, managers before the people they manage, so most line-manager links are
    # written with the row itself; links inside a cycle are filled in afterwards.
    waiting, relink = new_rows, []
    while waiting:
        ready = [r for r in waiting if not r.manager_email or r.manager_email in pks]
        if not ready:
            ready = relink = waiting
        people = [
            StaffMember(
                agency_id=agency.pk,
                **{name: row.values.get(name) for name in SIMPLE_FIELDS},
                line_manager_id=pks.get(row.manager_email)
                if row.manager_email
                else None,
            )
            for row in ready
        ]
        StaffMember.objects.bulk_create(people, batch_size=BATCH)
        for row, person in zip(ready, people, strict=True):
            row.person = person
            pks[row.values["email"]] = person.pk
        waiting = [row for row in waiting if row.person is None]

    _update_in_groups(
        {
            row.person.pk: {"line_manager_id": pks[row.manager_email]}
            for row in relink
            if row.manager_email and row.person.line_manager_id is None
        }
    )


def _update(
    changed_rows: list[StaffRow], pks: dict[str, int], present: OptionalColumns
) -> None:
    fields = [f for f in SIMPLE_FIELDS if f != "left_on" or present.left_on]
    new_values = {}
    for row in changed_rows:
        person, values = row.existing, {}
        for name in fields:
            value = row.values.get(name)
            if name == "employee_ref" and not value:
                continue  # a blank reference never erases a stored one
            if getattr(person, name) != value:
                values[name] = value
        if present.line_manager:
            manager_id = pks.get(row.manager_email) if row.manager_email else None
            if person.line_manager_id != manager_id:
                values["line_manager_id"] = manager_id
        for name, value in values.items():
            setattr(person, name, value)
        row.person = person
        new_values[person.pk] = values
    # Every changed person is marked updated, even when only their areas changed.
    _update_in_groups(new_values, updated_at=timezone.now())


def _update_in_groups(new_values: dict[int, dict], **common) -> None:
    """Write {pk: {field: value}} as one UPDATE per distinct set of values.

    People changed alike (a new job title, role profile or line manager for a team) share
    one statement. bulk_update() measured no faster even when every person's values differ
    (its CASE WHEN pk = ... costs Python time per person and field), and six times slower
    when every field was written.
    """
    groups: dict[frozenset, list[int]] = {}
    for pk, values in new_values.items():
        groups.setdefault(frozenset(values.items()), []).append(pk)
    for values, ids in groups.items():
        for chunk in chunks(ids):
            StaffMember.objects.filter(pk__in=chunk).update(**dict(values), **common)


def _rewrite_areas(new_rows: list[StaffRow], changed_rows: list[StaffRow]) -> None:
    through = StaffMember.areas.through
    stale = [row for row in changed_rows if "areas" in row.changes]
    for chunk in chunks(row.person.pk for row in stale):
        through.objects.filter(staffmember_id__in=chunk).delete()
    through.objects.bulk_create(
        [
            through(staffmember_id=row.person.pk, area_id=area_id)
            for row in [*new_rows, *stale]
            for area_id in sorted(row.areas or ())
        ],
        batch_size=BATCH,
    )
