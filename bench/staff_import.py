"""Benchmark: a 50,000-row staff CSV through the real import (tech.md section 3 figures).

Runs against a fresh SQLite database in a temporary folder (or DATABASE_URL if set):
  DEBUG=false .venv/bin/python bench/staff_import.py [ROWS]
Prints the time to read + validate (the admin preview), to import, and to re-import the same
file (every row unchanged), and the number of SQL queries of each step.
"""

import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="bench-import-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def build_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "employee_ref",
            "first_name",
            "last_name",
            "email",
            "job_title",
            "role_profile",
            "areas",
            "line_manager_email",
            "left_on",
        ]
    )
    for n in range(rows):
        manager = f"p{n - n % 10}@wmp.example" if n % 10 else ""
        writer.writerow(
            [
                f"E{n:06d}",
                f"First{n}",
                f"Last{n}",
                f"p{n}@wmp.example",
                "Constable",
                f"RP{n % 12 + 1:02d}",
                "BHM;SAN" if n % 2 else "COV",
                manager,
                "31/12/2030" if n % 50 == 0 else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def timed(label, fn, results):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - start
    results[label] = {"seconds": round(seconds, 2), "queries": len(queries)}
    return value


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    call_command("migrate", verbosity=0)
    from competencies.imports import read_table
    from competencies.imports.staff import staff_import
    from competencies.models import Agency, Area, Framework, RoleProfile, StaffMember

    areas = [Area.objects.create(code=c, name=c) for c in ("BHM", "SAN", "COV")]
    agency = Agency.objects.create(
        name="West Midlands Police",
        short_name="WMP",
        sector="police",
        email_domains="wmp.example",
    )
    agency.areas.set(areas)
    framework = Framework.objects.create(name="Bench", version="1")
    for n in range(1, 13):
        RoleProfile.objects.create(
            code=f"RP{n:02d}", name=f"Role {n}", framework=framework
        )

    content = build_csv(rows)
    results = {"rows": rows, "database": connection.vendor}
    table = timed(
        "read_csv", lambda: read_table(content=content, filename="staff.csv"), results
    )
    preview = timed(
        "validate_preview",
        lambda: staff_import(agency=agency, table=table, dry_run=True),
        results,
    )
    assert not preview.errors, preview.errors[:5]
    result = timed(
        "import_new", lambda: staff_import(agency=agency, table=table), results
    )
    assert result.counts["new"] == rows and StaffMember.objects.count() == rows
    again = timed(
        "reimport_unchanged", lambda: staff_import(agency=agency, table=table), results
    )
    assert again.counts["unchanged"] == rows
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
