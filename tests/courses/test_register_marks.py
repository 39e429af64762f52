"""The register over HTTP: marks with their times, the counts, the QR code, and who may open
it (courses/views/register.py, courses/services/attendance.py)."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from courses.models import Booking
from courses.services import check_in_self
from tests.courses.register_world import (
    at,
    hhmm,
    session_on_the_day,
    trainer_user,
)
from tests.factories import staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    trainer = trainer_user()
    session, bookings = session_on_the_day(trainer=trainer, booked=4)
    return trainer, session, bookings


def url(session, name="courses:register"):
    return reverse(name, args=[session.pk])


def marks_form(bookings, marks, times=None):
    data = {"save": "1"}
    times = times or {}
    for booking, mark in zip(bookings, marks, strict=True):
        data[f"mark_{booking.pk}"] = mark
        if mark in ("late", "left_early"):
            data[f"time_{booking.pk}"] = times.get(booking.pk, "")
    return data


def test_each_mark_is_stored_with_its_time_and_counted(client, day):
    trainer, session, bookings = day
    client.force_login(trainer)
    late, left = hhmm(at(session, 20)), hhmm(at(session, 90))
    response = client.post(
        url(session),
        marks_form(
            bookings,
            ["attended", "late", "left_early", "absent"],
            {bookings[1].pk: late, bookings[2].pk: left},
        ),
    )
    assert response.status_code == 302
    rows = {b.pk: b for b in Booking.objects.filter(session=session)}
    assert [rows[b.pk].attendance for b in bookings] == [
        "attended",
        "partial",
        "partial",
        "absent",
    ]
    assert rows[bookings[1].pk].arrived_at == at(session, 20)
    assert rows[bookings[1].pk].left_at is None
    assert rows[bookings[2].pk].left_at == at(session, 90)

    page = client.get(url(session)).content.decode()
    for name, count in (("attended", 1), ("late", 1), ("left_early", 1), ("absent", 1)):
        assert f'data-count="{name}">{count}<' in page
    # The times come back into the form, the late radio is checked.
    assert f'value="{late}"' in page and f'value="{left}"' in page
    radio = page.split(f'id="id_mark_{bookings[1].pk}_1"')[1].split(">")[0]
    assert 'value="late"' in radio and "checked" in radio
    assert (
        ModelLogEntry.objects.filter(action="courses.booking.attendance").count() >= 4
    )


def test_late_without_a_time_is_an_error_and_nothing_is_saved(client, day):
    trainer, session, bookings = day
    client.force_login(trainer)
    response = client.post(
        url(session), marks_form(bookings, ["attended", "late", "absent", "absent"])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert escape(f"Enter the time {bookings[1].staff.full_name} arrived") in page
    assert f'href="#id_time_{bookings[1].pk}"' in page
    assert not Booking.objects.filter(session=session).exclude(attendance="").exists()


def test_a_time_outside_the_session_is_refused_and_nothing_is_saved(client, day):
    trainer, session, bookings = day
    client.force_login(trainer)
    before_start = hhmm(at(session, -60))
    response = client.post(
        url(session),
        marks_form(
            bookings,
            ["attended", "late", "absent", "absent"],
            {bookings[1].pk: before_start},
        ),
    )
    assert response.status_code == 200
    assert "must be between the start" in response.content.decode()
    assert not Booking.objects.filter(session=session).exclude(attendance="").exists()


def test_marking_absent_clears_a_check_in_and_attended_keeps_it(client, day):
    trainer, session, bookings = day
    for booking in bookings[:2]:
        booking.staff.user.refresh_from_db()
        check_in_self(session=session, user=booking.staff.user, now=at(session, -5))
    client.force_login(trainer)
    client.post(
        url(session), marks_form(bookings, ["attended", "absent", "absent", "absent"])
    )
    first, second = (Booking.objects.get(pk=b.pk) for b in bookings[:2])
    assert first.arrived_at == at(session, -5)
    assert second.arrived_at is None and second.attendance == "absent"


def test_a_late_check_in_is_offered_as_late_with_its_time(client, day):
    trainer, session, bookings = day
    check_in_self(session=session, user=bookings[0].staff.user, now=at(session, 7))
    client.force_login(trainer)
    page = client.get(url(session)).content.decode()
    radio = page.split(f'id="id_mark_{bookings[0].pk}_1"')[1].split(">")[0]
    assert "checked" in radio and 'value="late"' in radio
    assert f'value="{hhmm(at(session, 7))}"' in page
    assert f"arrived {hhmm(at(session, 7))}" in page


def test_the_register_is_built_for_a_phone(client, day):
    trainer, session, _bookings = day
    client.force_login(trainer)
    page = client.get(url(session)).content.decode()
    assert "govuk-radios--inline" not in page  # stacked radios
    assert "<table" not in page  # summary lists, not wide tables


def test_the_register_shows_the_check_in_qr_code(client, day):
    trainer, session, _bookings = day
    client.force_login(trainer)
    page = client.get(url(session)).content.decode()
    assert 'id="check-in-qr"' in page and "<svg" in page
    assert f"/sessions/{session.pk}/check-in/" in page
    assert hhmm(at(session, -30)) in page and hhmm(at(session, 30)) in page


@pytest.mark.parametrize(
    "name", ["courses:register", "courses:register_check", "courses:waiting_list"]
)
def test_other_trainers_and_staff_get_404(client, day, name):
    _trainer, session, _bookings = day
    for user in (trainer_user("trainer.other"), staff_with_login().user):
        client.force_login(user)
        assert client.get(url(session, name)).status_code == 404
        if name != "courses:waiting_list":  # a page to read, no form
            response = client.post(url(session, name), {"complete": "1"})
            assert response.status_code == 404
    assert (
        client.post(url(session, "courses:walk_in"), {"staff": "1"}).status_code == 404
    )


def test_a_signed_out_visitor_is_sent_to_sign_in(client, day):
    _trainer, session, _bookings = day
    response = client.get(url(session))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_register_queries_do_not_grow_with_the_people_on_it(
    client, django_assert_max_num_queries
):
    trainer = trainer_user()
    small, _ = session_on_the_day(trainer=trainer, booked=2)
    large, _ = session_on_the_day(trainer=trainer, booked=12)
    client.force_login(trainer)
    with django_assert_max_num_queries(20) as counted:
        assert client.get(url(small)).status_code == 200
    with django_assert_max_num_queries(len(counted.captured_queries)):
        assert client.get(url(large)).status_code == 200
