"""In a real browser, the public pages and the Wagtail admin run under their Content Security
Policies without a single violation (so the policy neither breaks the admin nor needs loosening
on the public site)."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db):
    """The home page, also after an earlier transactional test emptied the database.

    cms.site.site_ensure creates Locale "en", but Wagtail's default is LANGUAGE_CODE's
    ("en-gb"), so make that one first (reported to the lead).
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    from cms.site import site_ensure

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return site_ensure()


def watch_csp(page: Page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    return violations


def sign_in(page: Page, base: str, path: str, username: str):
    page.goto(f"{base}{path}")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.locator("input[name=username]").fill(username)
    page.locator("form button[type=submit]").first.click()


def test_public_pages_run_without_csp_violations(live_server, page: Page, site):
    f.UserFactory(username="reader")
    violations = watch_csp(page)
    for path in ["/", "/accounts/login/", "/accounts/register/"]:
        page.goto(f"{live_server.url}{path}")
        # GOV.UK Frontend's JavaScript ran (a static file, allowed by 'self').
        expect(page.locator("body")).to_have_class(
            "govuk-template__body js-enabled govuk-frontend-supported"
        )
    sign_in(page, live_server.url, "/accounts/login/", "reader")
    page.goto(f"{live_server.url}/my-training/")
    expect(page.get_by_role("heading", name="My training")).to_be_visible()
    assert violations == []


def test_admin_runs_without_csp_violations(live_server, page: Page, site):
    f.UserFactory(username="boss", is_superuser=True, is_staff=True)
    violations = watch_csp(page)
    sign_in(page, live_server.url, "/admin/login/", "boss")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    for path in [
        "/admin/",
        f"/admin/pages/{site.pk}/edit/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1").first).to_be_visible()
    assert violations == []
