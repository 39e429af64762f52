"""Demo joint sessions: a year of history and three months ahead, built through the services.

Deterministic (random.Random(SEED)) and idempotent: it does nothing when the classroom modules
already have sessions. Skips quietly when the CMS has not seeded the module pages, or the
competencies seed has no staff. Sends no email (history nobody should be told about).
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import ModulePage
from competencies.models import Agency, StaffMember
from courses.models import Booking, Session
from courses.roles import permissions_grant
from courses.services import (
    attendance_mark,
    booking_cancel,
    booking_create,
    evaluation_create,
    follow_up_create,
    session_complete,
)
from courses.services.notices import notifications_silenced

SEED = 2027

# Classroom modules (M02, M05–M12) by slug (cross-app agreement).
CLASSROOM_SLUGS = [
    "recognising-and-raising-a-concern",
    "multi-agency-enquiries-and-roles",
    "msp-and-mental-capacity-in-practice",
    "domestic-abuse-dash-and-marac",
    "exploitation-and-modern-slavery",
    "self-neglect-and-hoarding",
    "prevent-workshop",
    "managing-enquiries-risk-and-supervision",
    "strategic-leadership-and-learning-from-reviews",
]

# (venue, address, area code or None for online)
VENUES = [
    ("Council offices, Lancaster Circus", "Lancaster Circus, Birmingham B4 7DJ", "BHM"),
    (
        "Saltwells Education Development Centre",
        "Bowling Green Road, Netherton, Dudley DY2 9LY",
        "DUD",
    ),
    ("Council House, Coventry (Diamond Rooms)", "Earl Street, Coventry CV1 5RR", "COV"),
    (
        "Civic Centre, St Peter's Square",
        "St Peter's Square, Wolverhampton WV1 1SH",
        "WLV",
    ),
    ("Sandwell Council House", "Freeth Street, Oldbury B69 3DE", "SAN"),
    ("Solihull Council House", "Manor Square, Solihull B91 3QB", "SOL"),
    ("Walsall Council House", "Lichfield Street, Walsall WS1 1TW", "WSL"),
]
ACCESS = "Step-free entrance, hearing loop, accessible toilets. Report to reception on arrival."
PAST_SESSIONS = 38
# Demo logins who attend the recent past sessions they may book, so they hold certificates.
REGULAR_ATTENDEES = ("staff.wmp", "staff.solihull")
REGULARS_WINDOW_DAYS = 120
FUTURE_SESSIONS = 12
WORSE_NO_SHOW_AGENCY_SECTOR = (
    "fire"  # one agency noticeably worse, so the report shows it
)


def _area_lookup():
    from competencies.models import Area

    return {a.code: a for a in Area.objects.all()}


def seed_sessions() -> dict:
    """Create the demo sessions with bookings, attendance, no-shows and evaluations."""
    permissions_grant()
    modules = {
        m.slug: m
        for m in ModulePage.objects.filter(slug__in=CLASSROOM_SLUGS).prefetch_related(
            "delivered_competencies"
        )
    }
    modules = [modules[s] for s in CLASSROOM_SLUGS if s in modules]
    if not modules:
        return {"sessions": 0, "skipped": "no classroom module pages"}
    if Session.objects.filter(module__in=modules).exists():
        return {"sessions": 0, "skipped": "already seeded"}
    staff = list(
        StaffMember.objects.active()
        .select_related("agency", "user")
        .prefetch_related("agency__areas")
        .order_by("pk")
    )
    if len(staff) < 40:
        return {"sessions": 0, "skipped": "not enough demo staff"}
    User = get_user_model()
    trainers = list(
        User.objects.filter(groups__name="Trainers", is_active=True).order_by("pk")
    )
    if not trainers:
        return {"sessions": 0, "skipped": "no trainers"}
    rng = random.Random(SEED)
    areas = _area_lookup()
    agencies = list(Agency.objects.order_by("pk"))
    today = timezone.localdate()
    counts = {"sessions": 0, "bookings": 0, "evaluations": 0}
    plan = [-int(365 * (i + 1) / (PAST_SESSIONS + 1)) for i in range(PAST_SESSIONS)] + [
        int(90 * (i + 1) / (FUTURE_SESSIONS + 1)) + 2 for i in range(FUTURE_SESSIONS)
    ]
    with notifications_silenced():
        for i, day_offset in enumerate(sorted(plan)):
            module = modules[i % len(modules)]
            session = _session_create(
                module=module,
                day=today + datetime.timedelta(days=day_offset),
                index=i,
                rng=rng,
                areas=areas,
                agencies=agencies,
                trainers=trainers,
            )
            counts["sessions"] += 1
            if day_offset < 0:
                regulars = day_offset >= -REGULARS_WINDOW_DAYS
                counts["bookings"] += _past_history(
                    session, staff=staff, rng=rng, regulars=regulars
                )
                counts["evaluations"] += _evaluations(
                    session, rng=rng, regulars=regulars
                )
            else:
                counts["bookings"] += _upcoming_bookings(
                    session, staff=staff, rng=rng, index=i
                )
    return counts


def _session_create(*, module, day, index, rng, areas, agencies, trainers) -> Session:
    virtual = module.delivery_mode == ModulePage.DeliveryMode.VIRTUAL
    hours = float(module.duration_hours or 3)
    start_hour = 9 if hours > 4 else rng.choice([9, 13])
    start = timezone.make_aware(
        datetime.datetime.combine(
            day, datetime.time(start_hour, 30 if start_hour == 9 else 0)
        )
    )
    end = start + datetime.timedelta(hours=max(1.5, min(hours, 7.5)))
    venue, address, area_code = VENUES[index % len(VENUES)]
    area = areas.get(area_code)
    host_pool = [
        a for a in agencies if area is None or area in a.areas.all()
    ] or agencies
    session = Session(
        module=module,
        start=start,
        end=end,
        capacity=25 if virtual else 20,
        host_agency=rng.choice(host_pool),
        area=None if virtual else area,
        venue_name="" if virtual else venue,
        venue_address="" if virtual else address,
        access_notes="" if virtual else ACCESS,
        online_link=f"https://teams.wmsap.example/session/{module.slug}-{index}"
        if virtual
        else "",
        booking_opens_at=start - datetime.timedelta(days=90),
    )
    session.full_clean()
    session.save()
    session.trainers.set(rng.sample(trainers, k=min(2, len(trainers))))
    return session


def _eligible(session, staff):
    audience = {rp.pk for rp in session.module.audience.all()}
    people = [
        s
        for s in staff
        if (not audience or s.role_profile_id in audience)
        and (session.area is None or session.area in s.agency.areas.all())
        and not (
            session.requires_manager_approval or s.agency.requires_manager_approval
        )
    ]
    return people or [s for s in staff if not audience or s.role_profile_id in audience]


def _book(session, people, *, n, when, rng) -> list[Booking]:
    bookings = []
    for person in rng.sample(people, k=min(n, len(people))):
        booker = person.user or _coordinator_or_admin(person)
        try:
            bookings.append(
                booking_create(
                    session=session, staff=person, booked_by=booker, now=when
                )
            )
        except Exception:  # noqa: BLE001,S112 - a clash or audience rule: skip this person
            continue
    return bookings


def _coordinator_or_admin(person):
    User = get_user_model()
    return (
        User.objects.filter(
            groups__name="Training coordinators",
            staff_member__agency_id=person.agency_id,
        ).first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _is_regular(person) -> bool:
    return bool(person.user_id) and person.user.username in REGULAR_ATTENDEES


def _past_history(session, *, staff, rng, regulars=False) -> int:
    people = _eligible(session, staff)
    when = session.start - datetime.timedelta(days=rng.randint(20, 40))
    first = [
        p
        for p in people
        if regulars
        and _is_regular(p)
        and not p.certificates.filter(booking__session__module=session.module).exists()
    ]
    bookings = _book(session, first, n=len(first), when=when, rng=rng)
    bookings += _book(
        session,
        [p for p in people if p not in first],
        n=session.capacity + rng.randint(-3, 0) - len(bookings),
        when=when,
        rng=rng,
    )
    by = session.trainers.first()
    for booking in bookings:
        if (
            booking.status == Booking.Status.CONFIRMED
            and rng.random() < 0.07
            and booking.staff not in first
        ):
            booking_cancel(
                booking=booking,
                by=booking.staff.user or _coordinator_or_admin(booking.staff),
                now=session.start - datetime.timedelta(days=1),
                note="No longer able to attend.",
            )
    after = session.end
    for booking in session.bookings.filter(
        status=Booking.Status.CONFIRMED
    ).select_related("staff__agency"):
        worse = booking.staff.agency.sector == WORSE_NO_SHOW_AGENCY_SECTOR
        roll = 1.0 if booking.staff in first else rng.random()
        if roll < (0.20 if worse else 0.10):
            mark = Booking.Attendance.ABSENT
        elif roll < (0.23 if worse else 0.125):
            mark = Booking.Attendance.PARTIAL
        else:
            mark = Booking.Attendance.ATTENDED
        attendance_mark(booking=booking, attendance=mark, by=by, now=after)
    session_complete(session=session, by=by, now=after)
    return len(bookings)


def _evaluations(session, *, rng, regulars=False) -> int:
    by = session.trainers.first()
    outcomes = session.module.outcomes or ["The module as a whole"]
    made = 0
    for booking in session.bookings.filter(
        attendance=Booking.Attendance.ATTENDED
    ).select_related("staff__user"):
        if rng.random() > 0.7 and not (regulars and _is_regular(booking.staff)):
            continue
        confidence = []
        for _ in outcomes:
            before = rng.randint(3, 7)
            confidence.append((before, min(10, before + rng.choice([1, 2, 2, 2, 3]))))
        evaluation_create(
            booking=booking,
            by=by,
            overall_rating=rng.choices([3, 4, 5], weights=[1, 4, 6])[0],
            confidence=confidence,
            now=session.end + datetime.timedelta(hours=20),
            do_differently=rng.choice(
                [
                    "",
                    "Ask the adult what outcome they want before acting.",
                    "Record my reasoning when I decide not to raise a concern.",
                    "Contact the other agencies earlier.",
                    "Use the West Midlands procedures flowchart.",
                ]
            ),
        )
        made += 1
        follow_due = session.end + datetime.timedelta(days=95)
        if follow_due < timezone.now() and rng.random() < 0.5:
            follow_up_create(
                booking=booking,
                by=by,
                practice_changed=rng.choices(
                    ["yes", "partly", "no"], weights=[5, 3, 1]
                )[0],
                now=follow_due,
            )
    return made


def _upcoming_bookings(session, *, staff, rng, index) -> int:
    people = _eligible(session, staff)
    full = index % 4 == 0
    wanted = (
        session.capacity + rng.randint(2, 6)
        if full
        else int(session.capacity * rng.uniform(0.5, 0.95))
    )
    when = timezone.now() - datetime.timedelta(days=rng.randint(1, 20))
    when = min(when, session.start - datetime.timedelta(days=1))
    return len(_book(session, people, n=wanted, when=when, rng=rng))
