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
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ensure_sqlite, run_section  # noqa: E402

SECTIONS = ["compliance", "pages", "load", "import", "certificates", "contention"]
RESULTS = ROOT / "bench" / "results.json"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def yes(ok: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[ok]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def row(section, name, figure, baseline, ratio, target, met) -> dict:
    return {
        "section": section,
        "name": name,
        "figure": figure,
        "baseline": baseline,
        "ratio": None if ratio is None else round(ratio, 3),
        "target": target,
        "met": met,
    }


# --- sections ---------------------------------------------------------------------------------


def bench_compliance(args, raw) -> list[dict]:
    path = ensure_sqlite(args.large, args.seed, log=log)
    log(f"compliance on {path.name}")
    out = run_section(
        "compliance", ["--live"], database_url=f"sqlite:///{path}"
    )  # exits non-zero (and run.py stops) when the service and the SQL disagree
    raw["compliance"] = out
    rows = []
    for scope, label in (("partnership", "whole partnership"), ("area", "Sandwell")):
        for kind in ("cached", "live"):
            r = out.get(f"{scope}_{kind}")
            if r is None:
                continue
            ratio = r["seconds"] / r["baseline_seconds"]
            figure = f"{ms(r['seconds'])}, peak {r['peak_mb']:.0f} MB, equal"
            baseline = f"SQL {ms(r['baseline_seconds'])}"
            if kind == "cached":
                rows.append(
                    row(
                        "1 compliance",
                        f"{label}, {out['staff']:,} staff",
                        figure,
                        baseline,
                        ratio,
                        "<=1.5x SQL, <2 s, <500 MB",
                        ratio <= 1.5 and r["seconds"] < 2 and r["peak_mb"] < 500,
                    )
                )
            else:
                rows.append(
                    row(
                        "1 compliance",
                        f"{label}, live from records (no cache)",
                        figure,
                        baseline,
                        ratio,
                        "(information)",
                        None,
                    )
                )
    return rows


def bench_pages(args, raw) -> list[dict]:
    sizes = [args.small] if args.quick else [args.small, args.large]
    results = {}
    for staff in sizes:
        path = ensure_sqlite(staff, args.seed, log=log)
        log(f"pages on {path.name}")
        results[staff] = run_section(
            "pages", ["--repeat", str(args.repeat)], database_url=f"sqlite:///{path}"
        )
    raw["pages"] = {str(k): v for k, v in results.items()}
    small, large = results[sizes[0]], results[sizes[-1]]
    rows = []
    for name, big in large["pages"].items():
        little = small["pages"][name]
        same = big["queries"] == little["queries"]
        stable = big["queries_stable"] and little["queries_stable"]
        dashboard = name.startswith("/reports/")
        if big["export"]:
            target = "queries equal"
            met = same and stable
        else:
            target = "<150 ms, queries equal" + (" (<300 ms dashboard)" * dashboard)
            met = same and stable and big["median_seconds"] < 0.150
        flag = "" if same else "  QUERY COUNT DIFFERS"
        rows.append(
            row(
                "2 pages",
                name,
                f"{ms(big['median_seconds'])}, {big['queries']} q at "
                f"{large['staff']:,}{flag}",
                f"{ms(little['median_seconds'])}, {little['queries']} q at "
                f"{small['staff']:,}",
                big["median_seconds"] / little["median_seconds"],
                target,
                met,
            )
        )
    return rows


def ensure_wrk() -> str | None:
    """None when wrk is on PATH (installing it with apt-get when root), else why not."""
    if shutil.which("wrk"):
        return None
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing wrk (apt-get) ...")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        if subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet).returncode:
            subprocess.run(["apt-get", "update"], **quiet)
            subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet)
    if shutil.which("wrk"):
        return None
    return "wrk is not installed and cannot be installed here (needs root and apt-get)"


def postgres(args) -> tuple[str | None, str | None]:
    from bench import pg

    why = pg.ensure_running(log=log)
    if why:
        return None, why
    return pg.ensure_database(staff=args.load_staff, seed=args.seed, log=log), None


