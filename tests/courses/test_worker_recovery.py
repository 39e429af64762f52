"""Tasks left RUNNING by a dead worker (courses.worker): re-queued when safe, failed if not."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from courses.worker import recover_orphaned_tasks

pytestmark = pytest.mark.django_db

CERTIFICATE_EMAIL = "courses.tasks.send_certificate_email"
BOOKING_EMAIL = "courses.tasks.send_booking_email"


def running(task_path, *, worker, minutes_ago=1, **kwargs):
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [], "kwargs": kwargs},
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=["earlier", worker],
    )


def status(row):
    row.refresh_from_db()
    return row.status


def test_a_restarted_worker_requeues_its_retry_safe_task_and_fails_the_others():
    certificate = running(CERTIFICATE_EMAIL, worker="worker-1", certificate_id=1)
    booking = running(BOOKING_EMAIL, worker="worker-1", booking_id=1, kind="confirmed")
    other_workers = running(CERTIFICATE_EMAIL, worker="worker-2", certificate_id=2)

    assert recover_orphaned_tasks(worker_id="worker-1") == {"requeued": 1, "failed": 1}

    assert status(certificate) == TaskResultStatus.READY
    assert status(booking) == TaskResultStatus.FAILED
    assert booking.exception_class_path == "courses.worker.WorkerDied"
    assert "worker-1 stopped" in booking.traceback
    assert status(other_workers) == TaskResultStatus.RUNNING  # alive, for all we know
    # Settled once: a second start finds nothing of its own running.
    assert recover_orphaned_tasks(worker_id="worker-1") == {"requeued": 0, "failed": 0}


def test_recover_tasks_settles_only_tasks_running_longer_than_the_timeout():
    stale = running(CERTIFICATE_EMAIL, worker="gone", minutes_ago=45, certificate_id=1)
    fresh = running(CERTIFICATE_EMAIL, worker="busy", minutes_ago=2, certificate_id=2)
    out = io.StringIO()
    call_command("recover_tasks", "--minutes", "30", stdout=out)
    assert "1 task(s) re-queued, 0 marked failed." in out.getvalue()
    assert status(stale) == TaskResultStatus.READY
    assert status(fresh) == TaskResultStatus.RUNNING


def test_a_requeued_certificate_email_is_picked_up_by_the_worker_again():
    row = running(CERTIFICATE_EMAIL, worker="worker-1", certificate_id=1)
    recover_orphaned_tasks(worker_id="worker-1")
    assert DBTaskResult.objects.ready().filter(pk=row.pk).exists()
