"""A session's time, place, link or trainers change: everyone on it is told, with a calendar
update for those with a place; more places (or a higher agency cap) go to the waiting list at
once; a change rolled back tells nobody. Through the service and the Wagtail admin."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from courses.models import Booking
from courses.services import booking_cancel, booking_create
from courses.services.session_changes import session_change
from tests.courses.mail_parts import calendar_part, has_calendar
from tests.factories import AgencyFactory, UserFactory, staff_with_login

pytestmark = pytest.mark.django_db


def book(session, people, now):
    return [
        booking_create(session=session, staff=p, booked_by=p.user, now=now)
        for p in people
    ]


def status_of(booking):
    booking.refresh_from_db()
    return booking.status


def test_new_venue_reaches_everyone_on_the_session(
    session, now, trainer, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    booked, waiting, gone = staff_with_login(), staff_with_login(), staff_with_login()
    with django_capture_on_commit_callbacks(execute=True):
        first, _, left = book(session, [booked, waiting, gone], now)
        booking_cancel(booking=left, by=gone.user, now=now)
    before = calendar_part(next(m for m in mail.outbox if m.to == [booked.email]))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        session_change(
            session=session, by=trainer, now=now, venue_name="Library, Walsall"
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([booked.email, waiting.email])
    assert all(m.subject.startswith("Session changed") for m in mail.outbox)
    to_booked = next(m for m in mail.outbox if m.to == [booked.email])
    method, event, _ = calendar_part(to_booked)
    assert method == "REQUEST" and "Library, Walsall" in str(event["location"])
    assert str(event["uid"]) == str(before[1]["uid"])
    assert int(event["sequence"]) > int(before[1]["sequence"])
    assert "Library, Walsall" in to_booked.body
    to_waiting = next(m for m in mail.outbox if m.to == [waiting.email])
    assert "still on the waiting list" in to_waiting.body
    assert not has_calendar(to_waiting)  # no place, so nothing in their calendar
    assert status_of(first) == Booking.Status.CONFIRMED


def test_new_trainer_is_a_change_and_a_new_note_is_not(
    session, now, trainer, django_capture_on_commit_callbacks
):
    person = staff_with_login()
    book(session, [person], now)
    with django_capture_on_commit_callbacks(execute=True):
        session_change(session=session, by=trainer, now=now, access_notes="Lift")
    assert mail.outbox == []
    other = UserFactory(groups=["Trainers"])
    with django_capture_on_commit_callbacks(execute=True):
        session_change(session=session, by=trainer, now=now, trainers=[trainer, other])
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_more_places_go_to_the_first_people_waiting_at_once(
    session, now, trainer, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    people = [staff_with_login() for _ in range(4)]
    bookings = book(session, people, now)
    assert [status_of(b) for b in bookings[1:]] == [Booking.Status.WAITLISTED] * 3

    with django_capture_on_commit_callbacks(execute=True):
        session_change(session=session, by=trainer, now=now, capacity=3)

    assert [status_of(b) for b in bookings] == [
        Booking.Status.CONFIRMED,
        Booking.Status.OFFERED,
        Booking.Status.OFFERED,
        Booking.Status.WAITLISTED,
    ]
    offered = {m.to[0]: m.subject for m in mail.outbox}
    assert set(offered) == {people[1].email, people[2].email}
    assert all(s.startswith("A place is free for you") for s in offered.values())


def test_higher_agency_cap_goes_to_that_agencys_first_person_waiting(
    session, now, trainer, django_capture_on_commit_callbacks
):
    session.capacity, session.max_per_agency = 10, 1
    session.save()
    agency = AgencyFactory()
    people = [staff_with_login(agency=agency) for _ in range(3)]
    bookings = book(session, people, now)
    assert [status_of(b) for b in bookings] == [
        Booking.Status.CONFIRMED,
        Booking.Status.WAITLISTED,
        Booking.Status.WAITLISTED,
    ]

    with django_capture_on_commit_callbacks(execute=True):
        session_change(session=session, by=trainer, now=now, max_per_agency=2)

    assert [status_of(b) for b in bookings[1:]] == [
        Booking.Status.OFFERED,
        Booking.Status.WAITLISTED,
    ]
    assert [m.to for m in mail.outbox] == [[people[1].email]]


def test_a_change_rolled_back_tells_nobody(
    session, now, trainer, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    booked, waiting = staff_with_login(), staff_with_login()
    bookings = book(session, [booked, waiting], now)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            session_change(
                session=session,
                by=trainer,
                now=now,
                capacity=2,
                venue_name="Library, Walsall",
            )
            raise RuntimeError("the save failed after the change")
    assert callbacks == [] and mail.outbox == []
    assert status_of(bookings[1]) == Booking.Status.WAITLISTED
    session.refresh_from_db()
    assert session.venue_name == "Council House, Coventry"


def test_a_session_in_the_past_tells_nobody(
    session, now, trainer, django_capture_on_commit_callbacks
):
    person = staff_with_login()
    book(session, [person], now)
    with django_capture_on_commit_callbacks(execute=True):
        session_change(
            session=session,
            by=trainer,
            now=session.start + datetime.timedelta(minutes=5),
            venue_name="Library, Walsall",
        )
    assert mail.outbox == []


# --- through the Wagtail admin ----------------------------------------------------------------


def edit_form(session, **changes):
    def local(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")

    data = {
        "module": session.module_id,
        "start": local(session.start),
        "end": local(session.end),
        "venue_name": session.venue_name,
        "venue_address": session.venue_address,
        "access_notes": session.access_notes,
        "online_link": session.online_link,
        "area": session.area_id or "",
        "capacity": session.capacity,
        "host_agency": session.host_agency_id or "",
        "trainers": [u.pk for u in session.trainers.all()],
        "booking_opens_at": "",
        "booking_closes_at": "",
        "max_per_agency": session.max_per_agency or "",
        "mix_relax_days": "",
        "no_show_charge": "",
    }
    data.update(changes)
    return data


def test_admin_save_of_a_new_time_sends_calendar_updates(
    trainer_client, session, now, django_capture_on_commit_callbacks
):
    person = staff_with_login()
    with django_capture_on_commit_callbacks(execute=True):
        book(session, [person], now)
    mail.outbox.clear()
    start = session.start + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(
            f"/admin/courses_session/edit/{session.pk}/",
            edit_form(
                session,
                start=timezone.localtime(start).strftime("%Y-%m-%d %H:%M"),
                end=timezone.localtime(start + datetime.timedelta(hours=3)).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            ),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    (message,) = mail.outbox
    method, event, _ = calendar_part(message)
    assert method == "REQUEST" and event.decoded("dtstart") == start
    assert int(event["sequence"]) == 2


def test_admin_save_of_more_places_offers_them(
    trainer_client, session, now, django_capture_on_commit_callbacks
):
    session.capacity = 1
    session.save()
    people = [staff_with_login(), staff_with_login()]
    _, waiting = book(session, people, now)
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(
            f"/admin/courses_session/edit/{session.pk}/", edit_form(session, capacity=2)
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert status_of(waiting) == Booking.Status.OFFERED
    assert [m.to for m in mail.outbox] == [[people[1].email]]
