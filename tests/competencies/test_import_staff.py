"""Staff import: all or nothing, errors naming the spreadsheet row, the column and why."""

import datetime

import pytest
from wagtail.models import ModelLogEntry

from competencies.imports import read_table
from competencies.imports.staff import staff_import
from competencies.models import StaffMember
from competencies.resources import StaffResource
from tests import factories as f
from tests.competencies.files import STAFF_HEADER, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def wmp():
    areas = [f.AreaFactory(code="BHM"), f.AreaFactory(code="SAN")]
    f.AreaFactory(code="COV")  # an area WMP does not serve in these tests
    agency = f.AgencyFactory(
        short_name="WMP", email_domains="wmp.example, police.example"
    )
    agency.areas.set(areas)
    f.RoleProfileFactory(code="RP05")
    f.RoleProfileFactory(code="RP09")
    return agency


def row(ref, first, email, *, profile="RP05", areas="BHM", manager="", left_on=""):
    return [ref, first, "Smith", email, "Constable", profile, areas, manager, left_on]


def run(path, agency, **kwargs):
    table = read_table(content=path.read_bytes(), filename=path.name)
    return staff_import(agency=agency, table=table, filename=path.name, **kwargs)


def errors_of(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def test_new_staff_are_created_with_profile_areas_and_manager(tmp_path, wmp):
    path = write_csv(
        tmp_path / "staff.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example", areas="BHM;SAN"),
            row("E2", "Bob", "Bob@Police.example", manager="ann@wmp.example"),
        ],
    )
    result = run(path, wmp)
    assert result.errors == []
    assert result.counts["new"] == 2
    bob = StaffMember.objects.get(employee_ref="E2")
    assert bob.email == "bob@police.example"
    assert bob.role_profile.code == "RP05"
    assert bob.line_manager.first_name == "Ann"
    ann = StaffMember.objects.get(employee_ref="E1")
    assert sorted(ann.areas.values_list("code", flat=True)) == ["BHM", "SAN"]
    entry = ModelLogEntry.objects.get(action="competencies.staff.import")
    assert entry.data["new"] == 2


def test_second_import_of_the_same_file_changes_nothing(tmp_path, wmp):
    path = write_csv(
        tmp_path / "staff.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example", areas="BHM;SAN", left_on="31/12/2030"),
            row("E2", "Bob", "bob@wmp.example", manager="ann@wmp.example"),
        ],
    )
    run(path, wmp)
    before = list(StaffMember.objects.values_list("pk", "updated_at").order_by("pk"))
    again = run(path, wmp)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
    assert (
        list(StaffMember.objects.values_list("pk", "updated_at").order_by("pk"))
        == before
    )


def test_rows_match_by_reference_then_by_email(tmp_path, wmp):
    by_ref = f.StaffMemberFactory(
        agency=wmp, employee_ref="E1", email="old@wmp.example", first_name="Ann"
    )
    by_email = f.StaffMemberFactory(
        agency=wmp, employee_ref="", email="cat@wmp.example", first_name="Cat"
    )
    path = write_csv(
        tmp_path / "staff.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "new@wmp.example"),
            row("E7", "Catherine", "cat@wmp.example"),
        ],
    )
    result = run(path, wmp)
    assert result.errors == []
    assert result.counts["updated"] == 2
    assert "email" in result.rows[0].changes
    by_ref.refresh_from_db()
    by_email.refresh_from_db()
    assert by_ref.email == "new@wmp.example"
    assert (by_email.first_name, by_email.employee_ref) == ("Catherine", "E7")
    assert StaffMember.objects.count() == 2


def test_exported_list_imports_back_unchanged(tmp_path, wmp):
    manager = f.StaffMemberFactory(
        agency=wmp, email="boss@wmp.example", role_profile=None
    )
    manager.role_profile = f.RoleProfileFactory(code="RP10")
    manager.save()
    member = f.StaffMemberFactory(
        agency=wmp,
        email="pc@wmp.example",
        line_manager=manager,
        role_profile=manager.role_profile,
        left_on=datetime.date(2031, 1, 2),
    )
    member.areas.set(wmp.areas.all())
    dataset = StaffResource().export(StaffMember.objects.filter(agency=wmp))
    path = tmp_path / "export.xlsx"
    path.write_bytes(dataset.export("xlsx"))
    result = run(path, wmp)
    assert result.errors == []
    assert result.counts["unchanged"] == 2


def assert_nothing_written(result, count_before=0):
    assert result.written is False
    assert StaffMember.objects.count() == count_before
    assert not ModelLogEntry.objects.filter(action="competencies.staff.import").exists()


