"""Activity reports: sessions, places, attendance, the multi-agency mix, evaluation and trends.

All of them are cut from ``activity.activity_facts`` (one set of queries per request); the
definitions and the scope rule are in that module's docstring.
"""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from courses.reports import charts
from courses.reports.activity import activity_facts, by_module, by_month, by_quarter
from courses.reports.definitions import Report, Table, register

TALLY_HEADERS = [
    "Sessions delivered",
    "Places offered",
    "Places booked",
    "Fill rate %",
    "Attended",
    "Partly attended",
    "Did not attend",
    "Did-not-attend rate %",
]


def _tally_cells(t) -> list:
    return [
        t.sessions,
        t.offered,
        t.booked,
        t.fill_percent,
        t.attended,
        t.partial,
        t.absent,
        t.dna_percent,
    ]


@register
class ActivityByModule(Report):
    slug = "activity-by-module"
    title = _("Sessions delivered and places filled, by module")
    description = _(
        "Completed sessions, places offered and booked (confirmed at the start), fill rate, "
        "and the attendance of staff in scope."
    )

    def table(self, *, scope, filters) -> Table:
        facts = activity_facts(scope=scope, filters=filters)
        rows = [[title] + _tally_cells(t) for title, t in by_module(facts)]
        if rows:
            rows.append(["All modules"] + _tally_cells(facts.total))
        return Table(headers=["Module"] + TALLY_HEADERS, rows=rows)


@register
class AttendanceByAgency(Report):
    slug = "attendance-by-agency"
    title = _("Attendance, did-not-attend rate and late cancellations, by agency")
    description = _(
        "Did-not-attend rate: no-shows among places confirmed at the start. Late cancellation "
        "rate: cancellations inside the cut-off among all places booked."
    )

    def table(self, *, scope, filters) -> Table:
        facts = activity_facts(scope=scope, filters=filters)
        rows = [
            [
                name,
                t.made,
                t.late,
                t.late_percent,
                t.booked,
                t.attended,
                t.partial,
                t.absent,
                t.dna_percent,
            ]
            for name, t in facts.agencies
        ]
        if rows:
            total = facts.total
            rows.append(
                [
                    "All agencies",
                    total.made,
                    total.late,
                    total.late_percent,
                    sum(t.booked for _n, t in facts.agencies),
                    total.attended,
                    total.partial,
                    total.absent,
                    total.dna_percent,
                ]
            )
        return Table(
            headers=[
                "Agency",
                "Places booked",
                "Late cancellations",
                "Late cancellation rate %",
                "Confirmed at start",
                "Attended",
                "Partly attended",
                "Did not attend",
                "Did-not-attend rate %",
            ],
            rows=rows,
        )


MIX_CHART_TITLE = "Sessions by the number of sectors attending"
MIX_CHART_MAX_SECTORS = 5  # the last bar is "5 or more sectors"


def _sectors_label(n: int) -> str:
    if n == MIX_CHART_MAX_SECTORS:
        return f"{n} or more sectors"
    return "1 sector" if n == 1 else f"{n} sectors"


@register
class MultiAgencyMix(Report):
    slug = "multi-agency-mix"
    title = _("Multi-agency mix per session")
    description = _(
        "Agencies and sectors among the people who attended each session (fully or partly), "
        "and the largest single agency's share of them. Joint training means three or more "
        "sectors in the room."
    )

    def table(self, *, scope, filters) -> Table:
        facts = activity_facts(scope=scope, filters=filters)
        rows = [
            [
                s.label,
                s.attendees,
                len(s.agencies),
                len(s.sectors),
                s.largest_agency_percent,
                "Yes" if len(s.sectors) >= 3 else "No",
            ]
            for s in facts.sessions
        ]
        chart = None
        if rows:
            # How many sessions had one, two, three... sectors in the room: readable at any
            # number of sessions (a bar per session was not, at hundreds of them).
            by_sectors = Counter(min(r[3], MIX_CHART_MAX_SECTORS) for r in rows)
            chart = charts.bars(
                [_sectors_label(n) for n in range(1, MIX_CHART_MAX_SECTORS + 1)],
                [by_sectors.get(n, 0) for n in range(1, MIX_CHART_MAX_SECTORS + 1)],
                MIX_CHART_TITLE,
                "Sessions",
            )
            rows.append(
                [
                    "Sessions with three or more sectors",
                    "",
                    "",
                    "",
                    "",
                    f"{facts.three_sector_sessions} of {len(facts.sessions)} "
                    f"({facts.three_sector_percent}%)",
                ]
            )
        return Table(
            headers=[
                "Session",
                "Attendees",
                "Agencies",
                "Sectors",
                "Largest agency share %",
                "Three or more sectors",
            ],
            rows=rows,
            chart_svg=chart,
            chart_title=MIX_CHART_TITLE,
            closing_row=bool(rows),
        )


@register
class EvaluationByModule(Report):
    slug = "evaluation-by-module"
    title = _("Evaluation scores and confidence change, by module")
    description = _(
        "Overall rating (1–5) and self-rated confidence (1–10) before and after, from the "
        "evaluations of attendees in scope."
    )

    def table(self, *, scope, filters) -> Table:
        facts = activity_facts(scope=scope, filters=filters)
        evaluations = list(facts.evaluations)
        if evaluations:
            evaluations.append(facts.evaluation_overall)
        rows = [
            [
                e.title,
                e.attendees,
                e.responses,
                e.response_percent,
                e.rating,
                e.top_percent,
                e.before,
                e.after,
                e.change,
            ]
            for e in evaluations
        ]
        return Table(
            headers=[
                "Module",
                "Attendees",
                "Evaluations",
                "Response rate %",
                "Mean rating (1–5)",
                "Rated 4 or 5 %",
                "Confidence before",
                "Confidence after",
                "Confidence change",
            ],
            rows=rows,
        )


class ActivityTrend(Report):
    period_label = ""

    def groups(self, facts, filters):
        raise NotImplementedError

    def table(self, *, scope, filters) -> Table:
        facts = activity_facts(scope=scope, filters=filters)
        groups = self.groups(facts, filters)
        rows = [[label] + _tally_cells(t) for label, t in groups]
        chart = None
        if facts.sessions and self.chart:
            chart = charts.line(
                [label for label, _t in groups],
                {
                    "Attended": [t.attended for _l, t in groups],
                    "Did not attend": [t.absent for _l, t in groups],
                },
                self.chart,
                "Bookings",
                counts=True,
            )
        return Table(
            headers=[self.period_label] + TALLY_HEADERS,
            rows=rows,
            chart_svg=chart,
            chart_title=self.chart,
        )


@register
class ActivityByMonth(ActivityTrend):
    slug = "activity-by-month"
    title = _("Activity by month")
    description = _("Sessions, places and attendance in each month of the period.")
    period_label = "Month"
    chart = "Attendance over time"

    def groups(self, facts, filters):
        return by_month(facts, filters)


@register
class ActivityByQuarter(ActivityTrend):
    slug = "activity-by-quarter"
    title = _("Activity by quarter")
    description = _("The same figures by calendar quarter.")
    period_label = "Quarter"
    chart = ""

    def groups(self, facts, filters):
        return by_quarter(facts, filters)
