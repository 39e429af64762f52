"""Keeping StaffCompliance in step with the records it summarises.

Every change that can move a person's figures (a record written or revoked, a staff member's
role profile or leaving date, a role profile's requirements) refreshes the people it touches,
in the same transaction. Bulk work (seeding, imports, completing a session) wraps itself in
`compliance_deferred()` so each person is refreshed once at the end, not once per record.
"""

import contextlib
import datetime
import threading
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from competencies.models import StaffCompliance, StaffMember
from competencies.policy import in_compliance

_local = threading.local()


@contextlib.contextmanager
def compliance_deferred():
    """Collect the people touched inside the block; refresh them once when it ends."""
    outer = getattr(_local, "pending", None)
    if outer is not None:  # nested: the outermost block refreshes
        yield
        return
    _local.pending = set()
    try:
        yield
        pending = _local.pending
    finally:
        _local.pending = None
    if pending:
        compliance_refresh(staff_ids=pending)


def compliance_touch(staff_ids: Iterable[int]) -> None:
    """Called by the signal handlers: refresh now, or at the end of a deferred block."""
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.update(staff_ids)
    else:
        compliance_refresh(staff_ids=staff_ids)


@transaction.atomic
def compliance_refresh(
    *, staff_ids: Iterable[int] | None = None, as_of: datetime.date | None = None
) -> int:
    """Recompute the cached counts of these people (everyone if None) as at `as_of`.

    People with no role profile, or who have left, get no row: they are outside compliance.
    The counts come from the live rule (competencies.policy, through
    `staff_overall_status`), so the cache and a live summary agree. Returns the number of
    rows written.
    """
    from competencies.compliance import staff_overall_status

    as_of = as_of or timezone.localdate()
    staff = StaffMember.objects.all()
    if staff_ids is not None:
        staff_ids = list(staff_ids)
        staff = staff.filter(pk__in=staff_ids)
        StaffCompliance.objects.filter(staff_id__in=staff_ids).delete()
    else:
        StaffCompliance.objects.all().delete()
    counted = {row["pk"]: row for row in staff_overall_status(staff=staff, as_of=as_of)}
    in_scope = in_compliance(staff, as_of).values_list("pk", flat=True)
    rows = []
    for pk in in_scope:
        counts = counted.get(pk, {})
        rows.append(
            StaffCompliance(
                staff_id=pk,
                as_of=as_of,
                met=counts.get("met", 0),
                expiring=counts.get("expiring", 0),
                expired=counts.get("expired", 0),
                missing=counts.get("missing", 0),
            )
        )
    StaffCompliance.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
