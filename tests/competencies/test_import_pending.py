"""Uploaded import files: kept privately between preview and confirm, then deleted."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from competencies.imports import pending
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    STAFF_HEADER,
    ["E1", "Ann", "Jones", "ann@wmp.example", "PC", "RP05", "BHM", "", ""],
]
DAY = 24 * 60 * 60


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "import-uploads"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.IMPORT_UPLOAD_DIR


@pytest.fixture
def coordinator(client):
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    agency.areas.set([f.AreaFactory(code="BHM")])
    f.RoleProfileFactory(code="RP05")
    user = f.coordinator_for(agency)
    client.force_login(user)
    return user


URL = "competencies_staff_import:upload"


def preview(client):
    upload = SimpleUploadedFile("staff.csv", csv_bytes(ROWS))
    response = client.post(reverse(URL), {"import_file": upload})
    assert response.status_code == 200
    return response.context["token"]


def waiting(upload_dir):
    return sorted(p.name for p in upload_dir.iterdir()) if upload_dir.exists() else []


def age(upload_dir, token, seconds):
    then = time.time() - seconds
    os.utime(upload_dir / token, (then, then))


def test_the_waiting_file_is_private_and_no_url_serves_it(
    client, coordinator, settings
):
    token = preview(client)
    path = settings.IMPORT_UPLOAD_DIR / token
    assert path.read_bytes() == csv_bytes(ROWS)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    for served in (
        settings.MEDIA_ROOT,
        settings.STATIC_ROOT,
        *settings.STATICFILES_DIRS,
    ):
        assert not path.resolve().is_relative_to(served.resolve())
    assert list(settings.MEDIA_ROOT.rglob("*")) == []  # nothing went to media either
    for url in (
        f"/media/{token}",
        f"/media/django-import-export/{token}",
        f"/static/{token}",
        f"/{token}",
        f"/media/import-uploads/{token}",
        f"/private/import-uploads/{token}",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
        assert b"ann@wmp.example" not in response.content


def test_confirming_deletes_the_file(client, coordinator, upload_dir):
    token = preview(client)
    assert waiting(upload_dir) == [token]
    response = client.post(reverse(URL), {"token": token})
    assert response.status_code == 302
    assert waiting(upload_dir) == []


def test_a_confirm_that_fails_the_checks_deletes_the_file_too(
    client, coordinator, upload_dir
):
    token = preview(client)
    (upload_dir / token).write_bytes(b"not,the,header\n1,2,3\n")
    response = client.post(reverse(URL), {"token": token})
    assert "Nothing was imported" in response.content.decode()
    assert waiting(upload_dir) == []


def test_cancelling_deletes_the_file(client, coordinator, upload_dir):
    token = preview(client)
    response = client.post(reverse(URL), {"token": token, "cancel": "1"}, follow=True)
    assert "the uploaded file was deleted" in response.content.decode()
    assert waiting(upload_dir) == []
    # And it cannot be confirmed afterwards.
    client.post(reverse(URL), {"token": token})
    assert not f.StaffMemberFactory._meta.model.objects.filter(
        email="ann@wmp.example"
    ).exists()


def test_cancelling_someone_elses_token_deletes_nothing(
    client, coordinator, upload_dir
):
    token = pending.save(b"theirs")
    client.post(reverse(URL), {"token": token, "cancel": "1"})
    assert waiting(upload_dir) == [token]


def test_the_daily_purge_removes_files_waiting_over_a_day(upload_dir):
    old, recent = pending.save(b"old"), pending.save(b"recent")
    age(upload_dir, old, DAY + 60)
    age(upload_dir, recent, DAY - 60)
    call_command("purge_import_files")
    assert waiting(upload_dir) == [recent]


def test_the_purge_removes_what_earlier_versions_left_in_media(upload_dir):
    default_storage.save("django-import-export/0123456789abcdef", ContentFile(b"x"))
    default_storage.save("certificates/keep.pdf", ContentFile(b"x"))
    call_command("purge_import_files")
    assert default_storage.listdir("django-import-export") == ([], [])
    assert default_storage.exists("certificates/keep.pdf")


def test_a_new_upload_purges_abandoned_files(client, coordinator, upload_dir):
    abandoned = pending.save(b"abandoned")
    age(upload_dir, abandoned, DAY + 60)
    token = preview(client)
    assert waiting(upload_dir) == [token]


def test_a_purged_file_cannot_be_confirmed(client, coordinator, upload_dir):
    token = preview(client)
    age(upload_dir, token, DAY + 60)
    call_command("purge_import_files")
    response = client.post(reverse(URL), {"token": token}, follow=True)
    assert "no longer available" in response.content.decode()


@pytest.mark.parametrize("token", ["../settings.py", "/etc/passwd", "", "A" * 32])
def test_tokens_are_only_our_own_names(token):
    assert pending.read(token) is None
    pending.remove(token)  # nothing to remove, nothing raised
