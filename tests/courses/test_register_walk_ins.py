"""Walk-ins on the register: the minimal search (names, agency, a masked email), adding a
person found, and adding someone new through the staff import's matching and writing
(courses/views/register.py, competencies.imports.staff.staff_match_or_add)."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from competencies.imports.staff import STAFF_IMPORT_NEW
from competencies.models import StaffMember
from courses.models import Booking
from courses.services import booking_create
from tests.courses.register_world import session_on_the_day, trainer_user
from tests.factories import AgencyFactory, StaffMemberFactory, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    trainer = trainer_user()
    session, bookings = session_on_the_day(trainer=trainer, booked=2)
    return trainer, session, bookings


def register(session, **params):
    url = reverse("courses:register", args=[session.pk])
    return url + (
        "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""
    )


def walk_in(session):
    return reverse("courses:walk_in", args=[session.pk])


def test_search_finds_any_agency_by_name_and_shows_only_a_masked_email(client, day):
    trainer, session, bookings = day
    other = StaffMemberFactory(
        first_name="Zainab", last_name="Okafor", email="zainab.okafor@far.example"
    )
    client.force_login(trainer)
    page = client.get(register(session, q="zainab oka")).content.decode()
    results = page.split('id="walk-in-results"')[1].split("</ul>")[0]
    assert "Zainab Okafor" in results and other.agency.short_name in results
    assert "z•••@far.example" in results
    assert "zainab.okafor@far.example" not in page
    # Someone already on the register is not offered again; one letter finds nobody.
    on_register = bookings[0].staff
    page = client.get(register(session, q=on_register.last_name)).content.decode()
    assert f'name="staff" value="{on_register.pk}"' not in page
    short = client.get(register(session, q="z")).content.decode()
    assert 'id="walk-in-results"' not in short and 'id="walk-in-short"' in short


def test_search_by_a_whole_email_only(client, day):
    trainer, session, _bookings = day
    person = StaffMemberFactory(email="sam.lee@far.example")
    client.force_login(trainer)
    found = client.get(register(session, q="SAM.LEE@far.example")).content.decode()
    assert f'name="staff" value="{person.pk}"' in found
    partial = client.get(register(session, q="sam.lee@far")).content.decode()
    assert f'name="staff" value="{person.pk}"' not in partial


def test_adding_a_person_found_puts_them_on_the_register_as_a_walk_in(client, day):
    trainer, session, _bookings = day
    person = StaffMemberFactory()
    client.force_login(trainer)
    response = client.post(walk_in(session), {"staff": person.pk})
    assert response.status_code == 302
    booking = Booking.objects.get(session=session, staff=person)
    assert booking.status == "confirmed" and booking.walk_in
    assert ModelLogEntry.objects.filter(action="courses.booking.walk_in").count() == 1
    # Twice: they are already on it, and the page says so.
    response = client.post(walk_in(session), {"staff": person.pk})
    assert response.status_code == 400
    assert "already on the register" in response.content.decode()
    assert Booking.objects.filter(session=session, staff=person).count() == 1


def test_a_waitlisted_person_who_turns_up_takes_their_own_booking(client, day):
    trainer, session, _bookings = day
    session.capacity = 2
    session.save()
    person = staff_with_login()
    waiting = booking_create(
        session=session,
        staff=person,
        booked_by=person.user,
        now=session.start - datetime.timedelta(days=1),
    )
    assert waiting.status == "waitlisted"
    client.force_login(trainer)
    client.post(walk_in(session), {"staff": person.pk})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and waiting.walk_in
    assert Booking.objects.filter(session=session, staff=person).count() == 1


def new_person(agency, **overrides):
    data = {
        "first_name": "Ada",
        "last_name": "Byron",
        "agency": agency.pk,
        "email": f"ada.byron@{agency.domain_list[0]}",
    }
    data.update(overrides)
    return data


def test_someone_new_is_added_to_their_agency_as_the_staff_import_would(client, day):
    trainer, session, _bookings = day
    agency = AgencyFactory()
    client.force_login(trainer)
    response = client.post(walk_in(session), new_person(agency))
    assert response.status_code == 302
    person = StaffMember.objects.get(email=f"ada.byron@{agency.domain_list[0]}")
    assert person.agency == agency and person.role_profile is None
    assert ModelLogEntry.objects.filter(action=STAFF_IMPORT_NEW).count() == 1
    assert Booking.objects.get(session=session, staff=person).walk_in


def test_an_existing_email_is_matched_not_duplicated_nor_renamed(client, day):
    trainer, session, _bookings = day
    agency = AgencyFactory()
    known = StaffMemberFactory(
        agency=agency,
        first_name="Ada",
        last_name="King",
        email=f"ada@{agency.domain_list[0]}",
    )
    client.force_login(trainer)
    response = client.post(
        walk_in(session),
        new_person(agency, email=known.email.upper(), last_name="Byron"),
    )
    assert response.status_code == 302
    known.refresh_from_db()
    assert known.last_name == "King"
    assert StaffMember.objects.filter(agency=agency).count() == 1
    assert Booking.objects.get(session=session, staff=known).walk_in


@pytest.mark.parametrize("case", ["other_agency", "wrong_domain", "blank_name"])
def test_the_import_rules_refuse_a_bad_new_person(client, day, case):
    trainer, session, _bookings = day
    agency = AgencyFactory()
    elsewhere = StaffMemberFactory(email=f"taken@{agency.domain_list[0]}")
    data = {
        "other_agency": new_person(agency, email=elsewhere.email),
        "wrong_domain": new_person(agency, email="ada@gmail.example"),
        "blank_name": new_person(agency, first_name=""),
    }[case]
    client.force_login(trainer)
    before = StaffMember.objects.count()
    response = client.post(walk_in(session), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "govuk-error-summary" in page and '<details class="govuk-details" open' in page
    )
    assert StaffMember.objects.count() == before
    assert not Booking.objects.filter(session=session, walk_in=True).exists()


def test_an_unknown_person_id_is_404_not_500(client, day):
    trainer, session, _bookings = day
    client.force_login(trainer)
    assert client.post(walk_in(session), {"staff": "999999"}).status_code == 404
    assert client.post(walk_in(session), {"staff": "x"}).status_code == 404
