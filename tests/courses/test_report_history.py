"""Compliance over time: month-end snapshots, the quarter table and the headline against the
quarter before, counted by hand.

Sandwell (one board, target 60% board-wide), one role profile needing X1.1 at level 1:
  P1 record 10 Jan 2025 - 30 Jun 2026; P2 record 1 Aug 2025 - 2028; P3 none;
  P4 record 10 Jan 2025 - 2028, left 1 Dec 2025.
Solihull: P5 record 2024 - 2030 (the whole partnership only).

Quarter end   Sandwell (P1-P4)          change   rating vs 60
31 Dec 2024   0 of 4  =  0.0%             -       Red
31 Mar 2025   2 of 4  = 50.0% (P1, P4)   +50.0    Amber
30 Jun 2025   2 of 4  = 50.0%             +0.0    Amber
30 Sep 2025   3 of 4  = 75.0% (+P2)      +25.0    Green
31 Dec 2025   2 of 3  = 66.7% (P4 left)   -8.3    Green
31 Mar 2026   2 of 3  = 66.7%             +0.0    Green
30 Jun 2026   2 of 3  = 66.7% (P1 expiring on the day still counts)  +0.0  Green
30 Sep 2026   1 of 3  = 33.3% (P1 expired) -33.4  Red
Headline as at 15 Oct 2026: 1 of 3 = 33.3%, +0.0 points since 30 September 2026.
"""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from competencies.compliance_history import quarter_ends_back, snapshot_take
from competencies.models import ComplianceSnapshot, ComplianceTarget
from tests import factories as f
from tests.exports import csv_rows as read_csv

pytestmark = pytest.mark.django_db

D = datetime.date
PERIOD = {"start": "2026-04-01", "end": "2026-10-15"}
QUARTER_ENDS = [
    D(2024, 12, 31),
    D(2025, 3, 31),
    D(2025, 6, 30),
    D(2025, 9, 30),
    D(2025, 12, 31),
    D(2026, 3, 31),
    D(2026, 6, 30),
    D(2026, 9, 30),
]


@pytest.fixture
def world(db):
    san = f.AreaFactory(code="SAN", name="Sandwell")
    sol = f.AreaFactory(code="SOL", name="Solihull")
    police = f.AgencyFactory(name="Police Force", sector="police", areas=[san])
    charity = f.AgencyFactory(name="Solihull Charity", sector="voluntary", areas=[sol])
    fw = f.FrameworkFactory()
    f.LevelFactory(framework=fw, number=1)
    competency = f.CompetencyFactory(domain=f.DomainFactory(framework=fw), code="X1.1")
    profile = f.RoleProfileFactory(framework=fw)
    f.RequirementFactory(role_profile=profile, competency=competency, min_level=1)

    def person(agency, area, record=None, **kw):
        p = f.StaffMemberFactory(agency=agency, role_profile=profile, **kw)
        p.areas.set([area])
        if record:
            f.CompetencyRecordFactory(
                staff=p,
                competency=competency,
                level=1,
                achieved_on=record[0],
                expires_on=record[1],
            )
        return p

    person(police, san, (D(2025, 1, 10), D(2026, 6, 30)))
    person(police, san, (D(2025, 8, 1), D(2028, 1, 1)))
    person(police, san)
    person(police, san, (D(2025, 1, 10), D(2028, 1, 1)), left_on=D(2025, 12, 1))
    person(charity, sol, (D(2024, 1, 1), D(2030, 1, 1)))
    board = f.BoardFactory(name="Sandwell SAB", short_name="SSAB", area=san)
    ComplianceTarget.objects.create(board=board, percent=60)
    chair = f.UserFactory(username="chair", groups=["Board chairs"])
    board.chairs.add(chair)
    admin = f.UserFactory(username="admin", is_superuser=True, is_staff=True)
    for month_end in QUARTER_ENDS:
        snapshot_take(month_end=month_end)
    return {"chair": chair, "admin": admin, "profile": profile}


def csv_rows(response):
    rows = read_csv(response)
    assert rows[0][0] == "Quarter"  # the header is line 1
    return rows[0], [r for r in rows[1:] if r and r[0]]


def test_quarter_ends_are_the_last_eight_before_the_date():
    assert quarter_ends_back(8, today=D(2026, 10, 16)) == QUARTER_ENDS
    # On a quarter end itself, that day has not ended: the one before is the last.
    assert quarter_ends_back(1, today=D(2026, 9, 30)) == [D(2026, 6, 30)]


