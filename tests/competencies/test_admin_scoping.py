"""A training coordinator sees only their own agency's staff and records in the admin."""

import pytest
from django.urls import reverse

from competencies.models import StaffMember
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    wmp = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    bcc = f.AgencyFactory(short_name="BCC", email_domains="bcc.example")
    coordinator = f.coordinator_for(wmp)
    ours = f.StaffMemberFactory(
        agency=wmp, last_name="Ourperson", email="ours@wmp.example"
    )
    theirs = f.StaffMemberFactory(
        agency=bcc, last_name="Theirperson", email="theirs@bcc.example"
    )
    our_record = f.CompetencyRecordFactory(staff=ours)
    their_record = f.CompetencyRecordFactory(staff=theirs)
    return {
        "wmp": wmp,
        "bcc": bcc,
        "coordinator": coordinator,
        "ours": ours,
        "theirs": theirs,
        "our_record": our_record,
        "their_record": their_record,
    }


def test_staff_listing_shows_only_own_agency(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_staff:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ourperson" in html
    assert "Theirperson" not in html


def test_search_does_not_reach_other_agencies(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_staff:index"), {"q": "theirs@bcc"})
    assert "theirs@bcc.example" not in response.content.decode()
    response = client.get(reverse("competencies_staff:index"), {"q": "ours@wmp"})
    assert "ours@wmp.example" in response.content.decode()


def test_editing_another_agencys_staff_member_by_url_is_404(client, setup):
    client.force_login(setup["coordinator"])
    theirs = setup["theirs"]
    for name in ("edit", "history", "usage"):
        response = client.get(reverse(f"competencies_staff:{name}", args=[theirs.pk]))
        assert response.status_code == 404, name
        assert "Theirperson" not in response.content.decode()
    response = client.post(
        reverse("competencies_staff:edit", args=[theirs.pk]), {"first_name": "Hacked"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.first_name != "Hacked"


def test_own_staff_member_opens_for_editing(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_staff:edit", args=[setup["ours"].pk]))
    assert response.status_code == 200


def test_export_contains_only_own_agency(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_staff:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "ours@wmp.example" in body
    assert "theirs@bcc.example" not in body
    reimport = client.get(reverse("competencies_staff_import:export"))
    assert "ours@wmp.example" in reimport.content.decode()
    assert "theirs@bcc.example" not in reimport.content.decode()


def test_records_listing_export_and_edit_are_scoped(client, setup):
    client.force_login(setup["coordinator"])
    listing = client.get(reverse("competencies_record:index")).content.decode()
    assert "Ourperson" in listing and "Theirperson" not in listing
    export = client.get(reverse("competencies_record:index"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "ours@wmp.example" in body and "theirs@bcc.example" not in body
    response = client.get(
        reverse("competencies_record:edit", args=[setup["their_record"].pk])
    )
    # Coordinators may not change records at all: refused before the record is even loaded.
    assert response.status_code in (302, 403, 404)
    assert "Theirperson" not in response.content.decode()


def test_staff_chooser_is_scoped(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(reverse("competencies_staff_chooser:choose")).content.decode()
    assert "Ourperson" in html and "Theirperson" not in html
    chosen = client.get(
        reverse("competencies_staff_chooser:chosen", args=[setup["theirs"].pk])
    )
    assert chosen.status_code == 404


def test_coordinator_cannot_add_staff_to_another_agency(client, setup):
    client.force_login(setup["coordinator"])
    response = client.post(
        reverse("competencies_staff:add"),
        {
            "agency": setup["bcc"].pk,
            "first_name": "New",
            "last_name": "Person",
            "email": "new@wmp.example",
            "employee_ref": "N1",
        },
    )
    # The agency field is fixed to the coordinator's own agency.
    assert response.status_code == 302
    assert StaffMember.objects.get(email="new@wmp.example").agency == setup["wmp"]


def test_coordinator_cannot_choose_another_agencys_line_manager(client, setup):
    client.force_login(setup["coordinator"])
    response = client.post(
        reverse("competencies_staff:add"),
        {
            "first_name": "New",
            "last_name": "Person",
            "email": "new@wmp.example",
            "line_manager": setup["theirs"].pk,
        },
    )
    assert response.status_code == 200
    assert not StaffMember.objects.filter(email="new@wmp.example").exists()


def test_superuser_sees_every_agency(client, setup):
    admin = f.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(reverse("competencies_staff:index")).content.decode()
    assert "Ourperson" in html and "Theirperson" in html


def test_staff_listing_queries_do_not_grow_with_staff(
    client, setup, django_assert_max_num_queries
):
    client.force_login(setup["coordinator"])
    url = reverse("competencies_staff:index")
    client.get(url)
    with django_assert_max_num_queries(30):
        client.get(url)
    f.StaffMemberFactory.create_batch(
        15, agency=setup["wmp"], role_profile=f.RoleProfileFactory()
    )
    with django_assert_max_num_queries(30):
        client.get(url)


def test_user_without_a_staff_record_sees_no_staff(client, setup):
    from competencies.roles import COORDINATORS

    orphan = f.UserFactory(groups=[COORDINATORS])
    client.force_login(orphan)
    html = client.get(reverse("competencies_staff:index")).content.decode()
    assert "Ourperson" not in html and "Theirperson" not in html


def test_chosen_multiple_returns_only_visible_staff(client, setup):
    """Wagtail's stock chosen-multiple view answered any id with the person's name."""
    client.force_login(setup["coordinator"])
    url = reverse("competencies_staff_chooser:chosen_multiple")
    response = client.get(url, {"id": [setup["theirs"].pk, setup["ours"].pk]})
    assert response.status_code == 200
    results = response.json()["result"]
    assert [r["id"] for r in results] == [str(setup["ours"].pk)]
    assert "Theirperson" not in response.content.decode()


def test_records_cannot_be_deleted_in_the_admin_even_by_administrators(client, setup):
    admin = f.UserFactory(username="root.records")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    record = setup["their_record"]
    url = reverse("competencies_record:delete", args=[record.pk])
    assert client.get(url).status_code == 302  # "no permission", back to the dashboard
    assert client.post(url).status_code == 302
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    "url_name, field",
    [("competencies_staff:add", "line_manager"), ("competencies_record:add", "staff")],
)
def test_a_form_sent_back_with_errors_does_not_name_another_agencys_staff(
    client, setup, url_name, field
):
    """The chooser widget re-rendered the posted id unscoped, showing the person's name."""
    client.force_login(setup["coordinator"])
    response = client.post(reverse(url_name), {field: setup["theirs"].pk})
    assert response.status_code == 200  # the form, with its errors
    assert "Theirperson" not in response.content.decode()
    response = client.post(reverse(url_name), {field: setup["ours"].pk})
    assert "Ourperson" in response.content.decode()  # in scope: still shown
    response = client.post(reverse(url_name), {field: ":"})
    assert response.status_code == 200  # a malformed id was a 500


def test_an_id_too_large_for_the_database_is_refused_not_a_500(client, setup):
    """Found by tests/test_bad_input.py: pk__in with 2**63 overflowed in the database."""
    from competencies.models import Area

    client.force_login(setup["coordinator"])
    huge = str(2**63)
    response = client.post(reverse("competencies_staff:add"), {"areas": huge})
    assert response.status_code == 200  # the form, with its errors
    response = client.get(
        reverse("competencies_staff_chooser:chosen_multiple"), {"id": huge}
    )
    assert response.status_code == 200
    assert response.json()["result"] == []
    assert list(Area.objects.filter(pk__in=[2**63, -(2**63) - 1])) == []
    area = f.AreaFactory()
    assert list(Area.objects.filter(pk__in=[area.pk, 2**63])) == [area]


@pytest.mark.parametrize("pk", ["abc", "99999999999999999999", "²", "-1", "1.0"])
def test_the_staff_chooser_answers_a_malformed_or_huge_id_with_404(client, setup, pk):
    """A non-numeric id made the lookup raise ValueError: a 500."""
    client.force_login(setup["coordinator"])
    client.raise_request_exception = False
    url = reverse("competencies_staff_chooser:chosen", args=[pk])
    assert client.get(url).status_code == 404
    for name in ("choose", "choose_results"):
        response = client.get(reverse(f"competencies_staff_chooser:{name}"), {"p": pk})
        assert response.status_code in (200, 404), name
    response = client.get(
        reverse("competencies_staff_chooser:chosen_multiple"),
        {"id": [pk, setup["ours"].pk]},
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["result"]] == [str(setup["ours"].pk)]


@pytest.mark.parametrize("agency", [str(2**63), "-1", "abc", "²", "0"])
def test_the_reimport_download_refuses_an_agency_id_it_cannot_use(
    client, setup, agency
):
    """Out of range was a 500 (2**63 overflowed, "²" is a digit to isdigit but not to int);
    "abc" and "-1" were ignored, so the download silently held every agency's staff."""
    client.force_login(setup["coordinator"])
    client.raise_request_exception = False
    response = client.get(
        reverse("competencies_staff_import:export"), {"agency": agency}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == reverse("competencies_staff:index")
    assert response["Content-Type"].startswith("text/html")  # the listing, no file
    assert "No download: the agency" in response.content.decode()


def test_the_reimport_download_of_one_agency(client, setup):
    client.force_login(setup["coordinator"])
    url = reverse("competencies_staff_import:export")
    response = client.get(url, {"agency": setup["wmp"].pk})
    assert response.status_code == 200
    assert "ours@wmp.example" in response.content.decode()
    # Another agency's id is refused the same way as one that does not exist.
    response = client.get(url, {"agency": setup["bcc"].pk}, follow=True)
    assert "No download: the agency" in response.content.decode()
    assert "theirs@bcc.example" not in response.content.decode()
