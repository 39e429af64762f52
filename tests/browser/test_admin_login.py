"""A trainer signs in to the Wagtail admin in a real browser."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainer_logs_in_and_reaches_the_admin(
    live_server, page: Page, demo_live, demo_password
):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("trainer")
    page.get_by_label("Password").fill(demo_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("body")).to_contain_text("Tamsin")
