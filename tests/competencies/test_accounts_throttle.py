"""Account emails give nothing away: registration takes the same steps whether or not the
email has an account, and no address gets more than ACCOUNT_EMAIL_LIMIT emails an hour."""

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from competencies.accounts import throttle
from competencies.roles import COORDINATORS
from tests import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "mauve-otter-harbour"


@pytest.fixture
def police(home_page):
    return f.AgencyFactory(short_name="WMP", email_domains="wmp.example")


def register(client, email):
    return client.post(
        "/accounts/register/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_registration_takes_the_same_steps_whether_or_not_the_email_has_an_account(
    client, police, django_capture_on_commit_callbacks
):
    f.UserFactory(username="kim@wmp.example", email="kim@wmp.example")
    register(client, "pending@wmp.example")  # registered, never confirmed
    mail.outbox.clear()
    answers = {}
    for email in ("new@wmp.example", "kim@wmp.example", "pending@wmp.example"):
        sent = len(mail.outbox)
        with (
            mock.patch.object(
                MD5PasswordHasher,
                "encode",
                autospec=True,
                side_effect=MD5PasswordHasher.encode,
            ) as hashed,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = register(client, email)
        page = client.get(response.url).content.decode().replace(email, "EMAIL")
        answers[email] = (
            response.status_code,
            response.url,
            hashed.call_count,
            len(mail.outbox) - sent,
            page,
        )
    assert answers["new@wmp.example"][:4] == (302, "/accounts/register/sent/", 1, 1)
    assert answers["kim@wmp.example"] == answers["new@wmp.example"]
    assert answers["pending@wmp.example"] == answers["new@wmp.example"]


def test_password_reset_emails_stop_at_the_limit_and_the_page_says_the_same(
    client, police
):
    user = f.UserFactory(username="sam@wmp.example", email="sam@wmp.example")
    answers = set()
    for _ in range(5):
        response = client.post("/accounts/password_reset/", {"email": user.email})
        answers.add((response.status_code, response.url))
    assert answers == {(302, "/accounts/password_reset/done/")}
    assert len(mail.outbox) == 3


def test_registrations_of_one_address_stop_at_the_limit(
    client, police, django_capture_on_commit_callbacks
):
    f.UserFactory(username="kim@wmp.example", email="kim@wmp.example")
    with django_capture_on_commit_callbacks(execute=True):
        responses = [register(client, "kim@wmp.example") for _ in range(5)]
    assert {(r.status_code, r.url) for r in responses} == {
        (302, "/accounts/register/sent/")
    }
    assert len(mail.outbox) == 3


def test_the_limit_counts_every_kind_of_account_email_to_the_address(
    client, police, django_capture_on_commit_callbacks
):
    f.UserFactory(username="kim@wmp.example", email="kim@wmp.example")
    with django_capture_on_commit_callbacks(execute=True):
        register(client, "kim@wmp.example")
        client.post("/accounts/password_reset/", {"email": "kim@wmp.example"})
        register(client, "KIM@wmp.example")
        client.post("/accounts/password_reset/", {"email": "kim@wmp.example"})
    assert len(mail.outbox) == 3
    # Another address is counted on its own.
    f.UserFactory(username="lee@wmp.example", email="lee@wmp.example")
    client.post("/accounts/password_reset/", {"email": "lee@wmp.example"})
    assert mail.outbox[-1].to == ["lee@wmp.example"]


def test_the_limit_lasts_the_window_then_lifts(client, police, settings):
    user = f.UserFactory(username="sam@wmp.example", email="sam@wmp.example")
    now = 1_000_000.0
    with mock.patch.object(throttle.time, "time", side_effect=lambda: now):
        for _ in range(4):
            client.post("/accounts/password_reset/", {"email": user.email})
        assert len(mail.outbox) == 3
        now += settings.ACCOUNT_EMAIL_WINDOW_SECONDS - 1
        client.post("/accounts/password_reset/", {"email": user.email})
        assert len(mail.outbox) == 3
        now += 2
        client.post("/accounts/password_reset/", {"email": user.email})
        assert len(mail.outbox) == 4


def test_invitations_stop_at_the_limit_and_the_last_link_still_works(
    client, police, django_capture_on_commit_callbacks
):
    coordinator = f.UserFactory(username="coord", groups=[COORDINATORS])
    f.StaffMemberFactory(agency=police, user=coordinator, email="coord@wmp.example")
    officer = f.StaffMemberFactory(agency=police, email="pat@wmp.example")
    client.force_login(coordinator)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/agency/staff/{officer.pk}/invite/")
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/agency/staff/{officer.pk}/invite/", follow=True)
    assert len(mail.outbox) == 3
    assert (
        "pat@wmp.example has been sent as many account emails as we send in an hour"
        in response.content.decode()
    )
    # The refused invitation changed nothing: the last link sent still sets a password.
    client.logout()
    page = client.get(link_path(mail.outbox[-1]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 302
    assert (
        get_user_model().objects.get(email="pat@wmp.example").check_password(PASSWORD)
    )
