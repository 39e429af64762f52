"""The Makefile's `run` target: the address it serves is the one emails and QR codes name."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make not installed")


def make_run(tmp_path, *args, env=None):
    """`make run` from an empty folder with a stand-in Python that prints what runserver got;
    the install, build, migrate and seed steps are marked done (-o) so nothing is installed."""
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "SITE_URL=${SITE_URL:-unset} $*"\n')
    fake.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    command = ["make", "-s", "-C", str(tmp_path), "-f", str(ROOT / "Makefile")]
    command += ["run", f"PY={fake}", *args]
    command += ["-o", "install", "-o", "assets", "-o", "migrate", "-o", "seed"]
    result = subprocess.run(
        command, env={**environ, **(env or {})}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_site_url_follows_host_and_port(tmp_path):
    line = make_run(tmp_path, "HOST=0.0.0.0", "PORT=8123")
    assert line == "SITE_URL=http://0.0.0.0:8123 manage.py runserver 0.0.0.0:8123"
    assert make_run(tmp_path).startswith("SITE_URL=http://127.0.0.1:8000 ")


def test_a_site_url_already_set_is_kept(tmp_path):
    line = make_run(tmp_path, "PORT=8123", env={"SITE_URL": "https://training.example"})
    assert line.startswith("SITE_URL=https://training.example ")
    # Set in .env, it is left for the settings to read rather than overridden...
    (tmp_path / ".env").write_text("SITE_URL=https://from-dotenv.example\n")
    assert make_run(tmp_path, "PORT=8123").startswith("SITE_URL=unset ")
    # ...but `SITE_URL=` (as in .env.example) means the default, so it follows the port.
    (tmp_path / ".env").write_text("SITE_URL=\n")
    assert make_run(tmp_path, "PORT=8123").startswith("SITE_URL=http://127.0.0.1:8123 ")
