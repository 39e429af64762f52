"""The executive summary and the Care Act 2014 Schedule 2 sections of the board paper, counted
by hand.

Sandwell (Sandwell SAB, target 60% board-wide); one role profile needing X1.1 at level 1.
Compliance as at 15 Oct 2026 (the period's end), against the snapshots of 30 Sep 2026 (the
quarter end before) and 30 Sep 2025 (a year before that):

  Police Force      P1 2025-28; P2 from 1 Oct 2026; P3 from 5 Oct 2026; P4 none
                    30 Sep 2025 1/4 25.0%   30 Sep 2026 1/4 25.0%   now 3/4 75.0% (+50.0)
  Sandwell Council  C1 to 10 Oct 2026; C2 to 12 Oct 2026; C3 to 14 Oct 2026; C4 none
                    3/4 75.0%               3/4 75.0%               0/4 0.0% (-75.0)
  Sandwell Health   H1 2025-28; H2 none
                    1/2 50.0%               1/2 50.0%               1/2 50.0% (+0.0)
  Sandwell (chair)  5/10 50.0%              5/10 50.0%              4/10 40.0% (-10.0)
  Solihull Charity  (Solihull only) S1 to 1 Oct 2026: 1/1 100.0% at both, now 0/1 (-100.0)

Against 60%: Police 75.0 Green; Health 50.0, 10.0 below, Amber; Council 0.0, 60.0 below, Red;
the headline 40.0, 20.0 below, Red.

Reviews (competency X9.1 answers both Sandwell ones):
  SAR Adult S (Sandwell SAB, 1 May 2026) 1. names Sandwell Council: 0 of 4 trained (0.0%)
      2. names Police Force: P1 trained 1 Jun 2026, 1 of 4 = 25.0% (not under 25: answered)
  SAR Adult T (Solihull SAB) 1. names Solihull Charity: never shown to the Sandwell chair.

Activity in the period (1 Apr - 15 Oct 2026): one completed session, 10 places, P1 and C1
attended, H1 absent: 1 session, 3 booked (30.0%), 2 attendances by 2 learners from 2
agencies; 1 of 1 sessions multi-agency; none with three or more sectors.
"""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from competencies.compliance_history import snapshot_take
from competencies.models import ComplianceSnapshot, ComplianceTarget
from courses import policy
from courses.models import Recommendation, Review
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
LATER = datetime.date(2028, 1, 1)
PERIOD = {"start": "2026-04-01", "end": "2026-10-15"}

HEADLINE = "Staff fully compliant fell 10.0 points since 30 September 2026, to 40.0% (4 of 10)."
TARGET = "20.0 points below the board target of 60%: Red."
ROSE = (
    "Police Force rose 50.0 points since 30 September 2026, to 75.0% fully compliant."
)
FELL = "Sandwell Council fell 75.0 points since 30 September 2026, to 0.0% fully compliant."
FURTHEST = [
    "Sandwell Council is 60.0 points below its target: 0.0% fully compliant against 60% "
    "(Red).",
    "Sandwell Health is 10.0 points below its target: 50.0% fully compliant against 60% "
    "(Amber).",
]
UNANSWERED = (
    "SAR Adult S (1. Train on self-neglect): none of the 4 staff of the agencies it names "
    "trained since 1 May 2026."
)
SENTENCES = [HEADLINE, TARGET, ROSE, FELL, *FURTHEST, UNANSWERED]


