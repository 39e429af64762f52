"""Board compliance targets: a chair sets them on /reports/targets/, and every compliance figure
(the dashboard headline, the compliance tables and their exports, the board paper, the agency
staff page) shows its target and red/amber/green rating.

Figures from the hand-counted `partnership` (tests/courses/conftest.py): the Sandwell chair sees
33.3% of staff fully compliant; Police in Sandwell 50.0%, Sandwell Council 0.0%.
"""

import io

import pytest
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from competencies.models import ComplianceTarget
from tests import factories as f
from tests.exports import csv_rows as read_csv

pytestmark = pytest.mark.django_db


def set_target(client, board, percent, sector="", level=""):
    return client.post(
        "/reports/targets/",
        {"board": board.pk, "sector": sector, "role_level": level, "percent": percent},
    )


def table_of(response, first_header):
    rows = read_csv(response)
    header = rows[0]  # the header is line 1
    assert header[0] == first_header
    return header, {r[0]: r for r in rows[1:] if r and r[0]}


def test_chair_sets_targets_and_every_figure_is_rated(client, partnership):
    board = partnership["board"]
    client.force_login(partnership["chair"])
    assert set_target(client, board, "40").status_code == 302
    assert set_target(client, board, "55", sector="police").status_code == 302

    html = client.get("/reports/").content.decode()
    # Headline 33.3% against 40%: within 10 points, amber.
    assert 'data-target="40"' in html and 'data-rating="amber"' in html

    header, rows = table_of(client.get("/reports/compliance-by-agency.csv"), "Agency")
    assert header[-2:] == ["Target %", "Rating"]
    assert rows["Police Force"][-2:] == ["55", "Amber"]  # 50.0 vs the police target 55
    assert rows["Sandwell Council"][-2:] == ["40", "Red"]  # 0.0 vs the board-wide 40

    _header, sectors = table_of(
        client.get("/reports/compliance-by-sector.csv"), "Sector"
    )
    assert sectors["Police"][-2:] == ["55", "Amber"]
    assert sectors["Local authority"][-2:] == ["40", "Red"]

    paper = client.get("/reports/board-paper.pdf")
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(paper.content)).pages
    )
    assert "Board target: 40%" in text and "Amber" in text


def test_setting_again_replaces_and_is_audited(client, partnership):
    board = partnership["board"]
    client.force_login(partnership["chair"])
    set_target(client, board, "40")
    set_target(client, board, "70")
    assert list(ComplianceTarget.objects.values_list("percent", flat=True)) == [70]
    entries = ModelLogEntry.objects.filter(action="competencies.target.set")
    assert entries.count() == 2
    assert entries.latest("timestamp").data["percent"] == 70
    # Removing it: figures show no target again.
    target = ComplianceTarget.objects.get()
    assert client.post("/reports/targets/", {"remove": target.pk}).status_code == 302
    assert not ComplianceTarget.objects.exists()
    assert 'data-target="none"' in client.get("/reports/").content.decode()


@pytest.mark.parametrize(
    "percent, message",
    [
        ("", "Enter the target as a whole percentage"),
        ("ninety", "Enter the target as a whole number"),
        ("0", "at least 1%"),
        ("101", "cannot be more than 100%"),
    ],
)
def test_bad_targets_re_render_with_an_error_summary(
    client, partnership, percent, message
):
    client.force_login(partnership["chair"])
    response = set_target(client, partnership["board"], percent)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    assert not ComplianceTarget.objects.exists()


def test_chair_cannot_set_or_remove_another_boards_target(client, partnership):
    other = f.BoardFactory(area=partnership["sol"], short_name="SolSAB")
    theirs = ComplianceTarget.objects.create(board=other, percent=80)
    client.force_login(partnership["chair"])
    response = set_target(client, other, "10")
    assert (
        response.status_code == 200
        and "govuk-error-summary" in response.content.decode()
    )
    assert client.post("/reports/targets/", {"remove": theirs.pk}).status_code == 404
    assert client.post("/reports/targets/", {"remove": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.percent == 80
    # Another board's target never shows on this chair's figures.
    assert 'data-target="none"' in client.get("/reports/").content.decode()


def test_only_chairs_and_administrators_open_the_targets_page(client, partnership):
    assert client.get("/reports/targets/").status_code == 302  # to the login page
    client.force_login(partnership["coordinator"])
    assert client.get("/reports/targets/").status_code == 404
    client.force_login(partnership["chair"])
    assert client.get("/reports/targets/").status_code == 200


def test_agency_staff_page_shows_the_agency_against_its_boards_target(
    client, partnership
):
    ComplianceTarget.objects.create(board=partnership["board"], percent=40)
    client.force_login(partnership["coordinator"])
    html = client.get("/agency/staff/").content.decode()
    # Sandwell Council: Cat is not fully compliant, 0% against the Sandwell board's 40%.
    assert 'data-target="40"' in html and 'data-rating="red"' in html


def test_role_level_target_applies_to_role_profiles_of_that_level(client, partnership):
    profile = partnership["profile"]
    profile.level = 2
    profile.save()
    board = partnership["board"]
    ComplianceTarget.objects.create(board=board, percent=90)
    ComplianceTarget.objects.create(board=board, role_level=2, percent=30)
    client.force_login(partnership["chair"])
    _header, rows = table_of(
        client.get("/reports/compliance-by-role-profile.csv"), "Role profile"
    )
    (row,) = rows.values()
    assert row[-2:] == ["30", "Green"]  # 33.3% against the level-2 target of 30
