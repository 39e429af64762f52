"""Synthetic partnership-scale data for benchmarks: staff, records (and sessions once built)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from competencies import demo as competencies_demo
from competencies.scale import generate_staff


class Command(BaseCommand):
    help = "Add N synthetic staff with historic records (deterministic for a seed), in bulk."

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff", type=int, required=True, help="how many staff to add"
        )
        parser.add_argument(
            "--years", type=int, default=3, help="years of session history"
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, staff, years, seed, **options):
        started = time.perf_counter()
        with transaction.atomic():
            partnership = competencies_demo.seed_partnership()
            competencies_demo.seed_framework()
        written = generate_staff(count=staff, seed=seed)
        self.stdout.write(
            f"{written['staff']} staff, {written['records']} competency records "
            f"across {len(partnership['agencies'])} agencies in "
            f"{time.perf_counter() - started:.1f} s"
        )
