"""The dashboard shows learning from reviews and training demand, not only their downloads
(issue 19). Reviews render with the page; demand loads after it (Report.deferred) from
`/reports/<slug>/section/`, which also opens as a page of its own without the script."""

import re

import pytest
from django.utils import timezone

from tests.courses.test_reports_reviews import review  # noqa: F401  (a fixture)
from tests.factories import (
    BoardFactory,
    UserFactory,
    demand_partnership,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


def _chair_of(area):
    chair = UserFactory(groups=["Board chairs"])
    BoardFactory(area=area).chairs.add(chair)
    return chair


def _table(html, slug) -> list[list[str]]:
    """The cells of a report's table on a page, row by row, tags and spaces stripped."""
    body = html.split(f'id="table-{slug}"')[1].split("</table>")[0].split("<tbody")[1]
    return [
        [
            " ".join(re.sub("<[^>]+>", "", c).split())
            for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_learning_from_reviews_is_a_table_on_the_dashboard(client, review):  # noqa: F811
    client.force_login(_chair_of(review["north"]))
    html = client.get("/reports/").content.decode()
    assert 'id="heading-learning-from-reviews"' in html
    (row,) = _table(html, "learning-from-reviews")
    assert row[:3] == ["SAR Adult Z", "1. Train on self-neglect", "X"]
    assert row[-3:] == ["4", "2", "50.0"]  # staff of X, trained since, %


def test_training_demand_loads_after_the_dashboard(client):
    world = demand_partnership(today=timezone.localdate())
    client.force_login(_chair_of(world["south"]))
    html = client.get(f"/reports/?area={world['south'].pk}").content.decode()
    # The page holds a placeholder naming where the table comes from, not the table.
    placeholder = html.split('data-app-load="')[1].split('"')[0]
    assert placeholder.startswith("/reports/training-demand/section/?")
    assert placeholder.endswith(f"?area={world['south'].pk}")  # the dashboard's filters
    assert 'id="table-training-demand"' not in html

    fragment = client.get(placeholder.replace("&amp;", "&") + "&fragment=1")
    assert fragment.status_code == 200
    text = fragment.content.decode()
    assert text.lstrip().startswith("<section") and "<html" not in text
    rows = _table(text, "training-demand")
    # The chair's area only, as the board paper and the exports count it.
    assert ["South", "Basics", "2", "1", "0", "0", "1"] in [r[:7] for r in rows]
    assert not [r for r in rows if r[0] == "North"]
    assert rows[-1][0] == "Total"

    page = client.get("/reports/training-demand/section/")
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert _table(page.content.decode(), "training-demand") == rows


@pytest.mark.parametrize(
    ("slug", "status"),
    [("overdue-staff", 404), ("no-such-report", 404), ("compliance-by-area", 404)],
)
def test_only_a_dashboard_section_opens_on_its_own(client, slug, status):
    world = demand_partnership(today=timezone.localdate())
    client.force_login(_chair_of(world["south"]))
    assert client.get(f"/reports/{slug}/section/").status_code == status


def test_staff_without_a_report_role_are_refused(client):
    demand_partnership(today=timezone.localdate())
    staff = staff_with_login()
    client.force_login(staff.user)
    assert client.get("/reports/training-demand/section/").status_code == 403
