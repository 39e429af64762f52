"""Calendar messages (RFC 5545, 5546, 6047): every message about a person's place, parsed as
a calendar would read it, from the booking through an update, a cancellation and a re-booking."""

import datetime

import pytest
from django.core import mail

from courses.services import booking_cancel, booking_create, session_cancel
from courses.services.session_changes import session_change
from tests.courses.mail_parts import calendar_part, has_calendar, html_of, parts
from tests.factories import AgencyFactory, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the email tasks) as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def only_message_to(address):
    (message,) = [m for m in mail.outbox if address in m.to]
    return message


def test_invitation_carries_every_field_a_calendar_needs(session, now, run_commits):
    staff = staff_with_login(first_name="Amira", last_name="Khan")
    with run_commits():
        booking = booking_create(
            session=session, staff=staff, booked_by=staff.user, now=now
        )
    message = only_message_to(staff.email)
    method, event, calendar = calendar_part(message)

    assert method == "REQUEST"  # the MIME part's method= parameter ...
    assert str(calendar["method"]) == "REQUEST"  # ... matches the object's METHOD
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    assert str(event["uid"]) == (f"session-{session.pk}-staff-{staff.pk}@wmsap.example")
    assert int(event["sequence"]) == 1
    booking.refresh_from_db()
    assert booking.calendar_sequence == 1
    assert event.decoded("dtstamp").utcoffset() == datetime.timedelta(0)
    assert str(event["organizer"]) == "mailto:training@wmsap.example"
    assert event["organizer"].params["CN"] == "West Midlands Safeguarding Training"
    attendee = event["attendee"]
    assert str(attendee) == f"mailto:{staff.email}"
    assert attendee.params["CN"] == "Amira Khan"
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event["dtend"].params["TZID"] == "Europe/London"
    assert event.decoded("dtstart") == session.start
    assert event.decoded("dtend") == session.end
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/London"
    raw = parts(message, "text/calendar")[0].get_payload(decode=True).decode()
    assert "DTSTART;TZID=Europe/London:20270430T090000" in raw
    assert raw.index("BEGIN:VTIMEZONE") < raw.index("BEGIN:VEVENT")
    assert str(event["summary"]) == session.module.title
    assert "Council House, Coventry" in str(event["location"])


def test_booking_update_cancel_and_rebooking_keep_one_uid_and_raise_sequence(
    session, now, trainer, run_commits
):
    staff = staff_with_login()
    with run_commits():
        booking = booking_create(
            session=session, staff=staff, booked_by=staff.user, now=now
        )
    with run_commits():
        session_change(
            session=session,
            by=trainer,
            now=now,
            start=session.start + datetime.timedelta(hours=1),
            end=session.end + datetime.timedelta(hours=1),
        )
    with run_commits():
        booking_cancel(booking=booking, by=staff.user, now=now)
    with run_commits():
        rebooking = booking_create(
            session=session, staff=staff, booked_by=staff.user, now=now
        )
    assert rebooking.pk != booking.pk

    received = [calendar_part(m) for m in mail.outbox if staff.email in m.to]
    assert [method for method, _, _ in received] == [
        "REQUEST",
        "REQUEST",
        "CANCEL",
        "REQUEST",
    ]
    assert [str(cal["method"]) for _, _, cal in received] == [
        "REQUEST",
        "REQUEST",
        "CANCEL",
        "REQUEST",
    ]
    assert len({str(event["uid"]) for _, event, _ in received}) == 1
    sequences = [int(event["sequence"]) for _, event, _ in received]
    assert sequences == sorted(set(sequences)) and sequences[0] >= 1  # strictly rising
    update, cancel = received[1][1], received[2][1]
    assert update.decoded("dtstart") == session.start + datetime.timedelta(hours=1)
    assert str(cancel["status"]) == "CANCELLED"


