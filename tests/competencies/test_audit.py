"""Audit log of staff data (issue 8): who created, changed or deleted a staff member in the
admin or by an import, and who downloaded a list naming staff, in Wagtail's log."""

import pytest
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from competencies.imports import read_table
from competencies.imports.staff import (
    STAFF_IMPORT_CHANGE,
    STAFF_IMPORT_NEW,
    staff_import,
)
from competencies.models import StaffMember
from competencies.services import RECORDS_EXPORT, STAFF_EXPORT
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    wmp = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    bcc = f.AgencyFactory(short_name="BCC", email_domains="bcc.example")
    coordinator = f.coordinator_for(wmp)
    admin = f.UserFactory(username="root.audit")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    ours = f.StaffMemberFactory(agency=wmp, email="ours@wmp.example")
    theirs = f.StaffMemberFactory(agency=bcc, email="theirs@bcc.example")
    f.CompetencyRecordFactory(staff=ours)
    f.CompetencyRecordFactory(staff=theirs)
    return {
        "wmp": wmp,
        "bcc": bcc,
        "coordinator": coordinator,
        "admin": admin,
        "ours": ours,
        "theirs": theirs,
    }


def entries_for(instance, action=None):
    qs = ModelLogEntry.objects.for_instance(instance)
    return qs.filter(action=action) if action else qs


def staff_form(agency, **values):
    return {
        "agency": agency.pk,
        "first_name": "Nia",
        "last_name": "Okoro",
        "email": "nia.okoro@wmp.example",
        "employee_ref": "W900",
        "job_title": "PC",
        **values,
    }


# --- the admin: Wagtail's ModelViewSet logs create, edit and delete with the user -------------


def test_creating_a_staff_member_in_the_admin_logs_who(client, setup):
    client.force_login(setup["coordinator"])
    response = client.post(reverse("competencies_staff:add"), staff_form(setup["wmp"]))
    assert response.status_code == 302
    staff = StaffMember.objects.get(email="nia.okoro@wmp.example")
    (entry,) = entries_for(staff, "wagtail.create")
    assert entry.user == setup["coordinator"]


