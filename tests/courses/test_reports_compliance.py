"""Board reports, compliance part: scope, hand-counted figures in every format, formula safety.

The fixture (`partnership`, in tests/courses/conftest.py) is a small partnership whose every
figure was counted by hand:

  areas: Sandwell (SAN), Solihull (SOL)
  agencies: Police (both areas), Sandwell Council (SAN), Solihull Charity (SOL)
  one role profile requiring two competencies at level 1
  Police:    Amy (SAN) both valid -> compliant; Bob (SAN, SOL) one valid, one missing
  Sandwell:  Cat (SAN) one expiring (20 days), one expired
  Solihull:  Dan (SOL) both valid -> compliant; Eve (SOL) left last month (not counted)

  Sandwell chair sees Amy, Bob, Cat: 3 staff, 1 fully compliant (33.3%),
  requirements 6: met 3, expiring 1, expired 1, missing 1 -> compliant 4/6 = 66.7%.
  Police in Sandwell: Amy + Bob: met 3, missing 1 (75.0%); Sandwell Council: expiring 1, expired 1.
"""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests import factories as f
from tests.exports import csv_rows

pytestmark = pytest.mark.django_db


def rows_of(response):
    return csv_rows(response)


def test_chair_dashboard_shows_hand_counted_headline(client, partnership):
    client.force_login(partnership["chair"])
    response = client.get("/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="staff">3<' in html
    assert 'data-figure="people-compliant">33.3%<' in html
    assert 'data-figure="requirements-compliant">66.7%<' in html
    assert 'data-figure="expiring">1<' in html
    # One headline with its denominator; the per-requirement figure labelled as a second one.
    assert "(1 of 3 active staff with a role profile)" in html
    assert "(4 of 6; a second measure" in html


def test_chair_never_sees_other_areas_agencies_nor_names(client, partnership):
    client.force_login(partnership["chair"])
    html = client.get("/reports/").content.decode()
    assert "Solihull Charity" not in html
    for name in ("Amy", "Bob", "Cat", "Dan", "Eve"):
        assert f"{name} Example" not in html
    # Named lists are not offered, and asking for one is a 404.
    assert "overdue-staff" not in html
    assert client.get("/reports/overdue-staff.csv").status_code == 404
    # Filtering to an agency outside the area is not possible.
    response = client.get(f"/reports/?agency={partnership['charity'].pk}")
    assert "Solihull Charity" not in response.content.decode()


def test_csv_has_exactly_the_hand_counted_figures(client, partnership):
    client.force_login(partnership["chair"])
    response = client.get("/reports/compliance-by-agency.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = rows_of(response)
    assert rows[0][0] == "Agency"  # the header is line 1
    table = {r[0]: r[1:9] for r in rows[1:] if r and r[0]}
    assert table == {
        "Police Force": ["2", "1", "50.0", "3", "0", "0", "1", "75.0"],
        "Sandwell Council": ["1", "0", "0.0", "0", "1", "1", "0", "50.0"],
    }
    # The export says what it is when asked: scope and filters above the table.
    about_rows = rows_of(client.get("/reports/compliance-by-agency.csv?about=1"))
    assert ["Scope", "Sandwell"] == about_rows[1][:2]
    assert ["Times", "UK time (Europe/London)"] in [r[:2] for r in about_rows]
    assert about_rows[-len(rows) :] == rows  # then the same table


def test_xlsx_has_the_same_figures_as_numbers(client, partnership):
    client.force_login(partnership["chair"])
    response = client.get("/reports/compliance-by-sector.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    police = next(r for r in values if r[0] == "Police")
    assert police[1:9] == [2, 1, 50.0, 3, 0, 0, 1, 75.0]


def test_board_paper_pdf_shows_the_figures(client, partnership):
    client.force_login(partnership["chair"])
    response = client.get("/reports/board-paper.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Sandwell Safeguarding Adults Board" in text
    assert "33.3%" in text and "66.7%" in text
    assert "Police Force" in text and "Solihull Charity" not in text
    assert "Amy Example" not in text
    assert reader.metadata.title.startswith("Safeguarding training: board report")
    assert reader.metadata.author == "West Midlands Safeguarding Adults Partnership"


def test_coordinator_sees_only_their_agency_and_named_list(client, partnership):
    client.force_login(partnership["coordinator"])
    html = client.get("/reports/").content.decode()
    assert "Sandwell Council" in html and "Police Force" not in html
    rows = rows_of(client.get("/reports/overdue-staff.csv"))
    names = [r[0] for r in rows]
    assert "Cat Example" in names
    assert "Amy Example" not in names and "Bob Example" not in names


@pytest.mark.parametrize("groups", [["Staff"], ["Trainers"], []])
def test_reports_refused_to_other_roles(client, partnership, groups):
    client.force_login(f.UserFactory(username="someone", groups=groups))
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/compliance-by-agency.csv").status_code == 403


def test_reports_need_login(client, partnership):
    assert client.get("/reports/").status_code == 302


def test_formula_in_a_name_exports_as_text(client, partnership, django_user_model):
    partnership["cat"].first_name = '=HYPERLINK("http://evil.example","click")'
    partnership["cat"].save()
    admin = django_user_model.objects.create_superuser("boss", password="pw-123456789")
    client.force_login(admin)
    csv_text = client.get("/reports/overdue-staff.csv").content.decode()
    assert "'=HYPERLINK(" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/reports/overdue-staff.xlsx").content)
    )
    cells = [
        c
        for row in book.active.iter_rows()
        for c in row
        if c.value and "HYPERLINK" in str(c.value)
    ]
    # XLSX: a typed string cell, shown as typed (no apostrophe), never a formula.
    assert cells and all(
        c.data_type == "s" and c.value.startswith('=HYPERLINK("http://evil')
        for c in cells
    )


def test_invalid_filters_are_explained_not_a_500(client, partnership):
    client.force_login(partnership["chair"])
    response = client.get("/reports/?start=2026-05-01&end=2026-01-01&level=9&area=abc")
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def grow(partnership, copies):
    today = timezone.localdate()
    for i in range(copies):
        p = f.StaffMemberFactory(
            agency=partnership["police"], role_profile=partnership["profile"]
        )
        p.areas.set([partnership["san"]])
        f.CompetencyRecordFactory(
            staff=p,
            competency=partnership["c1"],
            level=1,
            expires_on=today + datetime.timedelta(days=i * 30),
        )


@pytest.mark.parametrize("extra", [0, 40])
def test_dashboard_and_exports_use_constant_queries(
    client, partnership, extra, django_assert_max_num_queries
):
    grow(partnership, extra)
    client.force_login(partnership["chair"])
    with django_assert_max_num_queries(30):
        assert client.get("/reports/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/reports/compliance-by-agency.csv").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/reports/compliance-by-role-profile.xlsx").status_code == 200