def test_each_person_has_their_own_entry(session, now, run_commits):
    first, second = staff_with_login(), staff_with_login()
    with run_commits():
        for person in (first, second):
            booking_create(
                session=session, staff=person, booked_by=person.user, now=now
            )
    uids = {
        str(calendar_part(only_message_to(p.email))[1]["uid"]) for p in (first, second)
    }
    assert len(uids) == 2


def test_coordinator_copy_carries_no_calendar_entry(session, now, run_commits):
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"]).user
    staff = staff_with_login(agency=agency)
    with run_commits():
        booking = booking_create(
            session=session, staff=staff, booked_by=coordinator, now=now
        )
    with run_commits():
        booking_cancel(
            booking=booking, by=coordinator, now=now, note="Rostered on a night shift"
        )

    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    to_coordinator = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert [calendar_part(m)[0] for m in to_staff] == ["REQUEST", "CANCEL"]
    assert len(to_coordinator) == 2
    # The copies are separate messages: the attendee's entry never reaches the coordinator.
    assert all(
        not m.cc and not has_calendar(m) for m in mail.outbox if m not in to_staff
    )
    assert [m.subject for m in to_coordinator] == [m.subject for m in to_staff]


def test_waiting_list_gets_no_calendar_entry_but_session_cancel_reaches_all(
    session, now, trainer, run_commits
):
    session.capacity = 1
    session.save()
    booked, waiting = staff_with_login(), staff_with_login()
    with run_commits():
        for person in (booked, waiting):
            booking_create(
                session=session, staff=person, booked_by=person.user, now=now
            )
    assert not has_calendar(only_message_to(waiting.email))
    mail.outbox.clear()

    with run_commits():
        session_cancel(session=session, by=trainer, now=now)
    method, event, calendar = calendar_part(only_message_to(booked.email))
    assert (method, str(calendar["method"]), str(event["status"])) == (
        "CANCEL",
        "CANCEL",
        "CANCELLED",
    )
    assert int(event["sequence"]) == 2
    told = only_message_to(waiting.email)
    assert told.subject.startswith("Session cancelled")
    assert not has_calendar(told)  # nothing in their calendar to take out


def test_html_twin_is_branded_and_escapes_names(session, now, run_commits):
    staff = staff_with_login(first_name='<b>Zoë & "Jo"</b>')
    with run_commits():
        booking_create(session=session, staff=staff, booked_by=staff.user, now=now)
    message = only_message_to(staff.email)
    assert message.body.startswith('Dear <b>Zoë & "Jo"</b>,')  # plain text stays plain
    html = html_of(message)
    assert "Dear &lt;b&gt;Zoë &amp; &quot;Jo&quot;&lt;/b&gt;," in html
    assert "<b>Zoë" not in html
    assert "West Midlands Safeguarding Adults Partnership" in html
    assert 'style="' in html and "<style" not in html  # inline styles only
    assert f'href="http://127.0.0.1:8000/sessions/{session.pk}/"' in html


def test_downloaded_file_is_the_same_entry_and_raises_nothing(
    client, session, now, run_commits
):
    """The .ics from the booking page names the entry the emails keep up to date (same UID,
    the last SEQUENCE sent); as a PUBLISH it carries no ATTENDEE, and reading it raises no
    SEQUENCE, so the next update still supersedes it."""
    from icalendar import Calendar

    staff = staff_with_login()
    with run_commits():
        booking = booking_create(
            session=session, staff=staff, booked_by=staff.user, now=now
        )
    _, emailed, _ = calendar_part(only_message_to(staff.email))
    client.force_login(staff.user)
    for _ in range(2):
        response = client.get(f"/bookings/{booking.pk}/calendar.ics")
        assert response.status_code == 200
        calendar = Calendar.from_ical(response.content)
        assert str(calendar["method"]) == "PUBLISH"
        (event,) = calendar.walk("VEVENT")
        assert str(event["uid"]) == str(emailed["uid"])
        assert int(event["sequence"]) == int(emailed["sequence"])
        assert "ATTENDEE" not in event
    booking.refresh_from_db()
    assert booking.calendar_sequence == int(emailed["sequence"])
