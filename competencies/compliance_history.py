"""Compliance over time: a snapshot at every month end, and any scope's history from them.

`snapshot_take` stores, for one month end, the figures of every (agency, role profile) within
each area and across the whole partnership, computed by the one compliance rule as at that day.
`manage.py snapshot_compliance` takes the last month end that has none (run it daily: it does
nothing until a month ends) and can rebuild past month ends from the records. Reads sum the
rows of a scope, so a board's two-year history is one query (docs/compliance.md, History).
"""

import calendar
import datetime

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from competencies.compliance import ComplianceSummary, compliance_summary
from competencies.models import ComplianceSnapshot, StaffMember

COUNTS = ("people", "people_compliant", "met", "expiring", "expired", "missing")


def month_end_of(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def last_month_end(today: datetime.date | None = None) -> datetime.date:
    """The latest month end before today (on 31 March itself, the end of February)."""
    today = today or timezone.localdate()
    return today.replace(day=1) - datetime.timedelta(days=1)


def month_ends_back(months: int, today: datetime.date | None = None) -> list:
    """The last `months` month ends before today, oldest first."""
    ends = [last_month_end(today)]
    while len(ends) < months:
        ends.append(ends[-1].replace(day=1) - datetime.timedelta(days=1))
    return ends[::-1]


def quarter_ends_back(quarters: int, today: datetime.date | None = None) -> list:
    """The last `quarters` quarter ends (31 March, 30 June, 30 September, 31 December) before
    today, oldest first."""
    ends = [e for e in month_ends_back(3 * quarters + 2, today) if e.month % 3 == 0]
    return ends[-quarters:]


@transaction.atomic
def snapshot_take(*, month_end: datetime.date, rebuilt: bool = False) -> int:
    """Store the compliance figures as at `month_end`, replacing any taken before for that
    day; returns the number of rows. A rebuilt snapshot (taken after the fact) counts the
    records as they are now: one revoked since no longer counts, and the staff are those on
    the system now who had not left by that day (no start date is recorded)."""
    staff = StaffMember.objects.all()
    ComplianceSnapshot.objects.filter(month_end=month_end).delete()
    rows = []
    for by_area in (True, False):
        group_by = (
            ("areas", "agency", "role_profile")
            if by_area
            else ("agency", "role_profile")
        )
        summaries = compliance_summary(
            staff=staff, as_of=month_end, group_by=group_by, use_cache=False
        )
        for key, summary in summaries.items():
            area_id, agency_id, role_profile_id = key if by_area else (None, *key)
            if role_profile_id is None or (by_area and area_id is None):
                continue  # outside compliance (no role profile), or in no area
            counts = summary.requirements
            rows.append(
                ComplianceSnapshot(
                    month_end=month_end,
                    area_id=area_id,
                    agency_id=agency_id,
                    role_profile_id=role_profile_id,
                    people=summary.people,
                    people_compliant=summary.people_compliant,
                    met=counts.met,
                    expiring=counts.expiring,
                    expired=counts.expired,
                    missing=counts.missing,
                    rebuilt=rebuilt,
                )
            )
    ComplianceSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def snapshot_due(today: datetime.date | None = None) -> datetime.date | None:
    """The last month end, if it has no snapshot yet."""
    month_end = last_month_end(today)
    if ComplianceSnapshot.objects.filter(month_end=month_end).exists():
        return None
    return month_end


def history(
    *,
    month_ends,
    area_ids=None,
    agency_id=None,
    sector=None,
    role_profile_id=None,
    level=None,
    by_agency=False,
) -> dict:
    """{month end: ComplianceSummary} for a scope, from the snapshots, in one query;
    `by_agency` keys it {(month end, agency name): ...} instead.

    With `area_ids` the areas' rows are summed (a person in two of the areas counts in both,
    as in the compliance-by-area report); without, the whole-partnership rows. Month ends with
    no snapshot are left out."""
    rows = ComplianceSnapshot.objects.filter(month_end__in=list(month_ends))
    rows = rows.filter(
        Q(area_id__in=list(area_ids)) if area_ids is not None else Q(area__isnull=True)
    )
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    if sector:
        rows = rows.filter(agency__sector=sector)
    if role_profile_id is not None:
        rows = rows.filter(role_profile_id=role_profile_id)
    if level is not None:
        rows = rows.filter(role_profile__level=level)
    keys = ("month_end", "agency__name") if by_agency else ("month_end",)
    out = {}
    for row in (
        rows.values(*keys).annotate(**{n: Sum(n) for n in COUNTS}).order_by(*keys)
    ):
        summary = ComplianceSummary(
            people=row["people"], people_compliant=row["people_compliant"]
        )
        for status in ("met", "expiring", "expired", "missing"):
            setattr(summary.requirements, status, row[status])
        out[tuple(row[k] for k in keys) if by_agency else row["month_end"]] = summary
    return out
