"""One shape for every table that leaves the site, and the one CSV and one XLSX writer.

An exporter names itself (`identifier`, a translated `verbose_name`), gives translated
headers and yields rows of plain Python values; it never formats a cell. The writers alone
turn values into cells, so every download follows `policy.spreadsheet_safe` and the site's
time zone the same way (docs/standards.md, "Files we send out"):

- CSV: UTF-8 with a byte order mark (LibreOffice and Excel then read "Zoë" as Zoë); text
  through `policy.spreadsheet_safe` (a leading apostrophe on formula-like text, undone by
  the imports); dates ISO (`2026-07-01`), datetimes in UK local time (`2026-07-01 09:30:00`);
  numbers as they are. The header is line 1; the `about` lines (what the table is: title,
  scope, filters, time zone) come first only when asked (`?about=1`, `wants_about`).
- XLSX: one sheet per table, named after it, the header on row 1 and frozen; an "About"
  sheet holds the `about` lines. Numbers stay numbers, dates are dates and datetimes naive
  UK local datetimes, each with a date number format; text is a typed string cell, never a
  formula, and formula-like text carries the quotePrefix style: the spreadsheet's own mark
  for "text that looks like a formula", so no apostrophe shows and editing keeps it text.

Exporters are registered in `registry` from the apps' `AppConfig.ready()`; views ask the
registry for them by identifier.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competencies import policy

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NUMBER = int | float | Decimal
BOM = "\ufeff"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
ABOUT_SHEET = _("About")


class Table(NamedTuple):
    """One table of an export: its headers, its rows and what it is called (its sheet)."""

    headers: Sequence
    rows: Iterable[Sequence]
    title: str = ""


def wants_about(request) -> bool:
    """`?about=1` (or yes/true/on): the CSV starts with the lines saying what it is."""
    return request.GET.get("about", "").lower() in {"1", "yes", "true", "on"}


class Exporter:
    """A table (or a few) that leaves the site as CSV or XLSX.

    `tables()` gives the tables (by default one: `get_headers()` and `rows()`, titled
    `verbose_name`); `preamble()` the lines that say what they are (title, scope, filters),
    which go to the XLSX "About" sheet and, when asked, above the CSV's tables. In a CSV the
    tables follow one another, a blank line between them, and lines are padded to the widest
    so every row has the same number of cells.
    """

    identifier = ""
    verbose_name = ""
    headers: Sequence = ()
    formats = ("csv", "xlsx")

    def get_headers(self, **params) -> list:
        return list(self.headers)

    def rows(self, **params) -> Iterable[Sequence]:
        raise NotImplementedError

    def preamble(self, **params) -> list[Sequence]:
        return []

    def tables(self, **params) -> list[Table | tuple]:
        return [Table(self.get_headers(**params), self.rows(**params))]

    def filename(self, **params) -> str:
        return self.identifier

    def about(self, **params) -> list[Sequence]:
        """The preamble (or the export's name), then the time zone every time is in."""
        lines = list(self.preamble(**params)) or [[self.verbose_name]]
        return [*lines, [_("Times"), _("UK time (Europe/London)")]]

    def _tables(self, **params) -> list[Table]:
        tables = [Table(*table) for table in self.tables(**params)]
        return [
            table if table.title else table._replace(title=str(self.verbose_name))
            for table in tables
        ]

    def lines(self, *, about: bool = False, **params) -> Iterator[list]:
        """The CSV's lines: the `about` lines first only when asked, then the tables."""
        preamble = self.about(**params) if about else []
        tables = self._tables(**params)
        width = max(len(table.headers) for table in tables)
        if preamble:
            width = max(width, *(len(line) for line in preamble))

        def padded(line):
            return [*line, *[None] * (width - len(line))]

        yield from (padded(line) for line in preamble)
        for number, table in enumerate(tables):
            if preamble or number:
                yield padded([])
            yield padded(table.headers)
            yield from (padded(row) for row in table.rows)

    def sheets(self, **params) -> list["Sheet"]:
        """The XLSX's sheets: one per table (header frozen on row 1), then "About"."""
        sheets = [
            Sheet(table.title, [table.headers, *table.rows], header=True)
            for table in self._tables(**params)
        ]
        return [*sheets, Sheet(str(ABOUT_SHEET), self.about(**params))]

    def csv_text(self, *, about: bool = False, **params) -> str:
        """The CSV as text, without the byte order mark (that belongs to a file's bytes:
        whoever writes this text to a file writes it as "utf-8-sig")."""
        return "".join(csv_lines(self.lines(about=about, **params), bom=False))

    def render(self, fmt: str, *, about: bool = False, **params) -> bytes:
        if fmt not in self.formats:
            raise ValueError(f"{self.identifier} has no {fmt} format")
        if fmt == "csv":
            return "".join(csv_lines(self.lines(about=about, **params))).encode("utf-8")
        return xlsx_bytes(self.sheets(**params))

    def response(self, fmt: str, *, about: bool = False, **params) -> HttpResponse:
        response = HttpResponse(
            self.render(fmt, about=about, **params), content_type=CONTENT_TYPES[fmt]
        )
        name = self.filename(**params)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class Registry:
    """Exporters by identifier, filled from the apps' `AppConfig.ready()`."""

    def __init__(self):
        self._exporters: dict[str, Exporter] = {}

    def register(self, *classes: type[Exporter]) -> None:
        for cls in classes:
            known = self._exporters.get(cls.identifier)
            if not cls.identifier or (known and type(known) is not cls):
                raise ImproperlyConfigured(
                    f"Exporter {cls.__name__} needs an identifier of its own, not "
                    f"{cls.identifier!r}."
                )
            self._exporters[cls.identifier] = cls()

    def __getitem__(self, identifier: str) -> Exporter:
        return self._exporters[identifier]

    def __iter__(self) -> Iterator[Exporter]:
        return iter(self._exporters.values())


registry = Registry()


# --- the cells: one typing and one escaping for every export -------------------------------


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """Wall-clock time in the site's zone (settings.TIME_ZONE), whoever asks.

    Always the default zone, never the one a user's admin profile has activated: a file is
    read later, elsewhere, next to other files, and the About lines say which zone it is.
    """
    if timezone.is_naive(value):
        return value
    return timezone.make_naive(value, timezone.get_default_timezone())


def cell_value(value):
    """What a cell holds: None (empty), a bool, number, date or datetime, or text."""
    if value is None or isinstance(value, bool | NUMBER | str):
        return value
    if isinstance(value, datetime.datetime):
        # Spreadsheets have no time zones: local wall-clock time, as the site shows it.
        return local_naive(value)
    if isinstance(value, datetime.date | datetime.time):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(cell_value(v)) for v in value)
    return str(value)  # lazy translations, model instances, anything else


