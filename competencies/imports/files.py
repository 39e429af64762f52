"""Reading an uploaded CSV or XLSX file into rows numbered as a person sees them.

Row numbers are spreadsheet row numbers: the header is row 1, the first data row is row 2, and
blank rows keep their number, so "row 7" in an error is row 7 in Excel.

Text is read back as it was before our exports escaped it (`policy.spreadsheet_unsafe`), so a
downloaded staff list, framework or crosswalk imports unchanged. XLSX cells too: a CSV opened
and saved as XLSX by a spreadsheet that shows the apostrophe keeps it.

Files come from people, so nothing a file says about itself is trusted: the size is checked
before anything is read (the admin checks an upload before its body is read), an XLSX's parts
are checked against their compressed sizes before one is unpacked, its declared dimension is
ignored, and both formats are read row by row, never past IMPORT_MAX_ROWS rows or
IMPORT_MAX_COLUMNS columns. A refused file gets a message saying why and what to do.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from competencies.policy import spreadsheet_unsafe

FORMATS = ("csv", "xlsx")
# Excel's widest sheet (column XFD): a CSV record wider than this was not saved by a spreadsheet.
SHEET_COLUMNS = 16_384
# Spreadsheet XML compresses about 5 to 30 times; a part packed far tighter is a zip bomb.
XLSX_MAX_RATIO = 100
# The parts of a workbook may unpack to this many times the largest upload allowed.
XLSX_UNPACKED_PER_UPLOADED = 10
# Parts smaller than this are never refused for their ratio (a tiny, very regular part is fine).
XLSX_RATIO_FROM = 1024 * 1024
# The zip's list of parts, read whole by zipfile: a workbook's is a few kB.
XLSX_MAX_DIRECTORY = 256 * 1024


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


def check_size(size: int) -> None:
    """Refuse a file larger than IMPORT_MAX_BYTES."""
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _(
                "The file is %(size)s; an import takes at most %(max)s. Split it into "
                "smaller files."
            )
            % {
                "size": filesizeformat(size),
                "max": filesizeformat(settings.IMPORT_MAX_BYTES),
            }
        )


def read_table(*, content: bytes, filename: str) -> Table:
    """Read a CSV (UTF-8, with or without a byte-order mark) or an XLSX workbook's first sheet."""
    fmt = format_for(filename)
    if not content:
        raise ImportFileError(_("The file is empty."))
    check_size(len(content))
    raw_rows = _csv_rows(content) if fmt == "csv" else _xlsx_rows(content)
    return _to_table(_bounded(raw_rows))


# --- limits --------------------------------------------------------------------------------------


def _too_many_columns() -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(max)s columns; an import reads at most %(max)s. Delete "
            "the columns it does not need."
        )
        % {"max": settings.IMPORT_MAX_COLUMNS}
    )


def _bounded(raw_rows):
    """Number the rows from 1 and cut each to the columns read, refusing rows past the limit.

    Counting stops at the limit, whatever a file declares: an XLSX row numbered 1,048,576 or
    a CSV of ten million lines costs no more than IMPORT_MAX_ROWS rows. One column more than
    is read is kept so that a header wider than that can be told.
    """
    last = settings.IMPORT_MAX_ROWS + 1  # the header and the rows of data
    width = settings.IMPORT_MAX_COLUMNS + 1
    for number, row in enumerate(raw_rows, start=1):
        if number > last:
            raise ImportFileError(
                _(
                    "The file goes on past row %(last)s; an import takes at most %(max)s rows "
                    "below the header. Split it into smaller files, and delete any rows below "
                    "the data, even empty ones."
                )
                % {"last": f"{last:,}", "max": f"{settings.IMPORT_MAX_ROWS:,}"}
            )
        yield number, row[:width]


# --- CSV -----------------------------------------------------------------------------------------

UTF8_CHUNK = 1024 * 1024
# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
SAVE_AS_UTF8 = gettext_noop(
    "In Excel, use “Save as” and choose “CSV UTF-8 (Comma delimited)”."
)


def _check_encoding(content: bytes) -> None:
    """Refuse anything but UTF-8 text (a UTF-8 byte-order mark is fine), naming the encoding."""
    for bom, name in BOMS:
        if content.startswith(bom):
            raise ImportFileError(_not_utf8(name))
    if b"\x00" in content:
        # UTF-16 without a mark: every other byte of Latin text is zero.
        sample = content[:4096]
        if max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) * 0.2:
            raise ImportFileError(_not_utf8("UTF-16"))
        raise ImportFileError(
            _(
                "The file is not a CSV text file. If it is an Excel workbook, save it as "
                ".xlsx."
            )
        )
    # A chunk at a time, so a large file is never held a second time as text.
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(content)
    for start in range(0, len(content), UTF8_CHUNK):
        chunk = view[start : start + UTF8_CHUNK]
        try:
            decoder.decode(chunk, final=start + UTF8_CHUNK >= len(content))
        except UnicodeDecodeError as exc:
            # exc.object is the bytes held over from the last chunk, then this one.
            at = start - (len(exc.object) - len(chunk)) + exc.start
            raise ImportFileError(
                _(
                    "The file is not UTF-8 text: it looks like Latin-1 (Windows-1252), as "
                    "older Excel saves a CSV (unreadable character on line %(line)s). %(fix)s"
                )
                % {"line": content.count(b"\n", 0, at) + 1, "fix": _(SAVE_AS_UTF8)}
            ) from None


