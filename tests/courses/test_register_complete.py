"""Completing the register through its check step: the counts agree on the register, the
check page and the message after; partly attended people get no certificate and My training's
reason says why (courses/views/register.py, courses/trainer_selectors.py)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses import trainer_selectors
from courses.models import Booking, Certificate, Session
from courses.services import register_mark_set, walk_in_add
from tests.courses.register_world import at, hhmm, session_on_the_day, trainer_user
from tests.factories import EvaluationFactory, module_page, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked():
    """Five people: attended, late, left early, absent, and a walk-in who attended."""
    trainer = trainer_user()
    session, bookings = session_on_the_day(trainer=trainer, booked=4)
    walk_in = walk_in_add(session=session, staff=staff_with_login(), by=trainer)
    for booking, mark, minutes in zip(
        [*bookings, walk_in],
        ["attended", "late", "left_early", "absent", "attended"],
        [None, 25, 100, None, None],
        strict=True,
    ):
        register_mark_set(
            booking=booking,
            mark=mark,
            at=at(session, minutes) if minutes else None,
            by=trainer,
        )
    return trainer, session, [*bookings, walk_in]


COUNTS = {"attended": 2, "late": 1, "left_early": 1, "absent": 1, "walk_ins": 1}


def shown_counts(page: str) -> dict:
    return {
        name: int(page.split(f'data-count="{name}">')[1].split("<")[0])
        for name in COUNTS
    }


def test_complete_goes_through_the_check_step_with_the_same_counts(client, marked):
    trainer, session, bookings = marked
    client.force_login(trainer)
    register = reverse("courses:register", args=[session.pk])
    check = reverse("courses:register_check", args=[session.pk])
    assert shown_counts(client.get(register).content.decode()) == COUNTS

    data = {"complete": "1"}
    for booking in bookings:
        booking.refresh_from_db()
        data[f"mark_{booking.pk}"] = {
            "attended": "attended",
            "absent": "absent",
        }.get(booking.attendance, "late" if not booking.left_at else "left_early")
        moment = booking.left_at or booking.arrived_at
        if moment:
            data[f"time_{booking.pk}"] = hhmm(moment)
    response = client.post(register, data)
    assert response.status_code == 302 and response["Location"] == check
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED  # not yet: the check comes first

    page = client.get(check).content.decode()
    assert shown_counts(page) == COUNTS
    assert f"Arrived late at {hhmm(at(session, 25))}" in page
    assert f"Left early at {hhmm(at(session, 100))}" in page
    assert 'id="confirm-complete"' in page

    response = client.post(check)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.COMPLETED
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert message == (
        "Session completed: 2 attended, 1 late, 1 left early, 1 absent (walk-ins among them: 1)."
    )
    page = client.get(register).content.decode()
    assert shown_counts(page) == COUNTS
    holders = set(
        Certificate.objects.current()
        .filter(booking__session=session)
        .values_list("booking_id", flat=True)
    )
    assert holders == {bookings[0].pk, bookings[4].pk}
    for booking in (bookings[0], bookings[4]):
        assert booking.staff.full_name in page.split('id="certificate-list"')[1]


def test_the_check_step_will_not_complete_with_people_unmarked(client):
    trainer = trainer_user()
    session, bookings = session_on_the_day(trainer=trainer, booked=2)
    register_mark_set(booking=bookings[0], mark="attended", by=trainer)
    client.force_login(trainer)
    check = reverse("courses:register_check", args=[session.pk])
    page = client.get(check).content.decode()
    assert "1 person is not marked yet" in page
    assert 'id="confirm-complete"' not in page
    response = client.post(check)  # a stale tab: refused, said why, never a 500
    assert response.status_code == 400
    assert "Mark everyone on the register" in response.content.decode()
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED


def test_my_training_is_told_why_there_is_no_certificate():
    trainer = trainer_user()
    module = module_page()
    module.requires_evaluation = True
    module.save()
    session, bookings = session_on_the_day(
        trainer=trainer, booked=5, minutes_ago=200, module=module
    )
    for booking, mark, minutes in zip(
        bookings,
        ["attended", "late", "left_early", "absent", "attended"],
        [None, 25, 100, None, None],
        strict=True,
    ):
        register_mark_set(
            booking=booking,
            mark=mark,
            at=at(session, minutes) if minutes else None,
            by=trainer,
        )
    from courses.services import session_complete

    session_complete(session=session, by=trainer)
    EvaluationFactory(booking=bookings[4])
    rows = list(
        Booking.objects.filter(session=session)
        .select_related("session__module")
        .order_by("pk")
    )
    reasons = [
        b.no_certificate_reason
        for b in trainer_selectors.note_no_certificate_reasons(rows)
    ]
    assert reasons[0] == "Your certificate is issued once you send your evaluation."
    assert f"you arrived at {hhmm(at(session, 25))}" in reasons[1]
    assert "partly attended" in reasons[1]
    assert f"you left at {hhmm(at(session, 100))}" in reasons[2]
    assert reasons[3] == "No certificate: the register records you as absent."
    assert reasons[4] == ""  # evaluated: the certificate is theirs


def test_my_training_shows_a_late_arrival_why_no_certificate(client, marked):
    trainer, session, bookings = marked
    client.force_login(trainer)
    client.post(reverse("courses:register_check", args=[session.pk]))
    client.force_login(bookings[1].staff.user)
    page = client.get("/my-training/").content.decode()
    past = page.split('id="past-bookings"')[1].split("</table>")[0]
    assert "Partly attended" in past
    assert f"you arrived at {hhmm(at(session, 25))}, after the start" in past
    client.force_login(bookings[0].staff.user)
    past = client.get("/my-training/").content.decode().split('id="past-bookings"')[1]
    assert "No certificate" not in past.split("</table>")[0]
