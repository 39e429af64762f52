"""Reading our downloads back as LibreOffice and Excel would (competencies.exporters).

A CSV must start with the UTF-8 byte order mark; its rows are read with `csv`. An XLSX has
one sheet per table (header on row 1) and an "About" sheet last.
"""

import codecs
import csv
import io

import openpyxl


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response_or_bytes) -> list[list[str]]:
    """The CSV's rows; fails if the file has no byte order mark."""
    content = (
        response_or_bytes
        if isinstance(response_or_bytes, bytes)
        else body(response_or_bytes)
    )
    assert content.startswith(codecs.BOM_UTF8), "CSV without a byte order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def workbook(response_or_bytes):
    content = (
        response_or_bytes
        if isinstance(response_or_bytes, bytes)
        else body(response_or_bytes)
    )
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_values(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def about(response_or_bytes) -> list[list]:
    """The "About" sheet's lines, empty cells dropped from their ends."""
    lines = sheet_values(workbook(response_or_bytes)["About"])
    return [_trim(line) for line in lines]


def _trim(line: list) -> list:
    while line and line[-1] is None:
        line = line[:-1]
    return line
