"""Section 6: booking under contention on PostgreSQL.

  python -m bench.contention [--requests 200] [--sessions 10]   (DATABASE_URL: PostgreSQL)
Creates `sessions` fresh sessions of 10 places each, then fires `requests` calls of the
booking service (courses.services.booking_create, the code behind POST /sessions/<id>/book/)
for distinct staff, spread evenly over the sessions, from as many threads at once as the
server's connection limit allows (each thread holds its own connection). Counts
overbookings (places held beyond capacity, or beyond the agency-mix cap) and the latency of
every call. The sessions and their bookings are deleted afterwards. Prints one JSON line.
"""

import argparse
import datetime
import json
import statistics
import threading
import time

from bench.common import django_setup

CAPACITY = 10


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    django_setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, connections
    from django.db.models import Count
    from django.utils import timezone

    from cms.models import ModulePage
    from competencies.models import StaffMember
    from courses import policy
    from courses.exceptions import BookingError
    from courses.models import Booking, BookingSettings, Session
    from courses.services import booking_create
    from demo.sessions import CLASSROOM_SLUGS

    assert connection.vendor == "postgresql", "row locks need PostgreSQL"
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_connections = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        in_use = int(cursor.fetchone()[0])
    # Leave room for everyone else on the server (other engineers' test runs).
    threads = max(4, min(args.requests, max_connections - in_use - 20))

    # Distinct people with nothing else booked, so every refusal is about places; the
    # classroom module with the widest audience.
    free = StaffMember.objects.active().exclude(
        bookings__status__in=Booking.ACTIVE,
        bookings__session__status=Session.Status.SCHEDULED,
    )

    def eligible(module):
        audience = list(module.audience.values_list("pk", flat=True))
        people = free.filter(agency__requires_manager_approval=False)
        if audience:
            people = people.filter(role_profile_id__in=audience)
        return people.order_by("pk")

    module = max(
        ModulePage.objects.filter(slug__in=CLASSROOM_SLUGS).order_by("pk"),
        key=lambda m: eligible(m).count(),
    )
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    start = timezone.now() + datetime.timedelta(days=30)
    sessions = [
        Session.objects.create(
            module=module,
            start=start + datetime.timedelta(days=i),
            end=start + datetime.timedelta(days=i, hours=3),
            capacity=CAPACITY,
            venue_name="Bench room",
            booking_opens_at=timezone.now() - datetime.timedelta(days=1),
        )
        for i in range(args.sessions)
    ]
    staff = list(eligible(module)[: args.requests])
    assert len(staff) == args.requests, f"only {len(staff)} staff free to book"
    jobs = [(sessions[n % len(sessions)], person) for n, person in enumerate(staff)]
    latencies, errors, outcomes = [], {}, {}
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(my_jobs):
        try:
            barrier.wait()
            for session, person in my_jobs:
                began = time.perf_counter()
                try:
                    booking = booking_create(
                        session=session, staff=person, booked_by=admin
                    )
                    result = booking.status
                except BookingError as exc:
                    result = f"refused:{exc.code}"
                except Exception as exc:  # noqa: BLE001 - count it, never hide it
                    result = f"error:{type(exc).__name__}"
                took = time.perf_counter() - began
                with lock:
                    latencies.append(took)
                    outcomes[result] = outcomes.get(result, 0) + 1
        finally:
            connections.close_all()

    started = time.perf_counter()
    workers = [
        threading.Thread(target=worker, args=(jobs[i::threads],))
        for i in range(threads)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    wall = time.perf_counter() - started

    rules = BookingSettings.load()
    overbooked = mix_broken = 0
    for session in sessions:
        session.refresh_from_db()
        held = session.bookings.filter(status__in=Booking.OCCUPYING)
        overbooked += max(0, held.count() - session.capacity)
        cap = policy.agency_cap(
            session.capacity, rules.max_per_agency_percent, session.max_per_agency
        )
        for row in held.values("staff__agency").annotate(n=Count("pk")):
            mix_broken += max(0, row["n"] - cap)
    Session.objects.filter(pk__in=[s.pk for s in sessions]).delete()
    latencies.sort()
    print(
        json.dumps(
            {
                "requests": len(latencies),
                "sessions": len(sessions),
                "capacity": CAPACITY,
                "threads": threads,
                "outcomes": outcomes,
                "errors": errors,
                "overbooked": overbooked,
                "mix_rule_broken": mix_broken,
                "p50_seconds": statistics.median(latencies),
                "p95_seconds": latencies[max(0, int(len(latencies) * 0.95) - 1)],
                "wall_seconds": wall,
            }
        )
    )


if __name__ == "__main__":
    main()
