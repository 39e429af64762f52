"""Board papers: asking for one, rendering it with progress, subscribing, and sending the
papers due (docs/metrics.md, Board papers).

A paper is rendered by the task courses.tasks.render_board_paper, queued after the commit
(immediate in development and tests: done within the request; the worker in production).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import policy
from courses.exceptions import ReportError
from courses.models import BoardPaper, BoardPaperSubscription
from courses.reports.board_paper import (
    board_paper_filename,
    board_paper_filters,
    board_paper_steps,
    render_board_paper,
)
from courses.reports.scope import ReportScope, report_scope_for
from courses.services.notices import audit

logger = logging.getLogger(__name__)

PAPER_REQUEST = "courses.board_paper.request"
PAPER_DOWNLOAD = "courses.board_paper.download"
PAPER_SEND = "courses.board_paper.send"
SUBSCRIBE = "courses.board_paper.subscribe"
UNSUBSCRIBE = "courses.board_paper.unsubscribe"


def paper_scope(paper: BoardPaper) -> ReportScope:
    """The scope the paper was asked for, as it was then."""
    return ReportScope(
        kind=paper.scope_kind,
        label=paper.scope_label,
        area_ids=frozenset(paper.area_ids) if paper.area_ids is not None else None,
        agency_id=paper.agency_id,
        named_lists=paper.scope_kind != "board_chair",
        board_names=tuple(paper.board_names),
    )


def _queue(paper_id: int) -> None:
    from courses.tasks import render_board_paper as task

    transaction.on_commit(lambda: task.enqueue(paper_id=paper_id))


def board_paper_build(
    *, user, scope: ReportScope, querystring: str, period=None, subscription=None
) -> BoardPaper:
    """An unsaved paper of `scope` for `user`, named by the filename rule and counting the
    steps its rendering reports. Saved by the callers here (and by tests making a paper
    in a given state)."""
    return BoardPaper(
        requested_by=user,
        subscription=subscription,
        scope_kind=scope.kind,
        scope_label=scope.label,
        area_ids=sorted(scope.area_ids) if scope.area_ids is not None else None,
        agency_id=scope.agency_id,
        board_names=list(scope.board_names),
        filters=querystring,
        period_label=period.label if period else "",
        filename=board_paper_filename(
            scope, period_label=period.label if period else ""
        ),
        steps_total=board_paper_steps(scope),
    )


@transaction.atomic
def board_paper_request(*, user, scope: ReportScope, querystring: str) -> BoardPaper:
    """Store a paper of `scope` under the dashboard's filters (`querystring`) and queue its
    rendering. The caller has derived `scope` from the user (report_scope_for)."""
    paper = board_paper_build(user=user, scope=scope, querystring=querystring)
    paper.save()
    audit(paper, PAPER_REQUEST, user, scope=scope.label, filters=querystring)
    _queue(paper.pk)
    return paper


def board_paper_render(*, paper_id: int) -> str:
    """Render a queued paper, step by step (each step saved, so the page shows it), store
    the PDF and, for a subscribed paper, email it. Returns the paper's status. A paper
    already done is not rendered again (a worker re-running the task)."""
    paper = BoardPaper.objects.select_related("subscription").get(pk=paper_id)
    if paper.status != BoardPaper.Status.DONE:
        _render(paper)
    if paper.status == BoardPaper.Status.DONE and paper.subscription_id:
        board_paper_email(paper_id=paper.pk)
    return paper.status


def _render(paper: BoardPaper) -> None:
    rows = BoardPaper.objects.filter(pk=paper.pk)
    rows.update(status=BoardPaper.Status.RUNNING, steps_done=0, error="")
    scope = paper_scope(paper)
    period = _period_of(paper)
    filters, _errors = board_paper_filters(scope, paper.filters, period=period)

    def progress(done, total):
        rows.update(steps_done=done, steps_total=total, updated_at=timezone.now())

    try:
        body = render_board_paper(scope, filters, progress=progress)
    except Exception as error:  # noqa: BLE001 - recorded on the paper, shown to its owner
        logger.exception("Board paper %s failed", paper.pk)
        rows.update(
            status=BoardPaper.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        paper.status = BoardPaper.Status.FAILED
        return
    paper.file.save(paper.filename, ContentFile(body), save=False)
    rows.update(
        file=paper.file.name,
        status=BoardPaper.Status.DONE,
        steps_done=paper.steps_total,
        finished_at=timezone.now(),
    )
    paper.status = BoardPaper.Status.DONE


def _period_of(paper: BoardPaper):
    if not paper.period_label:
        return None
    return policy.period_from_label(paper.period_label)


def board_paper_email(*, paper_id: int) -> int:
    """Email a subscribed paper to its subscriber, once: the send happens under the
    paper's row lock with `emailed_at` set in the same transaction (as certificates are
    sent, courses.tasks.send_certificate_email). Returns how many messages went out."""
    from courses.emails import board_paper_message

    paper = BoardPaper.objects.select_related("requested_by", "subscription").get(
        pk=paper_id
    )
    if paper.emailed_at or not paper.requested_by.email:
        return 0
    with paper.file.open("rb") as handle:
        pdf = handle.read()
    message = board_paper_message(paper=paper, period=_period_of(paper), pdf=pdf)
    with transaction.atomic():
        locked = BoardPaper.objects.select_for_update().get(pk=paper_id)
        if locked.emailed_at:
            return 0
        message.send()
        BoardPaper.objects.filter(pk=paper_id).update(emailed_at=timezone.now())
        audit(
            paper,
            PAPER_SEND,
            None,
            to=paper.requested_by.username,
            period=paper.period_label,
            filename=paper.filename,
        )
    return 1


def board_paper_downloaded(*, paper: BoardPaper, user) -> None:
    """Who took a stored paper away, and when (as named exports are logged)."""
    audit(paper, PAPER_DOWNLOAD, user, filename=paper.filename)


@transaction.atomic
def subscription_create(
    *, user, frequency: str, querystring: str
) -> BoardPaperSubscription:
    """Subscribe `user` to the board paper, monthly or quarterly, under the dashboard's
    filters (`querystring`, without dates). Only chairs and administrators may
    (NOT_SUBSCRIBER); the filters must lie within their scope (FILTERS_OUT_OF_SCOPE)."""
    try:
        scope = report_scope_for(user)
    except PermissionDenied:
        scope = None
    if not policy.may_subscribe_to_board_papers(scope):
        raise ReportError("NOT_SUBSCRIBER")
    period = policy.period_due(frequency)
    filters, errors = board_paper_filters(scope, querystring, period=period)
    if errors:
        raise ReportError("FILTERS_OUT_OF_SCOPE", errors=errors.as_text())
    described = [(k, v) for k, v in filters.describe()[2:]]
    subscription = BoardPaperSubscription(
        user=user,
        frequency=frequency,
        filters=querystring,
        filters_description="; ".join(f"{k}: {v}" for k, v in described),
    )
    subscription.full_clean()
    subscription.save()
    audit(subscription, SUBSCRIBE, user, frequency=frequency, filters=querystring)
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: BoardPaperSubscription, user) -> None:
    """Unsubscribe. The papers already sent stay (with their record) for their owner."""
    audit(subscription, UNSUBSCRIBE, user, frequency=subscription.frequency)
    subscription.delete()


def board_papers_send_due(*, now=None) -> dict:
    """Queue the paper due on every subscription: the last complete month or quarter
    (courses.policy.period_due), once per subscription and period (the paper row is the
    record, unique per subscription and period), for the subscriber's scope today. A
    subscriber who no longer holds a report role a board paper is for is skipped and named.
    A paper that failed is tried again; one queued or sent is left alone. Safe to run daily,
    or more often.

    Returns {"queued": n, "already": n, "skipped": [(subscription id, why), ...]}.
    """
    counts = {"queued": 0, "already": 0, "skipped": []}
    subscriptions = BoardPaperSubscription.objects.select_related("user").order_by("pk")
    for subscription in subscriptions:
        why = _send_one(subscription, now=now)
        if why in ("queued", "already"):
            counts[why] += 1
        else:
            counts["skipped"].append((subscription.pk, why))
    return counts


@transaction.atomic
def _send_one(subscription: BoardPaperSubscription, *, now) -> str:
    user = subscription.user
    try:
        scope = report_scope_for(user) if user.is_active else None
    except PermissionDenied:
        scope = None
    if not policy.may_subscribe_to_board_papers(scope):
        return (
            f"{user.username} no longer holds a board chair's or administrator's role"
        )
    period = policy.period_due(subscription.frequency, now=now)
    _filters, errors = board_paper_filters(scope, subscription.filters, period=period)
    if errors:
        return f"{user.username}'s filters are no longer within their scope"
    paper = (
        BoardPaper.objects.select_for_update()
        .filter(subscription=subscription, period_label=period.label)
        .first()
    )
    if paper is None:
        paper = board_paper_build(
            user=user,
            scope=scope,
            querystring=subscription.filters,
            period=period,
            subscription=subscription,
        )
        try:
            with transaction.atomic():
                paper.save()
        except IntegrityError:  # another run made it a moment ago: that run queues it
            return "already"
    elif paper.emailed_at or paper.status in (
        BoardPaper.Status.QUEUED,
        BoardPaper.Status.RUNNING,
    ):
        return "already"
    elif paper.status == BoardPaper.Status.FAILED:
        # The scope may have changed since: the paper follows the subscriber's scope today.
        fresh = board_paper_build(
            user=user,
            scope=scope,
            querystring=subscription.filters,
            period=period,
            subscription=subscription,
        )
        for field in ("scope_kind", "scope_label", "area_ids", "agency_id"):
            setattr(paper, field, getattr(fresh, field))
        paper.board_names, paper.filename = fresh.board_names, fresh.filename
        paper.status, paper.steps_total = BoardPaper.Status.QUEUED, fresh.steps_total
        paper.save()
    _queue(paper.pk)
    return "queued"
