"""End to end: a trainer opens Planning from the menu, filters to one area, and downloads
the CSV of what that area will need."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.test_booking import PASSWORD, default_locale, sign_in  # noqa: F401
from tests.factories import UserFactory, demand_partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainer_plans_for_one_area(live_server, page: Page, default_locale, home_page):  # noqa: F811
    demand_partnership(today=timezone.localdate())
    UserFactory(username="trainer", groups=["Trainers"], password=PASSWORD)
    base = live_server.url

    sign_in(page, base, "trainer")
    page.get_by_role("link", name="Planning").click()
    expect(page.get_by_role("heading", name="Training demand")).to_be_visible()
    by_module = page.locator("#demand-by-module")
    expect(by_module).to_contain_text("North")
    expect(by_module).to_contain_text("South")

    page.get_by_label("Area").select_option(label="North")
    page.get_by_role("button", name="Apply filters").click()
    expect(by_module).not_to_contain_text("South")
    expect(page.locator('[data-figure="to-train"]')).to_have_text("6")
    row = by_module.locator("tr", has_text="Basics")
    expect(row).to_contain_text("3")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert "North,Basics,2,2,2,1,3" in text
    assert "South" not in text
