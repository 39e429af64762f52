"""Synthetic years of joint sessions at partnership scale, for benchmarks.

Sessions of the demo's classroom modules, with bookings, late cancellations, attendance,
no-shows and the competency records attendance writes, in the proportions of the domain
research (docs/demo.md, Generated activity: fill 85-100 %, no-shows 8-15 % with one sector near
20 %, late cancellations 5-10 %, partial attendance 2-3 %). Written with bulk inserts, so it
does not go through the booking services: those are benchmarked on their own (bench/).
Deterministic for a seed (and a date).
"""

import datetime
import random
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.models import ModulePage
from competencies.models import (
    Agency,
    Area,
    CompetencyRecord,
    Level,
    StaffMember,
)
from courses.models import Booking, Session
from demo.sessions import CLASSROOM_SLUGS, VENUES, WORSE_NO_SHOW_AGENCY_SECTOR

# One classroom session a year for every this many staff (at least MIN_PER_YEAR).
STAFF_PER_SESSION_YEAR = 100
MIN_PER_YEAR = 40
UPCOMING_DAYS = 90
CHUNK = 200  # sessions per transaction


def _weekday(day: datetime.date, *, today: datetime.date) -> datetime.date:
    """The nearest weekday, moving away from today so history stays in the past."""
    step = datetime.timedelta(days=-1 if day < today else 1)
    while day.weekday() >= 5:
        day += step
    return day


