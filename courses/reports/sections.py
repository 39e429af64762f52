"""What the dashboard and the board paper show: the headline figures and each report's section
(its table, its chart). One copy, so the page and the paper cannot disagree."""

from competencies import policy
from competencies.compliance import ComplianceSummary, rollup
from courses.reports import charts
from courses.reports.activity import activity_facts
from courses.reports.definitions import compliance_by_agency_and_profile, figure_target
from courses.reports.trend import previous_quarter


def headline(scope, filters) -> dict:
    grouped = compliance_by_agency_and_profile(scope, filters)
    overall = rollup(grouped, lambda key: None).get(None, ComplianceSummary())
    activity = activity_facts(scope=scope, filters=filters)
    target = figure_target(scope, filters)
    return {
        "target": target,
        "rating": policy.rating(
            overall.people_compliant_percent if overall.people else None, target
        ),
        "previous": previous_quarter(scope, filters, overall),
        "staff": overall.people,
        "people_compliant": overall.people_compliant,
        "people_compliant_percent": overall.people_compliant_percent,
        "requirements": overall.requirements,
        "requirements_compliant_percent": overall.requirements.compliant_percent,
        "activity": activity.total,
        "unique_learners": activity.unique_learners,
        "three_sector_percent": activity.three_sector_percent,
        "evaluation": activity.evaluation_overall,
    }


def sections(scope, filters, reports, *, row_limit=None):
    """Each report's table (and chart). On the page a long table shows its first
    `row_limit` rows and says how many more the exports hold (the report's own PDF, CSV and
    XLSX show all)."""
    sections = []
    for report in reports:
        table = report.table(scope=scope, filters=filters)
        rows, hidden = table.rows, 0
        if row_limit is not None and len(rows) > row_limit + 1:
            # Keep a closing total row in view.
            closing = table.closing_row or str(rows[-1][0]).startswith("Total")
            last = rows[-1] if closing else None
            hidden = len(rows) - row_limit - (1 if last else 0)
            rows = rows[:row_limit] + ([last] if last else [])
        sections.append(
            {
                "report": report,
                "table": table,
                "rows": rows,
                "hidden_rows": hidden,
                "chart_uri": charts.data_uri(table.chart_svg)
                if table.chart_svg
                else None,
            }
        )
    return sections
