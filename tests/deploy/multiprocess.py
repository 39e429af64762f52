"""Multi-process deployment test: two gunicorn web processes, one db_worker, PostgreSQL, Redis.

Not part of `make test` (pytest never collects this file); CI runs it as its own step:

    DEPLOY_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch \\
        .venv/bin/python tests/deploy/multiprocess.py [--seeded]

The database must be a scratch one: it is migrated and loaded with `seed_demo --force` (not
with --seeded: already done, e.g. a second run; each run adds its own people and sessions). Redis
must answer at REDIS_URL (default redis://127.0.0.1:6379/0); keys go under a prefix of this
run's own and are deleted at the end. Every process started here is stopped at the end, on
failure too. Only 127.0.0.1 is contacted. Steps (see docs/deploy.md):

  a. 40 people sign in (on both web processes) and book one new 20-place session at once; one
     web process is SIGKILLed mid-burst and its failed requests are retried on the other.
     From the database: no booking lost or doubled, places held never above capacity.
  b. The killed process is restarted; the verification rate limit (Redis) and the login
     lockout (PostgreSQL) count across both processes.
  c. A session of 30 attendees is completed; the worker is SIGKILLed after a few certificate
     emails are sent and restarted: every certificate is emailed exactly once (one duplicate
     is allowed only if the kill fell between the send and its commit; it is reported).

Prints a summary and exits non-zero on any failure.
"""

import concurrent.futures
import contextlib
import datetime
import http.client
import http.cookies
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"

BURST_PEOPLE = 40
CAPACITY = 20
KILL_AFTER_BOOKINGS = 8  # web process A dies once this many bookings have succeeded
ATTENDEES = 30
KILL_AFTER_EMAILS = 3  # the worker dies in the task after this many emails
VERIFY_MISS_LIMIT = 6
AXES_FAILURE_LIMIT = 4
WORKER_ID = "deploy-worker-1"
REQUEST_TIMEOUT = 120  # seconds; the machine may be busy
READY_TIMEOUT = 120
EMAILS_TIMEOUT = 600
PASSWORD = "deploy-test-" + secrets.token_urlsafe(12)
BOOKING_DONE = re.compile(r"/bookings/\d+/done/$")
MESSAGE_ID = re.compile(rb"^Message-ID: <certificate-([A-Z0-9-]+)@", re.M | re.I)


def log(*parts):
    print(*parts, flush=True)


# --- checks ------------------------------------------------------------------------------


class Checks:
    def __init__(self):
        self.results = []

    def __call__(self, name, ok, detail=""):
        self.results.append((name, bool(ok), detail))
        log(f"  [{'ok' if ok else 'FAIL'}] {name}" + (f": {detail}" if detail else ""))
        return ok

    @property
    def failed(self):
        return [r for r in self.results if not r[1]]


# --- processes ---------------------------------------------------------------------------