def test_chair_sees_the_hand_counted_quarters_in_csv(client, world):
    client.force_login(world["chair"])
    header, rows = csv_rows(client.get("/reports/compliance-by-quarter.csv", PERIOD))
    assert header == [
        "Quarter",
        "As at",
        "Staff",
        "Staff fully compliant",
        "Staff compliant %",
        "Change (points)",
        "Requirements compliant %",
        "Target %",
        "Rating",
    ]
    got = [(r[0], r[2], r[3], r[4], r[5], r[8]) for r in rows]
    assert got == [
        ("Q4 2024", "4", "0", "0.0", "", "Red"),
        ("Q1 2025", "4", "2", "50.0", "50.0", "Amber"),
        ("Q2 2025", "4", "2", "50.0", "0.0", "Amber"),
        ("Q3 2025", "4", "3", "75.0", "25.0", "Green"),
        ("Q4 2025", "3", "2", "66.7", "-8.3", "Green"),
        ("Q1 2026", "3", "2", "66.7", "0.0", "Green"),
        ("Q2 2026", "3", "2", "66.7", "0.0", "Green"),
        ("Q3 2026", "3", "1", "33.3", "-33.4", "Red"),
    ]


def test_whole_partnership_counts_solihull_too_and_xlsx_keeps_dates(client, world):
    client.force_login(world["admin"])
    response = client.get("/reports/compliance-by-quarter.xlsx", PERIOD)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    first = next(r for r in values if r[0] == "Q4 2024")
    assert first[1].date() == D(2024, 12, 31)
    assert first[2:5] == [5, 1, 20.0]  # P5 in Solihull, compliant throughout


def test_dashboard_headline_against_the_quarter_before(client, world):
    client.force_login(world["chair"])
    html = client.get("/reports/", PERIOD).content.decode()
    assert 'data-figure="people-compliant">33.3%<' in html
    assert 'data-change="+0.0"' in html and "since 30 September 2026 (33.3%)" in html
    assert 'data-rating="red"' in html
    # The quarter table leads the sections, straight after the headline figures.
    assert html.index("Compliance by quarter") < html.index("Compliance by agency")


def test_board_paper_has_the_quarters(client, world):
    client.force_login(world["chair"])
    paper = client.get("/reports/board-paper.pdf", PERIOD)
    pages = PdfReader(io.BytesIO(paper.content)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Compliance by quarter" in text
    assert "Q3 2026 30 Sep 2026 3 1 33.3 -33.4" in text
    assert "since 30 September 2026" in text


def test_without_snapshots_the_headline_says_so(client, world):
    ComplianceSnapshot.objects.all().delete()
    client.force_login(world["chair"])
    html = client.get("/reports/", PERIOD).content.decode()
    assert 'data-change="none"' in html


def test_snapshot_replaces_its_month_and_rows_add_up(world):
    rows = ComplianceSnapshot.objects.filter(month_end=D(2026, 9, 30))
    before = rows.count()
    snapshot_take(month_end=D(2026, 9, 30))
    assert rows.count() == before
    # One whole-partnership row per agency and profile, one per area too.
    assert rows.filter(area__isnull=True).count() == 2
    assert rows.filter(area__isnull=False).count() == 2


def test_command_takes_the_last_month_end_once_and_rebuilds(world):
    out = io.StringIO()
    call_command("snapshot_compliance", stdout=out)
    call_command("snapshot_compliance", stdout=out)
    assert "rows taken" in out.getvalue()
    assert "already has its snapshot" in out.getvalue()
    call_command("snapshot_compliance", "--month", "2025-02", stdout=out)
    assert ComplianceSnapshot.objects.filter(
        month_end=D(2025, 2, 28), rebuilt=True
    ).exists()
    call_command("snapshot_compliance", "--rebuild", "2", stdout=out)
    assert out.getvalue().count("rebuilt from the records") == 3


@pytest.mark.parametrize(
    "args, message",
    [
        (["--month", "March"], "use YYYY-MM"),
        (["--month", "2999-01"], "has not ended yet"),
        (["--rebuild", "0"], "1 to 120"),
    ],
)
def test_command_refuses_bad_arguments(world, args, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("snapshot_compliance", *args)
