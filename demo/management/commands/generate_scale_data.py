"""Synthetic partnership-scale data for benchmarks: staff, records, years of sessions."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from competencies.compliance_cache import compliance_refresh
from demo.frameworks.adult import seed_framework
from demo.partnership import seed_partnership
from demo.scale.sessions import generate_sessions
from demo.scale.staff import generate_staff


class Command(BaseCommand):
    help = (
        "Add N synthetic staff with historic records and Y years of sessions with "
        "bookings, attendance and the records it writes (deterministic for a seed), in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff", type=int, required=True, help="how many staff to add"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=3,
            help="years of session history (needs the demo's module pages: seed_demo)",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, staff, years, seed, **options):
        started = time.perf_counter()
        with transaction.atomic():
            partnership = seed_partnership()
            seed_framework()
        written = generate_staff(count=staff, seed=seed, refresh=False)
        sessions = generate_sessions(years=years, seed=seed)
        # Bulk inserts send no signals: build today's compliance cache once, at the end.
        compliance_refresh()
        self.stdout.write(
            f"{written['staff']} staff, {written['records']} competency records "
            f"across {len(partnership['agencies'])} agencies; {sessions['sessions']} "
            f"sessions, {sessions['bookings']} bookings, {sessions['records']} records "
            f"from attendance in {time.perf_counter() - started:.1f} s"
        )
