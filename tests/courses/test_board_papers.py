"""Stored board papers (issue 19): the dashboard's button queues a paper, the task renders it
step by step and stores the PDF privately, the paper's page shows progress and then the
download; only the requester (and administrators) may open it, within their scope today.

The tasks backend is immediate in tests, so a paper asked for is done when the request ends.
Most tests swap the PDF drawing for a stub (drawing takes seconds); the download test draws it.
"""

import io

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from competencies.models import Board
from courses.models import BoardPaper
from courses.reports.board_paper import board_paper_steps, render_board_paper
from courses.reports.filters import ReportFilterForm
from courses.reports.scope import report_scope_for
from courses.services import board_papers as services
from tests import factories as f

pytestmark = pytest.mark.django_db

STUB = b"%PDF-1.7 stub"


@pytest.fixture
def stub_pdf(monkeypatch):
    monkeypatch.setattr(
        "courses.reports.board_paper.render_pdf", lambda template, context: STUB
    )


def ask_for_paper(client, capture, query=""):
    with capture(execute=True):
        response = client.post(f"/reports/papers/{query}")
    assert response.status_code == 302
    return BoardPaper.objects.latest("pk"), response


def test_the_button_queues_a_paper_and_its_page_shows_it_done(
    client, partnership, stub_pdf, django_capture_on_commit_callbacks
):
    client.force_login(partnership["chair"])
    assert 'action="/reports/papers/?' in client.get("/reports/").content.decode()
    paper, response = ask_for_paper(
        client, django_capture_on_commit_callbacks, "?sector=police"
    )
    assert response["Location"] == f"/reports/papers/{paper.pk}/"
    assert paper.status == BoardPaper.Status.DONE
    assert (
        paper.steps_done
        == paper.steps_total
        == board_paper_steps(report_scope_for(partnership["chair"]))
    )
    assert paper.filters == "sector=police"
    assert paper.scope_kind == "board_chair"
    assert paper.area_ids == [partnership["san"].pk]
    assert paper.filename == (
        f"board-paper-sandwell-{timezone.localdate().isoformat()}.pdf"
    )
    html = client.get(response["Location"]).content.decode()
    assert "Your board paper is ready" in html
    assert f'href="/reports/papers/{paper.pk}/download/"' in html
    assert "js/board_paper.js" not in html  # nothing left to poll
    status = client.get(f"/reports/papers/{paper.pk}/status.json").json()
    assert status["finished"] and status["percent"] == 100
    assert status["download_url"] == f"/reports/papers/{paper.pk}/download/"
    # Listed among the user's papers; the request is in the audit log.
    assert paper.filename in client.get("/reports/papers/").content.decode()
    assert ModelLogEntry.objects.filter(
        action="courses.board_paper.request", object_id=str(paper.pk)
    ).exists()


