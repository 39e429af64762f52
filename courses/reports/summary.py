"""The board paper's executive summary and its Care Act 2014 Schedule 2 sections on training.

Both are written from figures the page already has: the headline (with its quarter before),
the compliance-by-agency and learning-from-reviews tables of the sections, and the activity
facts (filters.cache). The only query of their own is the agencies' snapshots at the two
quarter ends compared with, so the paper's query count stays constant. The rules (what counts
as a rise, who is named) are courses.policy's (docs/metrics.md, Executive summary).
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from competencies import policy as competencies_policy
from competencies.compliance import ComplianceSummary
from competencies.compliance_history import quarter_ends_back
from courses import policy
from courses.policy import Movement
from courses.reports import reviews_report  # noqa: F401  (registers learning-from-reviews)
from courses.reports.activity import activity_facts
from courses.reports.definitions import REGISTRY
from courses.reports.trend import change, scope_history

AGENCY_TABLE = "compliance-by-agency"
REVIEWS_TABLE = "learning-from-reviews"


@dataclass(frozen=True)
class Finding:
    """One sentence of the summary. `kind` lets templates style it: rose, fell, unchanged,
    target, furthest, on-target, unanswered, answered, no-history, no-target, no-data,
    no-reviews; `rating` is the red/amber/green of the figure it names, if any."""

    kind: str
    text: str
    rating: str = ""


@dataclass
class AgencyFigures:
    """One member agency's row of the annual-report table."""

    name: str
    staff: int
    compliant: int
    percent: float | None  # None with no one to measure
    target: int | None
    rating: object  # competencies.policy.Rating or None
    change_quarter: float | None  # points since the last quarter end
    change_year: float | None  # points since the quarter end a year before that
    attended: int  # attendances in the period


def comparison_ends(filters) -> tuple:
    """The last quarter end before the compliance date (the headline's), and the quarter end
    a year before it."""
    ends = quarter_ends_back(5, today=filters.as_of)
    return ends[-1], ends[0]


def _day(day) -> str:
    return date_format(day, "j F Y")


def _points(value: float) -> str:
    return f"{abs(value):.1f}"


def _table(scope, filters, sections, slug):
    """A report's table from the sections when the page has it, else computed once."""
    for section in sections:
        if section["report"].slug == slug:
            return section["table"]
    key = f"table:{slug}"
    if key not in filters.cache:
        filters.cache[key] = REGISTRY[slug].table(scope=scope, filters=filters)
    return filters.cache[key]


def _records(table) -> list[dict]:
    return [dict(zip(table.headers, row, strict=True)) for row in table.rows]


def agency_figures(scope, filters, sections) -> list[AgencyFigures]:
    """Each agency of the compliance-by-agency table with its change since the two quarter
    ends (one snapshot query) and its attendances, by name as the tables are."""
    if "summary_agencies" in filters.cache:
        return filters.cache["summary_agencies"]
    quarter, year = comparison_ends(filters)
    before = scope_history(scope, filters, [quarter, year], by_agency=True)
    attended = {
        name: tally.attended
        for name, tally in activity_facts(scope=scope, filters=filters).agencies
    }
    out = []
    for row in _records(_table(scope, filters, sections, AGENCY_TABLE)):
        name = row["Agency"]
        now = ComplianceSummary(
            people=row["Staff"], people_compliant=row["Staff fully compliant"]
        )
        percent = now.people_compliant_percent if now.people else None
        out.append(
            AgencyFigures(
                name=name,
                staff=now.people,
                compliant=now.people_compliant,
                percent=percent,
                target=row["Target %"],
                rating=competencies_policy.rating(percent, row["Target %"]),
                change_quarter=change(now, before.get((quarter, name))),
                change_year=change(now, before.get((year, name))),
                attended=attended.pop(name, 0),
            )
        )
    # Agencies whose staff attended but none of whom has a role profile to be measured by.
    for name, count in sorted(attended.items()):
        out.append(AgencyFigures(name, 0, 0, None, None, None, None, None, count))
    filters.cache["summary_agencies"] = out
    return out


# --- the executive summary -------------------------------------------------------------------


