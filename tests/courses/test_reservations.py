"""Places a trainer holds for an agency until a date: only that agency's coordinator fills
them, nobody else can take them meanwhile, and at the date the empty ones go straight to the
waiting list."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from courses.exceptions import BookingError
from courses.models import Booking
from courses.services import booking_cancel, booking_create
from courses.services.reservations import reservation_create, reservations_release
from tests.factories import AgencyFactory, UserFactory, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(session, trainer, now):
    """Three places; two held for the council until a week before, by the trainer."""
    session.capacity, session.max_per_agency = 3, 3
    session.save()
    council, police = AgencyFactory(short_name="CNCL"), AgencyFactory(short_name="POL")
    coordinator = staff_with_login(
        agency=council, groups=["Training coordinators"]
    ).user
    until = session.start - datetime.timedelta(days=7)
    held = reservation_create(
        session=session, agency=council, places=2, until=until, by=trainer, now=now
    )
    return {
        "session": session,
        "council": council,
        "police": police,
        "coordinator": coordinator,
        "held": held,
        "until": until,
    }


def status_of(booking):
    booking.refresh_from_db()
    return booking.status


def test_held_places_are_kept_from_everyone_else(world, now):
    session, police = world["session"], world["police"]
    first, second = staff_with_login(agency=police), staff_with_login(agency=police)
    own = staff_with_login(agency=world["council"])
    b1 = booking_create(session=session, staff=first, booked_by=first.user, now=now)
    b2 = booking_create(session=session, staff=second, booked_by=second.user, now=now)
    # The council's own staff booking themselves do not take their agency's held places:
    # the coordinator decides who goes.
    b3 = booking_create(session=session, staff=own, booked_by=own.user, now=now)
    assert [status_of(b) for b in (b1, b2, b3)] == [
        Booking.Status.CONFIRMED,
        Booking.Status.WAITLISTED,
        Booking.Status.WAITLISTED,
    ]


def test_only_the_agencys_coordinator_fills_them_even_when_full(world, now):
    session, council, coordinator = (
        world["session"],
        world["council"],
        world["coordinator"],
    )
    outsider = staff_with_login(agency=world["police"])
    booking_create(session=session, staff=outsider, booked_by=outsider.user, now=now)
    named = [staff_with_login(agency=council) for _ in range(3)]
    bookings = [
        booking_create(session=session, staff=p, booked_by=coordinator, now=now)
        for p in named
    ]
    assert [status_of(b) for b in bookings] == [
        Booking.Status.CONFIRMED,
        Booking.Status.CONFIRMED,
        Booking.Status.WAITLISTED,  # two held, both filled: the third waits like anyone
    ]
    assert [b.reservation_id for b in bookings[:2]] == [world["held"].pk] * 2

    police_coordinator = staff_with_login(
        agency=world["police"], groups=["Training coordinators"]
    ).user
    with pytest.raises(BookingError) as error:
        booking_create(
            session=session, staff=named[2], booked_by=police_coordinator, now=now
        )
    assert error.value.code == "OTHER_AGENCY"


def test_a_filled_place_given_up_goes_back_to_the_agency_until_the_date(world, now):
    session, council, coordinator = (
        world["session"],
        world["council"],
        world["coordinator"],
    )
    waiting = [staff_with_login(agency=world["police"]) for _ in range(2)]
    person = staff_with_login(agency=council)
    placed = booking_create(
        session=session, staff=person, booked_by=coordinator, now=now
    )
    for p in waiting:
        booking_create(session=session, staff=p, booked_by=p.user, now=now)
    booking_cancel(booking=placed, by=coordinator, now=now, note="Off sick")
    statuses = Booking.objects.filter(staff__in=waiting).values_list(
        "status", flat=True
    )
    assert sorted(statuses) == ["confirmed", "waitlisted"]  # the one free place only


def test_at_the_date_empty_held_places_go_to_the_waiting_list(
    world, now, django_capture_on_commit_callbacks
):
    session, council, coordinator = (
        world["session"],
        world["council"],
        world["coordinator"],
    )
    booking_create(
        session=session,
        staff=staff_with_login(agency=council),
        booked_by=coordinator,
        now=now,
    )
    people = [staff_with_login(agency=world["police"]) for _ in range(3)]
    bookings = [
        booking_create(session=session, staff=p, booked_by=p.user, now=now)
        for p in people
    ]
    assert [status_of(b) for b in bookings] == [
        Booking.Status.CONFIRMED,
        Booking.Status.WAITLISTED,
        Booking.Status.WAITLISTED,
    ]
    assert reservations_release(now=world["until"] - datetime.timedelta(minutes=1)) == 0

    with django_capture_on_commit_callbacks(execute=True):
        assert reservations_release(now=world["until"]) == 1
        assert reservations_release(now=world["until"]) == 0  # once only
    assert [status_of(b) for b in bookings[1:]] == [
        Booking.Status.OFFERED,
        Booking.Status.WAITLISTED,
    ]
    assert [m.to for m in mail.outbox] == [[people[1].email]]
    assert mail.outbox[0].subject.startswith("A place is free for you")


def test_the_command_gives_them_back_once_their_date_has_passed(world):
    session, held = world["session"], world["held"]
    waiting = [staff_with_login(agency=world["police"]) for _ in range(2)]
    for p in waiting:
        booking_create(session=session, staff=p, booked_by=p.user)
    assert sorted(Booking.objects.values_list("status", flat=True)) == [
        "confirmed",
        "waitlisted",
    ]
    out = io.StringIO()
    call_command("expire_offers", stdout=out)
    assert "of 0 reservation(s)" in out.getvalue()  # its date is still to come

    type(held).objects.filter(pk=held.pk).update(
        until=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("expire_offers", stdout=out)
    assert "of 1 reservation(s)" in out.getvalue()
    held.refresh_from_db()
    assert held.released_at is not None
    assert sorted(Booking.objects.values_list("status", flat=True)) == [
        "confirmed",
        "offered",
    ]


@pytest.mark.parametrize(
    ("who", "places", "until_days", "code"),
    [
        ("stranger", 1, 7, "NOT_TRAINER"),
        ("trainer", 2, 7, "NOT_ENOUGH_PLACES"),  # one place left after the first hold
        ("trainer", 1, -1, "HOLD_UNTIL"),  # after the start
    ],
)
def test_holding_places_is_checked(world, now, trainer, who, places, until_days, code):
    by = trainer if who == "trainer" else UserFactory(groups=["Trainers"])
    with pytest.raises(BookingError) as error:
        reservation_create(
            session=world["session"],
            agency=world["police"],
            places=places,
            until=world["session"].start - datetime.timedelta(days=until_days),
            by=by,
            now=now,
        )
    assert error.value.code == code


# --- the admin ---------------------------------------------------------------------------------


def hold_form(session, agency, *, places, until):
    return {
        "session": session.pk,
        "agency": agency.pk,
        "places": places,
        "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M"),
    }


def test_trainer_holds_places_in_the_admin_and_the_coordinator_sees_them(
    trainer_client, session, client
):
    session.capacity = 3
    session.save()
    police = AgencyFactory(short_name="POLX")
    until = session.start - datetime.timedelta(days=3)
    response = trainer_client.post(
        "/admin/courses_reservation/new/",
        hold_form(session, police, places=5, until=until),
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "Only 3 place(s) are free to hold" in response.content.decode()

    response = trainer_client.post(
        "/admin/courses_reservation/new/",
        hold_form(session, police, places=2, until=until),
    )
    assert response.status_code == 302
    (held,) = session.reservations.all()
    assert (held.agency, held.places, held.until) == (police, 2, until)
    listing = trainer_client.get("/admin/courses_reservation/").content.decode()
    assert f"/admin/courses_reservation/inspect/{held.pk}/" in listing
    assert trainer_client.get(
        f"/admin/courses_reservation/edit/{held.pk}/"
    ).status_code in (302, 403)

    theirs = staff_with_login(agency=police, groups=["Training coordinators"]).user
    other = staff_with_login(groups=["Training coordinators"]).user
    client.force_login(theirs)
    assert (
        client.get(f"/admin/courses_reservation/inspect/{held.pk}/").status_code == 200
    )
    client.force_login(other)
    assert (
        client.get(f"/admin/courses_reservation/inspect/{held.pk}/").status_code == 404
    )
    listing = client.get("/admin/courses_reservation/").content.decode()
    assert f"/admin/courses_reservation/inspect/{held.pk}/" not in listing


def test_places_left_on_the_session_pages_leave_out_empty_held_places(
    client, session, trainer
):
    from courses.selectors import with_places

    session.capacity = 5
    session.save()
    council = AgencyFactory(short_name="CNCL2")
    coordinator = staff_with_login(
        agency=council, groups=["Training coordinators"]
    ).user
    reservation_create(
        session=session,
        agency=council,
        places=3,
        until=session.start - datetime.timedelta(days=1),
        by=trainer,
    )

    def left():
        return (
            with_places(type(session).objects.filter(pk=session.pk)).get().places_left
        )

    assert left() == 2
    booking_create(
        session=session,
        staff=staff_with_login(agency=council),
        booked_by=coordinator,
    )
    assert left() == 2  # a held place filled: still 2 free to everyone else
    someone = staff_with_login()
    booking_create(session=session, staff=someone, booked_by=someone.user)
    assert left() == 1
    html = client.get(session.get_absolute_url()).content.decode()
    assert "1 of 5" in " ".join(html.split())
