"""Places are never lost or double-sold: concurrent bookings against PostgreSQL row locks."""

import threading

import pytest
from django.db import connection

from courses.models import Booking
from courses.services import booking_cancel, booking_create
from tests.factories import AgencyFactory, SessionFactory, staff_with_login

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def run_at_once(jobs):
    """Run every job in its own thread, released together; return the exceptions raised."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def worker(job):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=30)
            job()
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_sixty_concurrent_bookings_onto_twenty_places(home_page):
    session = SessionFactory(capacity=20, max_per_agency=20)
    agencies = [AgencyFactory() for _ in range(6)]
    people = [staff_with_login(agency=agencies[i % 6]) for i in range(60)]

    def book(person):
        return lambda: booking_create(
            session=session, staff=person, booked_by=person.user
        )

    errors = run_at_once([book(p) for p in people])
    assert errors == []
    bookings = Booking.objects.filter(session=session)
    assert bookings.count() == 60
    assert bookings.filter(status="confirmed").count() == 20
    assert bookings.filter(status="waitlisted").count() == 40
    assert set(bookings.values_list("staff_id", flat=True)) == {p.pk for p in people}

    waitlist = list(bookings.filter(status="waitlisted").order_by("created_at", "pk"))
    to_cancel = list(bookings.filter(status="confirmed").order_by("?")[:5])

    def cancel(booking):
        return lambda: booking_cancel(booking=booking, by=booking.staff.user)

    errors = run_at_once([cancel(b) for b in to_cancel])
    assert errors == []
    offered = set(bookings.filter(status="offered").values_list("pk", flat=True))
    assert offered == {b.pk for b in waitlist[:5]}
    assert bookings.filter(status="confirmed").count() == 15
    assert bookings.filter(status="waitlisted").count() == 35
    assert bookings.filter(status="cancelled").count() == 5