def csv_cell(value) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return policy.spreadsheet_safe(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


class _Echo:
    """A file whose write returns what was written: csv.writer then yields lines."""

    def write(self, value):
        return value


def csv_lines(lines: Iterable[Sequence], *, bom: bool = True) -> Iterator[str]:
    """CSV text line by line (streamable), every cell through `csv_cell`.

    It starts with the byte order mark: without it LibreOffice and Excel guess a legacy
    encoding and show "Zoë" as "ZoÃ«". Our imports read it (imports.files).
    """
    if bom:
        yield BOM
    writer = csv.writer(_Echo())
    for line in lines:
        yield writer.writerow([csv_cell(v) for v in line])


class Sheet(NamedTuple):
    """One worksheet: its name, its lines, and whether line 1 is a header (then frozen)."""

    title: str
    lines: Iterable[Sequence]
    header: bool = False


# Excel refuses these in a sheet name, and names longer than 31 characters; "History" is
# reserved by Excel itself.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_SHEET_NAME_RESERVED = {"history"}
SHEET_NAME_MAX = 31


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A name Excel and LibreOffice accept, unique (case-insensitively) among `taken`."""
    name = _SHEET_NAME_FORBIDDEN.sub(" ", str(title))
    name = re.sub(r"\s+", " ", name).strip().strip("'").strip() or "Sheet"
    if name.lower() in _SHEET_NAME_RESERVED:
        name = f"{name} (1)"
    taken = {t.lower() for t in taken}
    candidate, number = name[:SHEET_NAME_MAX].rstrip(), 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    return candidate


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """An XLSX workbook, a worksheet per `Sheet`, every cell through `_xlsx_cell`."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    carriage_returns = False
    names = []
    for sheet_spec in sheets:
        names.append(sheet_name(sheet_spec.title, names))
        sheet = workbook.create_sheet(title=names[-1])
        if sheet_spec.header:
            sheet.freeze_panes = "A2"
        for line in sheet_spec.lines:
            cells = []
            for value in line:
                cell = _xlsx_cell(sheet, cell_value(value))
                carriage_returns |= cell.data_type == "s" and "\r" in cell.value
                cells.append(cell)
            sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    data = output.getvalue()
    return _keep_carriage_returns(data) if carriage_returns else data


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        # Control characters other than tab and line breaks are not allowed in XLSX at all.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        # openpyxl takes text starting with "=" for a formula: force a string cell.
        cell.data_type = "s"
        if policy.is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    return cell


_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")


def _keep_carriage_returns(data: bytes) -> bytes:
    """A raw carriage return in XML is read back as a line feed: write it as `&#13;`.

    openpyxl writes text without that reference; the worksheet XML holds raw carriage
    returns only inside cell text (attributes are escaped), so this changes nothing else.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if _WORKSHEET.fullmatch(item.filename):
                content = content.replace(b"\r", b"&#13;")
            target.writestr(item, content)
    return output.getvalue()
