"""The staff import writes its rows and their audit trail together, or neither (issue 8)."""

import pytest
from wagtail.models import ModelLogEntry

from competencies.imports import read_table
from competencies.imports.staff import (
    STAFF_IMPORT_CHANGE,
    STAFF_IMPORT_NEW,
    staff_import,
)
from competencies.models import RoleProfile, StaffMember
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes

pytestmark = pytest.mark.django_db

IMPORT_ACTIONS = ["competencies.staff.import", STAFF_IMPORT_NEW, STAFF_IMPORT_CHANGE]


@pytest.fixture
def wmp():
    area = f.AreaFactory(code="BHM")
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    agency.areas.set([area])
    f.RoleProfileFactory(code="RP05")
    return agency


def new_rows(n):
    return [
        [f"E{i}", f"First{i}", f"Last{i}", f"p{i}@wmp.example", "PC", "RP05", "BHM"]
        + ["p0@wmp.example" if i else "", ""]
        for i in range(n)
    ]


def run(agency, user, rows):
    table = read_table(content=csv_bytes([STAFF_HEADER, *rows]), filename="s.csv")
    return staff_import(agency=agency, table=table, user=user, filename="s.csv")


def test_an_import_writes_each_person_and_one_entry_each_by_the_importer(wmp):
    importer = f.UserFactory(username="importer")
    result = run(wmp, importer, new_rows(5))
    assert result.errors == [] and result.written
    people = StaffMember.objects.filter(agency=wmp)
    assert people.count() == 5
    entries = ModelLogEntry.objects.filter(action=STAFF_IMPORT_NEW)
    assert entries.count() == 5
    for person in people:
        entry = entries.get(object_id=str(person.pk))
        assert entry.label == person.full_name
        assert entry.user == importer
        assert entry.content_type.model_class() is StaffMember
    assert person.areas.get().code == "BHM"
    assert person.line_manager.email == "p0@wmp.example"


def _refuse(*args, **kwargs):
    raise RuntimeError("the audit log cannot be written")


@pytest.mark.parametrize(
    "writer",
    [
        "bulk_create",  # the entry of each person added or changed
        "log_action",  # the entry of the import, written by wagtail's log()
    ],
)
def test_when_an_audit_entry_cannot_be_written_no_staff_row_is_written(
    wmp, monkeypatch, writer
):
    importer = f.UserFactory(username="importer")
    ours = f.StaffMemberFactory(
        agency=wmp, employee_ref="E0", email="p0@wmp.example", job_title="PC"
    )
    rows = new_rows(4)
    rows[0][1:4] = [ours.first_name, ours.last_name, ours.email]
    rows[0][4] = "Sergeant"  # a change to a person already there
    monkeypatch.setattr(type(ModelLogEntry.objects), writer, _refuse)

    with pytest.raises(RuntimeError):
        run(wmp, importer, rows)

    assert list(StaffMember.objects.filter(agency=wmp)) == [ours]
    ours.refresh_from_db()
    assert ours.job_title == "PC"
    assert not ours.areas.exists()
    assert not ModelLogEntry.objects.filter(action__in=IMPORT_ACTIONS).exists()


def test_changed_people_get_their_new_values_and_one_entry_each(wmp):
    importer = f.UserFactory(username="importer")
    rp05 = RoleProfile.objects.get(code="RP05")
    ann, bob, cy, di = (
        f.StaffMemberFactory(
            agency=wmp,
            employee_ref=f"E{i}",
            email=f"p{i}@wmp.example",
            job_title="PC",
            role_profile=rp05,
        )
        for i in range(4)
    )
    unchanged_at = di.updated_at
    rows = [
        [p.employee_ref, p.first_name, p.last_name, p.email, "PC", "RP05", "", "", ""]
        for p in (ann, bob, cy, di)
    ]
    rows[0][4] = rows[1][4] = "Sergeant"  # the same change for two people
    rows[2][1], rows[2][6], rows[2][7] = "Cyrus", "BHM", ann.email
    rows[2][0] = ""  # a blank reference keeps the stored one
    result = run(wmp, importer, rows)
    assert result.errors == [] and result.counts["updated"] == 3

    for person in (ann, bob, cy, di):
        person.refresh_from_db()
    assert (ann.job_title, bob.job_title, cy.job_title) == ("Sergeant",) * 2 + ("PC",)
    assert (cy.first_name, cy.employee_ref, cy.line_manager) == ("Cyrus", "E2", ann)
    assert list(cy.areas.values_list("code", flat=True)) == ["BHM"]
    assert di.updated_at == unchanged_at and ann.updated_at > unchanged_at
    entries = ModelLogEntry.objects.filter(action=STAFF_IMPORT_CHANGE)
    assert {e.object_id: e.data["fields"] for e in entries} == {
        str(ann.pk): ["job_title"],
        str(bob.pk): ["job_title"],
        str(cy.pk): ["first_name", "areas", "line_manager_email"],
    }
    assert {e.label for e in entries} == {
        ann.full_name,
        bob.full_name,
        "Cyrus " + cy.last_name,
    }
    assert {e.user for e in entries} == {importer}
