import datetime

import pytest
from django.utils import timezone

from courses.models import BookingSettings
from tests.factories import AgencyFactory, SessionFactory, UserFactory

NOW = timezone.make_aware(datetime.datetime(2027, 3, 1, 9, 0))


@pytest.fixture
def now():
    """The injected 'now' of service calls: a fixed Monday morning."""
    return NOW


@pytest.fixture
def rules(db):
    return BookingSettings.load()


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer.t", groups=["Trainers"])


@pytest.fixture
def session(db, trainer):
    """A 20-place face-to-face session 60 days after NOW, mix rule at 50 % (10 places)."""
    start = NOW + datetime.timedelta(days=60)
    return SessionFactory(
        start=start, end=start + datetime.timedelta(hours=3), trainers=[trainer]
    )


@pytest.fixture
def agencies(db):
    return [AgencyFactory() for _ in range(4)]
