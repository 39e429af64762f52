"""Login hardening: lockouts on both sign-in pages, the Content Security Policy, and the
production settings passing `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import RequestFactory
from wagtail.models import ModelLogEntry

from competencies.accounts import audit
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery"


@pytest.fixture
def person(db):
    return f.UserFactory(username="lockme", is_staff=False)


def fail(client, path, username, times):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong-guess"})
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_five_failures_lock_the_username_at_that_address(
    client, person, home_page, settings, path
):
    assert settings.AXES_FAILURE_LIMIT == 5
    response = fail(client, path, person.username, 4)
    assert response.status_code == 200  # still the form, with its error
    response = fail(client, path, person.username, 1)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts to sign in" in html
    assert "Try again in 30 minutes" in html
    # Now even the right password is refused from here...
    response = client.post(path, {"username": person.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...and the lockout is in the audit log.
    assert ModelLogEntry.objects.filter(
        action=audit.LOCKOUT, object_id=str(person.pk)
    ).exists()


@pytest.mark.django_db
def test_lockout_is_per_address(client, person, home_page):
    fail(client, "/accounts/login/", person.username, 5)
    other = client_from("10.9.8.7")
    response = other.post(
        "/accounts/login/", {"username": person.username, "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_a_username_longer_than_axes_stores_is_a_failed_sign_in_not_a_500(
    client, home_page, path
):
    """Found by tests/test_bad_input.py on PostgreSQL (SQLite does not enforce lengths)."""
    response = client.post(path, {"username": "A" * 300, "password": "wrong-guess"})
    assert response.status_code == 200
    # Wagtail's login form refuses the long username before authenticating: nothing recorded.
    usernames = list(AccessAttempt.objects.values_list("username", flat=True))
    assert usernames == (["A" * 255] if path == "/accounts/login/" else [])


def client_from(address):
    from django.test import Client

    return Client(REMOTE_ADDR=address)


@pytest.mark.django_db
def test_success_before_the_limit_resets_the_count(client, person, home_page):
    fail(client, "/accounts/login/", person.username, 4)
    client.post("/accounts/login/", {"username": person.username, "password": PASSWORD})
    assert not AccessAttempt.objects.filter(username=person.username).exists()


@pytest.mark.django_db
def test_authenticate_needs_a_request_under_axes(person):
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request=request, username="lockme", password=PASSWORD) == person


def test_client_ip_trusts_only_the_configured_proxies(settings):
    from competencies.accounts.security import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the spoofable left part is ignored


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/register/", "/my-training/"]
)
def test_public_pages_have_a_strict_csp(client, home_page, path):
    if path == "/my-training/":
        client.force_login(f.UserFactory())
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    # And the page itself needs no exception: no inline script, handler or style.
    html = response.content.decode()
    assert "<script>" not in html and " onclick=" not in html and " style=" not in html


@pytest.mark.django_db
def test_admin_gets_only_the_relaxations_it_needs(client, home_page):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_production_settings_pass_check_deploy():
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            # Set by tests/conftest.py for Playwright; never set in production.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="prod-like-" + "k3Y" * 20,
        ALLOWED_HOSTS="training.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr
