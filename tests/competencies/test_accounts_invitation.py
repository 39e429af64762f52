"""A coordinator invites their own agency's staff; another agency's staff are a 404."""

import re

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from competencies.accounts import audit
from competencies.roles import COORDINATORS
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(home_page):
    police = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    council = f.AgencyFactory(short_name="SMBC", email_domains="sandwell.example")
    coordinator = f.UserFactory(username="coord", groups=[COORDINATORS])
    f.StaffMemberFactory(agency=police, user=coordinator, email="coord@wmp.example")
    return police, council, coordinator


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_coordinator_invites_own_staff_who_sets_a_password(
    client, agencies, django_capture_on_commit_callbacks
):
    police, _council, coordinator = agencies
    officer = f.StaffMemberFactory(
        agency=police, email="Pat.Jones@wmp.example", first_name="Pat"
    )
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/agency/staff/{officer.pk}/invite/")
    assert response.status_code == 302
    officer.refresh_from_db()
    user = officer.user
    assert user.username == "pat.jones@wmp.example"
    assert not user.has_usable_password()
    assert ModelLogEntry.objects.filter(
        action=audit.INVITE, object_id=str(officer.pk), user=coordinator
    ).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat.jones@wmp.example"]

    client.logout()
    response = client.get(link_path(mail.outbox[0]), follow=True)
    assert b"Set your password" in response.content
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url,
        {"new_password1": "1234", "new_password2": "1234"},
    )
    assert b"There is a problem" in response.content  # Django's validators apply
    response = client.post(
        set_url,
        {
            "new_password1": "mauve-otter-harbour",
            "new_password2": "mauve-otter-harbour",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mauve-otter-harbour") and user.is_active
    assert ModelLogEntry.objects.filter(
        action=audit.PASSWORD_SET, object_id=str(user.pk)
    ).exists()
    # The link works once.
    response = client.get(link_path(mail.outbox[0]), follow=True)
    assert b"This link does not work" in response.content


def test_coordinator_cannot_invite_another_agencys_staff(client, agencies):
    _police, council, coordinator = agencies
    other = f.StaffMemberFactory(agency=council, email="sam@sandwell.example")
    client.force_login(coordinator)
    assert client.post(f"/agency/staff/{other.pk}/invite/").status_code == 404
    assert client.get(f"/agency/staff/{other.pk}/account/").status_code == 404
    other.refresh_from_db()
    assert other.user is None and not mail.outbox


def test_invite_is_post_only_and_needs_a_coordinator(client, agencies):
    police, _council, _coordinator = agencies
    officer = f.StaffMemberFactory(agency=police)
    client.force_login(f.UserFactory(groups=["Staff"]))
    assert client.post(f"/agency/staff/{officer.pk}/invite/").status_code == 404
    client.force_login(agencies[2])
    assert client.get(f"/agency/staff/{officer.pk}/invite/").status_code == 405


def test_inviting_someone_with_a_password_is_refused_with_a_message(client, agencies):
    police, _council, coordinator = agencies
    user = f.UserFactory(username="kim@wmp.example", email="kim@wmp.example")
    officer = f.StaffMemberFactory(agency=police, email="kim@wmp.example", user=user)
    client.force_login(coordinator)
    response = client.post(f"/agency/staff/{officer.pk}/invite/", follow=True)
    assert b"already has an account" in response.content
    assert not mail.outbox


def test_inviting_a_leaver_is_refused(client, agencies):
    import datetime

    police, _council, coordinator = agencies
    leaver = f.StaffMemberFactory(
        agency=police, left_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    client.force_login(coordinator)
    response = client.post(f"/agency/staff/{leaver.pk}/invite/", follow=True)
    assert b"has left their agency" in response.content
    leaver.refresh_from_db()
    assert leaver.user is None


def test_invite_links_a_self_registered_account(
    client, agencies, django_capture_on_commit_callbacks
):
    police, _council, coordinator = agencies
    user = f.UserFactory(username="lee@wmp.example", email="lee@wmp.example")
    officer = f.StaffMemberFactory(agency=police, email="lee@wmp.example")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/agency/staff/{officer.pk}/invite/")
    officer.refresh_from_db()
    assert officer.user == user and user.has_usable_password()
    assert "linked" in mail.outbox[0].subject
    assert ModelLogEntry.objects.filter(action=audit.LINK).exists()


def test_staff_account_page_shows_status_and_actions(client, agencies):
    police, _council, coordinator = agencies
    officer = f.StaffMemberFactory(agency=police)
    client.force_login(coordinator)
    html = client.get(f"/agency/staff/{officer.pk}/account/").content.decode()
    assert 'data-account-status="none"' in html
    assert f"/agency/staff/{officer.pk}/invite/" in html
    assert f"/agency/staff/{officer.pk}/data.json" in html
    assert "/erase/" not in html  # administrators only
