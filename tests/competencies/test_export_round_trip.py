"""A CSV we send, byte order mark and all, imports back exactly (imports.files reads the BOM).

Downloaded over HTTP by an administrator, as a coordinator would, then handed to the same
import the upload page uses: the staff re-import file and the framework CSV.
"""

import codecs

import pytest
from django.urls import reverse

from competencies.imports import read_table
from competencies.imports.framework import framework_import
from competencies.imports.staff import staff_import
from competencies.models import Framework, StaffMember
from tests import factories as f
from tests.competencies.test_framework_csv import framework, snapshot  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = f.UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_staff_re_import_file_imports_back_unchanged(client, admin):
    area = f.AreaFactory(code="BHM")
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    agency.areas.set([area])
    profile = f.RoleProfileFactory(code="RP05")
    people = [("zoe", "Zoë", "Ångström-Łukasiewicz"), ("sian", "Siân", "Ó Briain")]
    for login, first, last in people:
        person = f.StaffMemberFactory(
            agency=agency,
            first_name=first,
            last_name=last,
            email=f"{login}@wmp.example",
            role_profile=profile,
        )
        person.areas.set([area])
    response = client.get(
        reverse("competencies_staff_import:export"), {"agency": agency.pk}
    )
    assert response.status_code == 200
    assert response.content.startswith(codecs.BOM_UTF8)

    table = read_table(content=response.content, filename="staff.csv")
    result = staff_import(agency=agency, table=table, user=admin, filename="staff.csv")
    assert result.errors == []
    assert result.counts["unchanged"] == 2
    assert set(StaffMember.objects.values_list("first_name", "last_name")) == {
        ("Zoë", "Ångström-Łukasiewicz"),
        ("Siân", "Ó Briain"),
    }


def test_the_framework_csv_imports_back_as_the_same_framework(client, admin, framework):  # noqa: F811
    response = client.get(
        reverse("competencies_framework_io:export", args=[framework.pk])
    )
    assert response.status_code == 200
    assert response.content.startswith(codecs.BOM_UTF8)
    assert "é ü".encode() in response.content  # an indicator, as UTF-8

    table = read_table(content=response.content, filename="framework.csv")
    result, copy = framework_import(table=table, version="2026.1")
    assert result.errors == []
    assert snapshot(copy) == snapshot(framework)
    assert Framework.objects.count() == 2