def generate_sessions(
    *, years: int, seed: int = 1, today: datetime.date | None = None
) -> dict:
    """Add `years` of completed sessions, and the next three months, of the classroom modules.

    Past sessions are completed: each confirmed booking is marked attended, partial or absent,
    and each attendance writes one competency record per competency the module delivers
    (linked to the booking, like session_complete). Upcoming sessions are 50-95 % booked,
    one in four full with a waitlist. Returns counts written. Does not refresh the compliance
    cache: the caller does that once at the end.
    """
    rng = random.Random(f"sessions-{seed}")
    today = today or timezone.localdate()
    modules = list(
        ModulePage.objects.filter(slug__in=CLASSROOM_SLUGS)
        .prefetch_related("audience", "delivered_competencies__competency")
        .order_by("pk")
    )
    modules.sort(key=lambda m: CLASSROOM_SLUGS.index(m.slug))
    if not modules or years <= 0:
        return {"sessions": 0, "bookings": 0, "records": 0}
    User = get_user_model()
    trainers = list(
        User.objects.filter(groups__name="Trainers", is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    ) or list(User.objects.filter(is_superuser=True).values_list("pk", flat=True))
    areas = {a.code: a.pk for a in Area.objects.all()}
    agencies = list(Agency.objects.order_by("pk").values_list("pk", "sector"))
    worse_agencies = {
        pk for pk, sector in agencies if sector == WORSE_NO_SHOW_AGENCY_SECTOR
    }
    level_refresh = dict(Level.objects.values_list("number", "refresh_months"))

    # Who may sit each module where: active staff by (area, role profile).
    people = dict(
        StaffMember.objects.active(today)
        .filter(role_profile__isnull=False)
        .values_list("pk", "role_profile_id")
    )
    agency_of = dict(StaffMember.objects.values_list("pk", "agency_id"))
    by_area_profile = defaultdict(list)
    by_profile = defaultdict(list)
    for staff_id, area_id in (
        StaffMember.areas.through.objects.filter(staffmember_id__in=people)
        .order_by("staffmember_id", "area_id")
        .values_list("staffmember_id", "area_id")
    ):
        by_area_profile[area_id, people[staff_id]].append(staff_id)
    for staff_id in sorted(people):
        by_profile[people[staff_id]].append(staff_id)

    per_year = max(MIN_PER_YEAR, round(len(people) / STAFF_PER_SESSION_YEAR))
    past = per_year * years
    upcoming = max(12, per_year * UPCOMING_DAYS // 365)
    plan = [
        today - datetime.timedelta(days=1 + (365 * years * i) // past)
        for i in range(past)
    ] + [
        today + datetime.timedelta(days=2 + (UPCOMING_DAYS * i) // upcoming)
        for i in range(upcoming)
    ]
    counts = {"sessions": 0, "bookings": 0, "records": 0}
    for chunk_start in range(0, len(plan), CHUNK):
        with transaction.atomic():
            _write_chunk(
                plan[chunk_start : chunk_start + CHUNK],
                first_index=chunk_start,
                today=today,
                rng=rng,
                modules=modules,
                trainers=trainers,
                areas=areas,
                agencies=agencies,
                worse_agencies=worse_agencies,
                level_refresh=level_refresh,
                by_area_profile=by_area_profile,
                by_profile=by_profile,
                agency_of=agency_of,
                counts=counts,
            )
    return counts


def _candidates(module, area_id, *, by_area_profile, by_profile) -> list[int]:
    profiles = [rp.pk for rp in module.audience.all()] or sorted(by_profile)
    pool = []
    for profile in profiles:
        pool.extend(
            by_profile[profile]
            if area_id is None
            else by_area_profile.get((area_id, profile), ())
        )
    return pool


def _write_chunk(
    days,
    *,
    first_index,
    today,
    rng,
    modules,
    trainers,
    areas,
    agencies,
    worse_agencies,
    level_refresh,
    by_area_profile,
    by_profile,
    agency_of,
    counts,
):
    sessions, plans = [], []
    for offset, day in enumerate(days):
        index = first_index + offset
        module = modules[index % len(modules)]
        virtual = module.delivery_mode == ModulePage.DeliveryMode.VIRTUAL
        day = _weekday(day, today=today)
        hours = float(module.duration_hours or 3)
        start_hour = 9 if hours > 4 else rng.choice([9, 13])
        start = timezone.make_aware(
            datetime.datetime.combine(
                day, datetime.time(start_hour, 30 if start_hour == 9 else 0)
            )
        )
        venue, address, area_code = VENUES[index % len(VENUES)]
        area_id = None if virtual else areas.get(area_code)
        is_past = day < today
        sessions.append(
            Session(
                module=module,
                start=start,
                end=start + datetime.timedelta(hours=max(1.5, min(hours, 7.5))),
                capacity=25 if virtual else 20,
                host_agency_id=rng.choice(agencies)[0],
                area_id=area_id,
                venue_name="" if virtual else venue,
                venue_address="" if virtual else address,
                online_link=f"https://teams.wmsap.example/session/s{index}"
                if virtual
                else "",
                booking_opens_at=start - datetime.timedelta(days=90),
                status=Session.Status.COMPLETED
                if is_past
                else Session.Status.SCHEDULED,
            )
        )
        plans.append((module, area_id, is_past, index))
    Session.objects.bulk_create(sessions)
    assert sessions[0].pk is not None, "the database must return ids from bulk inserts"

    trainer_links, bookings, attended = [], [], []
    for session, (module, area_id, is_past, index) in zip(sessions, plans, strict=True):
        trainer_ids = rng.sample(trainers, k=min(2, len(trainers)))
        trainer_links += [
            Session.trainers.through(session_id=session.pk, user_id=t)
            for t in trainer_ids
        ]
        pool = _candidates(
            module, area_id, by_area_profile=by_area_profile, by_profile=by_profile
        )
        if not pool:
            continue
        if is_past:
            confirmed = round(session.capacity * rng.uniform(0.85, 1.0))
            late = sum(rng.random() < 0.075 for _ in range(confirmed))
            waiting = 0
        else:
            full = index % 4 == 0
            confirmed = (
                session.capacity
                if full
                else int(session.capacity * rng.uniform(0.5, 0.95))
            )
            late = 0
            waiting = rng.randint(2, 6) if full else 0
        chosen = rng.sample(pool, k=min(len(pool), confirmed + late + waiting))
        booked_at = session.start - datetime.timedelta(days=rng.randint(20, 40))
        for n, staff_id in enumerate(chosen):
            booking = Booking(
                session_id=session.pk,
                staff_id=staff_id,
                confirmed_at=booked_at,
                status=Booking.Status.CONFIRMED,
            )
            if n >= confirmed + late:
                booking.status, booking.confirmed_at = Booking.Status.WAITLISTED, None
            elif n >= confirmed:
                booking.status = Booking.Status.CANCELLED
                booking.cancel_reason = Booking.CancelReason.BY_STAFF
                booking.cancelled_at = session.start - datetime.timedelta(days=1)
                booking.late_cancellation = True
            elif is_past:
                worse = agency_of[staff_id] in worse_agencies
                roll = rng.random()
                if roll < (0.20 if worse else 0.10):
                    booking.attendance = Booking.Attendance.ABSENT
                elif roll < (0.23 if worse else 0.125):
                    booking.attendance = Booking.Attendance.PARTIAL
                else:
                    booking.attendance = Booking.Attendance.ATTENDED
                    attended.append((booking, session, module, trainer_ids[0]))
                booking.attendance_marked_at = session.end
                booking.attendance_marked_by_id = trainer_ids[0]
            bookings.append(booking)
    Session.trainers.through.objects.bulk_create(trainer_links, batch_size=2000)
    Booking.objects.bulk_create(bookings, batch_size=2000)

    records, record_links = [], []
    for booking, session, module, trainer_id in attended:
        achieved = timezone.localtime(session.start).date()
        detail = f"{module.title}, {timezone.localtime(session.start):%-d %b %Y %H:%M}"
        for link in module.delivered_competencies.all():
            months = module.refresh_months or level_refresh.get(link.level, 36)
            records.append(
                CompetencyRecord(
                    staff_id=booking.staff_id,
                    competency_id=link.competency_id,
                    level=link.level,
                    achieved_on=achieved,
                    expires_on=achieved + relativedelta(months=months),
                    source=CompetencyRecord.Source.SESSION,
                    source_detail=detail[:255],
                    recorded_by_id=trainer_id,
                )
            )
            record_links.append(booking)
    CompetencyRecord.objects.bulk_create(records, batch_size=2000)
    Booking.competency_records.through.objects.bulk_create(
        [
            Booking.competency_records.through(
                booking_id=booking.pk, competencyrecord_id=record.pk
            )
            for booking, record in zip(record_links, records, strict=True)
        ],
        batch_size=2000,
    )
    counts["sessions"] += len(sessions)
    counts["bookings"] += len(bookings)
    counts["records"] += len(records)
