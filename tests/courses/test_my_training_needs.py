"""My training links each missing or expiring requirement to upcoming sessions whose module
evidences it at the level required, at the same query cost however many there are."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    CompetencyFactory,
    CompetencyRecordFactory,
    RequirementFactory,
    RoleProfileFactory,
    SessionFactory,
    module_page,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


def row_for(body, code):
    marker = f'data-sessions-for="{code}"'
    return body.split(marker, 1)[1].split("</tr>", 1)[0] if marker in body else None


def test_missing_links_sessions_at_the_level_and_not_below(client):
    profile = RoleProfileFactory()
    need = RequirementFactory(role_profile=profile, min_level=2).competency
    good = SessionFactory(module=module_page(title="Deep dive", delivers=[(need, 3)]))
    low = SessionFactory(module=module_page(title="Too shallow", delivers=[(need, 1)]))
    staff = staff_with_login(role_profile=profile)
    client.force_login(staff.user)
    row = row_for(client.get("/my-training/").text, need.code)
    assert row is not None
    assert good.get_absolute_url() in row and low.get_absolute_url() not in row


def test_expiring_links_and_met_does_not(client):
    profile = RoleProfileFactory()
    expiring = RequirementFactory(role_profile=profile).competency
    met = RequirementFactory(role_profile=profile).competency
    staff = staff_with_login(role_profile=profile)
    today = timezone.localdate()
    CompetencyRecordFactory(
        staff=staff, competency=expiring, expires_on=today + datetime.timedelta(days=30)
    )
    CompetencyRecordFactory(staff=staff, competency=met)
    session = SessionFactory(module=module_page(delivers=[(expiring, 1), (met, 1)]))
    client.force_login(staff.user)
    body = client.get("/my-training/").text
    assert session.get_absolute_url() in row_for(body, expiring.code)
    assert row_for(body, met.code) is None


def test_no_session_planned_says_what_to_do(client):
    profile = RoleProfileFactory()
    need = RequirementFactory(role_profile=profile).competency
    client.force_login(staff_with_login(role_profile=profile).user)
    row = row_for(client.get("/my-training/").text, need.code)
    assert "No session that delivers" in row


@pytest.mark.parametrize("size", [2, 10])
def test_my_training_needs_cost_the_same_queries(
    client, size, django_assert_max_num_queries
):
    profile = RoleProfileFactory()
    for _ in range(size):
        competency = CompetencyFactory()
        RequirementFactory(role_profile=profile, competency=competency)
        SessionFactory(module=module_page(delivers=[(competency, 2)]))
    client.force_login(staff_with_login(role_profile=profile).user)
    with django_assert_max_num_queries(14):
        body = client.get("/my-training/").text
    assert body.count("data-sessions-for=") == size
