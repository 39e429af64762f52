"""demo.sessions.seed_sessions: realistic history through the services, deterministic, idempotent."""

import pytest

from competencies.models import CompetencyRecord
from courses.models import Booking, Evaluation, Session
from demo.sessions import (
    CLASSROOM_SLUGS,
    FUTURE_SESSIONS,
    PAST_SESSIONS,
    seed_sessions,
)
from tests.factories import AgencyFactory, UserFactory, module_page, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    UserFactory(username="trainer", groups=["Trainers"])
    UserFactory(username="admin", is_superuser=True)
    for slug in CLASSROOM_SLUGS[:3]:
        module_page(slug=slug, title=slug.replace("-", " ").title())
    agencies = [AgencyFactory() for _ in range(5)]
    for i in range(60):
        staff_with_login(agency=agencies[i % 5])


def snapshot():
    return (
        Session.objects.count(),
        sorted(Booking.objects.values_list("status", "attendance").distinct()),
        Booking.objects.count(),
        Evaluation.objects.count(),
        CompetencyRecord.objects.count(),
    )


def test_seed_skips_without_module_pages():
    assert seed_sessions()["sessions"] == 0


def test_seed_builds_history_and_is_idempotent(partnership):
    counts = seed_sessions()
    assert counts["sessions"] == PAST_SESSIONS + FUTURE_SESSIONS
    assert Session.objects.filter(status="completed").count() == PAST_SESSIONS
    assert Booking.objects.filter(attendance="absent").exists()
    assert Booking.objects.filter(attendance="attended").exists()
    assert Booking.objects.filter(status="waitlisted").exists()
    assert Evaluation.objects.exists()
    assert CompetencyRecord.objects.filter(source="session").exists()
    before = snapshot()
    assert seed_sessions()["sessions"] == 0
    assert snapshot() == before
