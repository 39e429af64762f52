"""Compliance over time: the scope's figures at each quarter end, from the month-end snapshots
(competencies.compliance_history), against the board target, with the change from the quarter
before. Two years on the dashboard and in the board paper."""

import datetime

from django.utils.translation import gettext_lazy as _

from competencies.compliance_history import history, quarter_ends_back
from courses.reports.definitions import (
    Report,
    Table,
    figure_target,
    register,
    target_cells,
)

QUARTERS = 8  # two years


def scope_history(scope, filters, month_ends, *, by_agency=False) -> dict:
    """{month end: ComplianceSummary} of the scope and filters, from the snapshots (by agency:
    {(month end, agency name): ...})."""
    area_ids = scope.area_ids
    if filters.area is not None:
        area_ids = {filters.area.pk}
    agency_id = scope.agency_id
    if filters.agency is not None:
        agency_id = filters.agency.pk
    return history(
        month_ends=month_ends,
        area_ids=area_ids,
        agency_id=agency_id,
        sector=filters.sector or None,
        role_profile_id=filters.role_profile.pk if filters.role_profile else None,
        level=filters.level or None,
        by_agency=by_agency,
    )


def quarter_ends(filters) -> list:
    """The quarter ends up to the compliance date of the filters, oldest first."""
    return quarter_ends_back(QUARTERS, today=filters.as_of + datetime.timedelta(days=1))


def quarter_history(scope, filters) -> dict:
    """The scope's figures at `quarter_ends(filters)`, read once a request: the quarter table
    and the headline's quarter before both come from it."""
    if "quarters" not in filters.cache:
        filters.cache["quarters"] = scope_history(scope, filters, quarter_ends(filters))
    return filters.cache["quarters"]


def change(now, before) -> float | None:
    """Percentage points between two figures; None when either has no one in it."""
    if not now.people or before is None or not before.people:
        return None
    return round(now.people_compliant_percent - before.people_compliant_percent, 1)


def quarter_label(day: datetime.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


@register
class ComplianceByQuarter(Report):
    slug = "compliance-by-quarter"
    leads = True
    title = _("Compliance by quarter")
    description = _(
        "Staff fully compliant at each quarter end of the last two years, against the "
        "board target, with the change from the quarter before (from month-end snapshots)."
    )

    def table(self, *, scope, filters) -> Table:
        figures = quarter_history(scope, filters)
        target = figure_target(scope, filters)
        rows, before = [], None
        for month_end, summary in figures.items():
            rows.append(
                [
                    quarter_label(month_end),
                    month_end,
                    summary.people,
                    summary.people_compliant,
                    summary.people_compliant_percent,
                    change(summary, before),
                    summary.requirements.compliant_percent,
                ]
                + target_cells(summary, target)
            )
            before = summary
        return Table(
            headers=[
                "Quarter",
                "As at",
                "Staff",
                "Staff fully compliant",
                "Staff compliant %",
                "Change (points)",
                "Requirements compliant %",
                "Target %",
                "Rating",
            ],
            rows=rows,
        )


def previous_quarter(scope, filters, summary) -> dict:
    """The headline against the last quarter end before the compliance date: its figure and
    the change in points (None without a snapshot)."""
    # The last quarter end before the compliance date is always among quarter_ends(filters).
    ends = quarter_ends_back(1, today=filters.as_of)
    before = quarter_history(scope, filters).get(ends[0]) if ends else None
    return {
        "as_at": ends[0] if ends else None,
        "percent": before.people_compliant_percent if before else None,
        "change": change(summary, before),
    }
