"""Around a staff import: a template file, the codes its columns accept, and inviting everyone
the import added in one action."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competencies.imports.staff.columns import COLUMNS
from competencies.models import StaffMember
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes
from tests.exports import csv_rows

pytestmark = pytest.mark.django_db

UPLOAD = "competencies_staff_import:upload"


@pytest.fixture
def wmp():
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    agency.areas.set([f.AreaFactory(code="BHM", name="Birmingham")])
    f.AreaFactory(code="COV", name="Coventry")  # not an area the agency works in
    f.RoleProfileFactory(code="RP05", name="Police officer")
    return agency


def rows(*people):
    return [STAFF_HEADER, *people]


def person(ref, first, email):
    return [ref, first, "Jones", email, "PC", "RP05", "BHM", "", ""]


def import_file(client, content):
    url = reverse(UPLOAD)
    preview = client.post(
        url, {"import_file": SimpleUploadedFile("staff.csv", content)}
    )
    return client.post(url, {"token": preview.context["token"]})


def test_upload_page_offers_a_template_and_lists_the_codes(client, wmp):
    client.force_login(f.coordinator_for(wmp))
    html = client.get(reverse(UPLOAD)).content.decode()
    template_url = reverse("competencies_staff_import:template")
    assert template_url in html
    assert "<code>RP05</code> Police officer" in html
    assert "<code>BHM</code> Birmingham" in html
    assert "COV" not in html  # the import would refuse it for this agency
    response = client.get(template_url)
    assert response["Content-Disposition"].endswith('filename="staff-import.csv"')
    assert csv_rows(response)[0] == COLUMNS  # with a BOM, like every CSV we send


def test_invite_everyone_new_in_one_action(
    client, wmp, django_capture_on_commit_callbacks
):
    coordinator = f.coordinator_for(wmp)
    existing = f.StaffMemberFactory(
        agency=wmp, employee_ref="E0", email="old@wmp.example", first_name="Old"
    )
    client.force_login(coordinator)
    content = csv_bytes(
        rows(
            person("E0", "Old", "old@wmp.example"),  # already there: not new
            person("E1", "Ann", "ann@wmp.example"),
            person("E2", "Bob", "bob@wmp.example"),
        )
    )
    response = import_file(client, content)
    assert response.url == reverse("competencies_staff_import:invite_new")
    page = client.get(response.url)
    assert [p.email for p in page.context["people"]] == [
        "ann@wmp.example",
        "bob@wmp.example",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response.url)
    assert response.url == reverse("competencies_staff:index")
    invited = StaffMember.objects.filter(
        email__in=["ann@wmp.example", "bob@wmp.example"]
    )
    assert all(p.user_id for p in invited)
    existing.refresh_from_db()
    assert existing.user_id is None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ann@wmp.example",
        "bob@wmp.example",
    ]
    # Done: a second POST invites nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("competencies_staff_import:invite_new"))
    assert len(mail.outbox) == 2


def test_an_import_that_adds_nobody_goes_back_to_the_list(client, wmp):
    f.StaffMemberFactory(agency=wmp, employee_ref="E0", email="old@wmp.example")
    client.force_login(f.coordinator_for(wmp))
    response = import_file(
        client, csv_bytes(rows(person("E0", "Old", "old@wmp.example")))
    )
    assert response.url == reverse("competencies_staff:index")


def test_invite_page_only_ever_invites_the_users_own_scope(client, wmp):
    other = f.AgencyFactory(short_name="BCC", email_domains="bcc.example")
    theirs = f.StaffMemberFactory(agency=other, email="theirs@bcc.example")
    client.force_login(f.coordinator_for(wmp))
    session = client.session
    session["competencies_imported_new_staff"] = [theirs.pk]
    session.save()
    url = reverse("competencies_staff_import:invite_new")
    assert client.get(url).context["people"] == []
    client.post(url)
    theirs.refresh_from_db()
    assert theirs.user_id is None
    assert not get_user_model().objects.filter(email="theirs@bcc.example").exists()


@pytest.mark.parametrize("name", ["template", "invite_new"])
def test_refused_to_people_who_cannot_import(client, wmp, name):
    client.force_login(f.staff_with_login(agency=wmp, groups=["Staff"]).user)
    response = client.get(reverse(f"competencies_staff_import:{name}"))
    assert response.status_code in (302, 403)
    assert response.status_code != 200
