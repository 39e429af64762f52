"""Rebuild today's compliance cache for everyone. Run it just after midnight (cron or a timer),
so the first report of the day does not pay for the date rolling over. Safe to run any time."""

import time

from django.core.management.base import BaseCommand

from competencies.compliance_cache import compliance_refresh


class Command(BaseCommand):
    help = "Recompute every active staff member's compliance counts as at today."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = compliance_refresh()
        self.stdout.write(
            f"{rows} people refreshed in {time.perf_counter() - started:.1f} s"
        )
