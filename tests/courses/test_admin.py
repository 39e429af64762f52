"""The Wagtail admin for sessions: trainers list, export, copy and cancel (through the service)."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from wagtail import hooks

from courses.models import Booking, Session
from courses.services import booking_create
from tests.factories import staff_with_login

pytestmark = pytest.mark.django_db


def test_trainer_lists_and_exports_sessions(trainer_client, session):
    response = trainer_client.get("/admin/courses_session/")
    assert response.status_code == 200
    assert session.module.title in response.content.decode()
    export = trainer_client.get("/admin/courses_session/?export=csv")
    content = b"".join(export.streaming_content).decode()
    assert (
        "Places" in content.splitlines()[0]
        or "places" in content.splitlines()[0].lower()
    )
    assert session.module.title in content


def test_trainer_copies_a_session(trainer_client, session):
    response = trainer_client.get(f"/admin/courses_session/copy/{session.pk}/")
    assert response.status_code == 200
    assert session.venue_name in response.content.decode()


def test_trainer_cancels_a_session_in_the_admin_and_everyone_is_told(
    trainer_client, session, django_capture_on_commit_callbacks
):
    staff = staff_with_login()
    booking_create(session=session, staff=staff, booked_by=staff.user)
    assert (
        trainer_client.get(f"/admin/courses_session/cancel/{session.pk}/").status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(f"/admin/courses_session/cancel/{session.pk}/")
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert Booking.objects.get(staff=staff).cancel_reason == "session_cancelled"
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_staff_cannot_reach_the_session_admin(client, session):
    client.force_login(staff_with_login().user)
    assert client.get("/admin/courses_session/").status_code in (302, 403)
    assert client.post(f"/admin/courses_session/cancel/{session.pk}/").status_code in (
        302,
        403,
    )
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_module_pages_get_their_upcoming_sessions(session, rf):
    from cms.models import HomePage

    results = [
        fn(page=session.module, request=rf.get("/"))
        for fn in hooks.get_hooks("cms_page_context")
    ]
    merged = {k: v for r in results for k, v in (r or {}).items()}
    assert [s.pk for s in merged["upcoming_sessions"]] == [session.pk]
    home = HomePage.objects.get()
    results = [
        fn(page=home, request=rf.get("/")) for fn in hooks.get_hooks("cms_page_context")
    ]
    merged = {k: v for r in results for k, v in (r or {}).items()}
    html = render_to_string(
        "includes/upcoming_sessions.html", {"sessions": merged["upcoming_sessions"]}
    )
    assert session.get_absolute_url() in html and "20 places left" in html


def test_session_edit_form_offers_the_no_show_charge(trainer_client, session):
    response = trainer_client.get(f"/admin/courses_session/edit/{session.pk}/")
    assert response.status_code == 200
    assert 'name="no_show_charge"' in response.content.decode()


def test_booking_settings_hold_the_partnership_no_show_charges(
    client, django_user_model
):
    client.force_login(
        django_user_model.objects.create_superuser("boss", password="pw-123456789")
    )
    response = client.get("/admin/settings/courses/bookingsettings/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="no_show_charge_half_day"' in html and 'value="25.00"' in html
    assert 'name="no_show_charge_full_day"' in html and 'value="50.00"' in html
