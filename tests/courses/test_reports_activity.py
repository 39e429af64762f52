"""Board reports, activity part: sessions, places, attendance, mix, evaluation, trends, charges.

The `activity` fixture adds sessions to the hand-counted `partnership` (tests/courses/conftest.py)
and every figure below was counted by hand. Period: financial year 2025/26 (?start=2025-04-01
&end=2026-03-31).

Staff (agency, areas): Amy, Bob (Police Force; Amy SAN, Bob SAN+SOL), Fay (Police, SOL only),
Cat, Gus (Sandwell Council, SAN), Dan, Hal (Solihull Charity, SOL).
Sectors: Police = police, Sandwell Council = local authority, Solihull Charity = voluntary.

Sessions (A = "Raising a Concern", B = "Mental Capacity in Practice"):

  S1  A, 12 May 2025 10:00-13:00 (half day, £25), 10 places, completed
      confirmed: Amy attended, Bob attended, Dan attended, Gus partial, Cat absent
      Fay cancelled late
      evaluations: Amy 5 (4->7), Bob 4 (5->7), Dan 3 (6->6)
  S2  B, 4 Nov 2025 09:30-16:30 (full day, £50), 8 places, completed
      confirmed: Cat attended, Gus attended, Fay attended, Amy absent, Hal absent
      Bob cancelled in good time (not late)
      evaluations: Cat 5 (3->8), Fay 2 (5->5)
  S3  A, 10 Feb 2026 13:00-16:00, 7 places, completed, session charge £10 (override)
      confirmed: Hal attended, Cat attended, Bob absent, Dan absent; Gus cancelled late
      evaluations: Hal 4 (2->6)
  S4  A, 3 Mar 2026 10:00-12:00 (£25), 10 places, completed: Dan, Hal attended; Fay absent
      (no one who works in Sandwell)
  S5  B, 1 Jun 2025, cancelled session: Cat had cancelled late, Amy's place went with it
      (not delivered: counts nowhere, charges nothing)
  S6  A, 10 May 2026, completed but outside the period: Amy attended, Cat absent
  S7  A, 30 Mar 2026, still scheduled: Amy confirmed (not delivered)

Sandwell chair: staff in scope Amy, Bob, Cat, Gus. Sessions with one of them confirmed at the
start: S1, S2, S3 (S4 has none).
  places offered 10 + 8 + 7 = 25; booked (whole sessions) 5 + 5 + 4 = 14; fill 14/25 = 56.0%
  attendance in scope: S1 att 2 (Amy, Bob), partial 1 (Gus), absent 1 (Cat)
                       S2 att 2 (Cat, Gus), absent 1 (Amy)
                       S3 att 1 (Cat), absent 1 (Bob)
    -> attended 5, partial 1, absent 3, DNA 3/9 = 33.3%; unique learners Amy, Bob, Cat, Gus = 4
  by agency: Police Force (Amy, Bob): places booked 5 (Amy S1, S2; Bob S1, S2, S3), late 0 (0.0%),
             confirmed at start 4, attended 2, partial 0, absent 2, DNA 2/4 = 50.0%
             Sandwell Council (Cat, Gus): booked 6 (Cat S1, S2, S3; Gus S1, S2, S3), late 1
             (Gus S3) = 16.7%, confirmed 5, attended 3, partial 1, absent 1, DNA 1/5 = 20.0%
             all: booked 11, late 1 = 9.1%, confirmed 9, 5 / 1 / 3, 33.3%
  by module: B (S2): 1 session, 8 offered, 5 booked, 62.5%, att 2, partial 0, absent 1, 33.3%
             A (S1, S3): 2 sessions, 17 offered, 9 booked, 52.9%, att 3, partial 1, absent 2, 33.3%
  mix (attended or partial, whole session):
             S1: 4 attendees (Amy, Bob POL; Dan CHAR; Gus SMBC): 3 agencies, 3 sectors, 50.0%, Yes
             S2: 3 (Cat, Gus SMBC; Fay POL): 2 agencies, 2 sectors, 66.7%, No
             S3: 2 (Hal CHAR; Cat SMBC): 2 agencies, 2 sectors, 50.0%, No
             three or more sectors: 1 of 3 (33.3%)
  evaluation (attendees in scope, full or partial):
             A: attendees Amy, Bob, Gus (S1), Cat (S3) = 4; responses Amy, Bob = 2 (50.0%);
                rating (5+4)/2 = 4.5; rated 4-5 2/2 = 100.0%; before 4.5, after 7.0, change 2.5
             B: attendees Cat, Gus = 2; responses Cat = 1 (50.0%); 5.0; 100.0%; 3.0, 8.0, 5.0
             all: 6 attendees, 3 responses (50.0%), 14/3 = 4.67, 100.0%, 12/3 = 4.0,
                  22/3 = 7.33, change 10/3 = 3.33
  by month: May 2025 (S1) 1, 10, 5, 50.0%, 2, 1, 1, 25.0%; Nov 2025 (S2) 1, 8, 5, 62.5%,
            2, 0, 1, 33.3%; Feb 2026 (S3) 1, 7, 4, 57.1%, 1, 0, 1, 50.0%; nine months of zeros
  by quarter: Apr-Jun 2025 = S1, Jul-Sep 2025 zeros, Oct-Dec 2025 = S2, Jan-Mar 2026 = S3

Sandwell Council's coordinator (Cat, Gus): the same three sessions (25 offered, 14 booked), attended
3, partial 1, absent 1 (DNA 20.0%).

Charges in the period (no-shows and late cancellations on completed sessions):
  Police Force: Fay S1 late £25, Amy S2 £50, Bob S3 £10, Fay S4 £25 = 4 charges £110.00
  Sandwell Council: Cat S1 £25, Gus S3 late £10 = 2 charges £35.00
  Solihull Charity: Hal S2 £50, Dan S3 £10 = 2 charges £60.00
  all: 8 charges, £205.00. (S5 was cancelled, S6 is outside the period: no charge.)
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from courses.models import Booking, BookingSettings, Session
from tests import factories as f
from tests.exports import about, csv_rows, sheet_values, workbook

pytestmark = pytest.mark.django_db

PERIOD = "start=2025-04-01&end=2026-03-31"


def at(y, m, d, hour, minute=0):
    return timezone.make_aware(datetime.datetime(y, m, d, hour, minute))


@pytest.fixture
def activity(partnership):
    p = partnership

    def person(first, agency, areas):
        staff = f.StaffMemberFactory(
            first_name=first,
            last_name="Example",
            agency=agency,
            role_profile=p["profile"],
        )
        staff.areas.set(areas)
        return staff

    fay = person("Fay", p["police"], [p["sol"]])
    gus = person("Gus", p["council"], [p["san"]])
    hal = person("Hal", p["charity"], [p["sol"]])
    amy, bob, cat, dan = p["amy"], p["bob"], p["cat"], p["dan"]
    module_a = f.module_page(title="Raising a Concern")
    module_b = f.module_page(title="Mental Capacity in Practice")

    def session(module, start, hours, capacity, status="completed", **kw):
        return f.SessionFactory(
            module=module,
            start=start,
            end=start + datetime.timedelta(hours=hours),
            capacity=capacity,
            status=status,
            **kw,
        )

    def book(s, staff, attendance="", **kw):
        return f.BookingFactory(session=s, staff=staff, attendance=attendance, **kw)

    def late(s, staff, is_late=True):
        return book(
            s,
            staff,
            status=Booking.Status.CANCELLED,
            cancel_reason=Booking.CancelReason.BY_STAFF,
            late_cancellation=is_late,
            cancelled_at=s.start - datetime.timedelta(days=1 if is_late else 10),
        )

    def evaluate(booking, rating, before, after):
        f.EvaluationFactory(
            booking=booking,
            overall_rating=rating,
            confidence_before=before,
            confidence_after=after,
        )

    s1 = session(module_a, at(2025, 5, 12, 10), 3, 10)
    evaluate(book(s1, amy, "attended"), 5, 4, 7)
    evaluate(book(s1, bob, "attended"), 4, 5, 7)
    evaluate(book(s1, dan, "attended"), 3, 6, 6)
    book(s1, gus, "partial")
    book(s1, cat, "absent")
    late(s1, fay)

    s2 = session(module_b, at(2025, 11, 4, 9, 30), 7, 8)
    evaluate(book(s2, cat, "attended"), 5, 3, 8)
    book(s2, gus, "attended")
    evaluate(book(s2, fay, "attended"), 2, 5, 5)
    book(s2, amy, "absent")
    book(s2, hal, "absent")
    late(s2, bob, is_late=False)

    s3 = session(module_a, at(2026, 2, 10, 13), 3, 7, no_show_charge=Decimal("10"))
    evaluate(book(s3, hal, "attended"), 4, 2, 6)
    book(s3, cat, "attended")
    book(s3, bob, "absent")
    book(s3, dan, "absent")
    late(s3, gus)

    s4 = session(module_a, at(2026, 3, 3, 10), 2, 10)
    book(s4, dan, "attended")
    book(s4, hal, "attended")
    book(s4, fay, "absent")

    s5 = session(module_b, at(2025, 6, 1, 10), 3, 10, status="cancelled")
    late(s5, cat)
    book(
        s5,
        amy,
        status=Booking.Status.CANCELLED,
        cancel_reason=Booking.CancelReason.SESSION_CANCELLED,
    )

    s6 = session(module_a, at(2026, 5, 10, 10), 3, 10)
    book(s6, amy, "attended")
    book(s6, cat, "absent")

    s7 = session(module_a, at(2026, 3, 30, 10), 3, 10, status="scheduled")
    book(s7, amy)

    admin = f.UserFactory(username="boss", is_superuser=True, is_staff=True)
    return {**p, **locals()}


def rows_of(response):
    assert response.status_code == 200
    return csv_rows(response)


def table_of(rows, first_header):
    """The table, its header on line 1: {first cell: the other cells}."""
    assert rows[0][0] == first_header
    return {r[0]: r[1:] for r in rows[1:] if r and r[0]}


def xlsx_rows(response):
    """The table's sheet (the first), its header on row 1 and frozen."""
    sheet = workbook(response).worksheets[0]
    assert sheet.freeze_panes == "A2"
    return sheet_values(sheet)


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- the Sandwell chair: hand-counted figures in every format ------------------------------


def test_chair_dashboard_headline_activity_figures(client, activity):
    client.force_login(activity["chair"])
    response = client.get(f"/reports/?{PERIOD}")
    assert response.status_code == 200
    html = response.content.decode()
    for figure, value in {
        "sessions": "3",
        "fill-rate": "56.0%",
        "attendances": "5",
        "dna-rate": "33.3%",
        "late-cancellations": "1",
        "three-sectors": "33.3%",
        "evaluation": "4.67",
        "confidence-change": "+3.33",
    }.items():
        assert f'data-figure="{figure}">{value}<' in html, figure
    assert "fill rate (14 of 25 places)" in html
    assert "attendances (4 learners)" in html
    assert "late cancellations (9.1%)" in html
    # Both charts are on the page, each with the table as its text alternative.
    assert "Attendance over time: chart." in html
    assert "Sessions by the number of sectors attending: chart." in html


def test_chair_csv_activity_by_module(client, activity):
    client.force_login(activity["chair"])
    rows = rows_of(client.get(f"/reports/activity-by-module.csv?{PERIOD}"))
    assert table_of(rows, "Module") == {
        "Mental Capacity in Practice": ["1", "8", "5", "62.5", "2", "0", "1", "33.3"],
        "Raising a Concern": ["2", "17", "9", "52.9", "3", "1", "2", "33.3"],
        "All modules": ["3", "25", "14", "56.0", "5", "1", "3", "33.3"],
    }
    # What the table is goes above it only when asked, and in the XLSX's About sheet.
    about_csv = rows_of(client.get(f"/reports/activity-by-module.csv?{PERIOD}&about=1"))
    assert ["Period", "01 Apr 2025 to 31 Mar 2026"] == about_csv[2][:2]
    assert table_of(about_csv[about_csv.index(rows[0]) :], "Module") == table_of(
        rows, "Module"
    )
    about_xlsx = about(client.get(f"/reports/activity-by-module.xlsx?{PERIOD}"))
    assert ["Period", "01 Apr 2025 to 31 Mar 2026"] in about_xlsx


def test_chair_csv_attendance_by_agency(client, activity):
    client.force_login(activity["chair"])
    rows = rows_of(client.get(f"/reports/attendance-by-agency.csv?{PERIOD}"))
    assert table_of(rows, "Agency") == {
        "Police Force": ["5", "0", "0.0", "4", "2", "0", "2", "50.0"],
        "Sandwell Council": ["6", "1", "16.7", "5", "3", "1", "1", "20.0"],
        "All agencies": ["11", "1", "9.1", "9", "5", "1", "3", "33.3"],
    }


def test_chair_csv_multi_agency_mix(client, activity):
    client.force_login(activity["chair"])
    rows = rows_of(client.get(f"/reports/multi-agency-mix.csv?{PERIOD}"))
    assert table_of(rows, "Session") == {
        "12 May 2025 Raising a Concern": ["4", "3", "3", "50.0", "Yes"],
        "4 Nov 2025 Mental Capacity in Practice": ["3", "2", "2", "66.7", "No"],
        "10 Feb 2026 Raising a Concern": ["2", "2", "2", "50.0", "No"],
        "Sessions with three or more sectors": ["", "", "", "", "1 of 3 (33.3%)"],
    }


def test_chair_csv_evaluation_by_module(client, activity):
    client.force_login(activity["chair"])
    rows = rows_of(client.get(f"/reports/evaluation-by-module.csv?{PERIOD}"))
    assert table_of(rows, "Module") == {
        "Mental Capacity in Practice": [
            *("2", "1", "50.0", "5.0", "100.0", "3.0", "8.0", "5.0")
        ],
        "Raising a Concern": ["4", "2", "50.0", "4.5", "100.0", "4.5", "7.0", "2.5"],
        "All modules": ["6", "3", "50.0", "4.67", "100.0", "4.0", "7.33", "3.33"],
    }


def test_chair_xlsx_trends_by_month_and_quarter_as_numbers(client, activity):
    client.force_login(activity["chair"])
    months = {
        r[0]: r[1:9]
        for r in xlsx_rows(client.get(f"/reports/activity-by-month.xlsx?{PERIOD}"))
    }
    assert months["May 2025"] == [1, 10, 5, 50.0, 2, 1, 1, 25.0]
    assert months["Nov 2025"] == [1, 8, 5, 62.5, 2, 0, 1, 33.3]
    assert months["Feb 2026"] == [1, 7, 4, 57.1, 1, 0, 1, 50.0]
    for empty in ("Apr 2025", "Jun 2025", "Jul 2025", "Aug 2025", "Sep 2025"):
        assert months[empty] == [0, 0, 0, 0.0, 0, 0, 0, 0.0]
    for empty in ("Oct 2025", "Dec 2025", "Jan 2026", "Mar 2026"):
        assert months[empty] == [0, 0, 0, 0.0, 0, 0, 0, 0.0]
    assert "Apr 2026" not in months and "Mar 2025" not in months

    rows = xlsx_rows(client.get(f"/reports/activity-by-quarter.xlsx?{PERIOD}"))
    assert rows[0][0] == "Quarter"
    assert [r[:9] for r in rows[1:]] == [
        ["Apr–Jun 2025", 1, 10, 5, 50.0, 2, 1, 1, 25.0],
        ["Jul–Sep 2025", 0, 0, 0, 0.0, 0, 0, 0, 0.0],
        ["Oct–Dec 2025", 1, 8, 5, 62.5, 2, 0, 1, 33.3],
        ["Jan–Mar 2026", 1, 7, 4, 57.1, 1, 0, 1, 50.0],
    ]


def test_chair_xlsx_attendance_by_agency(client, activity):
    client.force_login(activity["chair"])
    rows = xlsx_rows(client.get(f"/reports/attendance-by-agency.xlsx?{PERIOD}"))
    council = next(r for r in rows if r[0] == "Sandwell Council")
    assert council[1:9] == [6, 1, 16.7, 5, 3, 1, 1, 20.0]


def test_chair_board_paper_pdf_shows_the_activity_figures(client, activity):
    client.force_login(activity["chair"])
    text = pdf_text(client.get(f"/reports/board-paper.pdf?{PERIOD}"))
    # The PDF's text runs a headline figure into its label ("3sessions"): compare without spaces.
    bare = "".join(text.split())
    for phrase in (
        "3 sessions delivered",
        "56.0% fill rate (14 of 25 places)",
        "5 attendances (4 learners)",
        "33.3% did not attend (3)",
        "1 late cancellations (9.1%)",
        "33.3% sessions with three or more sectors",
        "4.67 mean evaluation",
        "+3.33 confidence change",
        # the tables are in it too, as text
        "Sandwell Council 6 1 16.7 5 3 1 1 20.0",
        "All modules 3 25 14 56.0 5 1 3 33.3",
        "12 May 2025 Raising a Concern 4 3 3 50.0 Yes",
        "All modules 6 3 50.0 4.67 100.0 4.0 7.33 3.33",
        "May 2025 1 10 5 50.0 2 1 1 25.0",
        "Attendance over time",
    ):
        assert "".join(phrase.split()) in bare, phrase
    assert "SolihullCharity" not in bare
    for name in ("Amy", "Bob", "Cat", "Dan", "Fay", "Gus", "Hal"):
        assert f"{name}Example" not in bare


def test_activity_report_pdf_export(client, activity):
    client.force_login(activity["chair"])
    text = pdf_text(client.get(f"/reports/evaluation-by-module.pdf?{PERIOD}"))
    assert "All modules 6 3 50.0 4.67 100.0 4.0 7.33 3.33" in " ".join(text.split())


# --- scope -----------------------------------------------------------------------------------


def test_chair_never_sees_other_area_agencies_nor_names(client, activity):
    client.force_login(activity["chair"])
    html = client.get(f"/reports/?{PERIOD}").content.decode()
    assert "Solihull Charity" not in html
    for name in ("Amy", "Bob", "Cat", "Dan", "Fay", "Gus", "Hal"):
        assert f"{name} Example" not in html
    assert "no-show-charges" not in html
    for slug in ("attendance-by-agency", "multi-agency-mix", "activity-by-module"):
        text = client.get(f"/reports/{slug}.csv?{PERIOD}").content.decode()
        assert "Solihull Charity" not in text
        assert "Example" not in text  # no staff surname


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_chair_cannot_have_the_named_charges_report(client, activity, fmt):
    client.force_login(activity["chair"])
    assert client.get(f"/reports/no-show-charges.{fmt}?{PERIOD}").status_code == 404


def test_coordinator_sees_only_their_agency_activity(client, activity):
    client.force_login(activity["coordinator"])
    html = client.get(f"/reports/?{PERIOD}").content.decode()
    assert 'data-figure="sessions">3<' in html
    assert 'data-figure="attendances">3<' in html
    assert 'data-figure="dna-rate">20.0%<' in html
    assert "Police Force" not in html and "Solihull Charity" not in html
    rows = rows_of(client.get(f"/reports/attendance-by-agency.csv?{PERIOD}"))
    assert table_of(rows, "Agency") == {
        "Sandwell Council": ["6", "1", "16.7", "5", "3", "1", "1", "20.0"],
        "All agencies": ["6", "1", "16.7", "5", "3", "1", "1", "20.0"],
    }


def test_period_filter_moves_the_figures(client, activity):
    """S6 (May 2026) is the chair's only delivered session in financial year 2026/27."""
    client.force_login(activity["chair"])
    rows = rows_of(
        client.get("/reports/activity-by-module.csv?start=2026-04-01&end=2027-03-31")
    )
    assert table_of(rows, "Module")["All modules"] == [
        *("1", "10", "2", "20.0", "1", "0", "1", "50.0")
    ]


def test_module_filter(client, activity):
    client.force_login(activity["chair"])
    module = activity["module_b"]
    rows = rows_of(
        client.get(f"/reports/activity-by-module.csv?{PERIOD}&module={module.pk}")
    )
    assert list(table_of(rows, "Module")) == [
        "Mental Capacity in Practice",
        "All modules",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "start=0001-01-01&end=9999-12-31",
        "start=2026-05-01&end=2026-01-01",
        "start=not-a-date&module=abc",
        "module=999999&level=9",
    ],
)
def test_bad_filters_are_explained_not_a_500(client, activity, query):
    client.force_login(activity["chair"])
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert client.get(f"/reports/multi-agency-mix.csv?{query}").status_code == 200


# --- non-attendance charges -----------------------------------------------------------------


def test_admin_charges_report_lists_every_chargeable_no_show(client, activity):
    client.force_login(activity["admin"])
    rows = rows_of(client.get(f"/reports/no-show-charges.csv?{PERIOD}"))
    assert rows[0][0] == "Agency"
    body = [r[:7] for r in rows[1:] if r and r[0]]
    m_a, m_b = "Raising a Concern", "Mental Capacity in Practice"
    assert body == [
        ["Police Force", "Fay Example", activity["fay"].employee_ref, m_a, "2025-05-12", "Late cancellation", "25.00"],
        ["Police Force", "Amy Example", activity["amy"].employee_ref, m_b, "2025-11-04", "No-show", "50.00"],
        ["Police Force", "Bob Example", activity["bob"].employee_ref, m_a, "2026-02-10", "No-show", "10.00"],
        ["Police Force", "Fay Example", activity["fay"].employee_ref, m_a, "2026-03-03", "No-show", "25.00"],
        ["Total for Police Force", "", "", "", "", "4 charges", "110.00"],
        ["Sandwell Council", "Cat Example", activity["cat"].employee_ref, m_a, "2025-05-12", "No-show", "25.00"],
        ["Sandwell Council", "Gus Example", activity["gus"].employee_ref, m_a, "2026-02-10", "Late cancellation", "10.00"],
        ["Total for Sandwell Council", "", "", "", "", "2 charges", "35.00"],
        ["Solihull Charity", "Hal Example", activity["hal"].employee_ref, m_b, "2025-11-04", "No-show", "50.00"],
        ["Solihull Charity", "Dan Example", activity["dan"].employee_ref, m_a, "2026-02-10", "No-show", "10.00"],
        ["Total for Solihull Charity", "", "", "", "", "2 charges", "60.00"],
        ["Total", "", "", "", "", "8 charges", "205.00"],
    ]  # fmt: skip


def test_coordinator_charges_are_their_agency_only_with_xlsx_amounts(client, activity):
    client.force_login(activity["coordinator"])
    rows = xlsx_rows(client.get(f"/reports/no-show-charges.xlsx?{PERIOD}"))
    assert rows[0][0] == "Agency"
    body = [r for r in rows[1:] if r[0]]
    assert [(r[1] or "", r[5], r[6]) for r in body] == [
        ("Cat Example", "No-show", 25),
        ("Gus Example", "Late cancellation", 10),
        ("", "2 charges", 35),  # Total for Sandwell Council
        ("", "2 charges", 35),  # Total
    ]
    assert all(isinstance(r[6], int | float) for r in body)


