"""Synthetic staff and competency records at partnership scale, for benchmarks.

Deterministic for a seed; written with bulk inserts so 100,000 staff take minutes, not hours.
Uses the demo partnership and framework (seed_demo's data), spread by the demo's weights.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from competencies.compliance_cache import compliance_refresh
from competencies.models import (
    Agency,
    Area,
    Competency,
    CompetencyRecord,
    RoleProfile,
    StaffMember,
)
from demo.frameworks.adult_bundles import BUNDLES, ROLE_PROFILES
from demo.partnership import AGENCIES
from demo.people import (
    AGENCY_DILIGENCE,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    SECTOR_ROLES,
)

BATCH = 5000


def _bundle_levels():
    return {name: max(levels.values()) for name, levels in BUNDLES.items()}


def generate_staff(
    *,
    count: int,
    seed: int = 1,
    today: datetime.date | None = None,
    refresh: bool = True,
) -> dict:
    """Add `count` staff (and their historic records) across the demo agencies.

    Each agency gets staff in proportion to its demo size; role profiles follow the sector
    mix of the demo; every bundle of a person's role profile was completed once (recent,
    near expiry or lapsed) or never, with the demo's spread. Returns counts written. With
    refresh=False the compliance cache is left for the caller to rebuild once at the end.
    """
    rng = random.Random(seed)
    today = today or timezone.localdate()
    agencies = {a.short_name: a for a in Agency.objects.all()}
    weights = {
        short: size for short, _n, _s, _a, size, _d in AGENCIES if short in agencies
    }
    sectors = {short: sector for short, _n, sector, _a, _s, _d in AGENCIES}
    areas_of = {
        short: list(agencies[short].areas.values_list("pk", flat=True))
        for short in weights
    }
    profiles = {p.code: p for p in RoleProfile.objects.all()}
    bundles_of = {code: bundles for code, _n, _l, _t, bundles, _s in ROLE_PROFILES}
    competency_ids = dict(Competency.objects.values_list("code", "pk"))
    start = StaffMember.objects.count()
    total_weight = sum(weights.values())
    shorts = list(weights)
    cumulative = []
    acc = 0
    for short in shorts:
        acc += weights[short]
        cumulative.append(acc)

    staff_written = records_written = 0
    Through = StaffMember.areas.through
    for batch_start in range(0, count, BATCH):
        size = min(BATCH, count - batch_start)
        people, plans = [], []
        for i in range(batch_start, batch_start + size):
            n = start + i
            pick = rng.uniform(0, total_weight)
            short = shorts[next(k for k, c in enumerate(cumulative) if c >= pick)]
            roles = SECTOR_ROLES[sectors[short]]
            code = roles[rng.randrange(len(roles))]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            people.append(
                StaffMember(
                    agency=agencies[short],
                    first_name=first,
                    last_name=last,
                    email=f"scale{n}@{agencies[short].domain_list[0]}",
                    employee_ref=f"S{n:07d}",
                    job_title=JOB_TITLES[code],
                    role_profile=profiles[code],
                    left_on=today - datetime.timedelta(days=30)
                    if n % 40 == 39
                    else None,
                )
            )
            plans.append((short, code))
        with transaction.atomic():
            StaffMember.objects.bulk_create(people, batch_size=1000)
            if (
                people[0].pk is None
            ):  # databases that do not return ids from bulk inserts
                emails = [p.email for p in people]
                ids = dict(
                    StaffMember.objects.filter(email__in=emails).values_list(
                        "email", "pk"
                    )
                )
                for p in people:
                    p.pk = p.id = ids[p.email]
            links, records = [], []
            for person, (short, code) in zip(people, plans, strict=True):
                areas = areas_of[short]
                for area_id in rng.sample(
                    areas, k=min(len(areas), 1 + rng.randrange(2))
                ):
                    links.append(Through(staffmember_id=person.pk, area_id=area_id))
                diligence = AGENCY_DILIGENCE.get(short, 0.78)
                for bundle in bundles_of[code]:
                    roll = rng.random()
                    if roll > diligence + 0.08:
                        continue
                    refresh = 12 if _bundle_levels()[bundle] >= 4 else 36
                    if roll < diligence * 0.85:
                        age = rng.randint(30, refresh * 30 - 100)
                    elif roll < diligence:
                        age = refresh * 30 + rng.randint(-85, -5)
                    else:
                        age = refresh * 30 + rng.randint(20, 400)
                    achieved = today - datetime.timedelta(days=age)
                    expires = achieved + datetime.timedelta(
                        days=refresh * 30 + refresh // 2
                    )
                    for comp_code, level in BUNDLES[bundle].items():
                        records.append(
                            CompetencyRecord(
                                staff_id=person.pk,
                                competency_id=competency_ids[comp_code],
                                level=level,
                                achieved_on=achieved,
                                expires_on=expires,
                                source=CompetencyRecord.Source.IMPORT,
                                source_detail="scale data",
                            )
                        )
            Through.objects.bulk_create(links, batch_size=2000)
            CompetencyRecord.objects.bulk_create(records, batch_size=2000)
        staff_written += len(people)
        records_written += len(records)
    # Bulk inserts send no signals: build today's compliance cache for everyone once.
    if refresh:
        compliance_refresh()
    return {
        "staff": staff_written,
        "records": records_written,
        "areas": Area.objects.count(),
    }
