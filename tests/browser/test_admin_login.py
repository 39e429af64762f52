"""A trainer signs in to the Wagtail admin in a real browser."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainer_logs_in_and_reaches_the_admin(
    live_server, page: Page, home_page, demo_password
):
    call_command("seed_demo", force=True, verbosity=0)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("trainer")
    page.get_by_label("Password").fill(demo_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("body")).to_contain_text("Tamsin")
