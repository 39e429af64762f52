"""A board chair subscribes to the quarterly board paper, the daily command sends it and the
email arrives with the PDF, the quarter in its name; and the chair asks for a paper on the
dashboard and finds it ready with a download link (issue 19). A small world: one area, one
agency, two people."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from courses import policy
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture
def chair(transactional_db):
    sandwell = f.AreaFactory(code="SAN", name="Sandwell")
    board = f.BoardFactory(
        name="Sandwell Safeguarding Adults Board", short_name="SSAB", area=sandwell
    )
    chair = f.UserFactory(
        username="chair.sandwell",
        email="chair.sandwell@sandwell.example",
        groups=["Board chairs"],
    )
    board.chairs.add(chair)
    council = f.AgencyFactory(
        name="Sandwell Council", short_name="SMBC", sector="local_authority"
    )
    council.areas.set([sandwell])
    for first in ("Asha", "Ben"):
        f.StaffMemberFactory(agency=council, first_name=first).areas.set([sandwell])
    return chair


def sign_in(page: Page, base: str):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username or work email").fill("chair.sandwell")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Safeguarding training reports"
    )


def test_chair_subscribes_quarterly_and_the_paper_arrives_by_email(
    live_server, page: Page, chair
):
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Get the board paper by email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Board paper by email")
    page.get_by_label("Quarterly (the previous calendar quarter)").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Subscribed: Quarterly")).to_be_visible()
    expect(page.get_by_role("link", name="Unsubscribe Quarterly")).to_be_visible()

    mail.outbox = []
    call_command("send_board_papers", verbosity=0)
    period = policy.period_due("quarterly")
    (message,) = mail.outbox
    assert message.to == ["chair.sandwell@sandwell.example"]
    assert message.subject == f"Board paper: Sandwell, {period.title}"
    ((name, content, mimetype),) = message.attachments
    assert name == f"board-paper-sandwell-{period.label}.pdf"
    assert re.fullmatch(r"board-paper-sandwell-\d{4}-Q[1-4]\.pdf", name)
    assert mimetype == "application/pdf" and content.startswith(b"%PDF-")


def test_chair_asks_for_the_board_paper_and_downloads_it_when_ready(
    live_server, page: Page, chair
):
    sign_in(page, live_server.url)
    page.get_by_role("button", name="Board paper (PDF)").click()
    expect(page).to_have_url(re.compile(r"/reports/papers/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your board paper is ready"
    )
    expected = f"board-paper-sandwell-{timezone.localdate().isoformat()}.pdf"
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download {expected} (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == expected
    with open(download.path(), "rb") as pdf:
        assert pdf.read().startswith(b"%PDF-")
    page.get_by_role("link", name="Your board papers").first.click()
    expect(page.get_by_role("link", name=expected)).to_be_visible()


def test_the_progress_page_follows_the_worker_without_csp_violations(
    live_server, page: Page, chair
):
    """As with the database backend in production: the page shows the step the worker has
    reached, and once the paper is ready the script brings up the download link."""
    from django.core.files.base import ContentFile

    from courses.models import BoardPaper
    from courses.reports.scope import report_scope_for
    from courses.services.board_papers import board_paper_build

    paper = board_paper_build(user=chair, scope=report_scope_for(chair), querystring="")
    paper.status, paper.steps_done = BoardPaper.Status.RUNNING, 2
    paper.save()
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/reports/papers/{paper.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Preparing your board paper"
    )
    BoardPaper.objects.filter(pk=paper.pk).update(steps_done=4)
    expect(page.get_by_text(f"Step 4 of {paper.steps_total} done")).to_be_visible()
    paper.file.save(paper.filename, ContentFile(b"%PDF-1.7 stand-in"), save=False)
    BoardPaper.objects.filter(pk=paper.pk).update(
        file=paper.file.name, status=BoardPaper.Status.DONE, finished_at=timezone.now()
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your board paper is ready"
    )
    expect(
        page.get_by_role("link", name=f"Download {paper.filename} (PDF)")
    ).to_be_visible()
    assert violations == []
