"""End to end: staff.wmp books a session and sees it in My training; the trainer marks them
attended and completes the session; staff.wmp now sees the competency as met, downloads the
certificate, and anyone can verify it from the address printed under its QR code."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from courses.models import Session
from tests.factories import (
    AgencyFactory,
    CompetencyFactory,
    RequirementFactory,
    SessionFactory,
    UserFactory,
    module_page,
    staff_with_login,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def default_locale(transactional_db):
    """cms.site.site_ensure creates Locale "en", but Wagtail looks up the default "en-gb"; after
    an earlier transactional test flushed the migration-made locale, create the right one."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )


def sign_in(page: Page, base: str, username: str):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username or work email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_book_attend_complete_and_competency_met(
    live_server, page: Page, default_locale, home_page
):
    competency = CompetencyFactory(code="SA2.3", title="Raising a concern")
    requirement = RequirementFactory(competency=competency, min_level=2)
    trainer = UserFactory(username="trainer", groups=["Trainers"])
    police = AgencyFactory(short_name="WMP", name="West Midlands Police")
    staff = staff_with_login(
        agency=police,
        username="staff.wmp",
        first_name="Priya",
        last_name="Patel",
        role_profile=requirement.role_profile,
    )
    module = module_page(
        title="Recognising and Raising a Concern", delivers=[(competency, 2)]
    )
    start = (timezone.now() + datetime.timedelta(days=14)).replace(microsecond=0)
    session = SessionFactory(
        module=module,
        start=start,
        end=start + datetime.timedelta(hours=3),
        trainers=[trainer],
    )
    base = live_server.url

    sign_in(page, base, "staff.wmp")
    page.goto(f"{base}/sessions/")
    page.get_by_role("link", name="Recognising and Raising a Concern").click()
    expect(page.locator("#places-left")).to_contain_text("20 of 20")
    page.get_by_role("button", name="Book a place").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Booking confirmed")
    page.get_by_role("link", name="Go to My training").click()
    expect(page).to_have_url(f"{base}/my-training/")
    upcoming = page.locator("#upcoming-bookings")
    expect(upcoming).to_contain_text("Recognising and Raising a Concern")
    expect(upcoming).to_contain_text("Confirmed")
    expect(page.locator("#requirements")).to_contain_text("Missing")

    # the day comes: the session is under way
    begun = timezone.now() - datetime.timedelta(hours=3)
    Session.objects.filter(pk=session.pk).update(
        start=begun, end=begun + datetime.timedelta(hours=2)
    )

    sign_in(page, base, "trainer")
    page.goto(f"{base}/sessions/{session.pk}/register/")
    page.get_by_role("radio", name="Attended", exact=True).check()
    page.get_by_role("button", name="Save and check before completing").click()
    page.get_by_role("button", name="Confirm and complete the session").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Session completed: 1 attended"
    )

    sign_in(page, base, "staff.wmp")
    page.goto(f"{base}/my-training/")
    expect(page.locator("#requirements")).to_contain_text("Met")
    expect(page.locator("#past-bookings")).to_contain_text("Attended")
    assert staff.records.filter(competency=competency, level=2).count() == 1

    # The certificate: listed on My training, downloaded as a PDF that names them.
    certificates = page.locator("#certificate-list")
    expect(certificates).to_contain_text("Recognising and Raising a Concern")
    link = certificates.get_by_role("link", name="PDF").first
    response = page.request.get(base + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text()
    assert "Priya Patel" in text
    assert "SA2.3" in text
    code = text.split("Verification code ")[1].split()[
        0
    ]  # as printed, e.g. ABCD-EFGH-...

    # Anyone, signed in or not, checks it by typing the printed code in at /verify/.
    page.context.clear_cookies()
    page.goto(base + "/verify/")
    page.get_by_label("Verification code").fill(code)
    page.get_by_role("button", name="Check the code").click()
    expect(page.locator("#verify-status")).to_contain_text("Valid")
    expect(page.locator("#certificate-face")).to_contain_text("Priya Patel")
    expect(page.locator("#certificate-face")).not_to_contain_text(
        "West Midlands Police"
    )
