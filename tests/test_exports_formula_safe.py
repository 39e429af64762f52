"""Every table that leaves the site keeps formula-like text as text (OWASP "CSV injection").

ONE table (`EXPORTS`) lists every download: which exporter writes it, its URL, its formats and
the data it shows. Each is downloaded over HTTP by an administrator after text starting with
= + - @, a tab and a carriage return was put where it shows:

- CSV: the cell starts with an apostrophe (and no cell starts with the bare text);
- XLSX: the cell is a typed string holding exactly the text (no apostrophe), and no cell of
  the workbook is a formula.

A new export is one line in `EXPORTS`; a new exporter without a line fails
`test_every_exporter_is_in_the_table`.
"""

import csv
import dataclasses
import datetime
import io
from collections.abc import Callable
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Workflow

from competencies.exporters import registry
from competencies.imports import read_table
from competencies.imports.framework import framework_export_csv, framework_import
from competencies.models import CompetencyEquivalence
from courses.models import Booking, Certificate
from tests import factories as f

pytestmark = pytest.mark.django_db

INJECTIONS = (
    '=HYPERLINK("http://evil.example","x")',
    '+HYPERLINK("http://evil.example")',
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
)
BOTH = ("csv", "xlsx")
CSV = ("csv",)


class World:
    """The data an export shows, built only when a row asks for it (`needs`)."""

    def __init__(self):
        self.admin = f.UserFactory(username="boss", is_staff=True, is_superuser=True)

    def people(self):
        """A person named with each injection, in an area named with it, all missing a
        required competency that module "Basics" delivers (overdue, training demand)."""
        self.framework = f.framework_with_levels(name="Adults", version="1")
        domain = f.DomainFactory(framework=self.framework, code="AD1")
        required = f.CompetencyFactory(domain=domain, code="AD1.1")
        profile = f.RequirementFactory(competency=required, min_level=2).role_profile
        self.basics = f.module_page(title="Basics", level=2, delivers=[(required, 2)])
        agency = f.AgencyFactory(short_name="POL", name="Police")
        self.staff = []
        for n, text in enumerate(INJECTIONS):
            area = f.AreaFactory(code=f"IN{n}", name=text)
            agency.areas.add(area)
            person = f.StaffMemberFactory(
                agency=agency,
                first_name=text,
                last_name="Example",
                role_profile=profile,
            )
            person.areas.set([area])
            self.staff.append(person)

    def records(self):
        """Competencies titled with each injection; the first person holds a record of
        each, its source detail the injection too."""
        domain = self.framework.domains.get()
        self.titled = [
            f.CompetencyFactory(domain=domain, code=f"AD1.{n + 2}", title=text)
            for n, text in enumerate(INJECTIONS)
        ]
        for competency, text in zip(self.titled, INJECTIONS, strict=True):
            f.CompetencyRecordFactory(
                staff=self.staff[0], competency=competency, source_detail=text
            )

    def crosswalk(self):
        """Each titled competency equivalent to one of a children's framework (note: the
        injection), each delivered by a module titled with it: cross-overs."""
        children = f.framework_with_levels(name="Children", version="1")
        domain = f.DomainFactory(framework=children, code="CH1")
        for n, (competency, text) in enumerate(
            zip(self.titled, INJECTIONS, strict=True)
        ):
            other = f.CompetencyFactory(domain=domain, code=f"CH1.{n + 1}")
            CompetencyEquivalence.objects.create(
                competency=competency, maps_to=other, kind="equivalent", note=text
            )
            f.module_page(title=text, slug=f"cross-{n}", delivers=[(competency, 2)])

    def sessions(self):
        for text in INJECTIONS:
            f.SessionFactory(module=self.basics, venue_name=text)

    def certificates(self):
        start = timezone.now() - datetime.timedelta(days=3)
        session = f.SessionFactory(
            module=self.basics, start=start, end=start + datetime.timedelta(hours=3)
        )
        for n, (person, text) in enumerate(zip(self.staff, INJECTIONS, strict=True)):
            booking = Booking.objects.create(
                session=session, staff=person, status="confirmed", attendance="attended"
            )
            Certificate.objects.create(
                booking=booking,
                staff=person,
                number=f"WMSAP-2026-{n:05d}",
                verification_code=f"CODE{n:012d}",
                issued_at=timezone.now(),
                holder_name=text,
                agency_name="Police",
                module_title="Basics",
                module_level=2,
                learning_hours=Decimal("3.5"),
                session_date=start.date(),
            )

    def history(self):
        for person in self.staff:
            log(instance=person, action="wagtail.edit", user=self.admin)

    def pages(self):
        """CMS pages titled with each injection, in the moderation workflow and locked by the
        administrator: Wagtail's page and workflow reports list them."""
        pages = [
            f.module_page(title=text, slug=f"page-report-{n}")
            for n, text in enumerate(INJECTIONS)
        ]
        workflow = Workflow.objects.get(name="Moderators approval")
        for page in pages:
            page.save_revision(user=self.admin)
            workflow.start(page, self.admin)
        # Locked last: saving a revision unlocks a page its own locker saves.
        now = timezone.now()
        Page.objects.filter(pk__in=[p.pk for p in pages]).update(
            locked=True, locked_by=self.admin, locked_at=now, last_published_at=now
        )


