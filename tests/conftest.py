import contextlib
import functools
import os
import shutil

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
# The access matrix's and the bad-input tests' worlds take seconds to build: they are built once
# per module instead of once per test.
#
# - `module_transaction` (a session fixture) opens a transaction for a module-scoped
#   fixture and rolls it back when the module is done. Each test then runs in its own
#   savepoint inside it (pytest-django's `db`), so what a test writes is rolled back before
#   the next test starts, and the tests stay independent of each other.


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
