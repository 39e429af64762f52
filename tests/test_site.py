"""The public site: home page, admin login, accounts, accessible base template."""

import pytest

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