@pytest.fixture
def world(home_page):
    san = f.AreaFactory(code="SAN", name="Sandwell")
    sol = f.AreaFactory(code="SOL", name="Solihull")
    police = f.AgencyFactory(name="Police Force", sector="police", areas=[san])
    council = f.AgencyFactory(
        name="Sandwell Council", sector="local_authority", areas=[san]
    )
    health = f.AgencyFactory(name="Sandwell Health", sector="health", areas=[san])
    charity = f.AgencyFactory(name="Solihull Charity", sector="voluntary", areas=[sol])
    fw = f.FrameworkFactory()
    f.LevelFactory(framework=fw, number=1)
    domain = f.DomainFactory(framework=fw)
    x11 = f.CompetencyFactory(domain=domain, code="X1.1")
    x91 = f.CompetencyFactory(domain=domain, code="X9.1")
    profile = f.RoleProfileFactory(framework=fw)
    f.RequirementFactory(role_profile=profile, competency=x11, min_level=1)

    def person(agency, area, start=None, end=LATER):
        p = f.StaffMemberFactory(agency=agency, role_profile=profile)
        p.areas.set([area])
        if start:
            f.CompetencyRecordFactory(
                staff=p, competency=x11, level=1, achieved_on=start, expires_on=end
            )
        return p

    p1 = person(police, san, D(2025, 1, 10))
    person(police, san, D(2026, 10, 1))
    person(police, san, D(2026, 10, 5))
    person(police, san)
    c1 = person(council, san, D(2025, 1, 10), D(2026, 10, 10))
    person(council, san, D(2025, 1, 10), D(2026, 10, 12))
    person(council, san, D(2025, 1, 10), D(2026, 10, 14))
    person(council, san)
    h1 = person(health, san, D(2025, 1, 10))
    person(health, san)
    person(charity, sol, D(2025, 1, 10), D(2026, 10, 1))
    f.CompetencyRecordFactory(
        staff=p1, competency=x91, level=1, achieved_on=D(2026, 6, 1)
    )

    board = f.BoardFactory(name="Sandwell SAB", short_name="SSAB", area=san)
    ComplianceTarget.objects.create(board=board, percent=60)
    sol_board = f.BoardFactory(name="Solihull SAB", short_name="SOLSAB", area=sol)
    sar = Review.objects.create(
        kind="sar", title="SAR Adult S", board=board, published_on=D(2026, 5, 1)
    )
    for number, text, agency in (
        ("1", "Train on self-neglect", council),
        ("2", "Share information across agencies", police),
    ):
        rec = Recommendation.objects.create(
            review=sar, number=number, text=text, made_on=D(2026, 5, 1)
        )
        rec.agencies.set([agency])
        rec.competencies.set([x91])
    theirs = Review.objects.create(
        kind="sar", title="SAR Adult T", board=sol_board, published_on=D(2026, 3, 1)
    )
    rec = Recommendation.objects.create(
        review=theirs, number="1", text="Train carers", made_on=D(2026, 3, 1)
    )
    rec.agencies.set([charity])
    rec.competencies.set([x91])

    start = timezone.make_aware(datetime.datetime(2026, 6, 10, 10))
    session = f.SessionFactory(start=start, capacity=10, status="completed")
    for staff, mark in ((p1, "attended"), (c1, "attended"), (h1, "absent")):
        f.BookingFactory(session=session, staff=staff, attendance=mark)

    for month_end in (D(2025, 9, 30), D(2026, 9, 30)):
        snapshot_take(month_end=month_end)
    chair = f.UserFactory(username="chair", groups=["Board chairs"])
    board.chairs.add(chair)
    admin = f.UserFactory(username="admin", is_superuser=True, is_staff=True)
    return {"chair": chair, "admin": admin}


def pdf_text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def findings(html: str) -> list[str]:
    """The summary's sentences on the dashboard, in order."""
    part = html.split('id="executive-summary"')[1].split("</section>")[0]
    items = part.split("<li ")[1:]
    return [
        " ".join(item.split(">", 1)[1].split("</li>")[0].split()).replace("&#x27;", "'")
        for item in items
    ]


def test_chair_dashboard_summary_has_the_hand_counted_sentences(client, world):
    client.force_login(world["chair"])
    html = client.get("/reports/", PERIOD).content.decode()
    assert findings(html) == SENTENCES
    assert 'data-kind="fell" data-' not in html  # the headline's fall carries no rating
    assert 'data-kind="furthest" data-finding-rating="red"' in html
    # The summary comes before the headline figures.
    assert html.index("Executive summary") < html.index("Headline figures")


def test_board_paper_has_the_summary_and_the_annual_report(client, world):
    client.force_login(world["chair"])
    text = pdf_text(client.get("/reports/board-paper.pdf", PERIOD))
    for sentence in SENTENCES:
        assert sentence in text
    assert text.index("Executive summary") < text.index("Headline figures")
    assert "For the annual report (Care Act 2014, Schedule 2)" in text
    assert (
        "1 session delivered in the period, with 10 places offered and 3 booked (30.0% "
        "filled). 2 attendances by 2 learners from 2 agencies. 1 of 1 sessions brought "
        "staff of more than one agency together; 0 (0.0%) had three or more sectors."
    ) in text
    # Agency, staff, compliant %, target, rating, since 30 Sep 2026, since 30 Sep 2025,
    # attendances.
    assert "Police Force 4 75.0 60 Green +50.0 +50.0 1" in text
    assert "Sandwell Council 4 0.0 60 Red -75.0 -75.0 1" in text
    assert "Sandwell Health 2 50.0 60 Amber +0.0 +0.0 0" in text
    assert "SAR Adult S: 1. Train on self-neglect X9.1 1 May 2026 4 0 0" in text
    assert (
        "SAR Adult S: 2. Share information across agencies X9.1 1 May 2026 4 1 25.0"
        in text
    )


def test_chair_summary_never_names_agencies_or_reviews_outside_their_areas(
    client, world
):
    client.force_login(world["chair"])
    html = client.get("/reports/", PERIOD).content.decode()
    text = pdf_text(client.get("/reports/board-paper.pdf", PERIOD))
    for page in (" ".join(findings(html)), text):
        assert "Solihull Charity" not in page and "SAR Adult T" not in page


