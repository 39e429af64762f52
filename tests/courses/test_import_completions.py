"""manage.py import_completions FILE: another platform's export of e-learning completions
becomes the modules' competency records (source e-learning), all rows or none, with errors
naming the row and the column; --dry-run writes nothing; a second import adds nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import ModelLogEntry

from competencies.models import CompetencyRecord, StaffCompliance
from tests import factories as f

IRI = "https://lms.example.org/activities/prevent-101"


@pytest.fixture(scope="module")
def world_module(module_transaction):
    from cms.site import site_ensure

    with module_transaction() as unblocked:
        with unblocked():
            site_ensure()
            framework = f.framework_with_levels(levels=(1, 2))
            competency = f.CompetencyFactory(
                framework=framework, domain__framework=framework
            )
            profile = f.RoleProfileFactory(framework=framework)
            f.RequirementFactory(role_profile=profile, competency=competency)
            staff = f.StaffMemberFactory(
                email="sam.patel@council.example", role_profile=profile
            )
            other = f.StaffMemberFactory(email="lee.wong@council.example")
            by_code = f.module_page(
                slug="recognising-abuse", delivers=[(competency, 1)], refresh_months=12
            )
            by_iri = f.module_page(slug="prevent", delivers=[(competency, 2)])
            by_iri.elearning_activity_iri = IRI
            by_iri.save()
            empty = f.module_page(slug="welcome", delivers=[])
        yield {
            "staff": staff,
            "other": other,
            "competency": competency,
            "by_code": by_code,
            "by_iri": by_iri,
            "empty": empty,
        }


@pytest.fixture
def world(world_module, db):
    return world_module


def run(tmp_path, content: bytes, *args, name="completions.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_completions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def fails(tmp_path, content: bytes, *args):
    path = tmp_path / "completions.csv"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_completions", str(path), *args, stderr=err)
    return str(exc.value), err.getvalue()


GOOD = (
    "Email,Module code,Completion date\r\n"
    "Sam.Patel@council.example,recognising-abuse,03/11/2026\r\n"
    f"lee.wong@council.example,{IRI},2026-10-01\r\n"
).encode()


def records():
    return CompetencyRecord.objects.filter(source=CompetencyRecord.Source.ELEARNING)


def test_completions_become_records_by_module_code_or_activity_iri(world, tmp_path):
    out = run(tmp_path, GOOD)
    assert "2 new" in out
    sam = records().get(staff=world["staff"])
    assert (sam.level, sam.achieved_on) == (1, datetime.date(2026, 11, 3))
    assert sam.expires_on == datetime.date(2027, 11, 3)  # the module's 12 months
    assert "completions.csv" in sam.source_detail
    lee = records().get(staff=world["other"])
    assert (lee.level, lee.achieved_on) == (2, datetime.date(2026, 10, 1))
    # They count in compliance like any other record.
    assert StaffCompliance.objects.get(staff=world["staff"]).met == 1
    assert (
        ModelLogEntry.objects.filter(action="courses.completions.import").count() == 2
    )


def test_importing_the_same_file_twice_adds_nothing(world, tmp_path):
    run(tmp_path, GOOD)
    out = run(tmp_path, GOOD)
    assert "0 new" in out and "2 unchanged" in out
    assert records().count() == 2


def test_a_dry_run_writes_nothing(world, tmp_path):
    out = run(tmp_path, GOOD, "--dry-run")
    assert out.startswith("Dry run, nothing written: 2 new")
    assert not records().exists()


def test_a_file_with_a_bom_reads_the_same(world, tmp_path):
    run(tmp_path, b"\xef\xbb\xbf" + GOOD)
    assert records().count() == 2


def test_one_bad_row_imports_nothing_and_every_error_names_row_and_column(
    world, tmp_path
):
    content = (
        b"email,module,completed_on\n"
        b"sam.patel@council.example,recognising-abuse,03/11/2026\n"
        b"nobody@council.example,recognising-abuse,03/11/2026\n"
        b"sam.patel@council.example,no-such-module,03/11/2026\n"
        b"sam.patel@council.example,https://lms.example.org/unknown,03/11/2026\n"
        b"sam.patel@council.example,welcome,03/11/2026\n"
        b"sam.patel@council.example,prevent,31/02/2026\n"
        b"sam.patel@council.example,prevent,01/01/2099\n"
        b"sam.patel@council.example,recognising-abuse,2026-11-03\n"
    )
    message, errors = fails(tmp_path, content)
    assert "Nothing imported" in message
    assert "Row 3, column email: No staff member has the email" in errors
    assert "Row 4, column module: No module has the code “no-such-module”" in errors
    assert "Row 5, column module: No module has the e-learning activity IRI" in errors
    assert "Row 6, column module:" in errors and "delivers no competencies" in errors
    assert "Row 7, column completed_on:" in errors and "not a date" in errors
    assert "Row 8, column completed_on:" in errors and "in the future" in errors
    assert "Row 9, column module: This completion repeats row 2." in errors
    assert not records().exists()


def test_a_missing_column_is_named(world, tmp_path):
    message, errors = fails(
        tmp_path, b"email,module\nsam.patel@council.example,prevent\n"
    )
    assert "Row 1, column completed_on" in errors


def test_a_latin_1_file_is_refused_saying_so(world, tmp_path):
    content = "email,module,completed_on\nzoë@council.example,prevent,03/11/2026\n"
    message, _errors = fails(tmp_path, content.encode("latin-1"))
    assert "Latin-1" in message
    assert not records().exists()