class Processes:
    """Every process this test starts, each in its own process group, stopped at the end."""

    def __init__(self, env, logs: Path):
        self.env, self.logs, self.running = env, logs, {}

    def start(self, name, argv):
        out = open(
            self.logs / f"{name}.log", "ab"
        )  # closed when the process is stopped
        proc = subprocess.Popen(  # noqa: S603
            argv,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.running[name] = (proc, out)
        return proc

    def kill(self, name):
        """SIGKILL the whole group (a gunicorn master and its worker die together)."""
        proc, out = self.running.pop(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        out.close()

    def stop_all(self):
        for name in list(self.running):
            proc, out = self.running.pop(name)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
            out.close()

    def tail(self, lines=30):
        for path in sorted(self.logs.glob("*.log")):
            text = path.read_text(errors="replace").splitlines()[-lines:]
            log(f"---- {path.name} (last {len(text)} lines)")
            log("\n".join(text))


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def manage(env, *args, timeout=1800):
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )


# --- HTTP --------------------------------------------------------------------------------

RETRYABLE = (OSError, http.client.HTTPException)


class Browser:
    """One person's cookies, sent to whichever web process; as if behind the TLS proxy."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, form=None):
        headers = {"X-Forwarded-Proto": "https", "Host": f"{HOST}:{port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urllib.parse.urlencode(form or {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}:{port}"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, response.headers.get("Location", ""), content

    def sign_in(self, port, username, password):
        self.request(port, "GET", "/accounts/login/")
        return self.request(
            port,
            "POST",
            "/accounts/login/",
            {"username": username, "password": password},
        )


def wait_until_serving(port, proc):
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the web process on {port} exited ({proc.returncode})")
        with contextlib.suppress(*RETRYABLE):
            if Browser().request(port, "GET", "/accounts/login/")[0] == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"the web process on {port} did not answer in {READY_TIMEOUT}s")


def wait_for(predicate, timeout, what, interval=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout}s waiting for {what}")


# --- the data ----------------------------------------------------------------------------


def make_people(run, count, label, module, agencies):
    """People with logins, spread over the demo agencies (one password hash for all)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from competencies.models import StaffMember

    User = get_user_model()
    audience = list(module.audience.all())
    role_profile = audience[0] if audience else None
    hashed = make_password(PASSWORD)
    people = []
    for i in range(count):
        username = f"deploy.{run}.{label}{i:02d}"
        user = User.objects.create(
            username=username,
            password=hashed,
            email=f"{username}@deploy.example",
            first_name=label.title(),
            last_name=f"Person {i:02d}",
        )
        people.append(
            StaffMember.objects.create(
                agency=agencies[i % len(agencies)],
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                role_profile=role_profile,
                user=user,
            )
        )
    return people


def new_session(module, agencies, *, start, capacity):
    from django.contrib.auth import get_user_model

    from courses.models import Session

    session = Session.objects.create(
        module=module,
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=capacity,
        host_agency=agencies[0],
        venue_name="Deployment test room",
        max_per_agency=capacity,  # the mix rule is not under test here
    )
    session.trainers.set(get_user_model().objects.filter(username="trainer"))
    return session


# --- a. booking burst, one web process killed --------------------------------------------


def booking_burst(check, procs, ports, run, module, agencies):
    from django.db import connection

    from courses.models import Booking

    log("\n== a. booking burst: 40 people, 20 places, web process A killed mid-burst")
    start = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
    session = new_session(module, agencies, start=start, capacity=CAPACITY)
    people = make_people(run, BURST_PEOPLE, "burst", module, agencies)
    port_a, port_b = ports
    alive = {port_a: True, port_b: True}
    lock = threading.Lock()
    stats = Counter()
    outcomes = {}

    def call(preferred, fn):
        """fn(port) on the preferred process; on a connection failure, on the other one."""
        order = [preferred, port_b if preferred == port_a else port_a]
        for attempt, port in enumerate(order * 2):  # bounded: 4 attempts
            try:
                return fn(port), port, attempt
            except RETRYABLE:
                with lock:
                    stats[f"failed on :{port}"] += 1
                time.sleep(0.2)
        raise RuntimeError("no web process answered")

    browsers = [Browser() for _ in people]

    def sign_in(i):
        status, location, _ = call(
            ports[i % 2],
            lambda port: browsers[i].sign_in(port, people[i].user.username, PASSWORD),
        )[0]
        return status == 302

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        signed_in = list(pool.map(sign_in, range(len(people))))
    check(
        "everyone signs in (half on each process)", all(signed_in), f"{sum(signed_in)}"
    )

    booked = threading.Event()
    stop_watch = threading.Event()
    max_held = [0]

    def watch_capacity():
        try:
            while not stop_watch.is_set():
                held = Booking.objects.filter(
                    session=session, status__in=Booking.OCCUPYING
                ).count()
                max_held[0] = max(max_held[0], held)
                time.sleep(0.02)
        finally:
            connection.close()

    def book(i):
        def post(port):
            status, location, body = browsers[i].request(
                port, "POST", f"/sessions/{session.pk}/book/"
            )
            return status, location, body

        (status, location, body), port, attempt = call(ports[i % 2], post)
        # A booking (confirmed or waitlisted) redirects to its confirmation page.
        if status == 302 and BOOKING_DONE.search(location or ""):
            outcome = "booked"
        elif b"already has a place" in body:
            outcome = (
                "already booked"  # an earlier attempt committed before its process died
            )
        else:
            outcome = f"error {status}"
        with lock:
            outcomes[i] = (outcome, port, attempt)
            stats[f"{outcome} via :{port}"] += 1
            if attempt:
                stats["retried on the other process"] += 1
            if (
                outcome == "booked"
                and alive[port_a]
                and sum(o[0] == "booked" for o in outcomes.values())
                >= KILL_AFTER_BOOKINGS
            ):
                alive[port_a] = False
                procs.kill("web-a")
                booked.set()
        return outcome

    watcher = threading.Thread(target=watch_capacity)
    watcher.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(people)) as pool:
            list(pool.map(book, range(len(people))))
    finally:
        stop_watch.set()
        watcher.join(timeout=30)

    check("web process A was killed mid-burst", booked.is_set())
    log("  requests: " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.items())))

    bookings = Booking.objects.filter(session=session)
    active = bookings.filter(status__in=Booking.ACTIVE)
    by_person = Counter(active.values_list("staff_id", flat=True))
    successes = [i for i, o in outcomes.items() if o[0] in ("booked", "already booked")]
    lost = [people[i].user.username for i in successes if by_person[people[i].pk] != 1]
    held = bookings.filter(status__in=Booking.OCCUPYING).count()
    confirmed = bookings.filter(status=Booking.Status.CONFIRMED).count()
    waitlisted = bookings.filter(status=Booking.Status.WAITLISTED).count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["booking_one_active_per_staff"],
        )
        index = cursor.fetchone()
    log(
        f"  bookings: {bookings.count()} rows, {confirmed} confirmed, {waitlisted} waitlisted,"
        f" {held}/{CAPACITY} places held (most seen during the burst: {max_held[0]})"
    )
    check(
        "every request answered with success (retries included)",
        len(successes) == len(people),
        f"{len(successes)}/{len(people)}",
    )
    check("no booking lost: each success has its booking", not lost, ", ".join(lost))
    check(
        "none doubled: one active booking per person",
        max(by_person.values(), default=0) == 1 and bookings.count() == len(people),
        f"{len(by_person)} people, {bookings.count()} rows",
    )
    check(
        "the database enforces it (partial unique index)",
        index and "UNIQUE" in index[0] and "(session_id, staff_id) WHERE" in index[0],
        index[0].split(" USING ")[-1][:60] + "..." if index else "missing",
    )
    check(
        "places held never above capacity",
        held <= CAPACITY and max_held[0] <= CAPACITY and confirmed == CAPACITY,
        f"held {held}, most {max_held[0]}, capacity {CAPACITY}",
    )


