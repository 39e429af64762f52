"""The police training coordinator imports a staff CSV through the Wagtail admin."""

import pytest
from playwright.sync_api import Page, expect

from competencies.models import StaffMember
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# No `home_page` fixture: the admin needs no site pages, and after an earlier transactional test
# has flushed the database, cms.site.site_ensure() currently fails (it creates Locale "en" while
# Wagtail looks up the "en-gb" default locale).


def test_coordinator_imports_staff_csv_preview_confirm_and_sees_them(
    live_server, page: Page, tmp_path
):
    wmp = f.AgencyFactory(
        name="West Midlands Police", short_name="WMP", email_domains="wmp.example"
    )
    wmp.areas.set([f.AreaFactory(code="BHM", name="Birmingham")])
    f.RoleProfileFactory(code="RP05", name="Police officer")
    f.coordinator_for(wmp, username="coordinator.wmp")
    other = f.AgencyFactory(short_name="BCC", email_domains="bcc.example")
    f.StaffMemberFactory(agency=other, last_name="Elsewhere", email="x@bcc.example")
    csv_path = write_csv(
        tmp_path / "wmp-staff.csv",
        [
            STAFF_HEADER,
            [
                "P1001",
                "Asha",
                "Begum",
                "asha.begum@wmp.example",
                "PC",
                "RP05",
                "BHM",
                "",
                "",
            ],
            [
                "P1002",
                "Tom",
                "Okafor",
                "tom.okafor@wmp.example",
                "PCSO",
                "RP05",
                "BHM",
                "asha.begum@wmp.example",
                "",
            ],
        ],
        bom=True,
    )

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("coordinator.wmp")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/competencies_staff/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Staff")
    expect(page.locator("body")).not_to_contain_text("Elsewhere")
    page.get_by_role("link", name="Import staff").click()

    page.get_by_label("File").set_input_files(str(csv_path))
    page.get_by_role("button", name="Upload and check").click()
    preview = page.locator("[data-import-preview]")
    expect(preview.locator('tr[data-status="new"]')).to_have_count(2)
    expect(page.locator("[data-import-counts]")).to_contain_text("2 new")
    assert StaffMember.objects.filter(agency=wmp).count() == 1  # only the coordinator

    page.get_by_role("button", name="Confirm import").click()
    # Next: invite the two people it added, in one action.
    expect(page.locator("body")).to_contain_text("2 new")
    expect(page.locator("[data-invite-count]")).to_contain_text("added 2 people")
    page.get_by_role("button", name="Invite everyone new (2)").click()
    expect(page).to_have_url(f"{live_server.url}/admin/competencies_staff/")
    expect(page.locator("body")).to_contain_text("Invited 2 people")
    expect(page.locator("body")).to_contain_text("asha.begum@wmp.example")
    expect(page.locator("body")).to_contain_text("tom.okafor@wmp.example")
    expect(page.locator("body")).not_to_contain_text("Elsewhere")

    # ...and on their own agency staff page, with their compliance.
    page.goto(f"{live_server.url}/agency/staff/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Staff and compliance")
    expect(page.locator("body")).to_contain_text("Asha")
    expect(page.locator("body")).to_contain_text("Tom")
    expect(page.locator("body")).not_to_contain_text("Elsewhere")
    assert (
        StaffMember.objects.get(employee_ref="P1002").line_manager.first_name == "Asha"
    )
