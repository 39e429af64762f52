"""The PostgreSQL database of the load and contention sections: started, built, reused."""

import json
import os
import shutil
import subprocess
from urllib.parse import urlsplit, urlunsplit

from bench.common import DATA, build_database, generator_version, manage

PG_URL = os.environ.get(
    "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/bench_wmsap"
)


def _admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def _connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def ensure_running(log=print) -> str | None:
    """None when PostgreSQL answers (starting the local cluster if we may), else why not."""
    try:
        _connect(_admin_url(PG_URL)).close()
        return None
    except Exception as first:  # noqa: BLE001 - any failure: try to start it once
        if os.geteuid() != 0 or not shutil.which("pg_ctlcluster"):
            return f"PostgreSQL not reachable at {PG_URL}: {first}"
        clusters = subprocess.run(
            ["pg_lsclusters", "--no-header"], capture_output=True, text=True
        ).stdout.split()
        if len(clusters) < 2:
            return "no PostgreSQL cluster found"
        log(f"starting PostgreSQL {clusters[0]}/{clusters[1]} ...")
        subprocess.run(["pg_ctlcluster", clusters[0], clusters[1], "start"])
        try:
            _connect(_admin_url(PG_URL)).close()
            return None
        except Exception as exc:  # noqa: BLE001
            return f"PostgreSQL not reachable at {PG_URL}: {exc}"


def ensure_database(*, staff: int, seed: int, log=print) -> str:
    """The bench database with `staff` scale staff; rebuilt when its marker does not match."""
    name = urlsplit(PG_URL).path.lstrip("/")
    marker = DATA / f"pg-{name}.json"
    want = {"staff": staff, "seed": seed, "version": generator_version()}
    with _connect(_admin_url(PG_URL)) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    if exists and marker.exists() and json.loads(marker.read_text()) == want:
        manage("migrate", "--noinput", database_url=PG_URL)
        return PG_URL
    log(f"building PostgreSQL database {name} with {staff:,} staff ...")
    marker.unlink(missing_ok=True)
    with _connect(_admin_url(PG_URL)) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    build_database(PG_URL, staff=staff, seed=seed)
    DATA.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(want))
    return PG_URL
