"""Anonymise leavers whose retention period has passed (UK GDPR storage limitation).

Safe to run daily: a person already anonymised is never touched again. Each person is erased
in their own transaction, so an interrupted run keeps what it finished. Prints staff ids and
agencies, never names: cron logs must not become a copy of the personal data.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from competencies.accounts.exceptions import AccountError
from competencies.privacy import leavers_due, staff_erase


class Command(BaseCommand):
    help = (
        "Anonymise staff who left more than LEAVER_RETENTION_DAYS ago "
        "(names, email, reference, account), keeping their records for the figures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be anonymised without changing anything.",
        )
        parser.add_argument(
            "--today",
            help="Run as if today were this date (YYYY-MM-DD); for checks and tests.",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today must be YYYY-MM-DD: {error}") from None
        else:
            today = timezone.localdate()
        days = settings.LEAVER_RETENTION_DAYS
        cutoff = today - datetime.timedelta(days=days)
        due = list(leavers_due(today=today).select_related("agency"))
        verb = "Would anonymise" if dry_run else "Anonymised"
        done = 0
        for person in due:
            if not dry_run:
                try:
                    staff_erase(staff_member=person, erased_by=None, reason="retention")
                except AccountError:
                    continue  # a concurrent run got there first
            done += 1
            self.stdout.write(
                f"{verb} staff #{person.pk} ({person.agency.short_name}), "
                f"left {person.left_on.isoformat()}"
            )
        self.stdout.write(
            f"{verb} {done} leaver(s) who left before {cutoff.isoformat()} "
            f"(retention {days} days)."
        )
