import datetime

import pytest
from django.utils import timezone

from courses.models import BookingSettings
from tests import factories as f
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
def trainer_client(client, trainer):
    """A client signed in as the trainer, with the trainers' admin permissions."""
    from courses.roles import permissions_grant

    permissions_grant()
    client.force_login(trainer)
    return client


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


@pytest.fixture
def partnership(home_page):
    """Three agencies in two areas, counted by hand for the compliance reports (see
    test_reports_compliance.py); test_reports_activity.py adds sessions to it."""
    today = timezone.localdate()
    san, sol = (
        f.AreaFactory(code="SAN", name="Sandwell"),
        f.AreaFactory(code="SOL", name="Solihull"),
    )
    police = f.AgencyFactory(
        short_name="POL", name="Police Force", sector="police", areas=[san, sol]
    )
    council = f.AgencyFactory(
        short_name="SMBC",
        name="Sandwell Council",
        sector="local_authority",
        areas=[san],
    )
    charity = f.AgencyFactory(
        short_name="CHAR", name="Solihull Charity", sector="voluntary", areas=[sol]
    )
    fw = f.FrameworkFactory()
    f.LevelFactory(framework=fw, number=1)
    domain = f.DomainFactory(framework=fw)
    c1, c2 = (
        f.CompetencyFactory(domain=domain, code="X1.1"),
        f.CompetencyFactory(domain=domain, code="X1.2"),
    )
    profile = f.RoleProfileFactory(framework=fw, code="RPX", name="Everyone")
    for c in (c1, c2):
        f.RequirementFactory(role_profile=profile, competency=c, min_level=1)

    def person(first, agency, areas, **kw):
        p = f.StaffMemberFactory(
            first_name=first,
            last_name="Example",
            agency=agency,
            role_profile=profile,
            **kw,
        )
        p.areas.set(areas)
        return p

    def rec(p, c, days_left):
        f.CompetencyRecordFactory(
            staff=p,
            competency=c,
            level=1,
            achieved_on=today - datetime.timedelta(days=400),
            expires_on=today + datetime.timedelta(days=days_left),
        )

    amy = person("Amy", police, [san])
    bob = person("Bob", police, [san, sol])
    cat = person("Cat", council, [san])
    dan = person("Dan", charity, [sol])
    eve = person("Eve", charity, [sol], left_on=today - datetime.timedelta(days=30))
    rec(amy, c1, 500), rec(amy, c2, 500), rec(bob, c1, 500)
    rec(cat, c1, 20), rec(cat, c2, -5)
    rec(dan, c1, 500), rec(dan, c2, 500), rec(eve, c1, 500)

    board = f.BoardFactory(
        name="Sandwell Safeguarding Adults Board", short_name="SSAB", area=san
    )
    chair = f.UserFactory(username="chair", groups=["Board chairs"])
    board.chairs.add(chair)
    coordinator = f.UserFactory(username="coord", groups=["Training coordinators"])
    f.StaffMemberFactory(
        agency=council, user=coordinator, first_name="Coordinator", last_name="Person"
    )
    return locals()
