"""The three-month follow-up opens on the session day three calendar months on, and not
before: the rule (courses.policy), the form page, the template filter and the invitation."""

import datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from courses.policy import follow_up_open, follow_up_opens_on
from courses.services import reminders_send
from tests.factories import UserFactory, session_completed

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer.f", groups=["Trainers"])


def test_opens_three_calendar_months_on_even_at_a_months_end(trainer):
    session, (booking,) = session_completed(
        trainer=trainer, start=at(datetime.date(2025, 11, 30))
    )
    assert follow_up_opens_on(session) == datetime.date(2026, 2, 28)
    assert not follow_up_open(booking, datetime.date(2026, 2, 27))
    assert follow_up_open(booking, datetime.date(2026, 2, 28))


def test_absent_people_are_never_asked(trainer):
    session, (booking,) = session_completed(
        trainer=trainer, marks=("absent",), start=at(datetime.date(2025, 1, 6))
    )
    assert not follow_up_open(booking, datetime.date(2026, 1, 1))


def test_form_and_link_wait_for_the_opening_day(client, trainer):
    today = timezone.localdate()
    recent, (early,) = session_completed(trainer=trainer)
    old, (due,) = session_completed(
        trainer=trainer, start=at(today - datetime.timedelta(days=100))
    )

    client.force_login(early.staff.user)
    html = client.get(reverse("courses:follow_up", args=[early.pk])).content.decode()
    assert 'name="practice_changed"' not in html
    opens = follow_up_opens_on(recent)
    assert f"The follow-up opens on {opens:%-d %B %Y}" in html

    client.force_login(due.staff.user)
    html = client.get(reverse("courses:follow_up", args=[due.pk])).content.decode()
    assert 'name="practice_changed"' in html

    template = Template(
        "{% load course_rules %}{% if booking|follow_up_open %}open{% else %}"
        'opens {{ booking|follow_up_opens_on|date:"Y-m-d" }}{% endif %}'
    )
    assert template.render(Context({"booking": due})) == "open"
    assert template.render(Context({"booking": early})) == f"opens {opens:%Y-%m-%d}"


def test_invitation_at_a_months_end_goes_on_the_opening_day(
    trainer, django_capture_on_commit_callbacks
):
    session_completed(trainer=trainer, start=at(datetime.date(2025, 11, 30)))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=at(datetime.date(2026, 2, 27)))["follow_up"] == 0
        assert reminders_send(now=at(datetime.date(2026, 2, 28)))["follow_up"] == 1
    assert [m.subject[:16] for m in mail.outbox] == ["Three months on:"]
