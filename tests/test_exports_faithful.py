"""Every download opens faithfully in LibreOffice and Excel (issues 19 and 20).

Each export of `tests/test_exports_formula_safe.EXPORTS` (so: every registered exporter, and
every admin listing) is downloaded by an administrator whose Wagtail profile has UTC as its
time zone, after a person was named "Zoë" and a session, a certificate and an audit entry
were put at 08:30 UTC on 1 July 2026 (09:30 in London, BST):

- CSV: starts with the UTF-8 byte order mark, "Zoë" reads back intact, the header is line 1,
  summer times are London's (`2026-07-01 09:30:00`) and dates ISO;
- XLSX: a sheet per table with a valid name, the header on row 1 and frozen, an "About"
  sheet last saying the time zone; summer times are naive London datetimes and dates are
  dates, each with a date number format.
"""

import datetime
import io

import openpyxl
import pytest
from wagtail.models import ModelLogEntry, Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from competencies.models import CompetencyEquivalence
from courses.models import Certificate
from tests import factories as f
from tests.exports import csv_rows
from tests.test_exports_formula_safe import CASES, EXPORTS, World

pytestmark = pytest.mark.django_db

SUMMER = datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC)
LONDON = datetime.datetime(2026, 7, 1, 9, 30)  # the same instant, on London's clocks
NAME = "Zoë"
# The exports that show a datetime we put in summer, and those that show a date.
SUMMER_IN = {
    "admin sessions",
    "admin certificates",
    "site history",
    "locked pages",
    "aging pages",
    "workflows",
    "workflow tasks",
}
DATES_IN = {"admin records", "admin certificates"}
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")


class Accented(World):
    """The formula-safety world, with "Zoë" where each export shows it and summer times."""

    def __init__(self):
        super().__init__()
        profile = UserProfile.get_for_user(self.admin)
        profile.current_time_zone = "UTC"  # the zone the admin is shown: not the file's
        profile.save()

    def people(self):
        super().people()
        self.staff[0].last_name = NAME
        self.staff[0].save()
        self.basics.title = f"Basics for {NAME}"
        self.basics.save()
        required = self.framework.domains.get().competencies.get()
        required.title = f"{NAME}'s rights"
        required.save()

    def records(self):
        super().records()
        record = self.staff[0].records.order_by("pk").first()
        record.source_detail = f"Assessed by {NAME}"
        record.save()

    def crosswalk(self):
        super().crosswalk()
        CompetencyEquivalence.objects.filter(
            pk=CompetencyEquivalence.objects.first().pk
        ).update(note=f"Agreed with {NAME}")

    def sessions(self):
        super().sessions()
        f.SessionFactory(
            module=self.basics,
            venue_name=f"{NAME}'s hall",
            start=SUMMER,
            end=SUMMER + datetime.timedelta(hours=3),
        )

    def certificates(self):
        super().certificates()
        first = Certificate.objects.order_by("number").first()
        Certificate.objects.filter(pk=first.pk).update(
            issued_at=SUMMER, holder_name=f"{NAME} Example"
        )

    def history(self):
        super().history()
        ModelLogEntry.objects.update(timestamp=SUMMER)

    def pages(self):
        super().pages()
        Page.objects.filter(slug="page-report-0").update(
            title=f"{NAME}'s page",
            draft_title=f"{NAME}'s page",
            locked_at=SUMMER,
            last_published_at=SUMMER,
        )
        WorkflowState.objects.update(created_at=SUMMER)
        TaskState.objects.update(started_at=SUMMER)


def download(client, export, fmt):
    world = Accented()
    for part in export.needs:
        getattr(world, part)()
    client.force_login(world.admin)
    response = client.get(export.url(world, fmt))
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def name_of(case) -> str:
    return next(name for name, export in EXPORTS.items() if export is case)


@pytest.mark.parametrize(("export", "fmt"), CASES)
def test_the_file_opens_faithfully(client, export, fmt):
    name = name_of(export)
    content = download(client, export, fmt)
    if fmt == "csv":
        check_csv(name, content)
    else:
        check_xlsx(name, content)


def check_csv(name, content):
    rows = csv_rows(content)  # fails without the byte order mark
    text = content.decode("utf-8-sig")
    assert NAME in text, "a non-ASCII name does not read back"
    assert rows[0] and all(rows[0][: len([c for c in rows[0] if c])]), "no header"
    assert not rows[0][0].startswith("\ufeff")
    if name in SUMMER_IN:
        assert "2026-07-01 09:30:00" in text, "summer time not in London time"
        assert "2026-07-01 08:30" not in text, "UTC written as if local"
    if name in DATES_IN:
        assert any(
            len(c) == 10 and c[4] == c[7] == "-" and c[:4].isdigit()
            for row in rows[1:]
            for c in row
        ), "no ISO date"


def check_xlsx(name, content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames[-1] == "About"
    for sheet_name in book.sheetnames:
        assert len(sheet_name) <= 31 and not SHEET_NAME_FORBIDDEN & set(sheet_name)
    about = [[c.value for c in row] for row in book["About"].iter_rows()]
    assert ["Times", "UK time (Europe/London)"] in [line[:2] for line in about]
    tables = book.worksheets[:-1]
    assert tables
    for sheet in tables:
        assert sheet.freeze_panes == "A2", sheet.title
        header = [c.value for c in sheet[1]]
        assert header[0] and all(isinstance(v, str) for v in header if v is not None)
    cells = [c for sheet in tables for row in sheet.iter_rows(min_row=2) for c in row]
    assert any(isinstance(c.value, str) and NAME in c.value for c in cells) or any(
        NAME in str(v) for line in about for v in line if v
    ), "a non-ASCII name does not read back"
    datetimes = [c for c in cells if isinstance(c.value, datetime.datetime)]
    if name in SUMMER_IN:
        summer = [c for c in datetimes if c.value == LONDON]
        assert summer, "summer time not in London time"
        assert not any(c.value == SUMMER.replace(tzinfo=None) for c in datetimes)
        assert all(c.is_date and "h" in c.number_format for c in summer)
    if name in DATES_IN:
        dates = [c for c in datetimes if c.number_format == "yyyy-mm-dd"]
        assert dates and all(c.value.time() == datetime.time() for c in dates)


def test_sheet_names_are_ones_excel_accepts():
    from competencies.exporters import sheet_name

    assert (
        sheet_name("Compliance: by agency [Q2] / area?")
        == "Compliance by agency Q2 area"
    )
    long = sheet_name("A" * 40)
    assert long == "A" * 31
    assert sheet_name("A" * 40, taken=[long]) == "A" * 27 + " (2)"
    assert sheet_name("History") == "History (1)"  # reserved by Excel
    assert sheet_name("'quoted'") == "quoted"
    assert sheet_name("   ") == "Sheet"


def test_about_lines_come_first_in_a_csv_only_when_asked(client):
    world = Accented()
    world.people()
    client.force_login(world.admin)
    url = EXPORTS["admin staff"].url(world, "csv")
    plain = csv_rows(b"".join(client.get(url).streaming_content))
    asked = csv_rows(b"".join(client.get(url + "&about=1").streaming_content))
    assert asked[0][0] == "Staff members" and plain[0][0] != "Staff members"
    assert ["Times", "UK time (Europe/London)"] == asked[1][:2]
    assert not any(asked[2])  # a blank line, then the same table
    assert asked[3:] == plain