def test_changing_a_staff_member_in_the_admin_logs_who(client, setup):
    client.force_login(setup["coordinator"])
    ours = setup["ours"]
    response = client.post(
        reverse("competencies_staff:edit", args=[ours.pk]),
        staff_form(
            setup["wmp"],
            first_name="Changed",
            last_name=ours.last_name,
            email=ours.email,
            employee_ref=ours.employee_ref,
        ),
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.first_name == "Changed"
    (entry,) = entries_for(ours, "wagtail.edit")
    assert entry.user == setup["coordinator"]


def test_deleting_a_staff_member_in_the_admin_logs_who(client, setup):
    client.force_login(setup["admin"])
    theirs = setup["theirs"]
    response = client.post(reverse("competencies_staff:delete", args=[theirs.pk]))
    assert response.status_code == 302
    assert not StaffMember.objects.filter(pk=theirs.pk).exists()
    entry = ModelLogEntry.objects.get(
        action="wagtail.delete",
        content_type__model="staffmember",
        object_id=str(theirs.pk),
    )
    assert entry.user == setup["admin"]
    assert entry.deleted is True


# --- the staff import: one entry per person added or changed, and one for the import ----------


def _import(agency, user, rows, filename="staff.csv"):
    content = csv_bytes([STAFF_HEADER, *rows])
    table = read_table(content=content, filename=filename)
    return staff_import(agency=agency, table=table, user=user, filename=filename)


def test_the_staff_import_logs_each_new_and_changed_person_with_who(setup):
    wmp, coordinator = setup["wmp"], setup["coordinator"]
    f.RoleProfileFactory(code="RP05")
    ours = setup["ours"]
    rows = [
        ["W1", "Ann", "Smith", "ann@wmp.example", "PC", "RP05", "", "", ""],
        [ours.employee_ref, ours.first_name, ours.last_name, ours.email]
        + ["Sergeant", "RP05", "", "", ""],
    ]
    result = _import(wmp, coordinator, rows)
    assert result.errors == []
    ann = StaffMember.objects.get(email="ann@wmp.example")
    (new,) = entries_for(ann)
    assert (new.action, new.user, new.data) == (
        STAFF_IMPORT_NEW,
        coordinator,
        {"file": "staff.csv"},
    )
    assert new.label == "Ann Smith"
    (changed,) = entries_for(ours, STAFF_IMPORT_CHANGE)
    assert changed.user == coordinator
    assert "job_title" in changed.data["fields"]
    assert "Sergeant" not in str(changed.data)  # names of fields, never values
    assert entries_for(wmp, "competencies.staff.import").get().user == coordinator


def test_an_import_that_changes_nobody_logs_no_person(setup):
    ours = setup["ours"]
    rows = [
        [ours.employee_ref, ours.first_name, ours.last_name, ours.email]
        + [ours.job_title, "", "", "", ""],
    ]
    _import(setup["wmp"], setup["coordinator"], rows)
    assert not ModelLogEntry.objects.filter(
        action__in=[STAFF_IMPORT_NEW, STAFF_IMPORT_CHANGE]
    ).exists()


# --- downloads of named staff ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_coordinators_staff_export_is_logged_on_their_agency(client, setup, fmt):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_staff:index"), {"export": fmt})
    assert response.status_code == 200
    (entry,) = entries_for(setup["wmp"], STAFF_EXPORT)
    assert entry.user == setup["coordinator"]
    # The coordinator's own staff record and "ours".
    assert entry.data == {"format": fmt, "rows": 2}
    assert not entries_for(setup["bcc"], STAFF_EXPORT).exists()


def test_an_administrators_export_is_logged_on_every_agency_it_lists(client, setup):
    client.force_login(setup["admin"])
    client.get(reverse("competencies_staff:index"), {"export": "csv"})
    assert entries_for(setup["wmp"], STAFF_EXPORT).get().user == setup["admin"]
    assert entries_for(setup["bcc"], STAFF_EXPORT).get().data["rows"] == 1


def test_a_filtered_export_names_only_the_agencies_it_lists(client, setup):
    client.force_login(setup["admin"])
    client.get(
        reverse("competencies_staff:index"),
        {"export": "csv", "agency": setup["bcc"].pk},
    )
    assert entries_for(setup["bcc"], STAFF_EXPORT).exists()
    assert not entries_for(setup["wmp"], STAFF_EXPORT).exists()


def test_looking_at_the_listing_logs_nothing(client, setup):
    client.force_login(setup["coordinator"])
    client.get(reverse("competencies_staff:index"))
    assert not ModelLogEntry.objects.filter(action=STAFF_EXPORT).exists()


def test_the_records_export_is_logged(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_record:index"), {"export": "xlsx"})
    assert response.status_code == 200
    (entry,) = entries_for(setup["wmp"], RECORDS_EXPORT)
    assert (entry.user, entry.data) == (
        setup["coordinator"],
        {"format": "xlsx", "rows": 1},
    )


def test_the_download_for_reimport_is_logged(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("competencies_staff_import:export"))
    assert response.status_code == 200
    (entry,) = entries_for(setup["wmp"], STAFF_EXPORT)
    assert entry.data == {"format": "csv", "rows": 2, "purpose": "re-import"}


def test_audit_actions_are_registered_and_shown_in_the_site_history(client, setup):
    for action in (STAFF_IMPORT_NEW, STAFF_IMPORT_CHANGE, STAFF_EXPORT, RECORDS_EXPORT):
        assert log_registry.action_exists(action), action
    client.force_login(setup["coordinator"])
    client.get(reverse("competencies_staff:index"), {"export": "csv"})
    client.force_login(setup["admin"])
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    assert "Download a named staff list" in report.content.decode()


# --- who may read the log ----------------------------------------------------------------------


def _site_history(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    return response.content.decode()


def test_site_history_shows_a_coordinator_only_their_agencys_people(client, setup):
    from wagtail.log_actions import log

    ours, theirs = setup["ours"], setup["theirs"]
    ours.last_name, theirs.last_name = "Ourname", "Theirname"
    ours.save()
    theirs.save()
    other_coordinator = f.coordinator_for(setup["bcc"], username="coordinator.bcc")
    for staff, user in ((ours, setup["coordinator"]), (theirs, other_coordinator)):
        log(instance=staff, action="wagtail.edit", user=user)
        log(instance=staff.records.get(), action="wagtail.edit", user=user)
    html = _site_history(client, setup["coordinator"])
    assert "Ourname" in html
    assert "Theirname" not in html
    # Nor, in the user filter, the other agency's coordinator who made those entries.
    assert "coordinator.bcc" not in html
    assert other_coordinator.get_full_name() not in html
    html = _site_history(client, setup["admin"])
    assert "Ourname" in html and "Theirname" in html