def _headline_findings(headline) -> list[Finding]:
    if not headline["staff"]:
        return [
            Finding(
                "no-data",
                _(
                    "No active staff with a role profile are in scope, so there is no "
                    "compliance figure to summarise."
                ),
            )
        ]
    previous = headline["previous"]
    figures = {
        "percent": headline["people_compliant_percent"],
        "ok": headline["people_compliant"],
        "staff": headline["staff"],
        "day": _day(previous["as_at"]) if previous["as_at"] else "",
    }
    found = policy.movement(previous["change"])
    if found is None:
        kind, text = (
            "no-history",
            _(
                "Staff fully compliant: %(percent)s%% (%(ok)s of %(staff)s). There is no "
                "snapshot for %(day)s, so no change since the previous quarter can be given."
            ),
        )
    elif found == Movement.UNCHANGED:
        figures["change"] = f"{previous['change']:+.1f}"
        kind, text = (
            found.value,
            _(
                "Staff fully compliant was unchanged since %(day)s, at %(percent)s%% (%(ok)s "
                "of %(staff)s; %(change)s points)."
            ),
        )
    else:
        figures["points"] = _points(previous["change"])
        kind = found.value
        text = (
            _(
                "Staff fully compliant rose %(points)s points since %(day)s, to "
                "%(percent)s%% (%(ok)s of %(staff)s)."
            )
            if found == Movement.ROSE
            else _(
                "Staff fully compliant fell %(points)s points since %(day)s, to "
                "%(percent)s%% (%(ok)s of %(staff)s)."
            )
        )
    findings = [Finding(kind, text % figures)]
    target, rating = headline["target"], headline["rating"]
    if target is None:
        findings.append(
            Finding(
                "no-target",
                _(
                    "No board target is set for these figures, so they are not rated red, "
                    "amber or green."
                ),
            )
        )
    else:
        gap = policy.below_target(headline["people_compliant_percent"], target)
        args = {"target": target, "rating": rating.label if rating else ""}
        if gap is None:
            text = _("At or above the board target of %(target)s%%: %(rating)s.") % args
        else:
            text = _(
                "%(gap)s points below the board target of %(target)s%%: %(rating)s."
            ) % {**args, "gap": _points(gap)}
        findings.append(Finding("target", text, rating.value if rating else ""))
    return findings


def _agency_findings(agencies, previous_day) -> list[Finding]:
    if len(agencies) < policy.MIN_AGENCIES_TO_RANK:
        return []
    findings = []
    changes = {a.name: a.change_quarter for a in agencies}
    by_name = {a.name: a for a in agencies}
    if any(c is not None for c in changes.values()):
        day = _day(previous_day)
        for direction, wording in (
            (
                Movement.ROSE,
                _(
                    "%(agency)s rose %(points)s points since %(day)s, to %(percent)s%% "
                    "fully compliant."
                ),
            ),
            (
                Movement.FELL,
                _(
                    "%(agency)s fell %(points)s points since %(day)s, to %(percent)s%% "
                    "fully compliant."
                ),
            ),
        ):
            for name, points in policy.movers(changes, direction):
                text = wording % {
                    "agency": name,
                    "points": _points(points),
                    "day": day,
                    "percent": by_name[name].percent,
                }
                findings.append(Finding(direction.value, text))
        if not findings:
            text = _(
                "No agency's compliance rose or fell by %(points)s points or more since "
                "%(day)s."
            ) % {"points": f"{policy.MOVER_POINTS:g}", "day": day}
            findings.append(Finding(Movement.UNCHANGED.value, text))
    measured = [
        (a.name, a.percent, a.target)
        for a in agencies
        if a.target is not None and a.percent is not None
    ]
    if measured:
        furthest = policy.furthest_below(measured)
        for name, percent, target, gap in furthest:
            rating = by_name[name].rating
            text = _(
                "%(agency)s is %(gap)s points below its target: %(percent)s%% fully "
                "compliant against %(target)s%% (%(rating)s)."
            ) % {
                "agency": name,
                "gap": _points(gap),
                "percent": percent,
                "target": target,
                "rating": rating.label if rating else "",
            }
            findings.append(Finding("furthest", text, rating.value if rating else ""))
        if not furthest:
            findings.append(
                Finding("on-target", _("Every agency meets its target."), "green")
            )
    return findings


