"""Self-registration: partner email domains only, nothing visible before confirmation, and
confirmation links the account to the existing staff record."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import ModelLogEntry

from competencies.accounts import audit
from tests import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "mauve-otter-harbour"


@pytest.fixture
def police(home_page):
    return f.AgencyFactory(
        short_name="WMP", email_domains="wmp.example, police.example"
    )


def register(client, email, password=PASSWORD, password2=None):
    return client.post(
        "/accounts/register/",
        {"email": email, "password1": password, "password2": password2 or password},
    )


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_foreign_email_domain_is_refused_with_a_clear_error(client, police):
    response = register(client, "someone@gmail.example")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "gmail.example is not the email domain of a partner agency" in html
    assert not get_user_model().objects.filter(email="someone@gmail.example").exists()
    assert not mail.outbox


def test_a_lookalike_subdomain_is_refused(client, police):
    response = register(client, "someone@evil.wmp.example")
    assert "not the email domain of a partner agency" in response.content.decode()


def test_registration_then_confirmation_links_the_existing_staff_record(
    client, police, django_capture_on_commit_callbacks
):
    staff = f.StaffMemberFactory(
        agency=police, email="jo.bloggs@wmp.example", first_name="Jo"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, "Jo.Bloggs@WMP.example")
    assert response.status_code == 302
    user = get_user_model().objects.get(username="jo.bloggs@wmp.example")
    assert not user.is_active
    assert ModelLogEntry.objects.filter(action=audit.REGISTER, object_id=str(user.pk))

    # Before confirmation: no sign-in, and so nothing to see.
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get("/my-training/").status_code == 302

    link = link_path(mail.outbox[0])
    assert client.get(link).status_code == 200  # a button: scanners confirm nothing
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(link)
    assert "linked to your staff record" in response.content.decode()
    user.refresh_from_db()
    staff.refresh_from_db()
    assert user.is_active and staff.user == user and user.first_name == "Jo"
    assert ModelLogEntry.objects.filter(action=audit.CONFIRM, object_id=str(user.pk))

    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Jo" in client.get("/my-training/").content.decode()
    # The link works once.
    client.logout()
    assert client.post(link).status_code == 400


def test_confirmation_without_a_staff_record_says_ask_your_coordinator(
    client, police, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, "new.starter@police.example")
    response = client.post(link_path(mail.outbox[0]))
    assert "Ask your agency's training coordinator" in response.content.decode()
    user = get_user_model().objects.get(username="new.starter@police.example")
    assert user.is_active and not hasattr(user, "staff_member")


def test_a_leavers_record_is_not_linked(
    client, police, django_capture_on_commit_callbacks
):
    import datetime

    f.StaffMemberFactory(
        agency=police,
        email="gone@wmp.example",
        left_on=datetime.date.today() - datetime.timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        register(client, "gone@wmp.example")
    client.post(link_path(mail.outbox[0]))
    user = get_user_model().objects.get(username="gone@wmp.example")
    assert not hasattr(user, "staff_member")


def test_registering_an_existing_account_changes_nothing_and_reveals_nothing(
    client, police, django_capture_on_commit_callbacks
):
    user = f.UserFactory(username="kim@wmp.example", email="kim@wmp.example")
    password_hash = user.password
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, "kim@wmp.example", password="another-long-phrase")
    assert response.status_code == 302  # the same "check your email" as a new account
    user.refresh_from_db()
    assert user.password == password_hash
    assert "already have" in mail.outbox[0].subject


def test_password_rules_apply(client, police):
    response = register(client, "ann@wmp.example", password="password")
    assert "This password is too common" in response.content.decode()
    response = register(
        client, "ann@wmp.example", password=PASSWORD, password2=PASSWORD + "x"
    )
    assert "The passwords do not match" in response.content.decode()
    assert not get_user_model().objects.filter(username="ann@wmp.example").exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "not-an-email"},
        {"email": "a@" + "x" * 300, "password1": PASSWORD, "password2": PASSWORD},
        {"email": "nul\x00@wmp.example", "password1": PASSWORD, "password2": PASSWORD},
        {"email": "@", "password1": "\x00", "password2": "\x00"},
        {"email": ["a@wmp.example", "b@wmp.example"], "password1": "x" * 5000},
    ],
)
def test_bad_input_gets_an_error_not_a_500(client, police, data):
    response = client.post("/accounts/register/", data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/confirm/xx/yy/",
        "/accounts/confirm/MTIzNDU2Nzg5/abc-def/",
        "/accounts/confirm/%FF%FE/abc/",
    ],
)
def test_broken_confirmation_links_get_a_page_not_a_500(client, police, path):
    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400


def test_broken_invitation_link_gets_a_page(client, police):
    response = client.get("/accounts/invitation/xx/yy/")
    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()


def test_password_reset_pages_render(
    client, police, django_capture_on_commit_callbacks
):
    user = f.UserFactory(username="reset@wmp.example", email="reset@wmp.example")
    assert client.get("/accounts/password_reset/").status_code == 200
    response = client.post("/accounts/password_reset/", {"email": user.email})
    assert response.status_code == 302
    path = link_path(mail.outbox[0])
    response = client.get(path, follow=True)
    assert "Choose a new password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 302
    assert ModelLogEntry.objects.filter(
        action=audit.PASSWORD_SET, object_id=str(user.pk)
    ).exists()
