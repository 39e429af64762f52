"""`make bench`: partnership-scale benchmarks (issue 9), printed as one table and written to
bench/results.json.

  DEBUG=false .venv/bin/python bench/run.py [--quick] [--only compliance,pages,...]

Sections (each runs in its own process, on its own database):
  compliance    whole partnership and one board area vs hand-written SQL (SQLite, large N)
  pages         median time and query count at the small and the large N (SQLite)
  load          throughput under wrk vs a trivial view (gunicorn, 2 workers, PostgreSQL)
  import        50,000-row staff import vs bulk_create of the same rows (fresh SQLite)
  certificates  certificate rendering, one and a batch of 30, vs a minimal WeasyPrint document
  contention    200 concurrent bookings over 10 sessions (PostgreSQL)

Scale databases are built once and kept in bench/.data/ (git-ignored), keyed by staff count,
seed and a digest of the data generator; delete the folder to rebuild. Every figure is a ratio
against a baseline measured in the same run, because the machine is shared and noisy.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT  # noqa: E402

SECTIONS = ["compliance", "pages", "load", "import", "certificates", "contention"]
RESULTS = ROOT / "bench" / "results.json"


from bench.sections import (  # noqa: E402
    bench_certificates,
    bench_compliance,
    bench_contention,
    bench_import,
    bench_load,
    bench_pages,
    log,
    row,
    yes,
)

RUNNERS = {
    "compliance": bench_compliance,
    "pages": bench_pages,
    "load": bench_load,
    "import": bench_import,
    "certificates": bench_certificates,
    "contention": bench_contention,
}

# --- output -----------------------------------------------------------------------------------

COLUMNS = [
    ("section", "section"),
    ("name", "name"),
    ("figure", "figure"),
    ("baseline", "baseline"),
    ("ratio", "ratio"),
    ("target", "target"),
    ("met", "met"),
]


def table(rows: list[dict]) -> str:
    cells = [
        [
            r["section"],
            r["name"],
            r["figure"],
            r["baseline"],
            "" if r["ratio"] is None else f"{r['ratio']:.2f}",
            r["target"],
            yes(r["met"]),
        ]
        for r in rows
    ]
    widths = [
        max(len(h), *(len(c[i]) for c in cells)) if cells else len(h)
        for i, (_k, h) in enumerate(COLUMNS)
    ]
    lines = [
        "| "
        + " | ".join(h.ljust(w) for (_k, h), w in zip(COLUMNS, widths, strict=True))
        + " |",
        "| " + " | ".join("-" * w for w in widths) + " |",
    ]
    lines += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |"
        for cell in cells
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small N only, short runs")
    parser.add_argument("--only", help=f"comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", type=int, default=1000, help="staff, small database")
    parser.add_argument("--large", type=int, default=100_000, help="staff, large one")
    parser.add_argument("--load-staff", type=int, default=1000, help="staff on PG")
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=9, help="requests per page")
    args = parser.parse_args()
    if args.quick:
        args.large = args.small
        args.load_seconds = min(args.load_seconds, 3)
        args.import_rows = min(args.import_rows, 5000)
        args.repeat = min(args.repeat, 5)
    only = args.only.split(",") if args.only else SECTIONS
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    started = time.time()
    rows, raw, failed = [], {}, []
    for section in SECTIONS:
        if section not in only:
            continue
        try:
            rows += RUNNERS[section](args, raw)
        except subprocess.CalledProcessError as exc:
            log(
                f"section {section} FAILED (exit {exc.returncode}): see the error above"
            )
            failed.append(section)
            rows.append(
                row(section, "FAILED", f"exit {exc.returncode}", "", None, "", False)
            )
    text = table(rows)
    print(text)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.datetime.now(datetime.UTC).isoformat(
                    timespec="seconds"
                ),
                "commit": commit,
                "machine": {
                    "cpus": os.cpu_count(),
                    "load_average": os.getloadavg(),
                    "python": platform.python_version(),
                },
                "options": vars(args),
                "seconds": round(time.time() - started),
                "rows": rows,
                "table": text,
                "raw": raw,
                "failed": failed,
            },
            indent=2,
        )
    )
    log(f"written {RESULTS.relative_to(ROOT)} in {time.time() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