def test_unknown_role_profile(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example"),
            row("E2", "Bo", "bo@wmp.example", profile="RP99"),
        ],
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (3, "role_profile", "“RP99” is not a role profile code.")
    ]
    assert [r.status for r in result.rows] == ["new", "error"]
    assert_nothing_written(result)


def test_malformed_email(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv", [STAFF_HEADER, row("E1", "Ann", "ann.wmp.example")]
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (2, "email", "“ann.wmp.example” is not a valid email address.")
    ]
    assert_nothing_written(result)


def test_email_outside_the_agencys_domains(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv", [STAFF_HEADER, row("E1", "Ann", "ann@gmail.example")]
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (
            2,
            "email",
            "“ann@gmail.example” is not a WMP email address; it must end in @wmp.example or "
            "@police.example.",
        )
    ]
    assert_nothing_written(result)


def test_email_of_another_agencys_staff_member(tmp_path, wmp):
    other = f.AgencyFactory(short_name="BCC", email_domains="wmp.example")
    f.StaffMemberFactory(agency=other, email="ann@wmp.example")
    path = write_csv(
        tmp_path / "s.csv", [STAFF_HEADER, row("E1", "Ann", "ann@wmp.example")]
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (
            2,
            "email",
            "The email “ann@wmp.example” belongs to a staff member of another agency.",
        )
    ]
    assert_nothing_written(result, count_before=1)


def test_duplicate_email_in_the_file(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example"),
            row("E2", "Anne", "ANN@wmp.example"),
        ],
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (
            3,
            "email",
            "The email “ann@wmp.example” is also on row 2; each person needs their own work email.",
        )
    ]
    assert_nothing_written(result)


def test_duplicate_employee_reference_in_the_file(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example"),
            [],
            row("E1", "Bo", "bo@wmp.example"),
        ],
    )
    result = run(path, wmp)
    # The blank line is spreadsheet row 3, so the repeat is row 4.
    assert errors_of(result) == [
        (
            4,
            "employee_ref",
            "Employee reference “E1” is also on row 2; each person may appear only once.",
        )
    ]
    assert_nothing_written(result)


def test_identical_row_twice_is_reported_on_the_repeat(tmp_path, wmp):
    line = row("E1", "Ann", "ann@wmp.example")
    result = run(write_csv(tmp_path / "s.csv", [STAFF_HEADER, line, line]), wmp)
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "employee_ref"),
        (3, "email"),
    }
    assert_nothing_written(result)


def test_missing_required_column(tmp_path, wmp):
    header = [h for h in STAFF_HEADER if h != "role_profile"]
    path = write_csv(
        tmp_path / "s.csv",
        [header, ["E1", "Ann", "S", "ann@wmp.example", "PC", "BHM", "", ""]],
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (
            1,
            "role_profile",
            "The required column “role_profile” is missing from the header row.",
        )
    ]
    assert_nothing_written(result)


def test_header_names_are_forgiving_about_case_and_spaces(tmp_path, wmp):
    header = [
        "Employee Ref",
        "First name",
        "LAST_NAME",
        "Email",
        "Job title",
        "Role profile",
    ]
    path = write_csv(
        tmp_path / "s.csv",
        [header, ["E1", "Ann", "S", "ann@wmp.example", "PC", "RP05"]],
    )
    result = run(path, wmp)
    assert result.errors == [] and result.written


def test_byte_order_mark_is_ignored(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [STAFF_HEADER, row("E1", "Zoë", "zoe@wmp.example")],
        bom=True,
    )
    result = run(path, wmp)
    assert result.errors == []
    assert StaffMember.objects.get().first_name == "Zoë"


def test_wrong_encoding_is_a_clear_file_error(tmp_path, wmp):
    from competencies.imports import ImportFileError

    path = write_csv(
        tmp_path / "s.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example"),
            row("E2", "Zoë", "zoe@wmp.example"),
        ],
        encoding="cp1252",
    )
    with pytest.raises(ImportFileError) as excinfo:
        run(path, wmp)
    assert excinfo.value.message == (
        "The file is not UTF-8 text: it looks like Latin-1 (Windows-1252), as older Excel "
        "saves a CSV (unreadable character on line 3). In Excel, use “Save as” and choose "
        "“CSV UTF-8 (Comma delimited)”."
    )
    assert StaffMember.objects.count() == 0


def test_unreadable_xlsx_is_a_clear_file_error(tmp_path, wmp):
    from competencies.imports import ImportFileError

    path = tmp_path / "s.xlsx"
    path.write_bytes(b"this is not a workbook")
    with pytest.raises(ImportFileError) as excinfo:
        run(path, wmp)
    assert "could not be opened as an Excel workbook" in excinfo.value.message


