"""The session admin: trainers are chosen among trainers only, with a search box; titles say
"Joint sessions" like the menu; dates still to come never read "Just now"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.courses.test_session_changes import edit_form
from tests.factories import CompetencyRecordFactory, UserFactory, staff_with_login

pytestmark = pytest.mark.django_db


def trainer_choices(html):
    return set(map(int, re.findall(r'name="trainers" value="(\d+)"', html)))


def test_trainers_field_offers_trainers_only_with_a_search_box(
    trainer_client, trainer, session
):
    other_trainer = UserFactory(groups=["Trainers"], first_name="Tamsin")
    coordinator = staff_with_login(groups=["Training coordinators"]).user
    plain = staff_with_login().user
    retired = UserFactory(groups=["Trainers"], is_active=False)

    html = trainer_client.get(f"/admin/courses_session/edit/{session.pk}/").content
    html = html.decode()
    assert trainer_choices(html) == {trainer.pk, other_trainer.pk}
    assert coordinator.pk not in trainer_choices(html) and retired.pk != plain.pk
    assert "data-checkbox-filter-input" in html and "js/checkbox_filter.js" in html
    assert f"Tamsin {other_trainer.last_name} ({other_trainer.email})" in html

    response = trainer_client.post(
        f"/admin/courses_session/edit/{session.pk}/",
        edit_form(session, trainers=[trainer.pk, plain.pk]),
    )
    assert response.status_code == 200  # the form again, with its error
    assert "is not one of the available choices" in response.content.decode()
    assert list(session.trainers.all()) == [trainer]


def test_a_trainer_who_left_the_role_stays_on_the_session_until_removed(
    trainer_client, trainer, session
):
    former = UserFactory()
    session.trainers.add(former)
    html = trainer_client.get(f"/admin/courses_session/edit/{session.pk}/").content
    assert former.pk in trainer_choices(html.decode())
    response = trainer_client.post(
        f"/admin/courses_session/edit/{session.pk}/", edit_form(session)
    )
    assert response.status_code == 302
    assert set(session.trainers.all()) == {trainer, former}


def test_titles_agree_with_the_menu(trainer_client, session):
    def title(url):
        html = trainer_client.get(url).content.decode()
        return " ".join(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1].split())

    assert title("/admin/courses_session/") == "Joint sessions"
    assert title("/admin/courses_session/new/") == "New: Joint session"
    menu = trainer_client.get("/admin/").content.decode()
    assert "Joint sessions" in menu


def test_dates_to_come_show_as_dates_not_just_now(admin_client):
    today = timezone.localdate()
    CompetencyRecordFactory(
        achieved_on=today - datetime.timedelta(days=30),
        expires_on=datetime.date(today.year + 2, 6, 30),
    )
    html = admin_client.get(reverse("competencies_record:index")).content.decode()
    assert f"30 Jun {today.year + 2}" in html
    assert "Just now" not in html
    assert "ago" in html  # dates gone by keep Wagtail's "1 month ago"
