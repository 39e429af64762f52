"""/agency/staff/<id>/: one person's training for their coordinator: requirements with the record
behind each, bookings, certificates, the sessions that would close each gap and booking them;
404 outside the coordinator's agency; the same queries at any size."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Booking, Certificate
from courses.services import booking_cancel, booking_create
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    fw = f.FrameworkFactory()
    for n in (1, 2):
        f.LevelFactory(framework=fw, number=n)
    domain = f.DomainFactory(framework=fw)
    held, gap = (
        f.CompetencyFactory(domain=domain, code="SA1.1", title="Recognise abuse"),
        f.CompetencyFactory(domain=domain, code="SA1.2", title="Raise a concern"),
    )
    profile = f.RoleProfileFactory(framework=fw, code="RP05", name="Support worker")
    f.RequirementFactory(role_profile=profile, competency=held, min_level=1)
    f.RequirementFactory(role_profile=profile, competency=gap, min_level=2)
    trust = f.AgencyFactory(short_name="NHS", name="Black Country Trust")
    police = f.AgencyFactory(short_name="POL", name="Police")
    coordinator = f.coordinator_for(trust)
    person = f.staff_with_login(
        agency=trust, role_profile=profile, first_name="Jade", last_name="Singh"
    )
    today = timezone.localdate()
    record = f.CompetencyRecordFactory(
        staff=person,
        competency=held,
        level=1,
        achieved_on=today - datetime.timedelta(days=30),
        expires_on=today + datetime.timedelta(days=700),
        source_detail="Induction 2026",
    )
    closes = f.module_page(title="Raising concerns", delivers=[(gap, 2)])
    too_low = f.module_page(title="Awareness only", delivers=[(gap, 1)])
    unrelated = f.module_page(title="Something else")
    soon = f.SessionFactory(module=closes)
    f.SessionFactory(module=too_low)
    f.SessionFactory(module=unrelated)
    outsider = f.StaffMemberFactory(agency=police, role_profile=profile)
    return locals()


def test_shows_requirements_with_the_record_behind_them(client, world):
    client.force_login(world["coordinator"])
    response = client.get(f"/agency/staff/{world['person'].pk}/")
    assert response.status_code == 200
    rows = {i["competency"].code: i for i in response.context["requirements"]}
    assert rows["SA1.1"]["row"].status == "met"
    assert rows["SA1.1"]["record"] == world["record"]
    assert rows["SA1.2"]["row"].status == "missing" and rows["SA1.2"]["record"] is None
    html = response.content.decode()
    assert "Induction 2026" in html
    assert f"/agency/staff/{world['person'].pk}/account/" in html  # account and data
    assert reverse("competencies_staff:edit", args=[world["person"].pk]) in html


def test_each_gap_lists_the_sessions_that_would_close_it(client, world):
    client.force_login(world["coordinator"])
    response = client.get(f"/agency/staff/{world['person'].pk}/")
    (gap,) = response.context["gaps"]
    assert gap["competency"].code == "SA1.2"
    # Only the module delivering SA1.2 at level 2 or above; not level 1, not others.
    assert gap["sessions"] == [world["soon"]]
    assert f"/sessions/{world['soon'].pk}/book-staff/" in response.content.decode()


def test_book_them_from_the_gap(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        f"/sessions/{world['soon'].pk}/book-staff/", {"staff": world["person"].pk}
    )
    assert response.status_code == 200
    booking = Booking.objects.get(staff=world["person"], session=world["soon"])
    assert booking.status == "confirmed" and booking.booked_by == world["coordinator"]
    # The gap's session is now one of their bookings, no longer offered for the gap.
    response = client.get(f"/agency/staff/{world['person'].pk}/")
    assert response.context["bookings"]["upcoming"][0].session == world["soon"]
    assert response.context["gaps"][0]["sessions"] == []


def test_bookings_upcoming_past_cancelled_and_certificates(client, world):
    person = world["person"]
    trainer = f.UserFactory(groups=["Trainers"])
    f.session_completed(
        trainer=trainer, staff=[person], module=f.module_page(title="Done")
    )
    cancelled = booking_create(
        session=f.SessionFactory(module=f.module_page(title="Dropped")),
        staff=person,
        booked_by=world["coordinator"],
    )
    booking_cancel(booking=cancelled, by=person.user)
    upcoming = booking_create(
        session=world["soon"], staff=person, booked_by=world["coordinator"]
    )
    client.force_login(world["coordinator"])
    response = client.get(f"/agency/staff/{person.pk}/")
    groups = response.context["bookings"]
    assert [b.session.module.title for b in groups["past"]] == ["Done"]
    assert [b.pk for b in groups["cancelled"]] == [cancelled.pk]
    assert [b.pk for b in groups["upcoming"]] == [upcoming.pk]
    html = response.content.decode()
    assert f"/bookings/{upcoming.pk}/cancel/?next=" in html
    certificate = Certificate.objects.get(staff=person)
    assert certificate.number in html


@pytest.mark.parametrize("who", ["other_coordinator", "staff", "trainer"])
def test_outside_the_scope_is_a_404(client, world, who):
    users = {
        "other_coordinator": lambda: f.coordinator_for(world["police"]),
        "staff": lambda: (
            f.staff_with_login(agency=world["trust"], groups=["Staff"]).user
        ),
        "trainer": lambda: f.UserFactory(groups=["Trainers"]),
    }
    client.force_login(users[who]())
    assert client.get(f"/agency/staff/{world['person'].pk}/").status_code == 404


def test_coordinator_cannot_open_another_agencys_person(client, world):
    client.force_login(world["coordinator"])
    assert client.get(f"/agency/staff/{world['outsider'].pk}/").status_code == 404
    assert client.get("/agency/staff/999999/").status_code == 404


@pytest.mark.parametrize("extra", [0, 12])
def test_query_count_is_constant(client, world, extra, django_assert_max_num_queries):
    person = world["person"]
    for i in range(extra):
        f.CompetencyRecordFactory(staff=person, competency=world["held"], level=1)
        session = f.SessionFactory(
            module=world["closes"],
            start=timezone.now() + datetime.timedelta(days=30 + i),
        )
        if i % 2:
            booking_create(
                session=session, staff=person, booked_by=world["coordinator"]
            )
    client.force_login(world["coordinator"])
    # 14, and up to 2 for the navigation's counts of things waiting for a coordinator.
    with django_assert_max_num_queries(16):
        assert client.get(f"/agency/staff/{person.pk}/").status_code == 200
