"""Write real CSV and XLSX files for the import tests."""

import csv
import io
import zipfile

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


# --- workbooks written part by part, for files no spreadsheet program would write ------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
        f'xmlns:r="{_DOC_RELS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def xml_row(number, cells) -> str:
    """<row> of inline-string cells; `cells` maps a column letter to its text."""
    inner = "".join(
        f'<c r="{col}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for col, text in cells.items()
    )
    return f'<row r="{number}">{inner}</row>'


def workbook_bytes(rows, *, dimension="A1:C3") -> bytes:
    """A minimal valid XLSX whose sheet XML is `rows` (an iterable of <row> strings, streamed
    into the zip so a sheet of hundreds of MB never sits in memory) under `dimension`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in WORKBOOK_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
                f'<dimension ref="{dimension}"/><sheetData>'.encode()
            )
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()
