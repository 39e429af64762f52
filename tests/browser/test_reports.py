"""The Sandwell board chair opens the reports, filters a period and downloads the board paper."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture
def default_locale(transactional_db):
    """As in test_booking.py: after an earlier transactional flush, create Wagtail's default
    locale ("en-gb") that cms.site.site_ensure does not."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )


def at(y, m, d, hour):
    return timezone.make_aware(datetime.datetime(y, m, d, hour))


def test_chair_filters_a_period_and_downloads_the_board_paper(
    live_server, page: Page, default_locale, home_page
):
    sandwell = f.AreaFactory(code="SAN", name="Sandwell")
    board = f.BoardFactory(
        name="Sandwell Safeguarding Adults Board", short_name="SSAB", area=sandwell
    )
    chair = f.UserFactory(username="chair.sandwell", groups=["Board chairs"])
    board.chairs.add(chair)
    council = f.AgencyFactory(
        name="Sandwell Council", short_name="SMBC", sector="local_authority"
    )
    council.areas.set([sandwell])
    staff = []
    for first in ("Asha", "Ben", "Chloe"):
        person = f.StaffMemberFactory(agency=council, first_name=first)
        person.areas.set([sandwell])
        staff.append(person)
    module = f.module_page(title="Making Safeguarding Personal")
    # One session in financial year 2025/26 (2 attended, 1 no-show), one the year after.
    for start, marks in (
        (at(2025, 9, 16, 10), ["attended", "attended", "absent"]),
        (at(2026, 6, 2, 10), ["attended", "attended", "attended"]),
    ):
        session = f.SessionFactory(
            module=module,
            start=start,
            end=start + datetime.timedelta(hours=3),
            capacity=12,
            status="completed",
        )
        for person, mark in zip(staff, marks, strict=True):
            f.BookingFactory(session=session, staff=person, attendance=mark)
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username or work email").fill("chair.sandwell")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Safeguarding training reports"
    )

    page.get_by_label("From", exact=True).fill("2025-04-01")
    page.get_by_label("To", exact=True).fill("2026-03-31")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/reports/\?start=2025-04-01&end=2026-03-31"))
    expect(page.locator('[data-figure="sessions"]')).to_have_text("1")
    expect(page.locator('[data-figure="attendances"]')).to_have_text("2")
    expect(page.locator('[data-figure="dna-rate"]')).to_have_text("33.3%")
    expect(page.get_by_text("01 Apr 2025 to 31 Mar 2026")).to_be_visible()
    # Training demand loads after the page (static/js/app.js), in place of its placeholder.
    demand = page.locator("#table-training-demand")
    expect(demand).to_be_visible()
    expect(demand.locator("tbody tr").last).to_contain_text("Total")
    expect(page.locator("[data-app-load]")).to_have_count(0)

    # The button queues a stored paper; the tasks backend is immediate, so it is ready.
    page.get_by_role("button", name="Board paper (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your board paper is ready"
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download board-paper-")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("board-paper-sandwell-")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Sandwell Safeguarding Adults Board" in text
    assert "Period: 01 Apr 2025 to 31 Mar 2026" in text
    assert "Making Safeguarding Personal 1 12 3 25.0 2 0 1 33.3" in text
    assert "Asha" not in text  # aggregates only
