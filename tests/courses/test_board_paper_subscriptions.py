"""Board paper subscriptions (issue 19): a chair subscribes monthly or quarterly on
/reports/subscriptions/, and `manage.py send_board_papers` (daily) emails the paper of the
last complete calendar month or quarter, Europe/London, once per subscription and period,
with the period in the subject and the PDF's filename."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from courses import policy
from courses.exceptions import ReportError
from courses.models import BoardPaper, BoardPaperSubscription
from courses.services import board_papers as services
from tests import factories as f

pytestmark = pytest.mark.django_db

UTC, LONDON = datetime.UTC, ZoneInfo("Europe/London")


def at(y, m, d, hour=9, minute=0, tz=LONDON):
    return datetime.datetime(y, m, d, hour, minute, tzinfo=tz)


# --- the period rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "now, frequency, label, start, end",
    [
        (at(2026, 12, 1, 0, 0), "monthly", "2026-11", (2026, 11, 1), (2026, 11, 30)),
        (at(2026, 11, 30, 23, 59), "monthly", "2026-10", (2026, 10, 1), (2026, 10, 31)),
        (at(2026, 3, 1), "monthly", "2026-02", (2026, 2, 1), (2026, 2, 28)),
        (at(2027, 1, 1, 0, 1), "monthly", "2026-12", (2026, 12, 1), (2026, 12, 31)),
        (at(2026, 10, 1, 0, 0), "quarterly", "2026-Q3", (2026, 7, 1), (2026, 9, 30)),
        (at(2026, 9, 30, 23, 59), "quarterly", "2026-Q2", (2026, 4, 1), (2026, 6, 30)),
        (at(2027, 1, 1), "quarterly", "2026-Q4", (2026, 10, 1), (2026, 12, 31)),
        (at(2026, 2, 14), "quarterly", "2025-Q4", (2025, 10, 1), (2025, 12, 31)),
        # Europe/London: 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time...
        (
            at(2026, 6, 30, 23, 30, UTC),
            "monthly",
            "2026-06",
            (2026, 6, 1),
            (2026, 6, 30),
        ),
        (
            at(2026, 6, 30, 23, 30, UTC),
            "quarterly",
            "2026-Q2",
            (2026, 4, 1),
            (2026, 6, 30),
        ),
        # ...but in winter (GMT) 23:30 UTC on 31 December is still 31 December.
        (
            at(2026, 12, 31, 23, 30, UTC),
            "quarterly",
            "2026-Q3",
            (2026, 7, 1),
            (2026, 9, 30),
        ),
        (
            at(2026, 12, 31, 23, 30, UTC),
            "monthly",
            "2026-11",
            (2026, 11, 1),
            (2026, 11, 30),
        ),
    ],
)
def test_a_paper_covers_the_last_complete_month_or_quarter(
    now, frequency, label, start, end
):
    period = policy.period_due(frequency, now=now)
    assert period.label == label
    assert period.start == datetime.date(*start)
    assert period.end == datetime.date(*end)
    assert policy.period_from_label(label) == period


def test_period_titles():
    assert policy.period_from_label("2026-11").title == "November 2026"
    assert policy.period_from_label("2026-Q3").title == "July to September 2026 (Q3)"


# --- subscribing ------------------------------------------------------------------------------


def subscribe(client, frequency="quarterly", **filters):
    return client.post("/reports/subscriptions/", {"frequency": frequency, **filters})


def test_a_chair_subscribes_sees_it_listed_and_it_is_audited(client, partnership):
    client.force_login(partnership["chair"])
    page = client.get("/reports/subscriptions/")
    assert page.status_code == 200
    assert 'name="start"' not in page.content.decode()  # the period fixes the dates
    response = subscribe(client, agency=partnership["police"].pk)
    assert response.status_code == 302
    subscription = BoardPaperSubscription.objects.get()
    assert subscription.user == partnership["chair"]
    assert subscription.frequency == "quarterly"
    assert subscription.filters == f"agency={partnership['police'].pk}"
    assert subscription.filters_description == "Agency: Police Force"
    html = client.get("/reports/subscriptions/").content.decode()
    assert "Quarterly (the previous calendar quarter)" in html
    assert "Agency: Police Force" in html
    assert ModelLogEntry.objects.filter(
        action="courses.board_paper.subscribe", object_id=str(subscription.pk)
    ).exists()


def test_the_form_says_what_is_wrong(client, partnership):
    client.force_login(partnership["chair"])
    response = subscribe(client, frequency="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Choose monthly or quarterly" in html
    # An agency outside the chair's areas (Solihull only) is not a choice.
    response = subscribe(client, agency=partnership["charity"].pk)
    assert "There is a problem" in response.content.decode()
    assert not BoardPaperSubscription.objects.exists()


def test_a_coordinator_cannot_subscribe_and_staff_are_refused(client, partnership):
    client.force_login(partnership["coordinator"])
    assert client.get("/reports/subscriptions/").status_code == 403
    assert subscribe(client).status_code == 403
    with pytest.raises(ReportError) as error:
        services.subscription_create(
            user=partnership["coordinator"], frequency="monthly", querystring=""
        )
    assert error.value.code == "NOT_SUBSCRIBER"
    client.force_login(f.UserFactory(username="staff.only", groups=["Staff"]))
    assert client.get("/reports/subscriptions/").status_code == 403
    assert not BoardPaperSubscription.objects.exists()
    # The dashboard offers the subscription to chairs only.
    client.force_login(partnership["coordinator"])
    assert "/reports/subscriptions/" not in client.get("/reports/").content.decode()


def test_unsubscribe_asks_first(client, partnership):
    chair = partnership["chair"]
    subscription = services.subscription_create(
        user=chair, frequency="monthly", querystring=""
    )
    url = f"/reports/subscriptions/{subscription.pk}/unsubscribe/"
    other = f.UserFactory(username="chair.two", groups=["Board chairs"])
    partnership["board"].chairs.add(other)
    client.force_login(other)
    assert client.get(url).status_code == 404  # not theirs
    assert client.post(url).status_code == 404
    client.force_login(chair)
    page = client.get(url).content.decode()
    assert "Stop this board paper?" in page and "Yes, unsubscribe" in page
    assert BoardPaperSubscription.objects.exists()
    assert client.post(url).status_code == 302
    assert not BoardPaperSubscription.objects.exists()
    assert ModelLogEntry.objects.filter(
        action="courses.board_paper.unsubscribe"
    ).exists()


# --- sending -----------------------------------------------------------------------------------


@pytest.fixture
def stub_pdf(monkeypatch):
    monkeypatch.setattr(
        "courses.reports.board_paper.render_pdf",
        lambda template, context: (
            b"%PDF-1.7 stub " + str(context["filters"].start).encode()
        ),
    )


def send(capture, now):
    with capture(execute=True):
        return services.board_papers_send_due(now=now)


def test_the_due_paper_is_emailed_once_with_the_period_in_its_name(
    partnership, stub_pdf, django_capture_on_commit_callbacks
):
    chair = partnership["chair"]
    services.subscription_create(user=chair, frequency="quarterly", querystring="")
    services.subscription_create(user=chair, frequency="monthly", querystring="")
    now = at(2026, 10, 1, 6)
    assert send(django_capture_on_commit_callbacks, now)["queued"] == 2
    assert len(mail.outbox) == 2
    quarterly, monthly = mail.outbox
    assert quarterly.to == [chair.email]
    assert quarterly.subject == "Board paper: Sandwell, July to September 2026 (Q3)"
    ((name, content, mimetype),) = quarterly.attachments
    assert name == "board-paper-sandwell-2026-Q3.pdf"
    assert mimetype == "application/pdf"
    assert content == b"%PDF-1.7 stub 2026-07-01"  # drawn for the quarter's dates
    assert monthly.subject == "Board paper: Sandwell, September 2026"
    assert monthly.attachments[0][0] == "board-paper-sandwell-2026-09.pdf"
    assert "/reports/subscriptions/" in quarterly.body

    # The same day again, and the rest of the quarter: nothing more (the monthly one only
    # when October is complete).
    assert send(django_capture_on_commit_callbacks, now)["already"] == 2
    send(django_capture_on_commit_callbacks, at(2026, 10, 31, 23))
    assert len(mail.outbox) == 2
    send(django_capture_on_commit_callbacks, at(2026, 11, 1, 6))
    assert [m.attachments[0][0] for m in mail.outbox[2:]] == [
        "board-paper-sandwell-2026-10.pdf"
    ]
    papers = BoardPaper.objects.filter(subscription__isnull=False)
    assert papers.count() == 3 and all(p.emailed_at for p in papers)
    assert ModelLogEntry.objects.filter(action="courses.board_paper.send").count() == 3
    # The papers sent are also the subscriber's stored papers.
    assert set(papers) <= set(policy.board_papers_visible_to(chair))


def test_a_subscriber_without_the_role_is_skipped_and_named(
    partnership, stub_pdf, django_capture_on_commit_callbacks
):
    chair = partnership["chair"]
    services.subscription_create(user=chair, frequency="monthly", querystring="")
    partnership["board"].chairs.remove(chair)
    result = send(django_capture_on_commit_callbacks, at(2026, 12, 1))
    assert result["queued"] == 0
    ((_pk, why),) = result["skipped"]
    assert "chair no longer holds" in why
    assert not mail.outbox and not BoardPaper.objects.exists()


def test_a_failed_paper_is_tried_again_next_day(
    partnership, monkeypatch, django_capture_on_commit_callbacks
):
    chair = partnership["chair"]
    services.subscription_create(user=chair, frequency="monthly", querystring="")

    def broken(template, context):
        raise OSError("disk full")

    monkeypatch.setattr("courses.reports.board_paper.render_pdf", broken)
    send(django_capture_on_commit_callbacks, at(2026, 12, 1))
    assert BoardPaper.objects.get().status == "failed" and not mail.outbox
    monkeypatch.setattr(
        "courses.reports.board_paper.render_pdf", lambda template, context: b"%PDF-"
    )
    send(django_capture_on_commit_callbacks, at(2026, 12, 2))
    paper = BoardPaper.objects.get()
    assert paper.status == "done" and paper.emailed_at
    assert len(mail.outbox) == 1


def test_the_command_sends_a_real_pdf(partnership, django_capture_on_commit_callbacks):
    chair = partnership["chair"]
    services.subscription_create(user=chair, frequency="quarterly", querystring="")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_board_papers", stdout=out)
    assert "Board papers queued: 1" in out.getvalue()
    period = policy.period_due("quarterly")
    (message,) = mail.outbox
    ((name, content, _mimetype),) = message.attachments
    assert name == f"board-paper-sandwell-{period.label}.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert f"Period: {period.start:%d %b %Y} to {period.end:%d %b %Y}" in " ".join(
        text.split()
    )
    out = io.StringIO()
    call_command("send_board_papers", stdout=out)
    assert "Board papers queued: 0; already sent or on their way: 1" in out.getvalue()
    assert len(mail.outbox) == 1
