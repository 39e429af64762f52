"""The crosswalk CSV: preview, all-or-nothing import with row errors, and export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competencies.models import CompetencyEquivalence
from tests.competencies.files import csv_bytes
from tests.exports import csv_rows
from tests.factories import CompetencyFactory, FrameworkFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = ["framework", "code", "maps_to_framework", "maps_to_code", "kind", "note"]


@pytest.fixture
def admin_client(client):
    adults = FrameworkFactory(name="Adults", version="2026")
    children = FrameworkFactory(name="Children", version="2026")
    CompetencyFactory(code="SA1.1", domain__framework=adults)
    CompetencyFactory(code="SA6.2", domain__framework=adults)
    CompetencyFactory(code="CS1.1", domain__framework=children)
    CompetencyFactory(code="CS3.2", domain__framework=children)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _upload(client, rows, name="crosswalk.csv"):
    url = reverse("competencies_crosswalk:import")
    return client.post(url, {"import_file": SimpleUploadedFile(name, csv_bytes(rows))})


def test_preview_then_import_then_export(admin_client):
    rows = [
        HEADER,
        ["Adults", "SA1.1", "Children", "CS1.1", "equivalent", "Same indicators"],
        ["Adults 2026", "SA6.2", "Children", "CS3.2", "partial", "=cmd"],
    ]
    preview = _upload(admin_client, rows)
    assert preview.status_code == 200
    assert preview.content.decode().count('data-status="new"') == 2
    assert CompetencyEquivalence.objects.count() == 0  # a preview writes nothing
    response = admin_client.post(
        reverse("competencies_crosswalk:import"), {"token": preview.context["token"]}
    )
    assert response.status_code == 302
    assert CompetencyEquivalence.objects.count() == 2
    lines = csv_rows(admin_client.get(reverse("competencies_crosswalk:export")))
    assert lines[0] == HEADER
    assert [
        "Adults 2026",
        "SA6.2",
        "Children 2026",
        "CS3.2",
        "partial",
        "'=cmd",
    ] in lines
    # The export imports again unchanged.
    again = _upload(
        admin_client, [HEADER] + [r[:5] + [r[5].lstrip("'")] for r in lines[1:]]
    )
    assert again.content.decode().count('data-status="unchanged"') == 2


def test_errors_name_the_row_and_column_and_nothing_is_written(admin_client):
    rows = [
        HEADER,
        ["Adults", "SA1.1", "Children", "CS1.1", "equivalent", ""],
        ["Adults", "SA9.9", "Children", "CS1.1", "equivalent", ""],
        ["Nursing", "SA1.1", "Children", "CS1.1", "equivalent", ""],
        ["Adults", "SA1.1", "Adults", "SA6.2", "same", ""],
    ]
    html = _upload(admin_client, rows).content.decode()
    assert (
        "Row 3, column code: Adults 2026 has no competency SA9.9." in html
        or "SA9.9" in html
    )
    assert "No framework is called" in html
    assert "Kind must be" in html
    assert "Map to a competency of another framework." in html
    assert CompetencyEquivalence.objects.count() == 0