def test_charge_amounts_follow_the_partnership_settings_and_session_override(
    client, activity
):
    rules = BookingSettings.load()
    rules.no_show_charge_half_day = Decimal("30.00")
    rules.no_show_charge_full_day = Decimal("70.00")
    rules.save()
    # A session charging nothing drops out of the report: S3 is now free.
    Session.objects.filter(pk=activity["s3"].pk).update(no_show_charge=Decimal("0"))
    client.force_login(activity["admin"])
    rows = rows_of(client.get(f"/reports/no-show-charges.csv?{PERIOD}"))
    table = [r for r in rows if r and r[0]]
    # S1 (3 h) 30 x 2, S2 (7 h) 70 x 2, S4 (2 h) 30: 5 charges
    assert table[-1][5:7] == ["5 charges", "230.00"]
    assert not any(r[3:5] == ["Raising a Concern", "2026-02-10"] for r in table)


def test_charge_for_session_uses_override_then_length(activity):
    rules = BookingSettings.load()
    assert rules.no_show_charge_for(activity["s1"]) == Decimal("25.00")
    assert rules.no_show_charge_for(activity["s2"]) == Decimal("50.00")
    assert rules.no_show_charge_for(activity["s3"]) == Decimal("10")


def test_e_learning_no_shows_are_free(client, activity):
    module = f.module_page(title="Online Basics", delivery_mode="e_learning")
    start = at(2025, 7, 1, 10)
    s = f.SessionFactory(
        module=module,
        start=start,
        end=start + datetime.timedelta(hours=1),
        status="completed",
    )
    f.BookingFactory(session=s, staff=activity["cat"], attendance="absent")
    client.force_login(activity["coordinator"])
    rows = rows_of(client.get(f"/reports/no-show-charges.csv?{PERIOD}"))
    assert "Online Basics" not in {r[3] for r in rows if len(r) > 3}
    assert rows[-1][5:7] == ["2 charges", "35.00"]


def test_coordinator_is_offered_the_charges_report(client, activity):
    client.force_login(activity["coordinator"])
    html = client.get(f"/reports/?{PERIOD}").content.decode()
    assert "/reports/no-show-charges.xlsx?" in html
    assert "Cat Example" not in html  # named lists are downloads, not on the dashboard


def test_charges_export_escapes_formulae(client, activity):
    activity["cat"].first_name = '=HYPERLINK("http://evil.example","click")'
    activity["cat"].save()
    client.force_login(activity["admin"])
    text = client.get(f"/reports/no-show-charges.csv?{PERIOD}").content.decode()
    assert "'=HYPERLINK(" in text and ",=HYPERLINK" not in text


# --- constant queries ------------------------------------------------------------------------


def grow(activity, copies):
    """`copies` more delivered sessions in the period, each with five Sandwell attendees from
    both Sandwell agencies, a no-show, a late cancellation and two evaluations."""
    for i in range(copies):
        month = 4 + i % 12  # April 2025 to March 2026
        year, month = (2025, month) if month <= 12 else (2026, month - 12)
        s = f.SessionFactory(
            module=activity["module_a"] if i % 2 else activity["module_b"],
            start=at(year, month, 1 + i % 27, 10),
            capacity=12,
            status="completed",
        )
        for n in range(6):
            staff = f.StaffMemberFactory(
                agency=activity["police"] if n % 2 else activity["council"],
                role_profile=activity["profile"],
            )
            staff.areas.set([activity["san"]])
            if n == 5:
                f.BookingFactory(
                    session=s,
                    staff=staff,
                    status="cancelled",
                    late_cancellation=True,
                )
                continue
            booking = f.BookingFactory(
                session=s, staff=staff, attendance="absent" if n == 4 else "attended"
            )
            if n < 2:
                f.EvaluationFactory(booking=booking)


