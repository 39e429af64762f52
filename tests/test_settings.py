"""The settings refuse to start in production without a secret, and read the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key_when_debug_off():
    result = run_check(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_with_secret_key_when_debug_off():
    result = run_check(DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr


def test_debug_on_runs_without_secret_key():
    result = run_check(DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_the_database():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL="postgres://someone@db.internal:5432/training",
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["django.db.backends.postgresql", "training"]


def test_cache_backend_redis_selects_djangos_redis_cache():
    """Only the settings are read: no Redis is needed for this test."""
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "c = settings.CACHES['default']; "
        "print(c['BACKEND'], c['LOCATION'], c['KEY_PREFIX'], settings.SESSION_ENGINE)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}}
    env.update(
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="config.settings",
        CACHE_BACKEND="redis",
        CACHE_KEY_PREFIX="site-a",
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/0",
        "site-a",
        "django.contrib.sessions.backends.db",
    ]


def test_unknown_cache_backend_refuses_to_start():
    result = run_check(DEBUG="true", CACHE_BACKEND="memcached")
    assert result.returncode != 0
    assert "CACHE_BACKEND='memcached'" in result.stderr


def test_an_empty_value_in_dotenv_leaves_the_default(tmp_path, monkeypatch):
    """.env.example has `STATIC_ROOT=`; copied to .env, it made STATIC_ROOT the current folder."""
    from config.settings import load_dotenv

    monkeypatch.setattr(os, "environ", {"SITE_URL": "https://from-the-environment"})
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# a comment\nSTATIC_ROOT=\nEMAIL_BACKEND=''\nSITE_URL=http://ignored\n"
        "MEDIA_ROOT=/srv/media\n"
    )
    load_dotenv(dotenv)
    assert os.environ == {
        "SITE_URL": "https://from-the-environment",  # the environment wins
        "MEDIA_ROOT": "/srv/media",
    }