def _review_findings(reviews: list[dict]) -> list[Finding]:
    # A recommendation naming no staff in scope is another scope's to answer.
    reviews = [r for r in reviews if r["Staff of named agencies"]]
    if not reviews:
        return [
            Finding(
                "no-reviews",
                _(
                    "No review recommendation on training names an agency with staff "
                    "in scope."
                ),
            )
        ]
    open_ = policy.unanswered_first(
        (r["Staff of named agencies"], r["Trained %"], r["Counting from"], r)
        for r in reviews
    )
    findings = []
    for r in open_[: policy.UNANSWERED_SHOWN]:
        args = {
            "review": r["Review"],
            "recommendation": Truncator(r["Recommendation"]).chars(90),
            "staff": r["Staff of named agencies"],
            "trained": r["Trained since"],
            "percent": r["Trained %"],
            "day": _day(r["Counting from"]),
        }
        if r["Answered by"] == "—":
            text = _(
                "%(review)s (%(recommendation)s): no module or competency is linked to "
                "answer it yet (%(staff)s staff of the agencies it names)."
            )
        elif not r["Trained since"]:
            text = _(
                "%(review)s (%(recommendation)s): none of the %(staff)s staff of the "
                "agencies it names trained since %(day)s."
            )
        else:
            text = _(
                "%(review)s (%(recommendation)s): only %(trained)s of %(staff)s staff of "
                "the agencies it names (%(percent)s%%) trained since %(day)s."
            )
        findings.append(Finding("unanswered", text % args))
    more = len(open_) - policy.UNANSWERED_SHOWN
    if more > 0:
        text = _(
            "%(n)s more recommendations have under %(percent)s%% trained since: see "
            "Learning from reviews."
        ) % {"n": more, "percent": f"{policy.UNANSWERED_PERCENT:g}"}
        findings.append(Finding("unanswered", text))
    if not findings:
        text = _(
            "Every review recommendation has at least %(percent)s%% of the named "
            "agencies' staff trained since it was made."
        ) % {"percent": f"{policy.UNANSWERED_PERCENT:g}"}
        findings.append(Finding("answered", text))
    return findings


def executive_summary(scope, filters, headline, sections) -> list[Finding]:
    """The summary's findings, in order: the headline against the quarter before and its
    target; the agencies that rose and fell most; those furthest below target; review
    recommendations with few or no staff trained since."""
    findings = _headline_findings(headline)
    if headline["staff"]:
        findings += _agency_findings(
            agency_figures(scope, filters, sections), headline["previous"]["as_at"]
        )
    reviews = _records(_table(scope, filters, sections, REVIEWS_TABLE))
    return findings + _review_findings(reviews)


# --- Care Act 2014, Schedule 2: the annual report's training sections --------------------------


def annual_report(scope, filters, headline, sections) -> dict:
    """What the partnership delivered in the period, what each member agency did, and the
    learning from reviews, for the board's annual report (Schedule 2, paragraph 4)."""
    facts = activity_facts(scope=scope, filters=filters)
    quarter, year = comparison_ends(filters)
    return {
        "delivered": {
            "total": facts.total,
            "learners": facts.unique_learners,
            "agencies": sum(1 for _n, tally in facts.agencies if tally.attended),
            "multi_agency": sum(1 for s in facts.sessions if len(s.agencies) >= 2),
            "three_sector": facts.three_sector_sessions,
            "three_sector_percent": facts.three_sector_percent,
            "evaluation": facts.evaluation_overall,
        },
        "agencies": agency_figures(scope, filters, sections),
        "quarter_end": quarter,
        "year_end": year,
        "reviews": [
            {
                "review": r["Review"],
                "recommendation": r["Recommendation"],
                "answered_by": "" if r["Answered by"] == "—" else r["Answered by"],
                "made_on": r["Counting from"],
                "staff": r["Staff of named agencies"],
                "trained": r["Trained since"],
                "percent": r["Trained %"],
            }
            for r in _records(_table(scope, filters, sections, REVIEWS_TABLE))
        ],
    }


def paper_summary_context(scope, filters, headline, sections) -> dict:
    """The board paper's summary and annual-report sections, for its template context."""
    return {
        "summary": executive_summary(scope, filters, headline, sections),
        "annual_report": annual_report(scope, filters, headline, sections),
    }
