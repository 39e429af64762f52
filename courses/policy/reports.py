"""Board papers: who may have one, who may subscribe, and which period a subscribed paper
covers and when it is due (docs/metrics.md, Board papers).

Periods are calendar months and calendar quarters (Q1 January to March ... Q4 October to
December), in Europe/London: a paper covers the last *complete* period, so on 1 December a
monthly paper covers November and a quarterly one July to September (Q3) until 1 January.
"""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from competencies import policy as staff_policy

MONTHLY, QUARTERLY = "monthly", "quarterly"
# The report scopes whose holders may subscribe: a board paper is a board's paper.
SUBSCRIBING_SCOPES = frozenset({"administrator", "board_chair"})


@dataclass(frozen=True)
class Period:
    """One calendar month or quarter a paper covers."""

    frequency: str
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self) -> str:
        """In filenames and on the delivery record: 2026-11, or 2026-Q3."""
        if self.frequency == MONTHLY:
            return f"{self.start:%Y-%m}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def title(self) -> str:
        """In the email's subject: November 2026, or July to September 2026 (Q3)."""
        if self.frequency == MONTHLY:
            return f"{self.start:%B %Y}"
        quarter = self.label.rpartition("-")[2]
        return f"{self.start:%B} to {self.end:%B %Y} ({quarter})"


def period_containing(frequency: str, day: datetime.date) -> Period:
    """The month or quarter `day` falls in."""
    if frequency == MONTHLY:
        first_month = day.month
    elif frequency == QUARTERLY:
        first_month = (day.month - 1) // 3 * 3 + 1
    else:
        raise ValueError(f"Unknown frequency {frequency!r}")
    start = day.replace(month=first_month, day=1)
    months = 1 if frequency == MONTHLY else 3
    year, month = divmod(start.month - 1 + months, 12)
    after = datetime.date(start.year + year, month + 1, 1)
    return Period(frequency, start, after - datetime.timedelta(days=1))


def period_from_label(label: str) -> Period:
    """The period a label names (2026-11, 2026-Q3): the inverse of Period.label."""
    year, _sep, part = label.partition("-")
    if part.startswith("Q"):
        day = datetime.date(int(year), (int(part[1:]) - 1) * 3 + 1, 1)
        return period_containing(QUARTERLY, day)
    return period_containing(MONTHLY, datetime.date(int(year), int(part), 1))


def period_due(frequency: str, *, now: datetime.datetime | None = None) -> Period:
    """The period a paper sent now covers: the last complete month or quarter, taking the
    date in Europe/London (so 23:30 UTC on 30 June is already 1 July there)."""
    today = timezone.localdate(now)
    current = period_containing(frequency, today)
    return period_containing(frequency, current.start - datetime.timedelta(days=1))


def may_subscribe_to_board_papers(scope) -> bool:
    """Board chairs (their boards' areas) and administrators; not coordinators, whose
    figures are one agency's and not a board's paper."""
    return scope is not None and scope.kind in SUBSCRIBING_SCOPES


def board_papers_visible_to(user) -> QuerySet:
    """Stored papers a user may know of: the ones they asked for (or that were sent to
    them), or every one for an administrator."""
    from courses.models import BoardPaper

    if user is None or not user.is_authenticated:
        return BoardPaper.objects.none()
    if staff_policy.is_administrator(user):
        return BoardPaper.objects.all()
    return BoardPaper.objects.filter(requested_by=user)


def board_paper_within_scope(paper, scope) -> bool:
    """The check made again at every download: the user's scope today still covers the
    paper's, so a chair who moved to another board cannot take the old board's paper."""
    if scope.kind == "administrator":
        return True
    if scope.agency_id is not None:
        return paper.agency_id == scope.agency_id
    if scope.area_ids is not None:
        return (
            paper.agency_id is None
            and paper.area_ids is not None
            and set(paper.area_ids) <= set(scope.area_ids)
        )
    return False


def may_open_board_paper(user, paper, scope) -> bool:
    """The one-paper check of `board_papers_visible_to`, with the scope check above."""
    mine = staff_policy.is_administrator(user) or paper.requested_by_id == user.pk
    return mine and board_paper_within_scope(paper, scope)