# --- b. restarted process; shared rate limit and lockout ---------------------------------


def shared_state(check, ports, run, start_web):
    log("\n== b. web process A restarted; limits shared by both processes")
    port_a, port_b = ports
    start_web("web-a", port_a)
    check("the restarted process serves", True, f":{port_a}")

    misses = Browser()
    statuses = []
    for n in range(VERIFY_MISS_LIMIT + 2):  # bounded: a few requests
        code = f"{run}{n:02d}".upper().ljust(16, "X")[:16]
        status = misses.request(ports[n % 2], "GET", f"/verify/{code}/")[0]
        statuses.append(status)
    check(
        f"verification rate limit counts across processes ({VERIFY_MISS_LIMIT} misses)",
        statuses[:VERIFY_MISS_LIMIT] == [404] * VERIFY_MISS_LIMIT
        and statuses[VERIFY_MISS_LIMIT:] == [429, 429],
        " ".join(map(str, statuses)),
    )

    # A demo login fails on alternate processes; then the right password, on either: locked.
    attempts = [
        Browser().sign_in(ports[n % 2], "staff.wmp", "wrong-password")[0]
        for n in range(AXES_FAILURE_LIMIT)
    ]
    right = os.environ["DEMO_PASSWORD"]
    locked = [Browser().sign_in(port, "staff.wmp", right)[0] for port in ports]
    check(
        f"login lockout counts across processes ({AXES_FAILURE_LIMIT} failures)",
        attempts[:-1] == [200] * (AXES_FAILURE_LIMIT - 1) and locked == [429, 429],
        f"failures {attempts}, then {locked}",
    )


# --- c. worker killed while sending certificate emails -----------------------------------