def test_unknown_extension_is_a_clear_file_error(tmp_path, wmp):
    from competencies.imports import ImportFileError

    path = tmp_path / "s.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportFileError, match="must be a CSV"):
        run(path, wmp)


def test_excel_dates_and_text_dates_parse(tmp_path, wmp):
    path = write_xlsx(
        tmp_path / "s.xlsx",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example", left_on=datetime.datetime(2030, 3, 31)),
            row("E2", "Bo", "bo@wmp.example", left_on="31/03/2030"),
            row("E3", "Cy", "cy@wmp.example", left_on="2030-03-31"),
            row("E4", "Di", "di@wmp.example", left_on=47573),  # Excel serial number
            ["E5", "Ed", "S", "ed@wmp.example", 4711, "RP05", None, None, None],
        ],
    )
    result = run(path, wmp)
    assert result.errors == []
    dates = dict(StaffMember.objects.values_list("employee_ref", "left_on"))
    assert dates == {
        "E1": datetime.date(2030, 3, 31),
        "E2": datetime.date(2030, 3, 31),
        "E3": datetime.date(2030, 3, 31),
        "E4": datetime.date(2030, 3, 31),
        "E5": None,
    }
    assert StaffMember.objects.get(employee_ref="E5").job_title == "4711"


def test_bad_date(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [STAFF_HEADER, row("E1", "Ann", "ann@wmp.example", left_on="31/13/2030")],
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (2, "left_on", "“31/13/2030” is not a date; use dd/mm/yyyy (e.g. 31/01/2025).")
    ]
    assert_nothing_written(result)


def test_unknown_area_and_unknown_line_manager(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [
            STAFF_HEADER,
            row("E1", "Ann", "ann@wmp.example", areas="BHM, XYZ"),
            row(
                "E2", "Bo", "bo@wmp.example", areas="COV", manager="nobody@wmp.example"
            ),
        ],
    )
    result = run(path, wmp)
    assert errors_of(result) == [
        (2, "areas", "“XYZ” is not an area code."),
        (3, "areas", "WMP does not serve the area “COV”."),
        (
            3,
            "line_manager_email",
            "No WMP staff member has the email “nobody@wmp.example” (in the file or already imported).",
        ),
    ]
    assert_nothing_written(result)


def test_one_bad_row_among_many_imports_none(tmp_path, wmp):
    rows = [STAFF_HEADER] + [row(f"E{n}", "P", f"p{n}@wmp.example") for n in range(200)]
    rows[150][3] = "broken"
    result = run(write_csv(tmp_path / "s.csv", rows), wmp)
    assert errors_of(result) == [
        (151, "email", "“broken” is not a valid email address.")
    ]
    assert result.counts["new"] == 199
    assert_nothing_written(result)


def test_dry_run_writes_nothing(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv", [STAFF_HEADER, row("E1", "Ann", "ann@wmp.example")]
    )
    result = run(path, wmp, dry_run=True)
    assert result.counts["new"] == 1
    assert_nothing_written(result)


def test_validation_uses_a_constant_number_of_queries(
    tmp_path, wmp, django_assert_max_num_queries
):
    small = write_csv(
        tmp_path / "a.csv",
        [STAFF_HEADER] + [row(f"E{n}", "P", f"p{n}@wmp.example") for n in range(5)],
    )
    big = write_csv(
        tmp_path / "b.csv",
        [STAFF_HEADER] + [row(f"E{n}", "P", f"p{n}@wmp.example") for n in range(500)],
    )
    for path in (small, big):
        with django_assert_max_num_queries(8):
            run(path, wmp, dry_run=True)


def test_line_managers_in_a_cycle_and_chains_are_linked(tmp_path, wmp):
    path = write_csv(
        tmp_path / "s.csv",
        [
            STAFF_HEADER,
            row("E3", "Cy", "cy@wmp.example", manager="bo@wmp.example"),
            row("E1", "Ann", "ann@wmp.example", manager="bo@wmp.example"),
            row("E2", "Bo", "bo@wmp.example", manager="ann@wmp.example"),
            row("E4", "Di", "di@wmp.example", manager="cy@wmp.example"),
        ],
    )
    result = run(path, wmp)
    assert result.errors == []
    managers = dict(
        StaffMember.objects.values_list("first_name", "line_manager__first_name")
    )
    assert managers == {"Ann": "Bo", "Bo": "Ann", "Cy": "Bo", "Di": "Cy"}
    assert run(path, wmp).counts["unchanged"] == 4
