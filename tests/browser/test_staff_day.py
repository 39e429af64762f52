"""A member of staff's day on a phone (390 x 844): the session page says why they cannot
book before they try, a full session puts them on the waiting list and says so (never
"Success"), a booking ends on its confirmation page, cancelling asks first. No page scrolls
sideways, the menu button folds the navigation, and axe-core finds nothing serious."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from courses.models import Booking
from courses.services import booking_create
from tests.browser.test_booking import default_locale, sign_in  # noqa: F401 (fixture)
from tests.browser.test_cms_accessibility import serious_violations
from tests.factories import (
    AgencyFactory,
    CompetencyFactory,
    RequirementFactory,
    RoleProfileFactory,
    SessionFactory,
    module_page,
    staff_with_login,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A phone; axe-core is injected inline, which the CSP blocks (see test_cms_accessibility).
    return {
        **browser_context_args,
        "viewport": {"width": WIDTH, "height": 844},
        "bypass_csp": True,
    }


def check_page(page: Page, name: str):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name} is {width}px wide at {WIDTH}px"
    assert serious_violations(page) == [], name


def in_days(days, hour=9):
    day = timezone.localtime() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_a_staff_members_day_on_a_phone(
    live_server,
    page: Page,
    default_locale,  # noqa: F811 (the imported fixture)
    home_page,
):
    competency = CompetencyFactory(code="SA2.3", title="Raising a concern")
    requirement = RequirementFactory(competency=competency, min_level=2)
    police = AgencyFactory(short_name="WMP", name="West Midlands Police")
    staff = staff_with_login(
        agency=police,
        username="staff.wmp",
        first_name="Priya",
        last_name="Patel",
        role_profile=requirement.role_profile,
    )
    open_module = module_page(
        title="Recognising and Raising a Concern", delivers=[(competency, 2)]
    )
    open_session = SessionFactory(
        module=open_module, start=in_days(20), end=in_days(20, 12)
    )
    full_session = SessionFactory(
        module=module_page(title="Working with Families"),
        start=in_days(30),
        end=in_days(30, 12),
        capacity=1,
    )
    other = staff_with_login()
    booking_create(session=full_session, staff=other, booked_by=other.user)
    closed = SessionFactory(
        module=module_page(
            title="Strategic Leadership in Safeguarding",
            audience=[RoleProfileFactory(name="Board members")],
        ),
        start=in_days(40),
        end=in_days(40, 12),
    )
    base = live_server.url

    # Signed out: the home page has a clear start, and the menu button folds the nav.
    page.goto(base + "/")
    expect(
        page.locator("#start").get_by_role("button", name="Find a session")
    ).to_be_visible()
    toggle = page.locator(".govuk-service-navigation__toggle")
    expect(toggle).to_be_visible()
    nav_list = page.locator("#navigation")
    expect(nav_list).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav_list).to_be_visible()
    toggle.click()
    expect(nav_list).to_be_hidden()
    check_page(page, "home")

    sign_in(page, base, "staff.wmp")
    page.goto(base + "/sessions/")
    check_page(page, "/sessions/")

    # Cannot book: the page says why, before trying, and offers no Book button.
    page.goto(base + closed.get_absolute_url())
    why = page.locator("#why-not")
    expect(why).to_contain_text(
        "You cannot book because this module is for Board members"
    )
    expect(page.get_by_role("button", name="Book a place")).to_have_count(0)
    check_page(page, "session page (cannot book)")

    # Full: the waiting list, with the position, and no "Success".
    page.goto(base + full_session.get_absolute_url())
    expect(page.locator("#why-not")).to_contain_text("the session is full")
    expect(page.get_by_role("button", name="Book a place")).to_have_count(0)
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.locator("#outcome")).to_have_text("You are on the waiting list")
    expect(page.locator("#position")).to_contain_text("Number 1 in the queue")
    expect(page.locator("main")).not_to_contain_text("Success")
    expect(page.locator(".govuk-panel--confirmation")).to_have_count(0)
    check_page(page, "waiting list outcome")

    # Book: the confirmation panel, what happens next, the calendar file.
    page.goto(base + open_session.get_absolute_url())
    check_page(page, "session page (bookable)")
    page.get_by_role("button", name="Book a place").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
    expect(page.locator("#calendar-link")).to_be_visible()
    check_page(page, "confirmation")
    booking = Booking.objects.get(session=open_session, staff=staff)
    ics = page.request.get(base + f"/bookings/{booking.pk}/calendar.ics")
    assert ics.status == 200 and b"BEGIN:VEVENT" in ics.body()

    # My training: both bookings, and the requirement links to sessions delivering it.
    page.goto(base + "/my-training/")
    expect(page.locator("#upcoming-bookings")).to_contain_text("Working with Families")
    expect(page.locator('[data-sessions-for="SA2.3"]')).to_contain_text(
        "Recognising and Raising a Concern"
    )
    check_page(page, "My training")

    # Cancelling asks first; the cancelled booking stays under "Past and cancelled".
    page.goto(base + f"/bookings/{booking.pk}/cancel/")
    expect(page.get_by_role("heading", name="Cancel your booking?")).to_be_visible()
    check_page(page, "cancel confirm")
    page.get_by_role("button", name="Yes, cancel the booking").click()
    expect(page).to_have_url(base + "/my-training/")
    expect(page.locator("#past-bookings")).to_contain_text(
        "Recognising and Raising a Concern"
    )


def test_link_request_and_the_coordinators_queues_on_a_phone(
    live_server,
    page: Page,
    default_locale,  # noqa: F811 (the imported fixture)
    home_page,
):
    from django.contrib.auth import get_user_model

    agency = AgencyFactory(short_name="SMBC", name="Sandwell Council")
    staff_with_login(
        agency=agency, username="coord.smbc", groups=["Training coordinators"]
    )
    manager = staff_with_login(agency=agency, username="manager.smbc")
    report = staff_with_login(agency=agency, line_manager=manager)
    session = SessionFactory(
        module=module_page(title="Making Safeguarding Personal"),
        start=in_days(25),
        end=in_days(25, 12),
        requires_manager_approval=True,
    )
    booking = booking_create(session=session, staff=report, booked_by=report.user)
    newcomer = get_user_model().objects.create_user(
        "new.person@smbc.example",
        email="new.person@smbc.example",
        password="correct-horse-battery",
    )
    base = live_server.url

    # No staff record: the session page points to the request, which is then "waiting".
    sign_in(page, base, newcomer.username)
    page.goto(base + session.get_absolute_url())
    page.get_by_role("link", name="Ask your agency's training coordinator").click()
    check_page(page, "link request form")
    page.get_by_label("Which agency do you work for?").select_option(
        label="Sandwell Council"
    )
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newman")
    page.get_by_label("Job title").fill("Support worker")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Request sent")
    check_page(page, "link request sent")
    page.goto(base + session.get_absolute_url())
    expect(page.locator("#why-not")).to_contain_text(
        "waiting for their training coordinator"
    )

    # The line manager sees the approval waiting, with its count.
    sign_in(page, base, "manager.smbc")
    page.goto(base + "/")
    page.locator(".govuk-service-navigation__toggle").click()
    expect(page.locator("#nav-approvals")).to_contain_text("1")
    page.locator("#nav-approvals").click()
    check_page(page, "approvals")

    # The coordinator: link requests with a count; answer one; cancel for a colleague.
    sign_in(page, base, "coord.smbc")
    page.goto(base + "/agency/link-requests/")
    check_page(page, "link requests")
    page.get_by_role("link", name="Answer").click()
    check_page(page, "link request detail")
    page.get_by_label("Create a new staff record").check()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is linked")
    page.goto(base + f"/bookings/{booking.pk}/cancel/")
    page.get_by_role("button", name="Yes, cancel the booking").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why")
    check_page(page, "cancel on behalf (error)")
    page.get_by_label("Why are you cancelling this booking?").fill("Rota change")
    page.get_by_role("button", name="Yes, cancel the booking").click()
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancel_note == "Rota change"
