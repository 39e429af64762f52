"""Write real CSV and XLSX files for the import tests."""

import csv
import io

from openpyxl import Workbook

STAFF_HEADER = [
    "employee_ref",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role_profile",
    "areas",
    "line_manager_email",
    "left_on",
]


def csv_bytes(rows, *, bom=False, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_csv(path, rows, **kwargs):
    path.write_bytes(csv_bytes(rows, **kwargs))
    return path


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_xlsx(path, rows):
    path.write_bytes(xlsx_bytes(rows))
    return path
