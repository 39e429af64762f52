"""Compliance history for the demo: the last eight quarter ends and the last month end, rebuilt
from the records (docs/compliance.md, History), so the reports show a trend from the start."""

from competencies.compliance_history import (
    last_month_end,
    quarter_ends_back,
    snapshot_take,
)
from competencies.models import ComplianceSnapshot


def seed_history() -> int:
    """Snapshots for month ends that have none; returns how many were taken."""
    wanted = sorted({*quarter_ends_back(8), last_month_end()})
    have = set(
        ComplianceSnapshot.objects.filter(month_end__in=wanted)
        .values_list("month_end", flat=True)
        .distinct()
    )
    taken = 0
    for month_end in wanted:
        if month_end not in have:
            snapshot_take(month_end=month_end, rebuilt=True)
            taken += 1
    return taken
