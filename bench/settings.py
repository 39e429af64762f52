"""Settings for benchmarks: the test settings plus a trivial view (bench/urls.py).

Never used in production: the trivial view is only reachable through this module.
"""

from config.test_settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