def _not_utf8(encoding: str) -> str:
    return _("The file is %(encoding)s text, not UTF-8. %(fix)s") % {
        "encoding": encoding,
        "fix": _(SAVE_AS_UTF8),
    }


class _Lines:
    """Lines for csv.reader, read in pieces so a hostile line is refused before it is whole.

    csv.reader builds a whole record before we see it. A record with more delimiters than a
    spreadsheet has columns is refused (delimiters inside quotes count too, erring on the side
    of refusing), and so is a line too long for its fields to fit csv's field size limit
    (which csv would refuse anyway, once the line was held).
    """

    PIECE = 64 * 1024

    def __init__(self, stream, delimiter: str):
        self.stream, self.delimiter, self.delimiters = stream, delimiter, 0

    def __iter__(self):
        return self

    def __next__(self):
        pieces, length, delimiters = [], 0, 0
        while True:
            piece = self.stream.readline(self.PIECE)
            if not piece:
                break
            pieces.append(piece)
            length += len(piece)
            delimiters += piece.count(self.delimiter)
            if self.delimiters + delimiters >= SHEET_COLUMNS:
                raise _too_many_columns()
            if length > 2 * csv.field_size_limit() * (
                delimiters + 1
            ):  # "" is one quote
                raise csv.Error(
                    f"field larger than field limit ({csv.field_size_limit()})"
                )
            if piece[-1] == "\n":
                break
        if not pieces:
            raise StopIteration
        self.delimiters += delimiters
        return "".join(pieces)


def _csv_rows(content: bytes):
    _check_encoding(content)
    first_line = content[:65536].split(b"\n", 1)[0].decode("utf-8", "ignore")
    delimiter = max([",", ";", "\t"], key=first_line.count)
    # Decoded as it is read; utf-8-sig drops the byte-order mark of Excel's "CSV UTF-8". Line
    # ends become "\n" (in quoted cells too), so a line read in pieces ends where one does.
    stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline=None)
    lines = _Lines(stream, delimiter)
    try:
        for row in csv.reader(lines, delimiter=delimiter):
            lines.delimiters = 0
            yield row
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file could not be read: %(error)s") % {"error": exc}
        ) from None


# --- XLSX ----------------------------------------------------------------------------------------


def _check_xlsx_parts(content: bytes) -> None:
    """Refuse a zip bomb by the sizes the zip declares, before any part is unpacked.

    zipfile never unpacks a part past its declared size (it stops there and reports the
    file damaged), so the declared sizes bound what reading can cost.
    """
    # The end record, within the last 64 kB, says how long the list of parts is.
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - 65557))
    listed = int.from_bytes(content[end + 12 : end + 16], "little") if end >= 0 else 0
    if listed > XLSX_MAX_DIRECTORY:
        raise _not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_workbook() from None
    unpacked = sum(part.file_size for part in parts)
    limit = XLSX_UNPACKED_PER_UPLOADED * settings.IMPORT_MAX_BYTES
    packed_too_tight = any(
        part.file_size > XLSX_RATIO_FROM
        and part.file_size > XLSX_MAX_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if unpacked > limit or packed_too_tight:
        raise ImportFileError(
            _(
                "The workbook would unpack to %(size)s, far more than a real spreadsheet of "
                "its size (at most %(max)s, or %(ratio)s times its packed size), so it was not "
                "opened. Save it again from Excel, or save it as CSV UTF-8."
            )
            % {
                "size": filesizeformat(unpacked),
                "max": filesizeformat(limit),
                "ratio": XLSX_MAX_RATIO,
            }
        )


def _not_a_workbook() -> ImportFileError:
    return ImportFileError(
        _(
            "The file could not be opened as an Excel workbook (.xlsx). Check it opens in "
            "Excel, or save it as CSV UTF-8."
        )
    )


def _xlsx_rows(content: bytes):
    """The first sheet's rows, streamed (openpyxl read-only), its stated dimension ignored."""
    from openpyxl import load_workbook

    _check_xlsx_parts(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise _not_a_workbook() from None
    except Exception:  # openpyxl raises its own types for damaged workbooks
        raise ImportFileError(
            _("The Excel workbook is damaged and could not be read.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        # The <dimension> a file declares may say A1:XFD1048576; rows are read as they
        # come instead, each cut to the columns read so no row is padded to 16,384 cells.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(
            values_only=True, max_col=settings.IMPORT_MAX_COLUMNS + 1
        )
    except Exception:  # a part that lies about its size, or XML that is not XML
        raise ImportFileError(
            _("The Excel workbook is damaged and could not be read.")
        ) from None
    finally:
        workbook.close()


# --- rows to a table -----------------------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _blank_row(row) -> bool:
    if row.count(None) == len(row):  # an XLSX row with no cells
        return True
    try:
        return not "".join(row).strip()  # a CSV row: text only
    except TypeError:
        return all(_blank(v) for v in row)


def _to_table(numbered_rows) -> Table:
    rows = iter(numbered_rows)
    for _number, header_row in rows:
        if not _blank_row(header_row):
            break
    else:
        raise ImportFileError(_("The file has no header row and no data."))
    if any(not _blank(v) for v in header_row[settings.IMPORT_MAX_COLUMNS :]):
        raise _too_many_columns()
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
    for number, row in rows:
        if _blank_row(row):
            continue
        values = {}
        for name, value in zip(headers, row, strict=False):
            if name and name not in values:
                values[name] = (
                    spreadsheet_unsafe(value.strip())
                    if isinstance(value, str)
                    else value
                )
        table.rows.append((number, values))
    return table
