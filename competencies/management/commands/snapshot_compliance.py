"""Store compliance as at month ends: the last one if it has none, or rebuild past ones."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from competencies.compliance_history import (
    month_end_of,
    month_ends_back,
    snapshot_due,
    snapshot_take,
)


class Command(BaseCommand):
    help = (
        "Take the compliance snapshot of the last month end if it has none (run daily), "
        "or of one month (--month YYYY-MM), or rebuild the last N month ends from the "
        "records (--rebuild N)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM: (re)take that month's end")
        parser.add_argument(
            "--rebuild",
            type=int,
            metavar="N",
            help="rebuild the last N month ends from the records (24 for two years)",
        )

    def handle(self, *args, month=None, rebuild=None, **options):
        if month and rebuild:
            raise CommandError("Give --month or --rebuild, not both.")
        if rebuild is not None:
            if not 1 <= rebuild <= 120:
                raise CommandError("--rebuild takes 1 to 120 months.")
            for month_end in month_ends_back(rebuild):
                self._take(month_end, rebuilt=True)
            return
        if month:
            try:
                first = datetime.datetime.strptime(month, "%Y-%m").date()
            except ValueError:
                raise CommandError(
                    f"--month {month!r}: use YYYY-MM, like 2026-03."
                ) from None
            month_end = month_end_of(first)
            if month_end >= timezone.localdate():
                raise CommandError(f"{month_end} has not ended yet.")
            self._take(month_end, rebuilt=True)
            return
        month_end = snapshot_due()
        if month_end is None:
            self.stdout.write("The last month end already has its snapshot.")
            return
        self._take(month_end, rebuilt=False)

    def _take(self, month_end, *, rebuilt):
        rows = snapshot_take(month_end=month_end, rebuilt=rebuilt)
        how = "rebuilt from the records" if rebuilt else "taken"
        self.stdout.write(f"{month_end}: {rows} rows {how}.")
