"""A trainer's day on a phone (390 x 844): /sessions/mine/, the register with a late arrival
and a walk-in, the check step, and the certificates. No page is wider than the screen, and
axe-core finds no serious or critical problem on /sessions/mine/ or the register."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from courses.models import Certificate
from courses.services import booking_create
from tests.browser.test_booking import default_locale, sign_in  # noqa: F401
from tests.browser.test_cms_accessibility import serious_violations
from tests.factories import (
    AgencyFactory,
    SessionFactory,
    StaffMemberFactory,
    UserFactory,
    module_page,
    staff_with_login,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which the Content Security Policy blocks
    # (tests/browser/test_security_csp.py checks the policy).
    return {**browser_context_args, "viewport": PHONE, "bypass_csp": True}


def fits_the_screen(page: Page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_a_trainers_day_on_a_phone(
    live_server,
    page: Page,
    default_locale,  # noqa: F811
    home_page,
):
    base = live_server.url
    UserFactory(username="trainer.day", groups=["Trainers"])
    trainer = UserFactory(username="trainer.day")
    start = (timezone.now() - datetime.timedelta(minutes=20)).replace(
        second=0, microsecond=0
    )
    session = SessionFactory(
        module=module_page(title="Recognising and Raising a Concern"),
        start=start,
        end=start + datetime.timedelta(hours=3),
        trainers=[trainer],
        venue_name="Council House, Coventry, Committee Room 2",
    )
    police = AgencyFactory(short_name="WMP", name="West Midlands Police")
    priya = staff_with_login(agency=police, first_name="Priya", last_name="Patel")
    tom = staff_with_login(agency=police, first_name="Tom", last_name="Jones")
    for person in (priya, tom):
        booking_create(
            session=session,
            staff=person,
            booked_by=person.user,
            now=start - datetime.timedelta(days=10),
        )
    StaffMemberFactory(
        agency=AgencyFactory(short_name="SMBC", name="Sandwell Council"),
        first_name="Zainab",
        last_name="Okafor",
    )

    sign_in(page, base, "trainer.day")
    # On a phone the service navigation sits behind its menu button.
    page.locator(".govuk-service-navigation__toggle").click()
    page.get_by_role("link", name="My sessions").click()
    expect(page).to_have_url(f"{base}/sessions/mine/")
    card = page.locator(f"#session-{session.pk}")
    expect(card).to_contain_text("Under way")
    fits_the_screen(page)
    assert serious_violations(page) == []

    card.get_by_role("link", name="Register").click()
    expect(page.locator("#check-in-qr svg")).to_be_visible()
    fits_the_screen(page)
    assert serious_violations(page) == []

    # Zainab came without a booking: found by name, added as a walk-in.
    page.get_by_label("Find someone by name or work email").fill("zainab")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#walk-in-results")).to_contain_text("SMBC")
    # (govuk-visually-hidden pads the hidden name with no-break spaces)
    page.get_by_role(
        "button", name=re.compile(r"^Add to the register\W+Zainab Okafor")
    ).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Zainab Okafor is on the register as a walk-in"
    )

    page.get_by_role("group", name="Priya Patel").get_by_role(
        "radio", name="Attended", exact=True
    ).check()
    page.get_by_role("group", name="Zainab Okafor").get_by_role(
        "radio", name="Attended", exact=True
    ).check()
    tom_group = page.get_by_role("group", name="Tom Jones")
    tom_group.get_by_role("radio", name="Late", exact=True).check()
    late = timezone.localtime(start + datetime.timedelta(minutes=15)).strftime("%H:%M")
    tom_group.get_by_label("Time they arrived").fill(late)
    fits_the_screen(page)
    page.get_by_role("button", name="Save and check before completing").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the register before completing"
    )
    counts = page.locator("#register-counts")
    expect(counts.locator('[data-count="attended"]')).to_have_text("2")
    expect(counts.locator('[data-count="late"]')).to_have_text("1")
    expect(counts.locator('[data-count="absent"]')).to_have_text("0")
    expect(counts.locator('[data-count="walk_ins"]')).to_have_text("1")
    expect(page.locator("#partly-attended")).to_contain_text(f"Arrived late at {late}")
    fits_the_screen(page)
    page.get_by_role("button", name="Confirm and complete the session").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Session completed: 2 attended, 1 late, 0 left early, 0 absent (walk-ins among them: 1)."
    )
    certificates = page.locator("#certificate-list")
    expect(certificates).to_contain_text("Priya Patel")
    expect(certificates).to_contain_text("Zainab Okafor")
    expect(certificates).not_to_contain_text("Tom Jones")
    assert Certificate.objects.current().filter(booking__session=session).count() == 2
    fits_the_screen(page)

    page.goto(f"{base}/sessions/mine/")
    expect(page.locator(f"#session-{session.pk}")).to_contain_text(
        "Certificates (2, PDF)"
    )
