"""Settle background tasks left RUNNING by a worker that died and did not come back.

Run it every few minutes with the other schedules. A task running longer than
--minutes (default 30; a certificate email takes seconds) is taken to be orphaned: re-queued
if it is safe to run twice, marked failed otherwise (courses.worker).
"""

import datetime

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from courses.worker import recover_orphaned_tasks


class Command(BaseCommand):
    help = "Re-queue (or mark failed) background tasks whose worker died."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=30)

    def handle(self, *args, minutes, **options):
        if not apps.is_installed("django_tasks_db"):
            raise CommandError("Nothing to recover: TASKS_BACKEND is not database.")
        if minutes < 1:
            raise CommandError("--minutes must be at least 1.")
        counts = recover_orphaned_tasks(
            started_before=timezone.now() - datetime.timedelta(minutes=minutes)
        )
        self.stdout.write(
            f"{counts['requeued']} task(s) re-queued, {counts['failed']} marked failed."
        )
