"""django-tasks-db's `db_worker`, which first settles what its predecessor left running.

Same options. Give each worker a fixed `--worker-id` (unique across the pool, as django-tasks-db
requires), e.g. the name of its service: a restarted worker then re-queues (or marks failed)
the task it was running when it died (courses.worker). With the default random id there is
nobody to recognise, and `manage.py recover_tasks` settles such tasks after a timeout.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from courses.worker import recover_orphaned_tasks

if apps.is_installed("django_tasks_db"):
    from django_tasks_db.management.commands.db_worker import Command as Worker
else:

    class Worker(BaseCommand):
        def handle(self, *args, **options):
            raise CommandError("db_worker needs TASKS_BACKEND=database.")


class Command(Worker):
    def handle(self, *args, **options):
        if worker_id := options.get("worker_id"):
            counts = recover_orphaned_tasks(worker_id=worker_id)
            if any(counts.values()):
                self.stderr.write(
                    f"Worker {worker_id} died while running a task: "
                    f"{counts['requeued']} re-queued, {counts['failed']} marked failed."
                )
        super().handle(*args, **options)
