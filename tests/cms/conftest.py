import pytest

from competencies.roles import MODERATORS, TRAINERS
from tests.factories import (
    CompetencyFactory,
    DomainFactory,
    FrameworkFactory,
    LevelFactory,
    UserFactory,
    toolkit_create,
)


@pytest.fixture
def toolkit(home_page):
    return toolkit_create(home=home_page)


@pytest.fixture
def trainer(toolkit):
    return UserFactory(username="trainer", groups=[TRAINERS])


@pytest.fixture
def moderator(toolkit):
    return UserFactory(username="moderator", groups=[MODERATORS])


@pytest.fixture
def framework(db):
    framework = FrameworkFactory(name="West Midlands", version="2025.1")
    for number, name in enumerate(
        ["Awareness", "Practitioner", "Professional", "Specialist lead", "Strategic"], 1
    ):
        LevelFactory(framework=framework, number=number, name=name)
    return framework


@pytest.fixture
def sa63(framework):
    domain = DomainFactory(framework=framework, code="SA6", title="Specific harms")
    return CompetencyFactory(
        framework=framework,
        domain=domain,
        code="SA6.3",
        title="Radicalisation (Prevent)",
        indicator_1="Knows Prevent is part of safeguarding.",
        indicator_2="Applies notice, check, share.",
        indicator_3="Makes Prevent referrals.",
    )


@pytest.fixture
def sa23(framework):
    domain = DomainFactory(framework=framework, code="SA2", title="Responding")
    return CompetencyFactory(
        framework=framework,
        domain=domain,
        code="SA2.3",
        title="Recording",
        indicator_1="Writes down what was seen and said.",
        indicator_2="Keeps factual, timed and signed records.",
        indicator_3="",
        indicator_4="Audits the quality of team records.",
    )
