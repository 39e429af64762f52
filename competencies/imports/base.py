"""What an import reports: a status per row and errors naming the row, the column and why."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competencies.imports.files import Table


class Status:
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    ERROR = "error"

    LABELS = {
        NEW: gettext_lazy("New"),
        UPDATED: gettext_lazy("Updated"),
        UNCHANGED: gettext_lazy("Unchanged"),
        ERROR: gettext_lazy("Error"),
    }


@dataclass(frozen=True)
class RowError:
    """One problem. `row` is the spreadsheet row (header = 1), None for the file as a whole."""

    row: int | None
    column: str | None
    message: str

    def __str__(self):
        if self.row is None and self.column and self.column.startswith("$"):
            return _("At %(path)s: %(message)s") % {
                "path": self.column,
                "message": self.message,
            }
        where = []
        if self.row is not None:
            where.append(_("Row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class RowResult:
    row: int
    status: str
    label: str = ""
    detail: str = ""
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    """Rows in file order and errors in row order. Nothing was written when `errors` is not empty."""

    rows: list[RowResult] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    # What the file holds that the import leaves out, one line each (shown in the preview).
    skipped: list[str] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def counts(self) -> dict[str, int]:
        counts = {
            Status.NEW: 0,
            Status.UPDATED: 0,
            Status.UNCHANGED: 0,
            Status.ERROR: 0,
        }
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def summary(self) -> str:
        c = self.counts
        return _(
            "%(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(error)s with errors"
        ) % {
            "new": c[Status.NEW],
            "updated": c[Status.UPDATED],
            "unchanged": c[Status.UNCHANGED],
            "error": c[Status.ERROR],
        }

    def sort_errors(self):
        self.errors.sort(key=lambda e: (e.row or 0,))


class RowErrors:
    """Collects errors for one row so the row's status can be decided at the end."""

    def __init__(self, result: ImportResult, row: int):
        self.result, self.row, self.count = result, row, 0

    def add(self, column: str | None, message: str):
        self.result.errors.append(RowError(self.row, column, message))
        self.count += 1


def check_header(table: Table, required: list[str], result: ImportResult) -> bool:
    """File-level errors: missing required columns, repeated columns. True when usable."""
    for name in table.missing(required):
        result.errors.append(
            RowError(
                1,
                name,
                _("The required column “%(column)s” is missing from the header row.")
                % {"column": name},
            )
        )
    for name in table.duplicate_headers:
        result.errors.append(
            RowError(
                1,
                name,
                _("The column “%(column)s” appears more than once in the header row.")
                % {"column": name},
            )
        )
    if not result.errors and not table.rows:
        result.errors.append(
            RowError(None, None, _("The file has a header row but no data rows."))
        )
    return not result.errors


# --- cell parsing: return (value, None) or (None, message) -------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an employee number typed into a numeric Excel cell
    return str(value).strip()


def parse_date(value) -> tuple[datetime.date | None, str | None]:
    """Dates as Excel stores them (date cells, serial numbers) or as dd/mm/yyyy or ISO text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value)), None
    raw = str(value).strip()
    if re.fullmatch(r"\d{5}", raw):
        return EXCEL_EPOCH + datetime.timedelta(days=int(raw)), None
    # "2024-03-01 00:00:00" when a date cell was exported as text
    candidate = raw[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T].*", raw) else raw
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(candidate, fmt).date(), None
        except ValueError:
            continue
    return None, _("“%(value)s” is not a date; use dd/mm/yyyy (e.g. 31/01/2025).") % {
        "value": raw
    }


def parse_int(value, *, low: int, high: int) -> tuple[int | None, str | None]:
    raw = text(value)
    try:
        number = int(Decimal(raw))
        if Decimal(raw) != number:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        return None, _("“%(value)s” is not a whole number.") % {"value": raw}
    if not low <= number <= high:
        return None, _("%(value)s is not between %(low)s and %(high)s.") % {
            "value": number,
            "low": low,
            "high": high,
        }
    return number, None


def parse_decimal(value) -> tuple[Decimal | None, str | None]:
    raw = text(value)
    try:
        return Decimal(raw), None
    except InvalidOperation:
        return None, _("“%(value)s” is not a number.") % {"value": raw}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
