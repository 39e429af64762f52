"""Moodle's competency framework CSV (tool_lpimportcsv): imported as a new framework with
what cannot be held listed, all or nothing, and exported so that Moodle (and we) can read it
back. The fixture is shaped like Moodle's own export (see fixtures/README.md)."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from competencies.imports.framework_file import MOODLE_CSV, framework_import_file
from competencies.models import CompetencyEquivalence, Framework
from competencies.moodle.columns import HEADERS
from competencies.moodle.exporter import framework_export_moodle
from tests import factories as f
from tests.competencies.files import xlsx_bytes

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "moodle_framework.csv"


def moodle_bytes(*, bom=False) -> bytes:
    data = FIXTURE.read_bytes()
    return (b"\xef\xbb\xbf" + data) if bom else data


def shape(framework: Framework) -> dict:
    """Everything a framework holds, by code: two equal shapes are the same framework."""
    return {
        "name": framework.name,
        "description": framework.description,
        "levels": [(lv.number, lv.name) for lv in framework.levels.order_by("number")],
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
            for c in framework.competencies.order_by("sort_order")
        ],
        "crosswalk": sorted(
            (e.competency.code, e.maps_to.code, e.kind)
            for e in CompetencyEquivalence.objects.filter(
                competency__framework=framework
            )
        ),
    }


def held_children_framework():
    children = f.framework_with_levels(name="Children", version="1")
    domain = f.DomainFactory(framework=children, code="CH1")
    return f.CompetencyFactory(domain=domain, code="CH1.1")


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_a_moodle_export_imports_with_its_tree(bom):
    result, framework, fmt = framework_import_file(
        content=moodle_bytes(bom=bom), filename="moodle.csv"
    )
    assert fmt == MOODLE_CSV and not result.errors, result.errors
    assert (framework.name, framework.version) == (
        "West Midlands adult safeguarding",
        "1",
    )
    # Multi-line quoted HTML: the words and paragraphs kept, the tags dropped.
    assert framework.description == (
        "The partnership’s shared framework for adult safeguarding, agreed by the seven "
        "Safeguarding Adults Boards.\n\n• Police\n• Health\n• Councils"
    )
    s = shape(framework)
    assert s["levels"] == [(1, "Not yet competent"), (2, "Competent"), (3, "Expert")]
    assert s["domains"] == [("SA1", "Recognising abuse"), ("SA2", "Responding")]
    assert [c[:3] for c in s["competencies"]] == [
        ("SA1", "SA1.1", "Types of abuse"),
        ("SA1", "SA1.2", "Indicators of abuse"),
        ("SA1", "SA1.3", "Physical indicators"),  # id number too long for a code
        ("SA1", "PI-1", "Bruising"),  # three levels down: flattened into SA1
        ("SA2", "SA2.1", "Making a referral"),
        ("SA2", "SA2.2", "Recording"),
    ]
    types = framework.competencies.get(code="SA1.1")
    assert types.statement == (
        "Names the ten types of abuse in the Care Act 2014, including self-neglect and "
        "modern slavery."
    )
    assert framework.competencies.get(code="SA1.3").statement == (
        "Bruising, burns & unexplained falls."
    )
    assert framework.competencies.get(code="SA2.1").statement == (
        "Refers a concern to the local authority\nthe same day."
    )
    entry = ModelLogEntry.objects.get(action="competencies.framework.import")
    assert entry.data["format"] == "moodle" and entry.data["competencies"] == 6


def test_the_preview_lists_what_is_not_carried_and_writes_nothing():
    result, framework, _fmt = framework_import_file(
        content=moodle_bytes(), filename="moodle.csv", dry_run=True
    )
    assert framework is None and not Framework.objects.exists()
    assert not result.errors
    skipped = "\n".join(result.skipped)
    for expected in (
        "“WM-SAF-2025” is not kept",  # the framework's id number
        "taxonomy (domain,competency,skill,competency)",
        "scale configuration",
        "Row 3: the description of SA1 is not kept",
        "Row 5: the rule of SA1.2 (core_competency\\competency_rule_all)",
        "Row 6: the id number “physical-indicators” does not fit",
        "Row 7: PI-1 is more than two levels down",
        "Row 10: the scale of SA2.2 is not kept",
        "between SA1.1 and SA2.1 is not kept",
        "from SA1.1 to CH1.1 is not kept: no framework here",
    ):
        assert expected in skipped, expected
    # A pair cross-referenced from both ends is listed once.
    assert (
        skipped.count("between SA1.1 and SA2.1")
        + skipped.count("between SA2.1 and SA1.1")
        == 1
    )


def test_a_cross_reference_to_a_competency_we_hold_becomes_a_partial_link():
    other = held_children_framework()
    _result, framework, _fmt = framework_import_file(
        content=moodle_bytes(), filename="moodle.csv"
    )
    entry = CompetencyEquivalence.objects.get(competency__framework=framework)
    assert (entry.competency.code, entry.maps_to, entry.kind) == (
        "SA1.1",
        other,
        "partial",
    )


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (",SA2,Responding,", ",SA1,Responding,", "Row 8, column Id number: The id number SA1 is also on row 3."),
        ("SA2,SA2.1,", "SA9,SA2.1,", "Row 9, column Parent id number: No row of the file has the id number SA9."),
        ("SA1,SA1.2,\"Indicators of abuse\"", "SA1,SA1.2,\"\"", "Row 5, column Shortname: Enter the short name."),
        (",SA1,\"Recognising abuse\"", "PI-1,SA1,\"Recognising abuse\"", "Row 3, column Parent id number: The parent id numbers go round in a loop"),
        (",,,,,,1,\"domain,", ",,,,,,0,\"domain,", "column Is framework: No row is the framework"),
    ],
)  # fmt: skip
def test_a_bad_row_writes_nothing_and_names_row_and_column(old, new, error):
    content = moodle_bytes().decode()
    assert old in content
    result, framework, _fmt = framework_import_file(
        content=content.replace(old, new, 1).encode(), filename="moodle.csv"
    )
    assert framework is None and not Framework.objects.exists()
    assert any(str(e).startswith(error) for e in result.errors), [
        str(e) for e in result.errors
    ]


def test_round_trip_moodle_import_export_import_gives_the_same_framework():
    held_children_framework()
    _r, first, _f = framework_import_file(content=moodle_bytes(), filename="m.csv")
    exported = framework_export_moodle(first)
    result, second, fmt = framework_import_file(
        content=exported.encode(), filename="again.csv", version="2"
    )
    assert fmt == MOODLE_CSV and not result.errors, result.errors
    assert second.version == "2"
    assert shape(second) == shape(first)
    # and once more: the export of the copy is the export of the first, but for the version
    assert framework_export_moodle(second) == exported.replace(
        "West-Midlands-adult-safeguarding-1", "West-Midlands-adult-safeguarding-2"
    )


def test_round_trip_of_our_framework_keeps_level_indicators():
    framework, _c = f.framework_create(competencies=5)
    framework.description = "First paragraph.\n\nSecond, with <b>angle</b> & ampersand."
    framework.save()
    _r, copy, _f = framework_import_file(
        content=framework_export_moodle(framework).encode(),
        filename="ours.csv",
        name=framework.name,
        version="copy",
    )
    ours, theirs = shape(framework), shape(copy)
    # The export lists each domain's competencies under it, so the order across domains is
    # the domains' order; within a domain it is kept.
    assert sorted(theirs.pop("competencies")) == sorted(ours.pop("competencies"))
    assert theirs == ours


def test_the_export_is_what_moodles_import_reads():
    framework, _c = f.framework_create(competencies=3)
    rows = list(csv.reader(io.StringIO(framework_export_moodle(framework))))
    assert rows[0] == HEADERS
    assert all(len(row) == 14 for row in rows)
    head = rows[1]
    assert (head[0], head[12], head[4]) == ("", "1", "1")
    assert head[5] == "Level name 1,Level name 2,Level name 3"
    config = json.loads(head[6])
    # Moodle: the first entry holds the scale id; one default; at least one proficient.
    assert "scaleid" in config[0]
    assert sum(c["scaledefault"] for c in config[1:]) == 1
    assert any(c["proficient"] for c in config[1:])
    ids = {row[1] for row in rows[2:]}
    assert all(row[0] in ids for row in rows[2:] if row[0])
    assert len(ids) == len(rows) - 2  # id numbers unique, as Moodle requires


def test_admin_uploads_previews_confirms_and_downloads(client):
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    url = reverse("competencies_framework_io:import")
    response = client.post(
        url, {"import_file": SimpleUploadedFile("moodle.csv", moodle_bytes(bom=True))}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Moodle competency framework (CSV)" in html and "Confirm import" in html
    assert "data-import-skipped" in html and "more than two levels down" in html
    assert not Framework.objects.exists()
    response = client.post(
        url, {"token": response.context["token"], "filename": "moodle.csv"}
    )
    assert response.status_code == 302
    framework = Framework.objects.get()
    assert framework.competencies.count() == 6
    edit = client.get(
        reverse("wagtailsnippets_competencies_framework:edit", args=[framework.pk])
    )
    assert (
        reverse("competencies_framework_io:export_moodle", args=[framework.pk])
        in edit.content.decode()
    )
    download = client.get(
        reverse("competencies_framework_io:export_moodle", args=[framework.pk])
    )
    assert download.status_code == 200
    # UTF-8 with a byte order mark, like every file we send out (Moodle's CSV reader drops it).
    assert download.content.startswith(b"\xef\xbb\xbf")
    assert download.content.decode("utf-8-sig").startswith("Parent id number")


def test_admin_shows_a_bad_row_with_its_row_and_column(client):
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    content = moodle_bytes().replace(b"SA2,SA2.1,", b"SA9,SA2.1,")
    response = client.post(
        reverse("competencies_framework_io:import"),
        {"import_file": SimpleUploadedFile("moodle.csv", content)},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(
        r"<td>9</td>\s*<td>Parent id number</td>\s*<td>No row of the file has the id "
        r"number SA9.</td>",
        html,
    )
    assert "Confirm import" not in html


def test_import_framework_command_dry_run_then_import(tmp_path, capsys):
    path = tmp_path / "moodle.csv"
    path.write_bytes(moodle_bytes())
    call_command("import_framework", str(path), dry_run=True)
    assert not Framework.objects.exists()
    out = capsys.readouterr().out
    assert "Moodle competency framework" in out and "Not imported: Row 7" in out
    call_command("import_framework", str(path), framework_version="2025")
    assert Framework.objects.get().version == "2025"
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_framework", str(path), framework_version="2025")


def test_export_framework_command_writes_moodle_csv(tmp_path):
    framework, _c = f.framework_create(competencies=2)
    out = tmp_path / "out.csv"
    call_command("export_framework", str(framework.pk), fmt="moodle", output=str(out))
    written = out.read_bytes()
    assert written.count(b"\xef\xbb\xbf") == 1 and written.startswith(b"\xef\xbb\xbf")
    assert written.decode("utf-8-sig") == framework_export_moodle(framework)


def test_moodles_own_example_imports():
    """An excerpt of Moodle's own fixture: four levels deep, id numbers longer than our
    codes, cross-references inside the framework."""
    content = (FIXTURE.parent / "moodle_example_excerpt.csv").read_bytes()
    result, framework, fmt = framework_import_file(content=content, filename="x.csv")
    assert fmt == MOODLE_CSV and not result.errors, result.errors
    s = shape(framework)
    assert s["levels"] == [(1, "Not yet competent"), (2, "Competent")]
    assert s["domains"] == [("levels", "Levels"), ("D2", "Competencies")]
    assert [c[:3] for c in s["competencies"]] == [
        ("levels", "level-1", "Level 1"),
        ("D2", "delivery", "Delivery-related"),
        ("D2", "D2.2", "Analytical Thinking"),
        ("D2", "DR-AT1", "Distinguishes between critical and irrelevant pieces of information"),
        ("D2", "DR-AT-2", "Gathers information from a variety of sources to reach a conclusion."),
    ]  # fmt: skip
    assert framework.description.startswith(
        "The Core Competencies summarise the capabilities that are important across all "
        "jobs and that we believe collectively contribute"
    )
    skipped = "\n".join(result.skipped)
    assert "between level-1 and DR-AT1 is not kept" in skipped
    assert "Row 7: analytical-thinking is more than two levels down" in skipped


def test_a_moodle_file_saved_as_xlsx_imports_the_same():
    rows = list(csv.reader(io.StringIO(moodle_bytes().decode(), newline="")))
    # as a spreadsheet would store them: numbers as numbers
    typed = [[int(c) if c.isdigit() else c for c in row] for row in rows]
    result, framework, fmt = framework_import_file(
        content=xlsx_bytes(typed), filename="moodle.xlsx"
    )
    assert fmt == MOODLE_CSV and not result.errors, result.errors
    _r, from_csv, _f = framework_import_file(
        content=moodle_bytes(), filename="moodle.csv", version="csv"
    )
    assert shape(framework) == shape(from_csv)


def test_a_cross_reference_from_a_domain_is_listed():
    held_children_framework()
    content = moodle_bytes().replace(
        b",SA2,Responding,,1,,,,0,null,,6,,", b",SA2,Responding,,1,,,,0,null,CH1.1,6,,"
    )
    result, framework, _fmt = framework_import_file(content=content, filename="m.csv")
    assert framework is not None
    assert any(
        "from SA2 to CH1.1 is not kept: a domain has no crosswalk links" in line
        for line in result.skipped
    )


def test_a_long_chain_and_loops_are_checked_in_one_pass():
    """Parents are walked once each: 3,000 nodes hanging under a missing parent cost no
    more than 3,000 rows, only the first is wrong, and a loop is named on its rows."""
    header = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    lines = [header, ',F,Framework,,1,"a,b",,,,,,,1,']
    lines += [
        f"N{n - 1 if n else 'missing'},N{n},Node {n},,1,,,,0,null,,,,"
        for n in range(3000)
    ]
    lines += ["L2,L1,Loop 1,,1,,,,0,null,,,,", "L1,L2,Loop 2,,1,,,,0,null,,,,"]
    result, framework, _fmt = framework_import_file(
        content="\n".join(lines).encode(), filename="m.csv"
    )
    assert framework is None
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "Parent id number"),
        (3003, "Parent id number"),
        (3004, "Parent id number"),
    ]
    assert "loop" in result.errors[1].message


def test_a_repeated_column_is_an_error():
    content = moodle_bytes().replace(b",Taxonomy\r\n", b",Shortname\r\n", 1)
    result, framework, _fmt = framework_import_file(content=content, filename="m.csv")
    assert framework is None
    assert str(result.errors[0]).startswith("Row 1, column Shortname: The column")


def test_a_flat_framework_becomes_one_domain_and_a_long_scale_no_levels():
    header = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    lines = [
        header,
        ',FLAT,"Flat framework",,1,"a,b,c,d,e,f",,,,,,,1,',
        ",C1,First,<p>One</p>,1,,,,0,null,,,,",
        ",C2,Second,<p>Two</p>,1,,,,0,null,,,,",
    ]
    result, framework, _fmt = framework_import_file(
        content="\r\n".join(lines).encode(), filename="m.csv"
    )
    assert not result.errors, result.errors
    s = shape(framework)
    assert s["levels"] == []
    assert s["domains"] == [("FLAT", "Flat framework")]
    assert [c[:4] for c in s["competencies"]] == [
        ("FLAT", "C1", "First", "One"),
        ("FLAT", "C2", "Second", "Two"),
    ]
    skipped = "\n".join(result.skipped)
    assert "all are imported into one domain, FLAT" in skipped
    assert "scale has 6 values" in skipped


def test_many_cross_references_are_looked_up_in_pieces():
    other = held_children_framework()
    refs = ",".join([f"X{n}" for n in range(1500)] + [other.code])
    content = moodle_bytes().replace(b'"SA2.1,CH1.1"', f'"{refs}"'.encode())
    result, framework, _fmt = framework_import_file(content=content, filename="m.csv")
    assert not result.errors
    link = CompetencyEquivalence.objects.get(competency__framework=framework)
    assert link.maps_to == other
