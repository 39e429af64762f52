"""/sessions/mine/: the sessions a trainer runs today and later (started ones until
completed), past ones awaiting completion flagged first, each with its register, waiting list,
sign-in sheet and certificates; the waiting list page; the navigation link; constant queries
(courses/views/trainer.py, courses/trainer_selectors.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Session
from courses.services import booking_create
from tests.courses.register_world import session_on_the_day, trainer_user
from tests.factories import (
    SessionFactory,
    UserFactory,
    session_completed,
    staff_with_login,
)

pytestmark = pytest.mark.django_db
MINE = reverse("courses:my_sessions")
DAY = datetime.timedelta(days=1)


def session_at(trainer, start, **kwargs):
    return SessionFactory(
        start=start,
        end=start + datetime.timedelta(hours=3),
        trainers=[trainer],
        **kwargs,
    )


@pytest.fixture
def trainer():
    return trainer_user()


def card(page, session):
    return page.split(f'id="session-{session.pk}"')[1].split(
        'class="govuk-summary-card"'
    )[0]


def test_lists_today_and_upcoming_and_flags_those_awaiting_completion(client, trainer):
    now = timezone.now().replace(second=0, microsecond=0)
    under_way, _ = session_on_the_day(trainer=trainer, booked=1, minutes_ago=30)
    upcoming = session_at(trainer, now + 5 * DAY)
    awaiting = session_at(trainer, now - 3 * DAY)
    completed_before, _ = session_completed(trainer=trainer, start=now - 4 * DAY)
    cancelled = session_at(trainer, now + DAY, status=Session.Status.CANCELLED)
    someone_elses = session_at(trainer_user("trainer.other"), now + DAY)

    client.force_login(trainer)
    page = client.get(MINE).content.decode()
    banner = page.split('id="awaiting-completion"')[1].split("</ul>")[0]
    assert reverse("courses:register", args=[awaiting.pk]) in banner
    assert f'id="session-{under_way.pk}"' in page and "Under way" in card(
        page, under_way
    )
    assert f'id="session-{upcoming.pk}"' in page
    for absent in (awaiting, completed_before, cancelled, someone_elses):
        assert f'id="session-{absent.pk}"' not in page
    assert page.index(f'session-{under_way.pk}"') < page.index(
        f'session-{upcoming.pk}"'
    )


def test_each_session_links_its_register_waiting_list_sheet_and_certificates(
    client, trainer
):
    now = timezone.now()
    today = now.replace(hour=0, minute=1, second=0, microsecond=0)
    done, _ = session_completed(trainer=trainer, start=today)
    client.force_login(trainer)
    found = card(client.get(MINE).content.decode(), done)
    for name in ("register", "waiting_list", "sign_in_sheet", "session_certificates"):
        assert reverse(f"courses:{name}", args=[done.pk]) in found
    assert "Certificates (1, PDF)" in found


def test_other_people_get_404_and_visitors_sign_in(client):
    client.force_login(staff_with_login().user)
    assert client.get(MINE).status_code == 404
    client.logout()
    assert client.get(MINE).status_code == 302


def test_the_navigation_links_it_for_trainers_only(client, trainer):
    client.force_login(trainer)
    assert f'href="{MINE}"' in client.get("/my-training/").content.decode()
    client.force_login(staff_with_login().user)
    assert f'href="{MINE}"' not in client.get("/my-training/").content.decode()


def test_waiting_list_in_the_order_places_are_offered(client, trainer):
    session = session_at(trainer, timezone.now() + 10 * DAY, capacity=1)
    booked_at = timezone.now() - DAY
    # Fixed names: a random one may hold an apostrophe, which the page escapes.
    people = [
        staff_with_login(first_name="Waiting", last_name=last)
        for last in ("Adams", "Baker", "Clarke")
    ]
    for n, person in enumerate(people):
        booking_create(
            session=session,
            staff=person,
            booked_by=person.user,
            now=booked_at + n * datetime.timedelta(minutes=1),
        )
    client.force_login(trainer)
    page = client.get(
        reverse("courses:waiting_list", args=[session.pk])
    ).content.decode()
    listed = page.split('id="waiting-list"')[1].split("</ol>")[0]
    assert people[0].full_name not in listed  # has the place
    assert listed.index(people[1].full_name) < listed.index(people[2].full_name)
    assert "Waiting list (2)" in client.get(MINE).content.decode()


def _sessions(trainer, n):
    now = timezone.now()
    for i in range(n):
        session = session_at(trainer, now + (i + 1) * DAY, capacity=2)
        for _ in range(3):
            person = staff_with_login()
            booking_create(
                session=session, staff=person, booked_by=person.user, now=now
            )
        session_at(trainer, now - (i + 2) * DAY)  # awaiting completion


def test_queries_do_not_grow_with_the_number_of_sessions(
    client, trainer, django_assert_max_num_queries
):
    client.force_login(trainer)
    _sessions(trainer, 2)
    with django_assert_max_num_queries(12) as small:
        assert client.get(MINE).status_code == 200
    _sessions(trainer, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(MINE).content.decode()
    assert page.count('class="govuk-summary-card"') == 10
    assert "10 past sessions are waiting" in page


def test_an_administrator_sees_every_session(client):
    admin = UserFactory(username="admin.t", is_superuser=True, is_staff=True)
    other = session_at(trainer_user("trainer.x"), timezone.now() + DAY)
    client.force_login(admin)
    assert f'id="session-{other.pk}"' in client.get(MINE).content.decode()
