"""Learning from reviews: recommendations and the staff of named agencies trained since."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from competencies.models import StaffMember
from courses.models import Recommendation, Review
from courses.reports.reviews_report import review_rows
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    BoardFactory,
    CompetencyFactory,
    CompetencyRecordFactory,
    StaffMemberFactory,
    UserFactory,
    module_page,
)

pytestmark = pytest.mark.django_db

MADE = datetime.date(2026, 3, 1)


@pytest.fixture
def review():
    """Named agency X: x1 record in the linked competency after the date (trained), x2 only
    before it, x3 a record of the linked module's competency after it (trained), x4 a revoked
    one after it. Agency Y is not named: y1's record does not count. 2 of 4 trained: 50 %."""
    north = AreaFactory(name="North")
    x = AgencyFactory(short_name="X", areas=[north])
    y = AgencyFactory(short_name="Y", areas=[north])
    linked, by_module = CompetencyFactory(code="SA9.1"), CompetencyFactory(code="SA9.2")
    module = module_page(title="Self-neglect", delivers=[(by_module, 2)])
    board = BoardFactory(area=north)
    sar = Review.objects.create(
        kind="sar", title="SAR Adult Z", board=board, published_on=MADE
    )
    rec = Recommendation.objects.create(
        review=sar, number="1", text="Train on self-neglect", made_on=MADE
    )
    rec.agencies.set([x])
    rec.modules.set([module])
    rec.competencies.set([linked])

    def person(agency, competency=None, on=None, revoked=False):
        staff = StaffMemberFactory(agency=agency)
        staff.areas.set([north])
        if competency:
            CompetencyRecordFactory(
                staff=staff,
                competency=competency,
                level=2,
                achieved_on=on,
                expires_on=on + datetime.timedelta(days=1000),
                revoked_at=timezone.now() if revoked else None,
            )
        return staff

    person(x, linked, MADE + datetime.timedelta(days=10))
    person(x, linked, MADE - datetime.timedelta(days=10))
    person(x, by_module, MADE)
    person(x, linked, MADE + datetime.timedelta(days=3), revoked=True)
    person(y, linked, MADE + datetime.timedelta(days=10))
    return {"north": north, "board": board}


def test_trained_since_counts_people_of_named_agencies_after_the_date(review):
    (row,) = review_rows(staff=StaffMember.objects.all())
    assert row[0] == "SAR Adult Z"
    assert row[1] == "1. Train on self-neglect"
    assert row[2] == "X"
    assert row[3] == "Self-neglect, SA9.1"
    assert row[4:] == [MADE, 4, 2, 50.0]


def test_a_chair_sees_their_boards_reviews_in_the_board_paper(client, review):
    chair = UserFactory(groups=["Board chairs"])
    review["board"].chairs.add(chair)
    other = Review.objects.create(
        kind="sar",
        title="SAR Elsewhere",
        board=BoardFactory(area=AreaFactory(name="South")),
        published_on=MADE,
    )
    Recommendation.objects.create(review=other, number="1", text="t", made_on=MADE)
    client.force_login(chair)
    pdf = client.get("/reports/board-paper.pdf")
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Learning from reviews" in text
    assert "SAR Adult Z" in text
    assert "SAR Elsewhere" not in text
    csv = client.get("/reports/learning-from-reviews.csv").content.decode()
    assert "SAR Adult Z" in csv and "50.0" in csv


@pytest.mark.parametrize("extra", [0, 30])
def test_queries_do_not_grow_with_staff_or_records(
    review, extra, django_assert_max_num_queries
):
    from competencies.models import Agency, Competency

    x, linked = Agency.objects.get(short_name="X"), Competency.objects.get(code="SA9.1")
    for _ in range(extra):
        CompetencyRecordFactory(
            staff=StaffMemberFactory(agency=x), competency=linked, achieved_on=MADE
        )
    with django_assert_max_num_queries(7):
        review_rows(staff=StaffMember.objects.all())
