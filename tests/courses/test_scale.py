"""demo.scale.sessions.generate_sessions: years of sessions in bulk, realistic and deterministic."""

import datetime

import pytest

from competencies.models import CompetencyRecord
from courses.models import Booking, Session
from demo.scale.sessions import MIN_PER_YEAR, generate_sessions
from demo.sessions import CLASSROOM_SLUGS
from tests.factories import (
    AgencyFactory,
    CompetencyFactory,
    RoleProfileFactory,
    StaffMemberFactory,
    UserFactory,
    module_page,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def partnership():
    UserFactory(username="trainer", groups=["Trainers"])
    profile = RoleProfileFactory()
    for slug in CLASSROOM_SLUGS[:3]:
        module_page(
            slug=slug, delivers=[(CompetencyFactory(), 2), (CompetencyFactory(), 2)]
        )
    agencies = [AgencyFactory() for _ in range(3)]
    for i in range(120):
        StaffMemberFactory(agency=agencies[i % 3], role_profile=profile)


def snapshot():
    return list(
        Booking.objects.order_by("session__start", "staff_id").values_list(
            "session__module__slug",
            "session__start",
            "staff_id",
            "status",
            "attendance",
        )
    )


def test_past_sessions_are_completed_and_only_attendance_writes_records(partnership):
    counts = generate_sessions(years=1, seed=3, today=TODAY)

    past = Session.objects.filter(status=Session.Status.COMPLETED)
    assert past.count() == MIN_PER_YEAR
    assert counts["sessions"] == MIN_PER_YEAR + 12
    assert not (
        Booking.objects.filter(session__status=Session.Status.SCHEDULED)
        .exclude(attendance="")
        .exists()
    )
    attended = Booking.objects.filter(attendance=Booking.Attendance.ATTENDED)
    assert Booking.objects.filter(attendance=Booking.Attendance.ABSENT).exists()
    assert Booking.objects.filter(late_cancellation=True).exists()
    assert counts["records"] == 2 * attended.count()
    for booking in attended[:20]:
        records = list(booking.competency_records.all())
        assert len(records) == 2
        assert all(r.achieved_on == booking.session.local_date for r in records)
    assert not CompetencyRecord.objects.filter(
        bookings__attendance__in=[Booking.Attendance.ABSENT, Booking.Attendance.PARTIAL]
    ).exists()
    for session in Session.objects.all():
        held = session.bookings.filter(status__in=Booking.OCCUPYING).count()
        assert held <= session.capacity


def test_the_same_seed_writes_the_same_sessions_and_bookings(partnership):
    generate_sessions(years=1, seed=3, today=TODAY)
    first = snapshot()
    Session.objects.all().delete()
    CompetencyRecord.objects.all().delete()

    generate_sessions(years=1, seed=3, today=TODAY)

    assert snapshot() == first
    Session.objects.all().delete()
    generate_sessions(years=1, seed=4, today=TODAY)
    assert snapshot() != first
