"""Evaluation after the session and the three-month follow-up; results per session and module."""

import datetime

import pytest

from courses.exceptions import BookingError
from courses.services import (
    attendance_mark,
    booking_create,
    evaluation_create,
    follow_up_create,
    session_complete,
)
from tests.factories import SessionFactory, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(now, trainer):
    start = now + datetime.timedelta(days=2)
    session = SessionFactory(
        start=start, end=start + datetime.timedelta(hours=3), trainers=[trainer]
    )
    people = [staff_with_login() for _ in range(2)]
    bookings = [
        booking_create(session=session, staff=p, booked_by=p.user, now=now)
        for p in people
    ]
    after = start + datetime.timedelta(hours=3)
    attendance_mark(booking=bookings[0], attendance="attended", by=trainer, now=after)
    attendance_mark(booking=bookings[1], attendance="absent", by=trainer, now=after)
    session_complete(session=session, by=trainer, now=after)
    return session, bookings, after


def test_attendee_evaluates_once_with_confidence_per_outcome(completed):
    session, bookings, after = completed
    user = bookings[0].staff.user
    evaluation = evaluation_create(
        booking=bookings[0],
        by=user,
        overall_rating=5,
        confidence=[(3, 7), (4, 8)],
        do_differently="Ask the person what outcome they want.",
    )
    assert evaluation.confidence_before == 3.5 and evaluation.confidence_after == 7.5
    assert evaluation.outcome_confidence[0] == {
        "outcome": "Recognise abuse",
        "before": 3,
        "after": 7,
    }
    with pytest.raises(BookingError) as excinfo:
        evaluation_create(
            booking=bookings[0], by=user, overall_rating=4, confidence=[(3, 7), (4, 8)]
        )
    assert excinfo.value.code == "ALREADY_EVALUATED"


def test_no_shows_and_others_cannot_evaluate(completed):
    session, bookings, after = completed
    with pytest.raises(BookingError) as excinfo:
        evaluation_create(
            booking=bookings[1],
            by=bookings[1].staff.user,
            overall_rating=1,
            confidence=[(1, 1), (1, 1)],
        )
    assert excinfo.value.code == "NOT_ATTENDEE"
    with pytest.raises(BookingError):
        evaluation_create(
            booking=bookings[0],
            by=bookings[1].staff.user,
            overall_rating=1,
            confidence=[(1, 1), (1, 1)],
        )


def test_follow_up_opens_three_months_after(completed):
    session, bookings, after = completed
    user = bookings[0].staff.user
    with pytest.raises(BookingError) as excinfo:
        follow_up_create(
            booking=bookings[0],
            by=user,
            practice_changed="yes",
            now=after + datetime.timedelta(days=30),
        )
    assert excinfo.value.code == "FOLLOW_UP_NOT_DUE"
    follow_up = follow_up_create(
        booking=bookings[0],
        by=user,
        practice_changed="yes",
        example="Used MSP",
        now=after + datetime.timedelta(days=95),
    )
    assert follow_up.practice_changed == "yes"


def test_trainer_sees_results_per_session_and_module(completed, client, trainer):
    session, bookings, after = completed
    evaluation_create(
        booking=bookings[0],
        by=bookings[0].staff.user,
        overall_rating=4,
        confidence=[(3, 7), (4, 8)],
        do_differently="Record decisions",
    )
    client.force_login(trainer)
    page = client.get(f"/sessions/{session.pk}/evaluations/").content.decode()
    assert 'id="evaluation-rating">4.0' in page and "Record decisions" in page
    page = client.get(
        f"/sessions/modules/{session.module_id}/evaluations/"
    ).content.decode()
    assert 'id="evaluation-count">1' in page
    client.force_login(bookings[1].staff.user)
    assert client.get(f"/sessions/{session.pk}/evaluations/").status_code == 404
