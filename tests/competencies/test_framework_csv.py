"""Framework CSV: export then import gives an identical framework (levels included)."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from competencies.imports import read_table
from competencies.imports.framework import framework_export_csv, framework_import
from competencies.models import Framework
from tests import factories as f

pytestmark = pytest.mark.django_db


def snapshot(framework):
    return {
        "name": framework.name,
        "description": framework.description,
        "levels": [
            (lv.number, lv.name, lv.description, lv.minimum_hours, lv.refresh_months)
            for lv in framework.levels.order_by("number")
        ],
        "domains": [
            (d.code, d.title) for d in framework.domains.order_by("sort_order")
        ],
        "competencies": [
            (
                c.domain.code,
                c.code,
                c.title,
                c.statement,
                *[c.indicator(n) for n in range(1, 6)],
            )
            for c in framework.competencies.order_by("sort_order").select_related(
                "domain"
            )
        ],
    }


@pytest.fixture
def framework():
    fw = f.FrameworkFactory(
        name="West Midlands Adult Safeguarding",
        version="2025.1",
        description="Ours, with “quotes”, commas\nand lines",
    )
    for number, name, hours, months in [
        (1, "Awareness", "2", 36),
        (2, "Practitioner", "3.5", 36),
        (4, "Specialist lead", "8.25", 12),
    ]:
        f.LevelFactory(
            framework=fw,
            number=number,
            name=name,
            minimum_hours=Decimal(hours),
            refresh_months=months,
            description=f"who {number}",
        )
    sa1 = f.DomainFactory(
        framework=fw, code="SA1", title="Recognising abuse", sort_order=0
    )
    sa2 = f.DomainFactory(
        framework=fw, code="SA2", title="Responding, reporting", sort_order=1
    )
    f.DomainFactory(framework=fw, code="SA9", title="Empty domain", sort_order=2)
    f.CompetencyFactory(
        domain=sa1,
        code="SA1.2",
        title="Adults at risk",
        statement="s",
        indicator_1="a",
        indicator_2='b, "quoted"',
        indicator_3="",
        sort_order=0,
    )
    f.CompetencyFactory(
        domain=sa1,
        code="SA1.1",
        title="Types",
        indicator_1="",
        indicator_2="x",
        indicator_3="",
        indicator_4="=SUM(A1)",
        statement="-dash and '=quote",
        sort_order=1,
    )
    f.CompetencyFactory(
        domain=sa2,
        code="SA2.1",
        title="Immediate safety",
        indicator_1="é ü",
        indicator_2="",
        indicator_3="",
        sort_order=2,
    )
    return fw


def test_round_trip_is_lossless(framework):
    text = framework_export_csv(framework)
    table = read_table(content=text.encode(), filename="fw.csv")
    result, copy = framework_import(table=table, version="2026.1")
    assert result.errors == []
    assert copy.version == "2026.1"
    assert snapshot(copy) == snapshot(framework)
    # and the copy exports to the same file, apart from the version
    assert framework_export_csv(copy) == text.replace("2025.1", "2026.1")
    assert Revision.objects.for_instance(copy).count() == 1


def test_export_has_one_row_per_competency_plus_empty_domains(framework):
    rows = list(csv.DictReader(io.StringIO(framework_export_csv(framework))))
    assert [r["code"] for r in rows] == ["SA1.2", "SA1.1", "SA2.1", ""]
    assert rows[3]["domain_code"] == "SA9"
    assert rows[0]["level_2_minimum_hours"] == "3.5"
    assert rows[0]["level_3_name"] == ""
    # a cell Excel would run as a formula is escaped (and unescaped by the import)
    assert rows[1]["indicator_4"] == "'=SUM(A1)"


def test_commands_round_trip(framework, tmp_path):
    out = tmp_path / "fw.csv"
    call_command("export_framework", str(framework.pk), output=str(out))
    call_command("import_framework", str(out), framework_version="2099")
    copy = Framework.objects.get(version="2099")
    assert snapshot(copy) == snapshot(framework)


def test_importing_an_existing_version_is_refused(framework, tmp_path):
    out = tmp_path / "fw.csv"
    out.write_text(framework_export_csv(framework), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_framework", str(out))
    assert Framework.objects.count() == 1


def test_inconsistent_level_columns_and_missing_titles_name_row_and_column(framework):
    rows = list(csv.reader(io.StringIO(framework_export_csv(framework))))
    header = rows[0]
    rows[2][header.index("level_1_refresh_months")] = "24"
    rows[3][header.index("title")] = ""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    result, copy = framework_import(
        table=read_table(content=out.getvalue().encode(), filename="fw.csv"),
        version="X",
    )
    assert copy is None
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "level_1_refresh_months"),
        (4, "title"),
    ]
    assert "differs from row 2" in result.errors[0].message
    assert Framework.objects.count() == 1


def test_indicator_at_a_level_the_framework_lacks_is_an_error(framework):
    rows = list(csv.reader(io.StringIO(framework_export_csv(framework))))
    rows[1][rows[0].index("indicator_5")] = "strategic"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    result, _copy = framework_import(
        table=read_table(content=out.getvalue().encode(), filename="fw.csv"),
        version="X",
    )
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "indicator_5", "The framework has no level 5.")
    ]
