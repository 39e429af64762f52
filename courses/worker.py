"""Tasks orphaned by a worker that died while running them (django-tasks-db).

django-tasks-db claims a task by committing it as RUNNING, then runs it outside any
transaction. A worker killed mid-task (SIGKILL, out of memory, the machine gone) leaves the row
RUNNING for ever: no worker picks it up again and nothing says it failed. Here such rows are
found and settled:

- a task that is safe to run twice (RETRY_SAFE) goes back to READY and runs again;
- any other task is marked FAILED with the reason (exception courses.worker.WorkerDied) and
  logged: running it again could send an email twice, so it is not guessed at.

A worker is known dead when a worker with its id starts (`manage.py db_worker --worker-id`,
courses/management/commands/db_worker.py), or, for one that never comes back, when its task
has been running longer than any task takes (`manage.py recover_tasks`).
"""

import datetime
import logging

from django.utils import timezone

logger = logging.getLogger(__name__)

# Tasks whose second run does no harm: each guards its own side effect.
RETRY_SAFE = {
    "courses.tasks.send_certificate_email",
    "courses.tasks.render_board_paper",
}


class WorkerDied(Exception):
    """The worker running the task stopped before the task finished."""


def recover_orphaned_tasks(
    *,
    worker_id: str | None = None,
    started_before: datetime.datetime | None = None,
) -> dict[str, int]:
    """Settle the RUNNING tasks last claimed by `worker_id` (a worker of that id is starting,
    so the one before it is dead) and/or started before `started_before`. Returns
    {"requeued": n, "failed": n}."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if worker_id is None and started_before is None:
        raise ValueError("Say whose tasks, or since when.")
    running = DBTaskResult.objects.running()
    if started_before is not None:
        running = running.filter(started_at__lt=started_before)
    counts = {"requeued": 0, "failed": 0}
    for row in running.only("id", "task_path", "worker_ids", "started_at"):
        if worker_id is not None and (row.worker_ids or [None])[-1] != worker_id:
            continue
        # Conditional on still RUNNING under the same claim: a worker finishing it at this
        # moment wins, and two recoveries never settle one row twice.
        same_claim = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        who = row.worker_ids[-1] if row.worker_ids else "?"
        if row.task_path in RETRY_SAFE:
            settled = same_claim.update(status=TaskResultStatus.READY)
            counts["requeued"] += settled
        else:
            settled = same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.WorkerDied",
                traceback=(
                    f"{__name__}.WorkerDied: worker {who} stopped while running this "
                    "task. Not run again: a second run may repeat what the first did.\n"
                ),
            )
            counts["failed"] += settled
        if settled:
            logger.warning(
                "Task %s (%s) orphaned by worker %s: %s",
                row.pk,
                row.task_path,
                who,
                "re-queued" if row.task_path in RETRY_SAFE else "marked failed",
            )
    return counts
