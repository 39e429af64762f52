"""manage.py import_staff: the same import as the admin, a summary or the errors.

Errors raise CommandError, which manage.py turns into exit status 1 without a traceback.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from competencies.models import StaffMember
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def wmp():
    f.RoleProfileFactory(code="RP05")
    return f.AgencyFactory(short_name="WMP", email_domains="wmp.example")


def test_import_staff_dry_run_then_real(tmp_path, wmp, capsys):
    path = write_csv(
        tmp_path / "s.csv",
        [STAFF_HEADER, ["E1", "Ann", "S", "ann@wmp.example", "PC", "RP05", "", "", ""]],
    )
    call_command("import_staff", str(path), agency="wmp", dry_run=True)
    assert (
        "Dry run, nothing written: 1 new, 0 updated, 0 unchanged"
        in capsys.readouterr().out
    )
    assert StaffMember.objects.count() == 0
    call_command("import_staff", str(path), agency="WMP")
    assert "Imported: 1 new" in capsys.readouterr().out
    call_command("import_staff", str(path), agency="WMP")
    assert "0 new, 0 updated, 1 unchanged" in capsys.readouterr().out


def test_import_staff_prints_errors_and_fails(tmp_path, wmp, capsys):
    path = write_csv(
        tmp_path / "s.csv",
        [STAFF_HEADER, ["E1", "Ann", "S", "ann@wmp", "PC", "RP05", "", "", ""]],
    )
    with pytest.raises(CommandError, match="Nothing imported: 1 error"):
        call_command("import_staff", str(path), agency="WMP")
    assert (
        "Row 2, column email: “ann@wmp” is not a valid email address."
        in capsys.readouterr().err
    )
    with pytest.raises(CommandError, match="No agency has the short name 'NOPE'"):
        call_command("import_staff", str(path), agency="NOPE")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_staff", str(tmp_path / "missing.csv"), agency="WMP")
