"""Reminders: the session two days ahead, competencies expiring, the evaluation follow-up.

`reminders_send` is safe to run every hour: each reminder is claimed in ReminderSent (a unique
key) in the same transaction that queues its email, so it goes out once however often it runs.
"""

import datetime
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from competencies.models import CompetencyRecord, StaffMember
from courses.models import Booking, FollowUp, ReminderSent, Session
from courses.policy import FOLLOW_UP_AFTER, follow_up_open, took_part_q
from courses.services.locks import now_or
from courses.services.notices import notify

SESSION_REMINDER_BEFORE = datetime.timedelta(days=2)
EXPIRY_THRESHOLDS = (30, 90)  # days before expiry; the nearest one that applies is sent


def _claim(key: str) -> bool:
    """Record that the reminder `key` is sent; False when it already was."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def _session_reminders(now) -> int:
    sent = 0
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        session__status=Session.Status.SCHEDULED,
        session__start__gt=now,
        session__start__lte=now + SESSION_REMINDER_BEFORE,
    ).order_by("pk")
    for booking in due:
        with transaction.atomic():
            if _claim(f"session-2d:{booking.pk}"):
                notify("reminder", booking)
                sent += 1
    return sent


def _expiry_reminders(today: datetime.date) -> int:
    """One email per person listing records newly within 90 (or 30) days of expiry.

    A record renewed by a later one (same competency, same or higher level, later expiry)
    needs no reminder. The email is copied to the agency's training coordinators.
    """
    from courses.tasks import send_expiry_reminder

    renewed = CompetencyRecord.objects.filter(
        staff=OuterRef("staff"),
        competency=OuterRef("competency"),
        level__gte=OuterRef("level"),
        revoked_at__isnull=True,
        expires_on__gt=OuterRef("expires_on"),
    )
    records = (
        CompetencyRecord.objects.filter(
            revoked_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=max(EXPIRY_THRESHOLDS)),
            staff__in=StaffMember.objects.active(today),
        )
        .exclude(Exists(renewed))
        .order_by("staff_id", "expires_on", "pk")
        .values_list("pk", "staff_id", "expires_on")
    )
    by_staff = defaultdict(list)
    for record_id, staff_id, expires_on in records:
        days_left = (expires_on - today).days
        threshold = min(t for t in EXPIRY_THRESHOLDS if days_left <= t)
        by_staff[staff_id].append((record_id, threshold))
    sent = 0
    for staff_id, items in by_staff.items():
        with transaction.atomic():
            claimed = [
                record_id
                for record_id, threshold in items
                if _claim(f"expiry-{threshold}:{record_id}")
            ]
            if claimed:
                transaction.on_commit(
                    lambda s=staff_id, r=claimed: send_expiry_reminder.enqueue(
                        staff_id=s, record_ids=r
                    )
                )
                sent += 1
    return sent


def _follow_up_invitations(now) -> int:
    today = timezone.localdate(now)
    sent = 0
    due = (
        Booking.objects.filter(
            took_part_q(),
            # A few days' slack: at a month's end three months on can come sooner
            # (30 November + 3 months = 28 February); follow_up_open decides exactly.
            session__start__lte=now - FOLLOW_UP_AFTER + datetime.timedelta(days=4),
            session__start__gte=now - relativedelta(months=6),
            staff__user__isnull=False,
        )
        .exclude(Exists(FollowUp.objects.filter(booking=OuterRef("pk"))))
        .select_related("session")
        .order_by("pk")
    )
    for booking in due:
        if not follow_up_open(booking, today):
            continue
        with transaction.atomic():
            if _claim(f"follow-up:{booking.pk}"):
                notify("follow_up", booking)
                sent += 1
    return sent


def reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send every reminder now due, once. Returns how many emails of each kind were queued."""
    now = now_or(now)
    return {
        "session": _session_reminders(now),
        "expiry": _expiry_reminders(timezone.localdate(now)),
        "follow_up": _follow_up_invitations(now),
    }
