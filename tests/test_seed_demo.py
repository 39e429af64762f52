"""seed_demo builds the demo partnership, is idempotent, and its logins work."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from competencies.models import Agency, Area, Board

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    "admin",
    "trainer",
    "coordinator.wmp",
    "chair.sandwell",
    "staff.wmp",
    "staff.solihull",
]


def counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"competencies", "cms", "courses", "auth", "wagtailcore"}
        # Logs and Wagtail's derived reference index may grow on a re-run; data may not.
        and model._meta.model_name
        not in {"revision", "pagelogentry", "modellogentry", "referenceindex"}
    }


@pytest.fixture
def seeded(demo):
    """The demo partnership, seeded once for the module (tests/conftest.py `demo`); each test
    runs in its own transaction, rolled back."""


def test_seed_creates_the_west_midlands_partnership(seeded):
    assert Area.objects.count() == 7
    assert Board.objects.filter(kind="adults").count() == 7
    assert Agency.objects.count() == 23
    assert set(Agency.objects.values_list("sector", flat=True)) >= {
        "police",
        "fire",
        "health",
        "probation",
        "local_authority",
        "voluntary",
    }
    sandwell = Board.objects.get(short_name="SSAB")
    assert list(sandwell.chairs.values_list("username", flat=True)) == [
        "chair.sandwell"
    ]


def test_seed_twice_gives_the_same_counts(seeded):
    before = counts()
    call_command("seed_demo", force=True, verbosity=0)
    assert counts() == before


def test_demo_logins_work(seeded, demo_password, client):
    for username in DEMO_LOGINS:
        # django-axes needs the request to check lockouts; any request will do here.
        request = RequestFactory().post("/accounts/login/")
        assert (
            authenticate(request=request, username=username, password=demo_password)
            is not None
        )
        response = client.post(
            "/accounts/login/", {"username": username, "password": demo_password}
        )
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id") == str(
            get_user_model().objects.get(username=username).pk
        )
        client.logout()


def test_demo_staff_logins_see_their_training(seeded, client):
    from django.contrib.auth import get_user_model

    for username, agency in [
        ("staff.wmp", "West Midlands Police"),
        ("staff.solihull", "Solihull MBC"),
    ]:
        client.force_login(get_user_model().objects.get(username=username))
        html = client.get("/my-training/").content.decode()
        assert agency in html and "What your role requires" in html


def test_demo_staff_spread_over_every_status(seeded):
    from competencies.compliance import compliance_overall
    from competencies.models import StaffMember

    summary = compliance_overall(staff=StaffMember.objects.all())
    # about 400 adult-framework staff and 12 children's practitioners
    # (demo.frameworks.children_and_prevent)
    assert 380 <= summary.people <= 425
    counts = summary.requirements
    assert min(counts.met, counts.expiring, counts.expired, counts.missing) > 100
    assert 60 <= counts.compliant_percent <= 90


def test_demo_roles(seeded):
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="trainer").groups.filter(name="Trainers").exists()
    assert (
        User.objects.get(username="coordinator.wmp")
        .groups.filter(name="Training coordinators")
        .exists()
    )
    assert (
        User.objects.get(username="chair.sandwell")
        .groups.filter(name="Board chairs")
        .exists()
    )


def test_refuses_with_debug_off_unless_forced(settings, home_page):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo", verbosity=0)


def test_every_venue_sits_in_its_own_area(seeded):
    """Each in-person demo session is placed in the area its venue's town belongs to."""
    from courses.models import Session

    in_person = Session.objects.exclude(venue_name="").select_related("area")
    assert in_person.exists()
    for session in in_person:
        assert session.area is not None, session.venue_name
        place = f"{session.venue_name}, {session.venue_address}"
        assert session.area.name.split()[0] in place, (
            session.venue_name,
            session.area.name,
        )