@pytest.mark.parametrize("copies", [0, 40])
def test_activity_pages_and_exports_use_constant_queries(
    client, activity, copies, django_assert_max_num_queries
):
    grow(activity, copies)
    client.force_login(activity["chair"])
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        assert client.get(f"/reports/?{PERIOD}").status_code == 200
    with django_assert_max_num_queries(BOARD_PAPER_QUERIES):
        assert client.get(f"/reports/board-paper.pdf?{PERIOD}").status_code == 200
    for slug in (
        "activity-by-module",
        "attendance-by-agency",
        "multi-agency-mix",
        "evaluation-by-module",
        "activity-by-month",
        "activity-by-quarter",
    ):
        with django_assert_max_num_queries(EXPORT_QUERIES):
            assert client.get(f"/reports/{slug}.xlsx?{PERIOD}").status_code == 200
    client.force_login(activity["admin"])
    # A named list: plus the audit entry of its download on each of the 3 agencies.
    with django_assert_max_num_queries(NAMED_EXPORT_QUERIES):
        assert client.get(f"/reports/no-show-charges.csv?{PERIOD}").status_code == 200


# Measured on SQLite and PostgreSQL: dashboard 24, board paper 27 (16 of its own, 8 for the
# training demand table, the rest for learning from reviews, which takes a few more once there
# are recommendations), an activity export 8, the charges export 5; whatever the number of
# sessions and bookings. Board targets add three to each page: the boards' targets, the
# agencies' areas and the role profiles' levels; the history two (the quarter table, and the
# headline's quarter before). The executive summary adds one to each (the agencies' snapshots
# at the two quarter ends compared with) and, on the dashboard, the learning-from-reviews table
# it reads (one query here, seven once there are recommendations; the board paper has it
# already); test_report_summary.py proves those constant too.
DASHBOARD_QUERIES = 33
BOARD_PAPER_QUERIES = 40
EXPORT_QUERIES = 10
NAMED_EXPORT_QUERIES = (
    17  # 5, the agencies in scope, and 2 writes per agency for the audit
)


def test_long_tables_on_the_dashboard_show_their_first_rows_and_say_how_many_more():
    from courses.reports.definitions import Report, Table
    from courses.reports.views import DASHBOARD_ROWS, _sections

    class Long(Report):
        slug = "long"

        def table(self, *, scope, filters):
            rows = [[f"Session {n}", n] for n in range(DASHBOARD_ROWS + 5)]
            return Table(headers=["Session", "n"], rows=[*rows, ["Total", 0]])

    (section,) = _sections(None, None, [Long()], row_limit=DASHBOARD_ROWS)
    assert len(section["rows"]) == DASHBOARD_ROWS + 1
    assert section["rows"][-1] == ["Total", 0]
    assert section["hidden_rows"] == 5
    assert len(section["table"].rows) == DASHBOARD_ROWS + 6  # exports keep every row


def test_downloading_a_named_report_is_in_the_agencys_audit_log(client):
    from wagtail.models import ModelLogEntry

    from tests.factories import AgencyFactory, coordinator_for

    agency = AgencyFactory()
    coordinator = coordinator_for(agency)
    client.force_login(coordinator)
    assert client.get("/reports/overdue-staff.csv").status_code == 200
    entry = ModelLogEntry.objects.get(action="competencies.staff.export")
    assert entry.object_id == str(agency.pk)
    assert entry.user == coordinator
    assert entry.data["purpose"] == "report overdue-staff"
    assert entry.data["format"] == "csv"
    client.get("/reports/compliance-by-agency.csv")  # aggregates: not a list of names
    assert ModelLogEntry.objects.filter(action="competencies.staff.export").count() == 1
