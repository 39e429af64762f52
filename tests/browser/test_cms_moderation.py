"""A trainer writes a module in the Wagtail admin and submits it; a moderator publishes it."""

import pytest
from playwright.sync_api import Page, expect

from cms.models import ModulePage, ToolkitIndexPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, username: str, password: str):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/admin/")


def add_competency(page: Page, index: int, competency_label: str, level: str):
    page.locator("#id_delivered_competencies-ADD").click()
    page.locator(f"#id_delivered_competencies-{index}-competency").select_option(
        label=competency_label
    )
    page.locator(f"#id_delivered_competencies-{index}-level").select_option(level)


def test_trainer_writes_module_and_moderator_publishes_it(
    live_server, page: Page, demo_live, demo_password
):
    base = live_server.url
    toolkit = ToolkitIndexPage.objects.get()

    sign_in(page, base, "trainer", demo_password)
    page.goto(f"{base}/admin/pages/add/cms/modulepage/{toolkit.pk}/")
    page.locator("#id_title").fill("Safeguarding adults in sport and leisure")
    page.locator("#id_summary").fill(
        "For leisure centre staff and coaches: spotting abuse and raising a concern."
    )
    page.locator("#id_learning_outcomes").fill(
        "Recognise the signs of abuse in a leisure setting\nRaise a concern with the council"
    )
    page.locator("#id_level").select_option("2")
    page.locator("#id_duration_hours").fill("2.5")
    page.locator("#id_delivery_mode").select_option("face_to_face")
    add_competency(page, 0, "SA1.1 Types and indicators of abuse", "2")
    add_competency(page, 1, "SA2.2 Raising a concern", "2")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Toolkit moderation").click()
    expect(page.locator(".messages")).to_contain_text("submitted")

    module = ModulePage.objects.get(slug="safeguarding-adults-in-sport-and-leisure")
    assert not module.live
    assert (
        page.request.get(
            f"{base}/toolkit/safeguarding-adults-in-sport-and-leisure/"
        ).status
        == 404
    )

    sign_in(page, base, "moderator", demo_password)
    page.goto(f"{base}/admin/pages/{module.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.locator('button[data-workflow-action-name="approve"]').filter(
        has_text="Approve"
    ).filter(has_not_text="comment").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")

    module.refresh_from_db()
    assert module.live
    page.goto(f"{base}/toolkit/safeguarding-adults-in-sport-and-leisure/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Safeguarding adults in sport and leisure"
    )
    table = page.locator("table.app-competencies")
    expect(table).to_contain_text("SA1.1 Types and indicators of abuse")
    expect(table).to_contain_text("SA2.2 Raising a concern")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    for i in range(2):
        expect(rows.nth(i).locator("td").first).to_have_text("Level 2")
    expect(table).to_contain_text("Spots indicators of each Care Act category")
