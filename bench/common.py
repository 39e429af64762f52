"""Shared by the benchmark sections: paths, scale databases, subprocess plumbing, memory."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PY = sys.executable
YEARS = 3
# Whose change makes a cached scale database stale: the demo app builds every row of it.
GENERATOR_DIR = ROOT / "demo"


def bench_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
    )
    return env


def generator_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(GENERATOR_DIR.rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def sqlite_path(staff: int, seed: int) -> Path:
    return DATA / f"scale-n{staff}-s{seed}-y{YEARS}-{generator_version()}.sqlite3"


def manage(*args, database_url: str, quiet: bool = True) -> None:
    subprocess.run(
        [PY, str(ROOT / "manage.py"), *args],
        env=bench_env(database_url),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def build_database(database_url: str, *, staff: int, seed: int) -> None:
    """An empty database -> migrated, demo partnership, `staff` scale staff and sessions."""
    manage("migrate", "--noinput", database_url=database_url)
    manage("seed_demo", "--force", database_url=database_url)
    manage(
        "generate_scale_data",
        "--staff",
        str(staff),
        "--years",
        str(YEARS),
        "--seed",
        str(seed),
        database_url=database_url,
        quiet=False,
    )


def ensure_sqlite(staff: int, seed: int, *, log=print) -> Path:
    """The scale database for (staff, seed), built once and reused while the generator is
    unchanged. Built under a temporary name so an interrupted build is never reused."""
    path = sqlite_path(staff, seed)
    if path.exists():
        # Reused: bring its schema up to date (a new index, say) before measuring.
        manage("migrate", "--noinput", database_url=f"sqlite:///{path}")
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    for old in DATA.glob(f"scale-n{staff}-s{seed}-*.sqlite3"):
        old.unlink()
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    log(f"building the {staff:,}-staff database (seed {seed}) at {path.name} ...")
    build_database(f"sqlite:///{tmp}", staff=staff, seed=seed)
    tmp.rename(path)
    return path


def run_section(module: str, args: list[str], *, database_url: str) -> dict:
    """Run `python -m bench.<module> ...` in its own process (its own settings, database
    and memory high-water mark) and return the JSON it prints on its last line."""
    proc = subprocess.run(
        [PY, "-m", f"bench.{module}", *args],
        env=bench_env(database_url),
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def reset_peak_rss() -> None:
    """Reset the kernel's resident-set high-water mark (VmHWM) of this process (Linux)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_mb() -> float:
    """Peak resident memory since the last reset: Python objects and SQLite's page cache."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DEBUG", "false")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
