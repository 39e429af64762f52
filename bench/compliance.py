"""Section 1: compliance for the whole partnership and one board area, against hand-written SQL.

Run by bench/run.py in its own process on a scale database:
  python -m bench.compliance [--repeat 3]
Prints one JSON line. Exits non-zero, loudly, if the service and the SQL disagree.
"""

import argparse
import datetime
import json
import statistics
import sys
import time

from bench.common import django_setup, peak_rss_mb, reset_peak_rss

EXPIRING_WITHIN_DAYS = 90

# The compliance rule (competencies/policy/compliance_rule.py) written out by hand, independently of it: per
# (active staff member with a role profile, requirement of that profile) the latest expiry of
# a record of that competency, or of one the crosswalk makes equivalent to it (either way
# round), at or above the level, not revoked, achieved by the date; then counted by status,
# and people counted compliant when none of their requirements is expired or missing.
SQL = """
WITH scope AS (
    SELECT s.id, s.role_profile_id
    FROM competencies_staffmember s
    WHERE (s.left_on IS NULL OR s.left_on > %(as_of)s)
      AND s.role_profile_id IS NOT NULL
      {area_filter}
),
counting AS (
    SELECT id AS required, id AS counts FROM competencies_competency
    UNION
    SELECT maps_to_id, competency_id FROM competencies_competencyequivalence
    WHERE kind = 'equivalent'
    UNION
    SELECT competency_id, maps_to_id FROM competencies_competencyequivalence
    WHERE kind = 'equivalent'
),
best AS (
    SELECT sc.id AS staff_id, r.id AS requirement_id, MAX(cr.expires_on) AS best
    FROM scope sc
    JOIN competencies_requirement r ON r.role_profile_id = sc.role_profile_id
    JOIN counting c ON c.required = r.competency_id
    LEFT JOIN competencies_competencyrecord cr
      ON cr.staff_id = sc.id
     AND cr.competency_id = c.counts
     AND cr.level >= r.min_level
     AND cr.revoked_at IS NULL
     AND cr.achieved_on <= %(as_of)s
    GROUP BY sc.id, r.id
),
unmet AS (
    SELECT staff_id FROM best WHERE best IS NULL OR best < %(as_of)s GROUP BY staff_id
)
SELECT
    (SELECT COUNT(*) FROM best WHERE best > %(expiring_from)s),
    (SELECT COUNT(*) FROM best WHERE best >= %(as_of)s AND best <= %(expiring_from)s),
    (SELECT COUNT(*) FROM best WHERE best < %(as_of)s),
    (SELECT COUNT(*) FROM best WHERE best IS NULL),
    (SELECT COUNT(*) FROM scope),
    (SELECT COUNT(*) FROM scope WHERE id NOT IN (SELECT staff_id FROM unmet))
"""
AREA_FILTER = """AND s.id IN (
        SELECT staffmember_id FROM competencies_staffmember_areas WHERE area_id = %(area)s
      )"""
FIELDS = ("met", "expiring", "expired", "missing", "people", "people_compliant")


def sql_counts(*, as_of: datetime.date, area_id: int | None) -> tuple:
    from django.db import connection

    params = {
        "as_of": as_of.isoformat(),
        "expiring_from": (
            as_of + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
        ).isoformat(),
        "area": area_id,
    }
    sql = SQL.format(area_filter=AREA_FILTER if area_id is not None else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(int(v or 0) for v in cursor.fetchone())


def service_counts(*, staff, use_cache: bool) -> tuple:
    from competencies.compliance import ComplianceSummary, compliance_summary

    summary = compliance_summary(staff=staff, use_cache=use_cache).get(
        None, ComplianceSummary()
    )
    r = summary.requirements
    return (
        r.met,
        r.expiring,
        r.expired,
        r.missing,
        summary.people,
        summary.people_compliant,
    )


def measure(fn, repeat: int) -> dict:
    """Median seconds over `repeat` runs and the peak resident memory of any of them."""
    reset_peak_rss()
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return {
        "seconds": statistics.median(times),
        "peak_mb": peak_rss_mb(),
        "value": value,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--live", action="store_true", help="also time the live path")
    args = parser.parse_args()
    django_setup()
    from django.utils import timezone

    from competencies.compliance_cache import compliance_refresh
    from competencies.models import Area, StaffCompliance, StaffMember
    from courses.reports.scope import ReportScope

    as_of = timezone.localdate()
    out = {"staff": StaffMember.objects.count(), "as_of": as_of.isoformat()}
    # The nightly refresh_compliance job: a database built on another day is rebuilt once,
    # outside the timings (README: "Just after midnight").
    if StaffCompliance.objects.exclude(as_of=as_of).exists():
        start = time.perf_counter()
        compliance_refresh()
        out["nightly_refresh_seconds"] = round(time.perf_counter() - start, 1)
    area = Area.objects.get(code="SAN")
    scopes = {
        "partnership": (None, ReportScope(kind="administrator", label="all")),
        "area": (
            area.pk,
            ReportScope(kind="board_chair", label=area.name, area_ids={area.pk}),
        ),
    }
    mismatches = []
    for name, (area_id, scope) in scopes.items():
        baseline = measure(
            lambda area_id=area_id: sql_counts(as_of=as_of, area_id=area_id),
            args.repeat,
        )
        paths = {"cached": True, **({"live": False} if args.live else {})}
        for path, use_cache in paths.items():
            got = measure(
                lambda scope=scope, use_cache=use_cache: service_counts(
                    staff=scope.staff(), use_cache=use_cache
                ),
                args.repeat if use_cache else 1,
            )
            if got["value"] != baseline["value"]:
                mismatches.append(
                    f"{name}/{path}: service {dict(zip(FIELDS, got['value'], strict=True))}"
                    f" != SQL {dict(zip(FIELDS, baseline['value'], strict=True))}"
                )
            out[f"{name}_{path}"] = {
                "seconds": got["seconds"],
                "peak_mb": got["peak_mb"],
                "baseline_seconds": baseline["seconds"],
                "baseline_peak_mb": baseline["peak_mb"],
                "counts": dict(zip(FIELDS, got["value"], strict=True)),
                "equal": got["value"] == baseline["value"],
            }
    print(json.dumps(out))
    if mismatches:
        print(
            "COMPLIANCE OUTPUTS DIFFER:\n  " + "\n  ".join(mismatches), file=sys.stderr
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
