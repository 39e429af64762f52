"""Benchmark: a 50,000-row staff CSV through the real import (target: README.md, Performance).

Runs against a fresh SQLite database in a temporary folder (or DATABASE_URL if set):
  DEBUG=false .venv/bin/python bench/staff_import.py [ROWS]
Prints the time to read + validate (the admin preview), to import, and to re-import the same
file (every row unchanged), and the number of SQL queries of each step; and, as the yardstick,
the time to write the same rows with plain bulk_create (no validation, no matching, no audit,
no compliance refresh), and the peak resident memory of each. bench/run.py runs it as section 4.
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
    results[label] = {"seconds": round(seconds, 3), "queries": len(queries)}
    return value


def bulk_create_rows(*, agency, table) -> int:
    """The same rows written with bulk_create: staff, their areas, then their line managers."""
    import datetime

    from django.db import transaction

    from competencies.models import Area, RoleProfile, StaffMember

    profiles = dict(RoleProfile.objects.values_list("code", "pk"))
    areas = dict(Area.objects.values_list("code", "pk"))
    people, area_codes, managers = [], [], []
    for _number, values in table.rows:
        left = values.get("left_on") or ""
        people.append(
            StaffMember(
                agency=agency,
                employee_ref=values["employee_ref"],
                first_name=values["first_name"],
                last_name=values["last_name"],
                email=values["email"],
                job_title=values["job_title"],
                role_profile_id=profiles[values["role_profile"]],
                left_on=datetime.datetime.strptime(left, "%d/%m/%Y").date()
                if left
                else None,
            )
        )
        area_codes.append([c for c in (values.get("areas") or "").split(";") if c])
        managers.append(values.get("line_manager_email") or "")
    with transaction.atomic():
        # Managers before the people they manage, so every row is one INSERT.
        by_email, pending = {}, list(zip(people, managers, strict=True))
        while pending:
            ready = [(p, m) for p, m in pending if not m or m in by_email]
            assert ready, "line managers form a cycle"
            for person, manager in ready:
                person.line_manager_id = by_email[manager] if manager else None
            StaffMember.objects.bulk_create([p for p, _m in ready], batch_size=1000)
            by_email.update((p.email, p.pk) for p, _m in ready)
            done = {id(p) for p, _m in ready}
            pending = [(p, m) for p, m in pending if id(p) not in done]
        through = StaffMember.areas.through
        through.objects.bulk_create(
            [
                through(staffmember_id=p.pk, area_id=areas[code])
                for p, codes in zip(people, area_codes, strict=True)
                for code in codes
            ],
            batch_size=2000,
        )
    return len(people)


def delete_all_staff() -> None:
    from competencies.models import StaffMember

    StaffMember.areas.through.objects.all()._raw_delete("default")
    StaffMember.objects.update(line_manager=None)
    StaffMember.objects.all()._raw_delete("default")


def timed_peak(label, fn, results):
    from bench.common import peak_rss_mb, reset_peak_rss

    reset_peak_rss()
    value = timed(label, fn, results)
    results[label]["peak_mb"] = round(peak_rss_mb(), 1)
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
    # Twice, timing the second: the first pays for growing a new database file, which the
    # import (writing into the pages the deletion freed) would not.
    for _ in range(2):
        timed_peak(
            "bulk_create", lambda: bulk_create_rows(agency=agency, table=table), results
        )
        assert StaffMember.objects.count() == rows
        delete_all_staff()
    preview = timed(
        "validate_preview",
        lambda: staff_import(agency=agency, table=table, dry_run=True),
        results,
    )
    assert not preview.errors, preview.errors[:5]
    result = timed_peak(
        "import_new", lambda: staff_import(agency=agency, table=table), results
    )
    assert result.counts["new"] == rows and StaffMember.objects.count() == rows
    again = timed(
        "reimport_unchanged", lambda: staff_import(agency=agency, table=table), results
    )
    assert again.counts["unchanged"] == rows
    print(json.dumps(results))


if __name__ == "__main__":
    main()