def certificate_emails(
    check, procs, start_worker, ports, run, module, agencies, mail_dir
):
    from django.utils import timezone
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from courses.models import Booking, Certificate
    from courses.services import booking_create

    log(
        f"\n== c. {ATTENDEES} certificate emails; the worker killed mid-way and restarted"
    )
    start = timezone.now() + datetime.timedelta(days=40)
    session = new_session(module, agencies, start=start, capacity=ATTENDEES)
    people = make_people(run, ATTENDEES, "attendee", module, agencies)
    for person in people:
        booking_create(session=session, staff=person, booked_by=person.user)
    # The session took place this morning.
    began = timezone.now() - datetime.timedelta(hours=4)
    type(session).objects.filter(pk=session.pk).update(
        start=began, end=began + datetime.timedelta(hours=3)
    )
    certificate_tasks = DBTaskResult.objects.filter(
        task_path="courses.tasks.send_certificate_email"
    )
    wait_for(
        lambda: not DBTaskResult.objects.ready().exists(),
        EMAILS_TIMEOUT,
        "the worker to send the booking emails",
    )

    trainer = Browser()
    status = trainer.sign_in(ports[1], "trainer", os.environ["DEMO_PASSWORD"])[0]
    check("the trainer signs in", status == 302, str(status))
    bookings = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    form = {f"mark_{b.pk}": "attended" for b in bookings}
    form["complete"] = "1"
    # Saving with "complete" leads to the check step; confirming there completes.
    trainer.request(ports[1], "POST", f"/sessions/{session.pk}/register/", form)
    status, location, _ = trainer.request(
        ports[1], "POST", f"/sessions/{session.pk}/register/check/", {}
    )
    certificates = Certificate.objects.filter(booking__session=session)
    if not check(
        "the register completes the session over HTTP",
        status == 302 and certificates.count() == ATTENDEES,
        f"{status}, {certificates.count()} certificates",
    ):
        raise RuntimeError("no certificates to email")

    # Killed mid-task: a few sent, the next one claimed (its PDF being drawn, or being sent).
    wait_for(
        lambda: (
            certificates.filter(emailed_at__isnull=False).count() >= KILL_AFTER_EMAILS
            and certificate_tasks.filter(status=TaskResultStatus.RUNNING).exists()
        ),
        EMAILS_TIMEOUT,
        f"{KILL_AFTER_EMAILS} certificate emails",
        interval=0.05,
    )
    procs.kill("worker")
    marked_at_kill = set(
        certificates.filter(emailed_at__isnull=False).values_list("number", flat=True)
    )
    sent_at_kill = Counter(sent_messages(mail_dir))
    orphans = list(
        DBTaskResult.objects.running().values_list("id", "task_path", "worker_ids")
    )
    window = set(sent_at_kill) - marked_at_kill  # sent, not yet committed as sent
    log(
        f"  worker killed: {len(marked_at_kill)} marked emailed, {len(sent_at_kill)} sent,"
        f" {len(orphans)} task(s) left running: "
        + (", ".join(p.rsplit(".", 1)[1] for _, p, _ in orphans) or "none")
    )
    if window:
        log(f"  the kill fell between a send and its commit: {sorted(window)}")

    start_worker()
    wait_for(
        lambda: (
            certificates.filter(emailed_at__isnull=True).count() == 0
            and not certificate_tasks.filter(
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
            ).exists()
        ),
        EMAILS_TIMEOUT,
        "the restarted worker to send the rest",
        interval=0.5,
    )
    sent = Counter(sent_messages(mail_dir))
    numbers = set(certificates.values_list("number", flat=True))
    missing = numbers - set(sent)
    twice = {n for n, k in sent.items() if k > 1}
    check(
        "every certificate emailed",
        not missing,
        f"{len(numbers) - len(missing)}/{len(numbers)}",
    )
    check(
        "none twice (beyond a kill between send and commit)",
        twice <= window and len(twice) <= 1 and max(sent.values(), default=0) <= 2,
        f"{len(twice)} twice" + (f" ({sorted(twice)}: in the window)" if twice else ""),
    )
    resumed = DBTaskResult.objects.filter(pk__in=[o[0] for o in orphans])
    check(
        "the task the dead worker was running ran again and finished",
        all(
            r.status == TaskResultStatus.SUCCESSFUL
            and r.worker_ids.count(WORKER_ID) == 2
            for r in resumed
            if r.task_path == "courses.tasks.send_certificate_email"
        ),
        ", ".join(
            f"{r.task_name}: {r.status}, claimed {len(r.worker_ids)}x" for r in resumed
        )
        or "none left running: the kill fell between two tasks",
    )
    check(
        "no certificate email task failed",
        not certificate_tasks.filter(status=TaskResultStatus.FAILED).exists(),
    )
    log(
        f"  emails: {sum(sent.values())} certificate messages for {len(numbers)} certificates"
    )


