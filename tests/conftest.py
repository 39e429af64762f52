import contextlib
import fcntl
import functools
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

# pytest-playwright's sync API keeps an event loop running in the main thread for the whole
# session; Django would then refuse ORM calls from tests ("SynchronousOnlyOperation").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
SKIP_REASON = (
    f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. Install it with "
    "'apt-get install -y chromium' (make test does this when run as root) or set CHROMIUM_PATH."
)


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not HAVE_CHROMIUM:
        terminalreporter.write_line("!" * 20 + " " + SKIP_REASON, red=True, bold=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def home_page(db):
    from cms.site import site_ensure

    return site_ensure()


@pytest.fixture
def demo_password(settings):
    return settings.DEMO_PASSWORD


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- data built once and shared by many tests --------------------------------------------------
#
# Seeding the demo partnership (`seed_demo`) takes over a minute of CPU; the access matrix's and
# the bad-input tests' worlds take seconds. They are built once per module (or, for the demo on
# SQLite, once per test process) instead of once per test:
#
# - `module_transaction` (a session fixture) opens a transaction for a module-scoped
#   fixture and rolls it back when the module is done. Each test then runs in its own
#   savepoint inside it (pytest-django's `db`), so what a test writes is rolled back before
#   the next test starts, and the tests stay independent of each other.
# - `demo` (tests that use `db`) and `demo_live` (transactional tests, `live_server`) give a
#   database holding the demo partnership. On SQLite (the in-memory test database) the demo is
#   seeded once per test run (by the first xdist worker to need it) and copied in and out with
#   SQLite's backup API in milliseconds; on other databases it is seeded once per module
#   (`demo`) or once per test (`demo_live`).


@contextlib.contextmanager
def _module_transaction(django_db_blocker):
    from django.db import transaction

    # The database is unblocked only to open and to roll back: in between, a test needs `db`
    # (or a fixture that uses it) to reach the database, as usual.
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
    try:
        yield django_db_blocker.unblock
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.fixture(scope="session")
def module_transaction(django_db_setup, django_db_blocker):
    """For module-scoped fixtures: a transaction rolled back when the block ends (at the end of
    the module). Build the module's data with the database unblocked, then yield:

        with module_transaction() as unblocked:
            with unblocked():
                data = build()
            yield data
    """
    return functools.partial(_module_transaction, django_db_blocker)


def _seed_demo():
    from django.core.management import call_command

    from cms.site import site_ensure

    site_ensure()
    call_command("seed_demo", force=True, verbosity=0)


class _SqliteDemo:
    """The seeded demo database, kept in a private in-memory SQLite database and copied over
    the test database on demand. Under pytest-xdist the first worker to need it seeds it and
    leaves a copy in the run's temporary folder (`shared`) for the others."""

    def __init__(self, shared: Path | None = None):
        self.seeded = None
        self.shared = shared

    @staticmethod
    def usable() -> bool:
        from django.db import connection

        return connection.vendor == "sqlite" and connection.is_in_memory_db()

    @staticmethod
    def raw():
        from django.db import connection

        assert not connection.in_atomic_block, "copy the database outside transactions"
        connection.ensure_connection()
        return connection.connection

    @staticmethod
    def replaced():
        """After the database's content was replaced: forget what was cached from it (content
        type ids differ after a transactional test's flush recreated them)."""
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    def load(self):
        """Make the test database the seeded demo (seeding it the first time)."""
        if self.seeded is None:
            if self.shared is None:
                self._seed()
            else:
                self._seed_or_read_shared()
        self.seeded.backup(self.raw())
        self.replaced()

    def _seed(self):
        _seed_demo()
        self.seeded = sqlite3.connect(":memory:")
        self.raw().backup(self.seeded)

    def _seed_or_read_shared(self):
        with open(f"{self.shared}.lock", "w") as lock:
            fcntl.flock(
                lock, fcntl.LOCK_EX
            )  # another worker may be seeding: wait for it
            if self.shared.exists():
                self.seeded = sqlite3.connect(":memory:")
                with contextlib.closing(sqlite3.connect(self.shared)) as file:
                    file.backup(self.seeded)
            else:
                self._seed()
                partial = self.shared.with_suffix(".partial")
                with contextlib.closing(sqlite3.connect(partial)) as file:
                    self.seeded.backup(file)
                partial.replace(self.shared)

    def save(self) -> sqlite3.Connection:
        """A copy of the test database as it is now."""
        copy = sqlite3.connect(":memory:")
        self.raw().backup(copy)
        return copy

    def restore(self, copy: sqlite3.Connection):
        copy.backup(self.raw())
        copy.close()
        self.replaced()


@pytest.fixture(scope="session")
def _sqlite_demo(request, tmp_path_factory):
    shared = None
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker
        # The run's folder, shared by its workers (each has its own folder inside).
        shared = tmp_path_factory.getbasetemp().parent / "seeded-demo.sqlite3"
    return _SqliteDemo(shared)


@pytest.fixture(scope="module")
def demo_module(django_db_blocker, module_transaction, _sqlite_demo):
    """The demo partnership for the whole module; use `demo` in tests."""
    if _sqlite_demo.usable():
        with django_db_blocker.unblock():
            before = _sqlite_demo.save()
            _sqlite_demo.load()
        try:
            yield
        finally:
            with django_db_blocker.unblock():
                _sqlite_demo.restore(before)  # the database exactly as it was
    else:
        with module_transaction() as unblocked:
            with unblocked():
                _seed_demo()
            yield


@pytest.fixture
def demo(demo_module, db):
    """The demo partnership (`seed_demo`), seeded once for the module; what a test writes is
    rolled back."""


@pytest.fixture
def demo_live(transactional_db, _sqlite_demo):
    """The demo partnership, committed, for transactional tests (`live_server`): the database
    is emptied after the test as usual."""
    if _sqlite_demo.usable():
        _sqlite_demo.load()
    else:
        _seed_demo()


@pytest.fixture(autouse=True)
def import_upload_dir(settings, tmp_path):
    """Each test keeps waiting import files in its own folder: xdist workers share the
    configured one, and a test counting waiting files must see only its own."""
    settings.IMPORT_UPLOAD_DIR = tmp_path / "import-uploads"