def test_whole_partnership_names_the_two_largest_falls_first(client, world):
    client.force_login(world["admin"])
    got = findings(client.get("/reports/", PERIOD).content.decode())
    falls = [s for s in got if " fell " in s and not s.startswith("Staff")]
    assert [s.split(" fell")[0] for s in falls] == [
        "Solihull Charity",
        "Sandwell Council",
    ]
    # Both unanswered recommendations, the one waiting longest first (both 0%).
    unanswered = [s for s in got if "none of the" in s]
    assert [s.split(" (")[0] for s in unanswered] == ["SAR Adult T", "SAR Adult S"]


def test_without_history_the_summary_says_so(client, world):
    ComplianceSnapshot.objects.all().delete()
    client.force_login(world["chair"])
    got = findings(client.get("/reports/", PERIOD).content.decode())
    assert got[0] == (
        "Staff fully compliant: 40.0% (4 of 10). There is no snapshot for 30 September "
        "2026, so no change since the previous quarter can be given."
    )
    assert not any(" rose " in s or " fell " in s for s in got)
    assert FURTHEST[0] in got  # the targets still apply


def test_without_a_target_the_summary_says_so(client, world):
    ComplianceTarget.objects.all().delete()
    client.force_login(world["chair"])
    got = findings(client.get("/reports/", PERIOD).content.decode())
    assert got[:2] == [
        HEADLINE,
        "No board target is set for these figures, so they are not rated red, amber or "
        "green.",
    ]
    assert not any("below its target" in s for s in got)
    text = pdf_text(client.get("/reports/board-paper.pdf", PERIOD))
    assert "No board target is set for these figures" in text


def test_summary_rules():
    assert policy.movement(None) is None
    assert policy.movement(0.9) == policy.movement(-0.9) == policy.Movement.UNCHANGED
    assert policy.movement(1.0) == policy.Movement.ROSE
    assert policy.movement(-1.0) == policy.Movement.FELL
    changes = {"A": 5.0, "B": 4.9, "C": 12.0, "D": 5.0, "E": -30.0}
    assert policy.movers(changes, policy.Movement.ROSE) == [("C", 12.0), ("A", 5.0)]
    assert policy.movers(changes, policy.Movement.FELL) == [("E", -30.0)]
    figures = [("A", 50.0, 60), ("B", 60.0, 60), ("C", 10.0, 60), ("D", 0.0, None)]
    assert policy.furthest_below(figures) == [
        ("C", 10.0, 60, 50.0),
        ("A", 50.0, 60, 10.0),
    ]
    assert policy.unanswered(4, 24.9) and not policy.unanswered(4, 25.0)
    assert not policy.unanswered(0, 0.0)  # names no one in scope


def grow(copies):
    """`copies` more staff in each Sandwell agency with records, recommendations and a
    session each: the summary's queries must not grow with them."""
    from competencies.models import Agency, Competency, RoleProfile

    profile = RoleProfile.objects.get()
    x11, x91 = Competency.objects.get(code="X1.1"), Competency.objects.get(code="X9.1")
    sar = Review.objects.get(title="SAR Adult S")
    agencies = list(Agency.objects.filter(areas__name="Sandwell"))
    for i in range(copies):
        session = f.SessionFactory(
            start=timezone.make_aware(datetime.datetime(2026, 7, 1 + i % 28, 10)),
            status="completed",
        )
        for agency in agencies:
            staff = f.StaffMemberFactory(agency=agency, role_profile=profile)
            staff.areas.set(agency.areas.all())
            for competency in (x11, x91):
                f.CompetencyRecordFactory(
                    staff=staff, competency=competency, achieved_on=D(2026, 6, 1)
                )
            f.BookingFactory(session=session, staff=staff, attendance="attended")
        rec = Recommendation.objects.create(
            review=sar, number=f"{3 + i}", text="More", made_on=D(2026, 5, 1)
        )
        rec.agencies.set(agencies)
        rec.competencies.set([x91])


def test_summary_queries_do_not_grow_with_the_data(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["chair"])

    def counts():
        out = []
        for url in ("/reports/", "/reports/board-paper.pdf"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, PERIOD).status_code == 200
            out.append(len(queries))
        return out

    counts()  # warm the per-process caches (content types, the site)
    before = counts()
    grow(5)
    assert counts() == before


def test_coordinator_summary_is_their_agency_alone(client, world):
    from competencies.models import Agency

    # The coordinator's own staff record (no role profile) is one more of the council's
    # active staff: 5 named by the recommendation, 4 measured for compliance.
    client.force_login(f.coordinator_for(Agency.objects.get(name="Sandwell Council")))
    got = findings(client.get("/reports/", PERIOD).content.decode())
    assert got == [
        "Staff fully compliant fell 75.0 points since 30 September 2026, to 0.0% (0 of 4).",
        "60.0 points below the board target of 60%: Red.",
        "SAR Adult S (1. Train on self-neglect): none of the 5 staff of the agencies it "
        "names trained since 1 May 2026.",
    ]
