"""Reading an uploaded CSV or XLSX file into rows numbered as a person sees them.

Row numbers are spreadsheet row numbers: the header is row 1, the first data row is row 2, and
blank rows keep their number, so "row 7" in an error is row 7 in Excel.

Text is read back as it was before our exports escaped it (`policy.spreadsheet_unsafe`), so a
downloaded staff list, framework or crosswalk imports unchanged. XLSX cells too: a CSV opened
and saved as XLSX by a spreadsheet that shows the apostrophe keeps it.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from competencies.policy import spreadsheet_unsafe

MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("csv", "xlsx")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why in the user's terms."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalise_header(value) -> str:
    """'Employee ref' / 'EMPLOYEE-REF ' -> 'employee_ref'."""
    text = "" if value is None else str(value)
    return "_".join(text.strip().lower().replace("-", " ").split())


@dataclass
class Table:
    """The file's header (normalised) and its non-blank data rows as (row number, {column: value})."""

    headers: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)
    original_headers: dict[str, str] = field(default_factory=dict)
    duplicate_headers: list[str] = field(default_factory=list)

    def missing(self, required: list[str]) -> list[str]:
        return [name for name in required if name not in self.headers]


def format_for(filename: str) -> str:
    """The format from the file name's extension, or an ImportFileError."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in FORMATS:
        raise ImportFileError(
            _(
                "The file must be a CSV (.csv) or Excel workbook (.xlsx); “%(name)s” is neither."
            )
            % {"name": filename}
        )
    return ext


def read_table(*, content: bytes, filename: str) -> Table:
    """Read a CSV (UTF-8, with or without a byte-order mark) or an XLSX workbook's first sheet."""
    fmt = format_for(filename)
    if not content:
        raise ImportFileError(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB; split it into smaller files.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    raw_rows = _csv_rows(content) if fmt == "csv" else _xlsx_rows(content)
    return _to_table(raw_rows)


def _csv_rows(content: bytes):
    try:
        # utf-8-sig drops the byte-order mark Excel's "CSV UTF-8" puts at the start.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (unreadable character on line %(line)s). In Excel, "
                "use “Save as” and choose “CSV UTF-8 (Comma delimited)”."
            )
            % {"line": line}
        ) from None
    if "\x00" in text:
        raise ImportFileError(
            _(
                "The file is not a CSV text file. If it is an Excel workbook, save it as .xlsx."
            )
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file could not be read: %(error)s") % {"error": exc}
        ) from None


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ImportFileError(
            _(
                "The file could not be opened as an Excel workbook (.xlsx). Check it opens in "
                "Excel, or save it as CSV UTF-8."
            )
        ) from None
    except Exception:  # openpyxl raises its own types for damaged workbooks
        raise ImportFileError(
            _("The Excel workbook is damaged and could not be read.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _to_table(raw_rows) -> Table:
    header_index = next(
        (i for i, row in enumerate(raw_rows) if not all(_blank(v) for v in row)), None
    )
    if header_index is None:
        raise ImportFileError(_("The file has no header row and no data."))
    header_row = raw_rows[header_index]
    headers = [normalise_header(h) for h in header_row]
    original = {
        h: str(o).strip() for h, o in zip(headers, header_row, strict=True) if h
    }
    table = Table(headers=[h for h in headers if h], original_headers=original)
    seen = set()
    for name in table.headers:
        if name in seen and name not in table.duplicate_headers:
            table.duplicate_headers.append(name)
        seen.add(name)
    for offset, row in enumerate(raw_rows[header_index + 1 :], start=header_index + 2):
        if all(_blank(v) for v in row):
            continue
        values = {}
        for name, value in zip(headers, row, strict=False):
            if name and name not in values:
                values[name] = (
                    spreadsheet_unsafe(value.strip())
                    if isinstance(value, str)
                    else value
                )
        table.rows.append((offset, values))
    return table
