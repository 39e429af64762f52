"""One shape for every table that leaves the site, and the one CSV and one XLSX writer.

An exporter names itself (`identifier`, a translated `verbose_name`), gives translated
headers and yields rows of plain Python values; it never formats a cell. The writers alone
turn values into cells, so every download follows `policy.spreadsheet_safe` the same way:

- CSV: text through `policy.spreadsheet_safe` (a leading apostrophe on formula-like text,
  undone by the imports); numbers and dates written as they are.
- XLSX: numbers stay numbers and dates stay dates; text is a typed string cell, never a
  formula, and formula-like text carries the quotePrefix style: the spreadsheet's own mark for
  "text that looks like a formula", so no apostrophe shows and editing the cell keeps it text.

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

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils import timezone

from competencies import policy

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
NUMBER = int | float | Decimal


class Exporter:
    """A table (or a few, one under another) that leaves the site as CSV or XLSX.

    Layout: the `preamble` lines (what the table is: title, scope, filters), a blank line,
    then each of `tables()`, headers first, a blank line between them. Lines are padded to
    the widest table so every CSV row has the same number of cells.
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

    def tables(self, **params) -> list[tuple[Sequence, Iterable[Sequence]]]:
        return [(self.get_headers(**params), self.rows(**params))]

    def filename(self, **params) -> str:
        return self.identifier

    def lines(self, **params) -> Iterator[list]:
        preamble = self.preamble(**params)
        tables = self.tables(**params)
        width = max(len(headers) for headers, _rows in tables)
        if preamble:
            width = max(width, 2, *(len(line) for line in preamble))

        def padded(line):
            return [*line, *[None] * (width - len(line))]

        yield from (padded(line) for line in preamble)
        for number, (headers, rows) in enumerate(tables):
            if preamble or number:
                yield padded([])
            yield padded(headers)
            yield from (padded(row) for row in rows)

    def render(self, fmt: str, **params) -> bytes:
        if fmt not in self.formats:
            raise ValueError(f"{self.identifier} has no {fmt} format")
        if fmt == "csv":
            return "".join(csv_lines(self.lines(**params))).encode("utf-8")
        return xlsx_bytes(self.lines(**params))

    def response(self, fmt: str, **params) -> HttpResponse:
        response = HttpResponse(
            self.render(fmt, **params), content_type=CONTENT_TYPES[fmt]
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


def cell_value(value):
    """What a cell holds: None (empty), a bool, number, date or datetime, or text."""
    if value is None or isinstance(value, bool | NUMBER | str):
        return value
    if isinstance(value, datetime.datetime):
        # Spreadsheets have no time zones: local wall-clock time, as the site shows it.
        return timezone.make_naive(value) if timezone.is_aware(value) else value
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


def csv_lines(lines: Iterable[Sequence]) -> Iterator[str]:
    """CSV text line by line (streamable), every cell through `csv_cell`."""
    writer = csv.writer(_Echo())
    for line in lines:
        yield writer.writerow([csv_cell(v) for v in line])


def xlsx_bytes(lines: Iterable[Sequence], *, title: str = "Sheet1") -> bytes:
    """An XLSX workbook of one sheet, every cell through `_xlsx_cell`."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    carriage_returns = False
    for line in lines:
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
