"""One entry point: the admin's framework import and `import_framework` recognise our CSV and a
CASE package by content, preview without writing, and import all or nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from competencies.imports.framework import framework_export_csv
from competencies.imports.framework_file import (
    CASE_JSON,
    MOODLE_CSV,
    OUR_CSV,
    framework_import_file,
)
from competencies.models import Framework
from tests import factories as f
from tests.competencies.case_packages import package
from tests.competencies.files import csv_bytes

pytestmark = pytest.mark.django_db

MOODLE_HEADER = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type",
    "Rule outcome",
    "Rule config",
    "Cross-referenced competency ID numbers",
    "Exported ID",
    "Is framework",
    "Taxonomy",
]


@pytest.fixture
def admin_client(client):
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def case_bytes(**kwargs) -> bytes:
    return json.dumps(package(**kwargs)).encode()


def test_formats_are_told_apart_by_content_not_name():
    framework, _c = f.framework_create(competencies=2)
    ours = framework_export_csv(framework).encode()
    assert (
        framework_import_file(
            content=ours, filename="x.json", dry_run=True, version="9"
        )[2]
        == OUR_CSV
    )
    assert (
        framework_import_file(content=case_bytes(), filename="x.csv", dry_run=True)[2]
        == CASE_JSON
    )
    result, created, fmt = framework_import_file(
        content=csv_bytes([MOODLE_HEADER, ["", "SA", "Safeguarding"] + [""] * 11]),
        filename="moodle.csv",
    )
    # Recognised as Moodle's (spelled "Short name" / "ID number" too), and read as Moodle's:
    # a file without the framework row is refused by the Moodle import.
    assert (fmt, created) == (MOODLE_CSV, None)
    assert "No row is the framework" in result.errors[0].message


def test_command_imports_a_case_package_and_lists_what_it_leaves_out(tmp_path, capsys):
    path = tmp_path / "framework.json"
    path.write_bytes(case_bytes())
    call_command("import_framework", str(path), dry_run=True)
    assert not Framework.objects.exists()
    call_command("import_framework", str(path))
    out = capsys.readouterr().out
    assert "CASE 1.1 package" in out
    assert "Not imported: $.CFItems[3]" in out
    assert Framework.objects.get().competencies.count() == 2


def test_command_reports_json_paths_and_writes_nothing(tmp_path, capsys):
    data = package()
    data["CFItems"][1]["humanCodingScheme"] = "X" * 13
    path = tmp_path / "framework.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_framework", str(path))
    assert "At $.CFItems[1].humanCodingScheme" in capsys.readouterr().err
    assert not Framework.objects.exists()


def test_admin_previews_a_case_package_then_confirms_it(admin_client):
    url = reverse("competencies_framework_io:import")
    response = admin_client.post(
        url, {"import_file": SimpleUploadedFile("their.json", case_bytes())}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "CASE 1.1 package" in html and "Confirm import" in html
    assert "data-import-skipped" in html and "Cluster" in html
    assert not Framework.objects.exists()
    token = response.context["token"]
    response = admin_client.post(url, {"token": token, "filename": "their.json"})
    assert response.status_code == 302
    framework = Framework.objects.get()
    assert framework.competencies.count() == 2
    entry = ModelLogEntry.objects.get(action="competencies.framework.import")
    assert entry.data["format"] == "case"
    # The waiting file is gone: confirming twice imports nothing more.
    response = admin_client.post(url, {"token": token})
    assert response.status_code == 200 and Framework.objects.count() == 1


def test_admin_shows_errors_by_json_path(admin_client):
    data = package()
    del data["CFItems"][0]["humanCodingScheme"]
    response = admin_client.post(
        reverse("competencies_framework_io:import"),
        {"import_file": SimpleUploadedFile("their.json", json.dumps(data).encode())},
    )
    html = response.content.decode()
    assert "$.CFItems[0].humanCodingScheme" in html
    assert "Confirm import" not in html


def test_admin_still_imports_our_csv(admin_client):
    framework, _c = f.framework_create(competencies=3)
    url = reverse("competencies_framework_io:import")
    response = admin_client.post(
        url,
        {
            "import_file": SimpleUploadedFile(
                "fw.csv", framework_export_csv(framework).encode()
            ),
            "version": "2099",
        },
    )
    assert "Confirm import" in response.content.decode()
    response = admin_client.post(
        url, {"token": response.context["token"], "version": "2099"}
    )
    assert response.status_code == 302
    assert Framework.objects.get(version="2099").competencies.count() == 3


@pytest.mark.parametrize(
    "content", [b"{not json", b"\x00\x01binary", b"{}", b'{"a": 1}' * 3]
)
def test_a_bad_file_is_an_error_never_a_500(admin_client, content):
    response = admin_client.post(
        reverse("competencies_framework_io:import"),
        {"import_file": SimpleUploadedFile("x.json", content)},
    )
    assert response.status_code == 200
    assert "data-import-errors" in response.content.decode()