def bench_load(args, raw) -> list[dict]:
    why = ensure_wrk()
    url = None
    if not why:
        url, why = postgres(args)
    if why:
        raw["load"] = {"skipped": why}
        return [row("3 throughput", "skipped", why, "", None, ">=30% of trivial", None)]
    log(f"throughput: gunicorn + wrk, {args.load_seconds} s per page")
    out = run_section("load", ["--seconds", str(args.load_seconds)], database_url=url)
    raw["load"] = out
    trivial = out["trivial_rps"]
    rows = [
        row(
            "3 throughput",
            "site layout only (base.html, signed in)",
            f"{out['layout']['rps']:.0f} req/s",
            f"trivial {trivial:.0f} req/s",
            out["layout"]["rps"] / trivial,
            "(information)",
            None,
        )
    ]
    for name, r in out["pages"].items():
        ratio = r["rps"] / trivial
        bad = f", {r['non_2xx']} non-2xx" if r["non_2xx"] else ""
        rows.append(
            row(
                "3 throughput",
                f"{name} ({out['staff']:,} staff, PG)",
                f"{r['rps']:.0f} req/s{bad}",
                f"trivial {trivial:.0f} req/s",
                ratio,
                ">=30% of trivial",
                ratio >= 0.30 and not r["non_2xx"],
            )
        )
    return rows


def bench_import(args, raw) -> list[dict]:
    rows_n = args.import_rows
    log(f"staff import of {rows_n:,} rows")
    tmp = ROOT / "bench" / ".data" / "import.sqlite3"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    try:
        proc = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "staff_import.py"), str(rows_n)],
            env={
                **os.environ,
                "DEBUG": "false",
                "DJANGO_SETTINGS_MODULE": "bench.settings",
                "DATABASE_URL": f"sqlite:///{tmp}",
                "PYTHONPATH": str(ROOT),
            },
            cwd=ROOT,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
    finally:
        tmp.unlink(missing_ok=True)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    raw["import"] = out
    imp, bulk = out["import_new"], out["bulk_create"]
    ratio = imp["seconds"] / bulk["seconds"]
    return [
        row(
            "4 import",
            f"staff import, {rows_n:,} rows",
            f"{ms(imp['seconds'])}, peak {imp['peak_mb']:.0f} MB",
            f"bulk_create {ms(bulk['seconds'])}, peak {bulk['peak_mb']:.0f} MB",
            ratio,
            "<60 s, <=3x bulk_create",
            imp["seconds"] < 60 and ratio <= 3,
        ),
        row(
            "4 import",
            "validate only (the preview)",
            ms(out["validate_preview"]["seconds"]),
            f"bulk_create {ms(bulk['seconds'])}",
            out["validate_preview"]["seconds"] / bulk["seconds"],
            "(information)",
            None,
        ),
        row(
            "4 import",
            "re-import, every row unchanged",
            ms(out["reimport_unchanged"]["seconds"]),
            f"bulk_create {ms(bulk['seconds'])}",
            out["reimport_unchanged"]["seconds"] / bulk["seconds"],
            "(information)",
            None,
        ),
    ]


def bench_certificates(args, raw) -> list[dict]:
    path = ensure_sqlite(args.small, args.seed, log=log)
    out = run_section("certificates", [], database_url=f"sqlite:///{path}")
    raw["certificates"] = out
    if not out.get("available"):
        return [
            row(
                "5 certificates",
                "certificate rendering",
                out["reason"],
                "",
                None,
                "one <300 ms median",
                None,
            )
        ]
    one, batch, minimal = (
        out["one_seconds"],
        out["batch30_seconds"],
        out["minimal_seconds"],
    )
    return [
        row(
            "5 certificates",
            "one certificate",
            ms(one),
            f"minimal PDF {ms(minimal)}",
            one / minimal,
            "<300 ms median",
            one < 0.3,
        ),
        row(
            "5 certificates",
            "one certificate, archival PDF/A-2u",
            ms(out["one_archival_seconds"]),
            f"minimal PDF {ms(minimal)}",
            out["one_archival_seconds"] / minimal,
            "(information)",
            None,
        ),
        row(
            "5 certificates",
            "batch of 30",
            ms(batch),
            f"30 x minimal {ms(30 * minimal)}",
            batch / (30 * minimal),
            "(information)",
            None,
        ),
    ]


def bench_contention(args, raw) -> list[dict]:
    url, why = postgres(args)
    if why:
        raw["contention"] = {"skipped": why}
        return [row("6 contention", "skipped", why, "", None, "0 overbooked", None)]
    log("booking contention")
    out = run_section("contention", [], database_url=url)
    raw["contention"] = out
    refused = {k: v for k, v in out["outcomes"].items() if k not in ("confirmed",)}
    return [
        row(
            "6 contention",
            f"{out['requests']} bookings at once over {out['sessions']} sessions "
            f"of {out['capacity']} ({out['threads']} threads, PG)",
            f"{out['overbooked']} overbooked, {out['mix_rule_broken']} over the mix cap; "
            f"p95 {ms(out['p95_seconds'])}",
            f"confirmed {out['outcomes'].get('confirmed', 0)}, "
            + ", ".join(f"{k} {v}" for k, v in sorted(refused.items())),
            None,
            "0 overbooked",
            out["overbooked"] == 0 and out["mix_rule_broken"] == 0,
        )
    ]


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