def sent_messages(mail_dir: Path):
    """Certificate numbers of the messages the file backend wrote, one per message."""
    for path in sorted(mail_dir.glob("*.log")):
        for match in MESSAGE_ID.finditer(path.read_bytes()):
            yield match.group(1).decode()


# --- main --------------------------------------------------------------------------------


def main() -> int:
    url = os.environ.get("DEPLOY_TEST_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        log(
            "Set DEPLOY_TEST_DATABASE_URL to a scratch PostgreSQL database (it is seeded)."
        )
        return 2
    run = secrets.token_hex(3)
    work = Path(tempfile.mkdtemp(prefix="deploy-multiprocess-"))
    mail_dir = work / "mail"
    mail_dir.mkdir()
    (work / "logs").mkdir()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "CACHE_BACKEND": "redis",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"deploy-test-{run}",
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        # Credentials are signed with a key outside the repository, as in production.
        "CREDENTIAL_SIGNING_KEY_FILE": str(work / "credential-signing-key.pem"),
        "DEMO_PASSWORD": os.environ.get("DEMO_PASSWORD", "safeguarding-demo"),
        "VERIFY_MISS_LIMIT": str(VERIFY_MISS_LIMIT),
        "AXES_FAILURE_LIMIT": str(AXES_FAILURE_LIMIT),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    procs = Processes(env, work / "logs")
    check = Checks()
    ok = False
    # SIGTERM (CI's timeout, a Ctrl+C) still runs the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
        t0 = time.monotonic()
        log(f"deploy test {run}: migrate, seed_demo --force, collectstatic")
        manage(env, "migrate", "--noinput")
        manage(env, "create_credential_key", env["CREDENTIAL_SIGNING_KEY_FILE"])
        if "--seeded" not in sys.argv:  # a second run on the same database
            manage(env, "seed_demo", "--force")
        manage(env, "collectstatic", "--noinput")
        log(f"  ready in {time.monotonic() - t0:.0f}s")

        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from cms.models import ModulePage
        from competencies.models import Agency
        from demo.sessions import CLASSROOM_SLUGS

        module = (
            ModulePage.objects.live()
            .filter(slug__in=CLASSROOM_SLUGS, requires_evaluation=False)
            .order_by("pk")
            .first()
        )
        # Agencies whose bookings need no line manager: every booking is decided at once.
        agencies = list(
            Agency.objects.filter(requires_manager_approval=False).order_by("pk")
        )
        if module is None or not agencies:
            raise RuntimeError("the demo has no classroom module or agencies")

        ports = (free_port(), free_port())

        def start_web(name, port):
            proc = procs.start(
                name,
                [GUNICORN, "config.wsgi", "--workers", "1", "--bind", f"{HOST}:{port}"]
                # gunicorn 27's control socket has one default path per user: not shared.
                + ["--no-control-socket"],
            )
            wait_until_serving(port, proc)

        def start_worker():
            procs.start(
                "worker",
                [PYTHON, "manage.py", "db_worker", "--worker-id", WORKER_ID]
                + ["--no-startup-delay", "--interval", "0.2"],
            )

        start_worker()
        start_web("web-a", ports[0])
        start_web("web-b", ports[1])
        log(f"  web A :{ports[0]}, web B :{ports[1]}, worker {WORKER_ID}")

        booking_burst(check, procs, ports, run, module, agencies)
        shared_state(check, ports, run, start_web)
        certificate_emails(
            check, procs, start_worker, ports, run, module, agencies, mail_dir
        )
        ok = not check.failed
    except Exception as error:  # reported, then the processes are stopped
        check("the test ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        procs.stop_all()
        with contextlib.suppress(Exception):
            import redis

            client = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
            keys = list(islice(client.scan_iter(f"deploy-test-{run}:*"), 10_000))
            if keys:
                client.delete(*keys)
        if not ok:
            procs.tail()
            log(f"(files kept in {work})")
        else:
            shutil.rmtree(work, ignore_errors=True)
    passed = len(check.results) - len(check.failed)
    log(f"\nmultiprocess: {passed} passed, {len(check.failed)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
