"""Historic records import: matched to staff and competencies, expiry defaulted, all or nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from competencies.imports import read_table
from competencies.imports.records import records_import
from competencies.models import CompetencyRecord
from tests import factories as f
from tests.competencies.files import write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["email", "employee_ref", "competency", "level", "achieved_on", "expires_on"]


@pytest.fixture
def world():
    fw = f.framework_with_levels(name="WM", version="2025.1")
    old = f.framework_with_levels(name="WM", version="2019")
    sa2 = f.DomainFactory(framework=fw, code="SA2")
    comp = f.CompetencyFactory(domain=sa2, code="SA2.3", indicator_4="audits")
    f.CompetencyFactory(domain=f.DomainFactory(framework=old, code="SA2"), code="SA2.3")
    f.CompetencyFactory(
        domain=sa2, code="SA2.4", indicator_1="", indicator_2="", indicator_3="x"
    )
    wmp = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    bcc = f.AgencyFactory(short_name="BCC", email_domains="bcc.example")
    profile = f.RoleProfileFactory(framework=fw)
    pc = f.StaffMemberFactory(
        agency=wmp, email="pc@wmp.example", employee_ref="E1", role_profile=profile
    )
    sw = f.StaffMemberFactory(
        agency=bcc, email="sw@bcc.example", employee_ref="E1", role_profile=profile
    )
    return {"fw": fw, "comp": comp, "wmp": wmp, "bcc": bcc, "pc": pc, "sw": sw}


def run(path, **kwargs):
    return records_import(
        table=read_table(content=path.read_bytes(), filename=path.name), **kwargs
    )


def errors_of(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def test_records_are_created_with_default_expiry_in_the_staff_members_framework(
    tmp_path, world
):
    path = write_xlsx(
        tmp_path / "r.xlsx",
        [
            HEADER,
            ["pc@wmp.example", None, "SA2.3", 4, datetime.datetime(2024, 1, 31), None],
            ["sw@bcc.example", None, "SA2.3", "2", "31/01/2024", "2025-06-30"],
        ],
    )
    result = run(path)
    assert result.errors == []
    pc = CompetencyRecord.objects.get(staff=world["pc"])
    assert pc.competency == world["comp"]  # the 2025.1 framework's SA2.3, not 2019's
    assert pc.expires_on == datetime.date(
        2025, 1, 31
    )  # level 4 refreshes every 12 months
    assert pc.source == "import"
    sw = CompetencyRecord.objects.get(staff=world["sw"])
    assert sw.expires_on == datetime.date(2025, 6, 30)


def test_reimporting_the_same_file_adds_nothing(tmp_path, world):
    path = write_csv(
        tmp_path / "r.csv",
        [HEADER, ["pc@wmp.example", "", "SA2.3", "1", "01/02/2023", ""]],
    )
    assert run(path).counts["new"] == 1
    again = run(path)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 1, "error": 0}
    assert CompetencyRecord.objects.count() == 1


def test_errors_name_row_column_and_reason_and_nothing_is_written(tmp_path, world):
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    path = write_csv(
        tmp_path / "r.csv",
        [
            HEADER,
            ["pc@wmp.example", "", "SA2.3", "1", "01/02/2023", ""],
            ["nobody@wmp.example", "", "SA2.3", "1", "01/02/2023", ""],
            ["pc@wmp.example", "", "SA9.9", "1", "01/02/2023", ""],
            ["pc@wmp.example", "", "SA2.4", "1", "01/02/2023", ""],
            ["pc@wmp.example", "", "SA2.3", "six", "01/02/2023", ""],
            ["pc@wmp.example", "", "SA2.3", "2", future, ""],
            ["pc@wmp.example", "", "SA2.3", "2", "01/02/2023", "01/01/2023"],
            ["", "E1", "SA2.3", "2", "01/02/2023", ""],
            ["pc@wmp.example", "", "SA2.3", "1", "2023-02-01", ""],
        ],
    )
    result = run(path)
    assert errors_of(result) == [
        (3, "email", "No staff member has the email “nobody@wmp.example”."),
        (4, "competency", "“SA9.9” is not a competency code."),
        (5, "level", "SA2.4 is not assessed at level 1 (levels: 3)."),
        (6, "level", "“six” is not a whole number."),
        (7, "achieved_on", f"{future} is in the future."),
        (8, "expires_on", "The expiry date is before the date achieved (01/02/2023)."),
        (
            9,
            "employee_ref",
            "More than one agency uses the employee reference “E1”; give the email instead, or import for one agency.",
        ),
        (10, "competency", "This record repeats row 2."),
    ]
    assert CompetencyRecord.objects.count() == 0


def test_agency_import_only_reaches_that_agencys_staff(tmp_path, world):
    path = write_csv(
        tmp_path / "r.csv",
        [
            HEADER,
            ["", "E1", "SA2.3", "1", "01/02/2023", ""],
            ["sw@bcc.example", "", "SA2.3", "1", "01/02/2023", ""],
        ],
    )
    result = run(path, agency=world["wmp"])
    assert errors_of(result) == [
        (3, "email", "No staff member of WMP has the email “sw@bcc.example”.")
    ]


def test_file_without_a_staff_column_is_refused(tmp_path, world):
    path = write_csv(
        tmp_path / "r.csv",
        [["competency", "level", "achieved_on"], ["SA2.3", "1", "01/02/2023"]],
    )
    result = run(path)
    assert errors_of(result) == [
        (
            1,
            "email",
            "The file needs a column “email” or “employee_ref” to say whose record each row is.",
        )
    ]


def test_import_records_command(tmp_path, world):
    path = write_csv(
        tmp_path / "r.csv", [HEADER, ["", "E1", "SA2.3", "1", "01/02/2023", ""]]
    )
    call_command("import_records", str(path), agency="WMP", dry_run=True)
    assert CompetencyRecord.objects.count() == 0
    call_command("import_records", str(path), agency="WMP")
    assert CompetencyRecord.objects.get().staff == world["pc"]
    bad = write_csv(
        tmp_path / "bad.csv", [HEADER, ["", "E404", "SA2.3", "1", "01/02/2023", ""]]
    )
    with pytest.raises(CommandError, match="Nothing imported: 1 error"):
        call_command("import_records", str(bad), agency="WMP")
