"""A training coordinator in the Wagtail admin sees their own agency's staff, and editing the
URL to another agency's staff member or certificate gives a not-found page that names nobody."""

import pytest
from playwright.sync_api import Page, expect

from courses.models import Certificate
from courses.roles import permissions_grant
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def default_locale(transactional_db):
    """As in test_booking.py: after an earlier transactional test flushed the database, the
    default "en-gb" locale Wagtail looks up must be created again before pages are."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )


@pytest.fixture
def two_agencies(default_locale, home_page):
    wmp = f.AgencyFactory(
        name="West Midlands Police", short_name="WMP", email_domains="wmp.example"
    )
    bcc = f.AgencyFactory(
        name="Birmingham City Council", short_name="BCC", email_domains="bcc.example"
    )
    f.coordinator_for(wmp, username="coordinator.wmp")
    permissions_grant()  # coordinators may look at certificates
    ours = f.staff_with_login(agency=wmp, first_name="Asha", last_name="Ourofficer")
    theirs = f.staff_with_login(
        agency=bcc,
        first_name="Brendan",
        last_name="Theirworker",
    )
    trainer = f.UserFactory(username="trainer.scoping", groups=["Trainers"])
    f.session_completed(trainer=trainer, staff=[ours, theirs], marks=["attended"] * 2)
    return {
        "ours": ours,
        "theirs": theirs,
        "our_certificate": Certificate.objects.get(staff=ours),
        "their_certificate": Certificate.objects.get(staff=theirs),
    }


def test_coordinator_cannot_open_another_agencys_staff_or_certificate_by_url(
    live_server, page: Page, two_agencies
):
    base = live_server.url
    page.goto(f"{base}/admin/")
    page.get_by_label("Username").fill("coordinator.wmp")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/admin/")

    # The staff listing: our agency's people, nobody else's.
    page.goto(f"{base}/admin/competencies_staff/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Staff")
    body = page.locator("body")
    expect(body).to_contain_text("Ourofficer")
    expect(body).not_to_contain_text("Theirworker")

    # Our own staff member opens for editing...
    ours, theirs = two_agencies["ours"], two_agencies["theirs"]
    page.get_by_role("link", name="Ourofficer").first.click()
    expect(page).to_have_url(f"{base}/admin/competencies_staff/edit/{ours.pk}/")
    expect(page.get_by_label("Last name")).to_have_value("Ourofficer")

    # ...but with the other agency's id typed into the address bar: not found, no name.
    response = page.goto(f"{base}/admin/competencies_staff/edit/{theirs.pk}/")
    assert response is not None and response.status == 404
    expect(body).not_to_contain_text("Theirworker")
    expect(body).not_to_contain_text("Brendan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Error 404")
    expect(body).to_contain_text("The requested page could not be found.")

    # The same for certificates: ours inspects, theirs is not found.
    ours_cert = two_agencies["our_certificate"]
    response = page.goto(f"{base}/admin/courses_certificate/inspect/{ours_cert.pk}/")
    assert response is not None and response.status == 200
    expect(body).to_contain_text(ours_cert.number)
    theirs_cert = two_agencies["their_certificate"]
    response = page.goto(f"{base}/admin/courses_certificate/inspect/{theirs_cert.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Error 404")
    expect(body).not_to_contain_text(theirs_cert.number)
    expect(body).not_to_contain_text("Theirworker")
