"""The staff import's audit trail in Wagtail's log: one entry per person added or changed (in
their own history, like an edit in the admin) and one for the import, against the agency."""

from wagtail.log_actions import log

from competencies.bulk_audit_log import Entry, log_many
from competencies.imports.base import ImportResult, Status
from competencies.imports.staff.validation import StaffRow
from competencies.models import Agency

# Registered in competencies/wagtail_hooks.py.
STAFF_IMPORT = "competencies.staff.import"
STAFF_IMPORT_NEW = "competencies.staff.import_new"
STAFF_IMPORT_CHANGE = "competencies.staff.import_change"


def log_import(
    agency: Agency, rows: list[StaffRow], result: ImportResult, *, user, filename: str
) -> None:
    """Entries name the fields a person's row changed, never their values. In bulk: an import
    may add tens of thousands of people."""
    entries = []
    for row in rows:
        if row.existing is None:
            action, data = STAFF_IMPORT_NEW, {"file": filename}
        elif row.changes:
            action = STAFF_IMPORT_CHANGE
            data = {"file": filename, "fields": list(row.changes)}
        else:
            continue
        entries.append(
            Entry(row.person, action, title=row.label, data=data, content_changed=True)
        )
    log_many(entries, user=user)
    counts = result.counts
    log(
        instance=agency,
        action=STAFF_IMPORT,
        user=user,
        data={
            "file": filename,
            "new": counts[Status.NEW],
            "updated": counts[Status.UPDATED],
            "unchanged": counts[Status.UNCHANGED],
        },
    )
