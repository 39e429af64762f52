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
