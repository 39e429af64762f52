"""End to end at 390 px: a training coordinator of an agency of 2,000 staff finds one person by
name, opens their training, books them onto a session that closes a gap, and cancels another
of their bookings on their behalf (with a reason). On every page: no sideways scroll, and
axe-core finds no serious or critical violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from competencies.models import StaffMember
from courses.models import Booking
from courses.services import booking_create
from tests.browser.test_booking import default_locale, sign_in  # noqa: F401 (fixture)
from tests.browser.test_cms_accessibility import serious_violations
from tests.factories import (
    AgencyFactory,
    CompetencyFactory,
    RequirementFactory,
    SessionFactory,
    coordinator_for,
    module_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# What sticks out of the page (outside the tables' own scroll boxes), to say why it is wide.
WIDE = """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392 && !e.closest('.app-table-scroll')).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15)"""


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which the CSP rightly blocks (see
    # tests/browser/test_cms_accessibility.py); tests/browser/test_security_csp.py checks it.
    return {**browser_context_args, "bypass_csp": True, "viewport": PHONE}


def check_page(page: Page, seen: list[str]):
    """No sideways scrolling at 390 px, and no serious or critical axe-core violation."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (page.url, width, page.evaluate(WIDE))
    assert serious_violations(page) == [], page.url
    seen.append(page.url)


def test_coordinator_finds_books_and_cancels_for_one_of_2000(
    live_server,
    page: Page,
    default_locale,  # noqa: F811 (the fixture imported above)
    home_page,
):
    gap = CompetencyFactory(code="SA4.2", title="Making safeguarding personal")
    requirement = RequirementFactory(competency=gap, min_level=2)
    trust = AgencyFactory(short_name="BCT", name="Black Country Healthcare Trust")
    coordinator_for(trust, username="coord.bct")
    StaffMember.objects.bulk_create(
        StaffMember(
            agency=trust,
            first_name="Staff",
            last_name=f"Member{i:04d}",
            email=f"member{i}@bct.example",
            employee_ref=f"BCT{i:04d}",
            job_title="Support worker",
            role_profile=requirement.role_profile,
        )
        for i in range(2000)
    )
    jade = StaffMember.objects.create(
        agency=trust,
        first_name="Jade",
        last_name="Singh",
        email="jade.singh@bct.example",
        employee_ref="BCT9001",
        job_title="Community nurse",
        role_profile=requirement.role_profile,
    )
    start = (timezone.now() + datetime.timedelta(days=21)).replace(microsecond=0)
    closes = SessionFactory(
        module=module_page(
            title="Making Safeguarding Personal in practice", delivers=[(gap, 2)]
        ),
        start=start,
        end=start + datetime.timedelta(hours=3),
    )
    other = SessionFactory(
        module=module_page(title="Mental Capacity Act essentials"),
        start=start + datetime.timedelta(days=7),
        end=start + datetime.timedelta(days=7, hours=3),
    )
    coordinator = StaffMember.objects.get(email__startswith="coord.bct").user
    to_cancel = booking_create(session=other, staff=jade, booked_by=coordinator)
    base = live_server.url
    seen: list[str] = []

    sign_in(page, base, "coord.bct")
    page.goto(f"{base}/agency/staff/")
    expect(page.locator("#staff-count")).to_contain_text("2002 people")
    check_page(page, seen)

    page.get_by_label("Name, email or reference").fill("jade singh")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#staff-count")).to_contain_text("1 person")
    check_page(page, seen)
    page.get_by_role("link", name="Jade Singh").click()

    expect(page.get_by_role("heading", name="Jade Singh")).to_be_visible()
    expect(page.locator("#gaps")).to_be_visible()
    check_page(page, seen)
    page.get_by_role("button", name="Book them on Making Safeguarding Personal").click()

    expect(page.locator("#booking-results")).to_contain_text("Booked")
    check_page(page, seen)
    assert Booking.objects.get(session=closes, staff=jade).status == "confirmed"

    # The chooser narrows as you type (js/staff_chooser.js; without it, a plain search).
    page.goto(f"{base}/sessions/{closes.pk}/book-staff/")
    page.get_by_label("Name, email or agency reference").press_sequentially("BCT0042")
    expect(page.locator("#chooser-count")).to_contain_text("1 person matches")
    expect(page.locator("#chooser-table")).to_contain_text("member42@bct.example")
    check_page(page, seen)

    page.goto(f"{base}/agency/bookings/")
    check_page(page, seen)
    page.get_by_role(
        "link", name="Cancel Jade Singh's booking on Mental Capacity Act essentials"
    ).click()
    check_page(page, seen)
    page.get_by_label("Why are you cancelling this booking?").fill("Off sick that week")
    page.get_by_role("button", name="Yes, cancel the booking").click()
    expect(page).to_have_url(f"{base}/agency/bookings/")
    check_page(page, seen)
    to_cancel.refresh_from_db()
    assert to_cancel.status == "cancelled" and to_cancel.cancelled_by == coordinator
    assert len(seen) == 8
