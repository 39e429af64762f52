"""Write a report table as CSV or XLSX through a django-import-export resource.

The resource's columns are the report's headers; cells keep their type (numbers stay numbers
in XLSX) and any text a spreadsheet would run as a formula is escaped. The filters and the
area-attribution rule are written above the table, as boards need to know what they read.
"""

import datetime
from decimal import Decimal

import tablib
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX

from competencies.spreadsheets import escape_formula

FORMATS = {"csv": CSV, "xlsx": XLSX}
ATTRIBUTION = (
    "Staff count for every area they work in. "
    "Activity: a session counts when it was completed in the period and staff in scope held a "
    "confirmed place on it; its places, bookings and mix are the whole session's."
)


class CellWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, int | float | Decimal | datetime.date):
            return value  # stays a number or a date in XLSX
        return escape_formula(str(value))


class TableResource(resources.Resource):
    """A non-model resource: one field per report column, rows are dicts."""

    @classmethod
    def for_headers(cls, headers: list[str]) -> "TableResource":
        attrs = {
            f"c{i}": fields.Field(attribute=f"c{i}", column_name=h, widget=CellWidget())
            for i, h in enumerate(headers)
        }
        attrs["Meta"] = type("Meta", (), {"fields": tuple(attrs)})
        return type("ReportResource", (cls,), attrs)()


def table_dataset(table) -> tablib.Dataset:
    resource = TableResource.for_headers(table.headers)
    rows = [{f"c{i}": cell for i, cell in enumerate(row)} for row in table.rows]
    return resource.export(rows)


def render(*, report, table, filters, scope, fmt: str) -> bytes:
    """The whole export: a title block (report, scope, filters, rule), a blank line, the table."""
    data = table_dataset(table)
    width = max(len(table.headers), 2)
    preamble = [[str(report.title)], ["Scope", scope.label]]
    preamble += [[label, value] for label, value in filters.describe()]
    preamble += [["Area attribution", ATTRIBUTION], []]
    out = tablib.Dataset()
    for line in preamble:
        out.append([escape_formula(c) for c in line] + [""] * (width - len(line)))
    out.append(table.headers + [""] * (width - len(table.headers)))
    for row in data:
        out.append(list(row) + [""] * (width - len(row)))
    exported = FORMATS[fmt]().export_data(out)
    return exported.encode("utf-8") if isinstance(exported, str) else exported


def render_plain(*, title: str, tables: list, fmt: str) -> bytes:
    """Several tables one after another under a title, each through the same resource."""
    width = max(max(len(t.headers) for t in tables), 2)
    out = tablib.Dataset()
    out.append([escape_formula(title)] + [""] * (width - 1))
    for table in tables:
        out.append([""] * width)
        out.append(table.headers + [""] * (width - len(table.headers)))
        for row in table_dataset(table):
            out.append(list(row) + [""] * (width - len(row)))
    exported = FORMATS[fmt]().export_data(out)
    return exported.encode("utf-8") if isinstance(exported, str) else exported
