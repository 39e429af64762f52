"""The public site: home page, admin login, accounts, accessible base template."""

import pytest
from django.conf import settings

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_home_page_is_served_at_root(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main-content"' in html and 'id="main-content"' in html
    assert "<header" in html and "<footer" in html and "<main" in html
    assert "West Midlands Safeguarding Adults Partnership" in html


def test_admin_asks_for_login(client, home_page):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_login_page_shows_error_summary_for_wrong_password(client, home_page):
    response = client.post(
        "/accounts/login/", {"username": "nobody", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_logout_is_a_post(client, home_page, django_user_model):
    user = django_user_model.objects.create_user("someone", password="pw-123456789")
    client.force_login(user)
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/admin/logout/", "/accounts/logout/"])
def test_a_get_to_logout_leaves_the_session_signed_in(client, home_page, path):
    """Wagtail's admin logout answered a GET with 405 but deleted the session cookie: any link
    or <img> pointing at it signed the browser out."""
    admin = f.UserFactory(username="signedin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(path)
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert client.get("/admin/").status_code == 200  # still signed in
    assert client.session.get("_auth_user_id") == str(admin.pk)


def test_admin_logout_by_post_signs_out(client, home_page):
    admin = f.UserFactory(username="signingout", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert client.get("/admin/").status_code == 302  # to the sign-in page


def test_an_unknown_address_gets_the_branded_404(client, home_page, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "govuk-header" in html and "govuk-service-navigation" in html


def test_the_500_page_renders_with_no_context_at_all():
    """Django's server_error renders it with an empty context: no request, no user."""
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-header" in html


def test_a_view_that_fails_gets_the_branded_500(client, home_page, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("cms.selectors.search_toolkit", broken)
    client.raise_request_exception = False
    response = client.get("/search/", {"q": "mental capacity"})
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "the database went away" not in html


def test_robots_txt_keeps_crawlers_out_of_the_private_parts(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in (
        "/admin/",
        "/accounts/",
        "/agency/",
        "/reports/",
        "/certificates/",
        "/verify/",
    ):
        assert f"Disallow: {path}" in lines
    assert "Allow: /" in lines
    assert "Disallow: /" not in lines  # the public site stays open
