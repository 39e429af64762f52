"""The board paper: every aggregate report of a scope in one PDF, and the name it is saved as.

Rendered in one place for every way a paper is made: the old synchronous download
(/reports/board-paper.pdf), a stored paper asked for on the dashboard and the subscribed
paper sent by `manage.py send_board_papers` (both through courses.tasks.render_board_paper).
"""

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.text import slugify

from courses.pdf import render_pdf
from courses.reports.definitions import reports_for
from courses.reports.export import ATTRIBUTION
from courses.reports.sections import headline, sections
from courses.reports.summary import paper_summary_context

TITLE = "Safeguarding training: board report"
# Rows of a table the paper shows; a longer one (the mix, a row per session) says how many
# more its own CSV, XLSX and PDF hold. A board reads totals, and every row costs layout time.
PAPER_ROWS = 50

# progress(done, total): called after the headline, after each report's section and after
# the PDF is drawn, so a stored paper can show "step k of n".
Progress = Callable[[int, int], None]


def board_paper_reports(scope) -> list:
    """The reports a paper holds: every one of the scope's, never a list of names."""
    return [r for r in reports_for(scope) if not r.named]


def board_paper_steps(scope) -> int:
    """How many steps `render_board_paper` reports: headline, each section, the PDF."""
    return len(board_paper_reports(scope)) + 2


def render_board_paper(scope, filters, *, progress: Progress | None = None) -> bytes:
    """The board paper of `scope` under `filters`, as a tagged PDF."""
    report = progress or (lambda done, total: None)
    reports = board_paper_reports(scope)
    total, done = len(reports) + 2, 0
    figures = headline(scope, filters)
    done += 1
    report(done, total)
    drawn = []
    for each in reports:
        drawn += sections(scope, filters, [each], row_limit=PAPER_ROWS)
        done += 1
        report(done, total)
    # The paper's whole context, built here once: a new part of the paper is one line.
    context = {
        "scope": scope,
        "filters": filters,
        "headline": figures,
        "sections": drawn,
        **paper_summary_context(scope, filters, figures, drawn),
        "title": TITLE,
        "attribution": ATTRIBUTION,
        "generated": timezone.localtime(),
    }
    body = render_pdf("courses/reports/board_paper.html", context)
    report(total, total)
    return body


def board_paper_filename(
    scope, *, period_label: str = "", on: datetime.date | None = None
) -> str:
    """board-paper-<scope>-<period>.pdf: the period of a subscribed paper (2026-11,
    2026-Q3), or the day it was drawn for one asked for (2026-12-08)."""
    when = period_label or (on or timezone.localdate()).isoformat()
    return f"board-paper-{slugify(scope.label)}-{when}.pdf"


def board_paper_filters(scope, querystring: str, *, period=None):
    """The filters a stored querystring means within `scope`, with the period's dates when
    one is given. Returns (filters, form errors): a subscription whose agency or area has
    left the scope must not fall back to wider figures, so the caller refuses on errors."""
    from django.http import QueryDict

    from courses.reports.filters import ReportFilterForm

    data = QueryDict(querystring, mutable=True)
    if period is not None:
        data["start"], data["end"] = period.start.isoformat(), period.end.isoformat()
    form = ReportFilterForm(data, scope=scope)
    errors = {} if form.is_valid() else form.errors
    return form.filters(), errors
