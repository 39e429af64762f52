"""The sections of `make bench`: each measures one target against a baseline of the same run
and returns its rows for the table (bench/run.py)."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ensure_sqlite, run_section  # noqa: E402


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
        if big["export"]:
            target = "queries equal"
            met = same and stable
        else:
            limit = big.get("target_seconds", 0.150)
            target = f"<{ms(limit) if limit < 1 else f'{limit:.0f} s'}, queries equal"
            met = same and stable and big["median_seconds"] < limit
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
            "one certificate, archival PDF/A-2a (tagged)",
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