def test_the_pdf_is_stored_where_no_url_serves_it(
    client, partnership, stub_pdf, django_capture_on_commit_callbacks
):
    client.force_login(partnership["chair"])
    paper, _response = ask_for_paper(client, django_capture_on_commit_callbacks)
    path = paper.file.path
    assert path.startswith(str(settings.PRIVATE_FILES_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        paper.file.storage.url(paper.file.name)  # the storage has no public address
    with paper.file.open("rb") as handle:
        assert handle.read() == STUB


def test_progress_is_reported_after_each_section(partnership):
    scope = report_scope_for(partnership["chair"])
    filters = ReportFilterForm({}, scope=scope).filters()
    seen = []
    body = render_board_paper(
        scope, filters, progress=lambda done, total: seen.append((done, total))
    )
    total = board_paper_steps(scope)
    assert seen == [(step, total) for step in range(1, total + 1)]
    assert body.startswith(b"%PDF-")


def test_a_paper_being_drawn_shows_its_step_and_polls(client, partnership):
    chair = partnership["chair"]
    scope = report_scope_for(chair)
    paper = services.board_paper_build(user=chair, scope=scope, querystring="")
    paper.status, paper.steps_done = BoardPaper.Status.RUNNING, 3
    paper.save()
    client.force_login(chair)
    html = client.get(f"/reports/papers/{paper.pk}/").content.decode()
    assert f"Step 3 of {paper.steps_total} done." in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "/static/js/board_paper.js" in html
    assert f'data-status-url="/reports/papers/{paper.pk}/status.json"' in html
    assert "<script>" not in html  # the CSP allows no inline script
    assert client.get(f"/reports/papers/{paper.pk}/download/").status_code == 404
    status = client.get(f"/reports/papers/{paper.pk}/status.json").json()
    assert status == {
        "status": "running",
        "status_label": "Being prepared",
        "steps_done": 3,
        "steps_total": paper.steps_total,
        "percent": 3 * 100 // paper.steps_total,
        "finished": False,
        "download_url": None,
    }


def test_the_download_is_the_paper_with_its_scope_and_date(
    client, partnership, django_capture_on_commit_callbacks
):
    client.force_login(partnership["chair"])
    paper, _response = ask_for_paper(client, django_capture_on_commit_callbacks)
    response = client.get(f"/reports/papers/{paper.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{paper.filename}"'
    )
    assert response["Cache-Control"] == "private, no-store"
    text = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "Sandwell Safeguarding Adults Board" in text
    assert "Amy" not in text  # aggregates only
    assert ModelLogEntry.objects.filter(
        action="courses.board_paper.download", object_id=str(paper.pk)
    ).exists()


def test_a_failed_rendering_says_so(
    client, partnership, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(template, context):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("courses.reports.board_paper.render_pdf", broken)
    client.force_login(partnership["chair"])
    paper, response = ask_for_paper(client, django_capture_on_commit_callbacks)
    assert paper.status == BoardPaper.Status.FAILED
    assert "RuntimeError: fonts missing" in paper.error
    html = client.get(response["Location"]).content.decode()
    assert "could not be prepared" in html
    assert client.get(f"/reports/papers/{paper.pk}/download/").status_code == 404


@pytest.fixture
def chairs_paper(partnership, stub_pdf, django_capture_on_commit_callbacks):
    chair = partnership["chair"]
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.board_paper_request(
            user=chair, scope=report_scope_for(chair), querystring=""
        )
    paper.refresh_from_db()
    assert paper.status == BoardPaper.Status.DONE
    return paper


URLS = ("/reports/papers/{}/", "/reports/papers/{}/status.json")


def paper_urls(paper):
    return [u.format(paper.pk) for u in (*URLS, "/reports/papers/{}/download/")]


def test_another_chair_cannot_open_the_paper(client, partnership, chairs_paper):
    other = f.UserFactory(username="chair.other", groups=["Board chairs"])
    partnership["board"].chairs.add(other)  # the same board, even
    client.force_login(other)
    for url in paper_urls(chairs_paper):
        assert client.get(url).status_code == 404, url
    assert chairs_paper.filename not in client.get("/reports/papers/").content.decode()


def test_a_coordinator_cannot_and_staff_are_refused(client, partnership, chairs_paper):
    client.force_login(partnership["coordinator"])
    for url in paper_urls(chairs_paper):
        assert client.get(url).status_code == 404, url
    client.force_login(f.UserFactory(username="someone", groups=["Staff"]))
    for url in [*paper_urls(chairs_paper), "/reports/papers/"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/reports/papers/").status_code == 403
    client.logout()
    assert client.get(paper_urls(chairs_paper)[0]).status_code == 302  # to sign in


def test_a_chair_who_lost_the_role_is_refused(client, partnership, chairs_paper):
    chair = partnership["chair"]
    partnership["board"].chairs.remove(chair)
    client.force_login(chair)
    for url in paper_urls(chairs_paper):
        assert client.get(url).status_code == 403, url


def test_a_chair_now_of_another_board_cannot_take_the_old_boards_paper(
    client, partnership, chairs_paper
):
    chair = partnership["chair"]
    partnership["board"].chairs.remove(chair)
    Board.objects.create(
        name="Solihull SAB", short_name="SOLSAB", area=partnership["sol"]
    ).chairs.add(chair)
    client.force_login(chair)
    for url in paper_urls(chairs_paper):
        assert client.get(url).status_code == 404, url


def test_an_administrator_may_open_anyones_paper(client, partnership, chairs_paper):
    admin = f.UserFactory(username="admin.papers")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    for url in paper_urls(chairs_paper):
        assert client.get(url).status_code == 200, url


def test_the_paper_page_uses_a_constant_number_of_queries(
    client, partnership, chairs_paper, django_assert_max_num_queries
):
    client.force_login(partnership["chair"])
    client.get(f"/reports/papers/{chairs_paper.pk}/")  # warm the content types
    # Session, user, the roles (groups, chaired boards) for the scope and the navigation,
    # the paper: the same for any paper, however many sections it has.
    with django_assert_max_num_queries(8):
        assert client.get(f"/reports/papers/{chairs_paper.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        client.get(f"/reports/papers/{chairs_paper.pk}/status.json")


def test_the_old_address_still_draws_the_paper_in_the_request(
    client, partnership, stub_pdf
):
    client.force_login(partnership["chair"])
    response = client.get("/reports/board-paper.pdf")
    assert response.content == STUB
    assert response["Content-Disposition"] == (
        f'attachment; filename="board-paper-sandwell-{timezone.localdate()}.pdf"'
    )
    assert not BoardPaper.objects.exists()