@dataclasses.dataclass(frozen=True)
class Export:
    exporter: str  # its identifier in competencies.exporters.registry
    url: Callable[[World, str], str]
    formats: tuple[str, ...]
    needs: tuple[str, ...]  # World parts to build, in order


def _listing(namespace: str) -> Callable[[World, str], str]:
    return lambda w, fmt: f"{reverse(namespace)}?export={fmt}"


EXPORTS = {
    "report": Export("report", lambda w, fmt: f"/reports/overdue-staff.{fmt}", BOTH, ("people",)),
    "planning": Export("training-demand", lambda w, fmt: f"/planning.{fmt}", BOTH, ("people",)),
    "cross-overs": Export("crossovers", lambda w, fmt: f"/cross-overs.{fmt}", BOTH, ("people", "records", "crosswalk")),
    "admin staff": Export("admin-listing", _listing("competencies_staff:index"), BOTH, ("people",)),
    "admin records": Export("admin-listing", _listing("competencies_record:index"), BOTH, ("people", "records")),
    "admin sessions": Export("admin-listing", _listing("courses_session:index"), BOTH, ("people", "sessions")),
    "admin certificates": Export("admin-listing", _listing("courses_certificate:index"), BOTH, ("people", "certificates")),
    "site history": Export("admin-listing", _listing("wagtailadmin_reports:site_history"), BOTH, ("people", "history")),
    "locked pages": Export("admin-listing", _listing("wagtailadmin_reports:locked_pages"), BOTH, ("people", "pages")),
    "aging pages": Export("admin-listing", _listing("wagtailadmin_reports:aging_pages"), BOTH, ("people", "pages")),
    "workflows": Export("admin-listing", _listing("wagtailadmin_reports:workflow"), BOTH, ("people", "pages")),
    "workflow tasks": Export("admin-listing", _listing("wagtailadmin_reports:workflow_tasks"), BOTH, ("people", "pages")),
    "staff for re-import": Export("staff-import", lambda w, fmt: reverse("competencies_staff_import:export"), CSV, ("people",)),
    "framework": Export("framework", lambda w, fmt: reverse("competencies_framework_io:export", args=[w.framework.pk]), CSV, ("people", "records")),
    "framework for moodle": Export("framework-moodle", lambda w, fmt: reverse("competencies_framework_io:export_moodle", args=[w.framework.pk]), CSV, ("people", "records", "crosswalk")),
    "crosswalk": Export("crosswalk", lambda w, fmt: reverse("competencies_crosswalk:export"), CSV, ("people", "records", "crosswalk")),
    "agency staff": Export("agency-staff", lambda w, fmt: f"/agency/staff/?agency={w.staff[0].agency_id}&download={fmt}", BOTH, ("people",)),
    "personal data": Export("personal-data", lambda w, fmt: reverse("accounts:staff_data", args=[w.staff[0].pk, "csv"]), CSV, ("people", "records")),
}  # fmt: skip

CASES = [
    pytest.param(export, fmt, id=f"{name}-{fmt}")
    for name, export in EXPORTS.items()
    for fmt in export.formats
]


def download(client, export: Export, fmt: str) -> bytes:
    world = World()
    for part in export.needs:
        getattr(world, part)()
    client.force_login(world.admin)
    response = client.get(export.url(world, fmt))
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(("export", "fmt"), CASES)
def test_formula_like_text_leaves_as_text(client, export, fmt):
    content = download(client, export, fmt)
    if fmt == "csv":
        text = content.decode("utf-8")
        cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
        for injection in INJECTIONS:
            assert any(c.startswith("'" + injection) for c in cells), injection
            assert not any(c.startswith(injection) for c in cells), injection
    else:
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        for injection in INJECTIONS:
            found = [
                c
                for c in cells
                if isinstance(c.value, str) and c.value.startswith(injection)
            ]
            assert found, injection
            assert all(c.data_type == "s" for c in found), injection
            assert not any(
                isinstance(c.value, str) and c.value.startswith("'" + injection)
                for c in cells
            ), injection


def test_xlsx_cells_hold_exactly_the_text(client):
    """A name is the whole cell in the admin's staff listing: compare it exactly."""
    content = download(client, EXPORTS["admin staff"], "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    first_names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(first_names) == sorted(INJECTIONS)


def test_every_exporter_is_in_the_table():
    covered = {export.exporter for export in EXPORTS.values()}
    missing = {exporter.identifier for exporter in registry} - covered
    assert not missing, f"Exports without a line in EXPORTS: {sorted(missing)}"


def test_framework_round_trip_keeps_formula_like_titles():
    framework = f.framework_with_levels(name="Adults", version="2025.1")
    domain = f.DomainFactory(framework=framework, code="AD1", title="=Domain")
    for n, text in enumerate(INJECTIONS):
        f.CompetencyFactory(
            domain=domain, code=f"AD1.{n + 1}", title=text, sort_order=n
        )
    exported = framework_export_csv(framework)
    result, copy = framework_import(
        table=read_table(content=exported.encode(), filename="fw.csv"),
        version="2026.1",
    )
    assert result.errors == []
    assert copy.domains.get().title == "=Domain"
    titles = copy.competencies.order_by("sort_order").values_list("title", flat=True)
    assert list(titles[:4]) == list(INJECTIONS[:4])  # = + - @: exactly as they were
    # Imports trim surrounding whitespace from every cell (imports.base.text), escaped or not.
    assert list(titles[4:]) == [t.strip() for t in INJECTIONS[4:]]
