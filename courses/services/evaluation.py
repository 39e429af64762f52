"""Evaluation straight after a session, and the follow-up three months later."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from courses.exceptions import BookingError
from courses.models import Booking, Evaluation, FollowUp
from courses.policy import follow_up_opens_on, may_evaluate
from courses.services.certificates import certificate_sync
from courses.services.locks import lock_booking, now_or
from courses.services.notices import audit


def _check_attendee(booking: Booking, by) -> None:
    """The attendee themself, or one of the session's trainers typing in a paper form."""
    if not may_evaluate(by, booking):
        raise BookingError("NOT_ATTENDEE")


def _mean(values: list[int]) -> Decimal:
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"))


def evaluation_create(
    *,
    booking: Booking,
    by,
    overall_rating: int,
    confidence: list[tuple[int, int]],
    do_differently: str = "",
    now: datetime.datetime | None = None,
) -> Evaluation:
    """An attendee rates the session (1–5) and their confidence before and after (1–10).

    `confidence` has one (before, after) pair per learning outcome of the module, in order
    (one pair for the module as a whole when it lists no outcomes). The attendee evaluates
    once, after the session is completed; a trainer of the session may enter a paper form.

    Raises BookingError NOT_ATTENDEE, ALREADY_EVALUATED; ValueError for scores out of range.
    """
    booking = Booking.objects.select_related("session__module", "staff").get(
        pk=booking.pk
    )
    _check_attendee(booking, by)
    outcomes = booking.session.module.outcomes or ["The module as a whole"]
    if len(confidence) != len(outcomes):
        raise ValueError("One (before, after) pair per learning outcome")
    if not 1 <= int(overall_rating) <= 5:
        raise ValueError("Rating must be 1 to 5")
    for before, after in confidence:
        if not (1 <= int(before) <= 10 and 1 <= int(after) <= 10):
            raise ValueError("Confidence must be 1 to 10")
    with transaction.atomic():
        if Evaluation.objects.filter(booking=booking).exists():
            raise BookingError("ALREADY_EVALUATED")
        evaluation = Evaluation.objects.create(
            booking=booking,
            overall_rating=int(overall_rating),
            confidence_before=_mean([int(b) for b, _ in confidence]),
            confidence_after=_mean([int(a) for _, a in confidence]),
            outcome_confidence=[
                {"outcome": outcome, "before": int(b), "after": int(a)}
                for outcome, (b, a) in zip(outcomes, confidence, strict=True)
            ],
            do_differently=do_differently.strip(),
        )
        audit(booking, "courses.evaluation.create", by)
        # A module that releases its certificate only after the evaluation releases it now.
        locked = lock_booking(booking.pk)
        certificate_sync(locked, booking.session, by=by, now=now_or(now))
    return evaluation


def follow_up_create(
    *,
    booking: Booking,
    by,
    practice_changed: str,
    example: str = "",
    now: datetime.datetime | None = None,
) -> FollowUp:
    """Three months after the session the attendee says whether their practice changed.

    Raises BookingError NOT_ATTENDEE, FOLLOW_UP_NOT_DUE, ALREADY_EVALUATED.
    """
    now = now_or(now)
    booking = Booking.objects.select_related("session__module", "staff").get(
        pk=booking.pk
    )
    _check_attendee(booking, by)
    due = follow_up_opens_on(booking.session)
    if timezone.localdate(now) < due:
        raise BookingError("FOLLOW_UP_NOT_DUE", due=date_format(due, "j F Y"))
    if practice_changed not in FollowUp.Changed.values:
        raise ValueError("practice_changed must be yes, partly or no")
    with transaction.atomic():
        if FollowUp.objects.filter(booking=booking).exists():
            raise BookingError("ALREADY_EVALUATED")
        follow_up = FollowUp.objects.create(
            booking=booking, practice_changed=practice_changed, example=example.strip()
        )
        audit(booking, "courses.evaluation.follow_up", by)
    return follow_up
