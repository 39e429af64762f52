"""manage.py erase_person: bulk erasure requests through the same service as the admin page."""

import io

import pytest
from axes.models import AccessLog
from django.core.management import ManagementUtility, call_command
from wagtail.models import ModelLogEntry

from competencies.accounts import audit
from competencies.imports import pending
from competencies.models import StaffMember
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, csv_bytes

pytestmark = pytest.mark.django_db

EMAIL = "ottoline.brackenbury@wmp.example"


@pytest.fixture
def person(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    user = f.UserFactory(
        username=EMAIL, email=EMAIL, first_name="Ottoline", last_name="Brackenbury"
    )
    staff = f.StaffMemberFactory(
        agency=agency,
        first_name="Ottoline",
        last_name="Brackenbury",
        email=EMAIL,
        user=user,
    )
    f.CompetencyRecordFactory(staff=staff)
    AccessLog.objects.create(username=EMAIL, user_agent="Firefox", path_info="/")
    # A staff list with their row, uploaded and waiting for its confirm.
    pending.save(
        csv_bytes(
            [STAFF_HEADER, ["W1", "Ottoline", "Brackenbury", EMAIL, "", "", "", "", ""]]
        )
    )
    return staff


def run(*args):
    out = io.StringIO()
    call_command("erase_person", *args, stdout=out)
    return out.getvalue()


def run_from_shell(capsys, monkeypatch, *args):
    """As from a shell: the exit code, standard output and standard error. (The test's
    database connection stays open: the command closes it when done.)"""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: 0)
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "erase_person", *args]).execute()
    captured = capsys.readouterr()
    return exit_.value.code, captured.out, captured.err


def test_dry_run_counts_what_would_change_and_changes_nothing(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = run(EMAIL, "--dry-run")
    assert f"Would erase staff #{person.pk} (WMP):" in out
    for line in ("staff record: 1", "account: 1", "sign-in history: 1"):
        assert f"  {line}\n" in out
    assert "  import files: 1\n" in out and "nothing was changed" in out
    assert "Brackenbury" not in out and EMAIL not in out  # ids, never names
    person.refresh_from_db()
    assert person.anonymised_at is None and person.email == EMAIL
    assert AccessLog.objects.filter(username=EMAIL).exists()
    assert len(pending.names()) == 1  # the file is still there
    assert not ModelLogEntry.objects.filter(action=audit.ERASE).exists()

    # The real run changes exactly what the dry run counted.
    with django_capture_on_commit_callbacks(execute=True):
        done = run(EMAIL)
    counted = out.splitlines()[1:-1]
    assert done.splitlines()[1:] == counted
    assert pending.names() == []


def test_erases_through_the_service_with_the_reason(person):
    out = run(EMAIL.upper(), "--reason", "DPO request 2027-014")
    assert out.startswith(f"Erased staff #{person.pk} (WMP):")
    person.refresh_from_db()
    assert person.full_name == f"Erased person {person.pk}"
    assert person.user is None and person.records.count() == 1
    entry = ModelLogEntry.objects.get(action=audit.ERASE, object_id=str(person.pk))
    assert entry.data == {"reason": "DPO request 2027-014"} and entry.user is None


def test_an_unknown_email_is_an_error_with_exit_code_1(person, capsys, monkeypatch):
    code, out, err = run_from_shell(capsys, monkeypatch, "nobody@wmp.example")
    assert code == 1 and out == ""
    assert "No staff member or account has the email nobody@wmp.example" in err
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_an_account_without_a_staff_record_is_explained(person, capsys, monkeypatch):
    f.UserFactory(username="visitor@wmp.example", email="visitor@wmp.example")
    code, _, err = run_from_shell(capsys, monkeypatch, "visitor@wmp.example")
    assert code == 1 and "has no staff record" in err


def test_someone_already_erased_is_said_so(person, capsys, monkeypatch):
    run(EMAIL)
    person.refresh_from_db()
    out = run(person.email)  # the erased record's address
    assert f"Staff #{person.pk} (WMP) was already erased on" in out
    assert "nothing to do" in out
    assert ModelLogEntry.objects.filter(action=audit.ERASE).count() == 1
    # Their old address is no longer held anywhere, so it cannot be matched.
    code, _, err = run_from_shell(capsys, monkeypatch, EMAIL)
    assert code == 1 and "no longer held" in err
    assert StaffMember.objects.filter(anonymised_at__isnull=False).count() == 1
