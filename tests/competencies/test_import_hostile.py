"""Hostile import files: each refused with a clear message, quickly and in bounded memory.

Each test reads the file twice, timed, then under tracemalloc (which slows allocation down
several times) for the peak of memory allocated while reading; it prints both and asserts
both are bounded.
"""

import gc
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from competencies.imports import ImportFileError, read_table
from tests import factories as f
from tests.competencies.files import (
    STAFF_HEADER,
    csv_bytes,
    workbook_bytes,
    xlsx_bytes,
    xml_row,
)

MB = 1024 * 1024
PEAK_LIMIT = 50 * MB
SECONDS_LIMIT = 5.0
HEADER = {"A": "employee_ref", "B": "first_name", "C": "email"}


def _outcome(read):
    try:
        return read()
    except ImportFileError as error:
        return error


def measured(label, read, *, twice=True):
    """Run `read`, print its time and peak memory, assert both bounded; its result or error.

    `twice=False` for what cannot run twice (a request body is read once): then the time is
    taken under tracemalloc.
    """
    gc.collect()
    started = time.perf_counter()
    outcome = _outcome(read) if twice else None
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    outcome = _outcome(read)
    if not twice:
        seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"\n{label}: {seconds:.2f} s, peak {peak / MB:.1f} MB")
    assert seconds < SECONDS_LIMIT, f"{label} took {seconds:.1f} s"
    assert peak < PEAK_LIMIT, f"{label} peaked at {peak / MB:.0f} MB"
    return outcome


def read(content, name):
    return lambda: read_table(content=content, filename=name)


# --- XLSX ----------------------------------------------------------------------------------------


def test_a_dimension_of_the_whole_sheet_is_not_trusted():
    """The sheet says A1:XFD1048576 (17 billion cells) and holds three rows: three are read."""
    content = workbook_bytes(
        [
            xml_row(1, HEADER),
            xml_row(2, {"A": "E1", "B": "Ann", "C": "ann@wmp.example"}),
            xml_row(3, {"A": "E2", "B": "Bob", "C": "bob@wmp.example"}),
        ],
        dimension="A1:XFD1048576",
    )
    table = measured("XLSX declaring A1:XFD1048576", read(content, "staff.xlsx"))
    assert table.headers == ["employee_ref", "first_name", "email"]
    assert [number for number, _values in table.rows] == [2, 3]


@pytest.mark.parametrize(
    "last_row",
    [
        xml_row(1_048_576, {"XFD": "x"}),  # Excel's very last cell
        xml_row(999_999_999_999, {"A": "x"}),  # a row number no spreadsheet has
    ],
    ids=["cell at XFD1048576", "row 999,999,999,999"],
)
def test_a_cell_far_below_the_data_is_refused_at_the_row_limit(last_row):
    content = workbook_bytes(
        [
            xml_row(1, HEADER),
            xml_row(2, {"A": "E1", "B": "Ann", "C": "ann@wmp.example"}),
            last_row,
        ],
        dimension="A1:XFD1048576",
    )
    error = measured(f"XLSX with {last_row[:30]}…", read(content, "staff.xlsx"))
    assert isinstance(error, ImportFileError)
    assert error.message.startswith(
        "The file goes on past row 100,001; an import takes at most 100,000 rows below "
        "the header."
    )


def _repeated_rows(total_bytes):
    row = '<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaa</t></is></c></row>' * 64
    for _ in range(total_bytes // len(row)):
        yield row


@pytest.fixture(scope="module")
def zip_bomb():
    """An XLSX whose sheet XML unpacks to 400 MB of repeated rows (about 1 MB packed)."""
    return workbook_bytes(_repeated_rows(400 * MB), dimension="A1")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(zip_bomb):
    assert len(zip_bomb) < 2 * MB
    error = measured(
        f"XLSX zip bomb ({len(zip_bomb) / MB:.1f} MB unpacking to 400 MB)",
        read(zip_bomb, "staff.xlsx"),
    )
    assert isinstance(error, ImportFileError)
    assert error.message.startswith("The workbook would unpack to 400.0\xa0MB")
    assert "so it was not opened" in error.message


def test_a_small_part_packed_far_tighter_than_any_spreadsheet_is_refused():
    """5 MB unpacked is within the size allowed, but not from a few kB."""
    content = workbook_bytes(_repeated_rows(5 * MB), dimension="A1")
    error = measured("XLSX packed 1000:1, 5 MB", read(content, "staff.xlsx"))
    assert isinstance(error, ImportFileError)
    assert "100 times its packed size" in error.message


def test_a_header_wider_than_the_column_limit_is_refused():
    content = xlsx_bytes([[f"column {n}" for n in range(1, 52)], ["x"] * 51])
    error = measured("XLSX with 51 columns", read(content, "staff.xlsx"))
    assert isinstance(error, ImportFileError)
    assert error.message == (
        "The file has more than 50 columns; an import reads at most 50. Delete the "
        "columns it does not need."
    )


def test_a_zip_listing_thousands_of_parts_is_refused_before_it_is_listed():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(20_000):
            archive.writestr(f"{number:020}", b"")
    error = measured("zip of 20,000 parts", read(out.getvalue(), "staff.xlsx"))
    assert isinstance(error, ImportFileError)
    assert "could not be opened as an Excel workbook" in error.message


# --- CSV -----------------------------------------------------------------------------------------

ROWS = [STAFF_HEADER, ["E1", "Zoë", "Brontë", "zoe@wmp.example", "PC", "RP05"]]


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (csv_bytes(ROWS, encoding="utf-16"), "UTF-16"),  # with its byte-order mark
        (csv_bytes(ROWS, encoding="utf-16-le"), "UTF-16"),  # without one
        (csv_bytes(ROWS, encoding="utf-16-be"), "UTF-16"),
        (csv_bytes(ROWS, encoding="utf-32"), "UTF-32"),
    ],
    ids=["UTF-16 with BOM", "UTF-16 LE", "UTF-16 BE", "UTF-32"],
)
def test_a_utf16_csv_is_refused_naming_its_encoding(content, encoding):
    error = measured(f"{encoding} CSV, {content[:2]!r}…", read(content, "staff.csv"))
    assert isinstance(error, ImportFileError)
    assert error.message == (
        f"The file is {encoding} text, not UTF-8. In Excel, use “Save as” and choose "
        "“CSV UTF-8 (Comma delimited)”."
    )


def test_a_latin1_csv_is_refused_naming_its_encoding():
    content = csv_bytes(ROWS, encoding="latin-1")
    error = measured("Latin-1 CSV", read(content, "staff.csv"))
    assert isinstance(error, ImportFileError)
    assert error.message == (
        "The file is not UTF-8 text: it looks like Latin-1 (Windows-1252), as older Excel "
        "saves a CSV (unreadable character on line 2). In Excel, use “Save as” and choose "
        "“CSV UTF-8 (Comma delimited)”."
    )


def test_a_utf8_csv_with_a_byte_order_mark_is_read():
    table = measured("UTF-8 CSV with BOM", read(csv_bytes(ROWS, bom=True), "s.csv"))
    assert table.headers[0] == "employee_ref"
    assert table.rows[0][1]["first_name"] == "Zoë"


def test_a_csv_of_ten_million_rows_is_refused_at_the_row_limit():
    content = b"email\n" + b"a\n" * (10_000_000 - 1)  # 20 MB, the largest upload
    error = measured("CSV of 10,000,000 rows (20 MB)", read(content, "staff.csv"))
    assert isinstance(error, ImportFileError)
    assert "goes on past row 100,001" in error.message


def test_a_csv_record_wider_than_any_sheet_is_refused():
    content = (
        b"email" + b"," * (20 * MB - 10) + b"\n"
    )  # 20 million fields in one record
    error = measured("CSV record of 20,000,000 fields", read(content, "staff.csv"))
    assert isinstance(error, ImportFileError)
    assert error.message.startswith("The file has more than 50 columns")


def test_a_csv_line_of_one_20_mb_cell_is_refused_before_it_is_whole():
    content = b"email\n" + b"x" * (20 * MB - 10) + b"\n"
    error = measured("CSV line of one 20 MB cell", read(content, "staff.csv"))
    assert isinstance(error, ImportFileError)
    assert error.message == (
        "The CSV file could not be read: field larger than field limit (131072)"
    )


# --- uploads -------------------------------------------------------------------------------------


class LazyBody:
    """A request body of `size` bytes, made only as it is read; counts what was read."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def read(self, size=-1):
        left = self.size - self.read_bytes
        size = left if size is None or size < 0 else min(size, left)
        self.read_bytes += size
        return b"x" * size

    def readline(self, size=-1):
        return self.read(65536 if size is None or size < 0 else size)


IMPORT_URLS = [
    "competencies_staff_import:upload",
    "competencies_records_import:upload",
    "competencies_crosswalk:import",
    "competencies_framework_io:import",
]


@pytest.mark.django_db
def test_a_300_mb_upload_is_refused_before_its_body_is_read():
    """Streamed through the WSGI input lazily, with the CSRF check on: nothing is read."""
    admin = f.UserFactory(username="root", is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    url = reverse("competencies_staff_import:upload")
    body = LazyBody(300 * MB)
    response = measured(
        "300 MB upload",
        lambda: client.request(
            REQUEST_METHOD="POST",
            PATH_INFO=url,
            CONTENT_TYPE="multipart/form-data; boundary=xyz",
            CONTENT_LENGTH=str(body.size),
            **{"wsgi.input": body},
        ),
        twice=False,
    )
    assert response.status_code == 413
    assert body.read_bytes == 0
    html = response.content.decode()
    assert "The file is too large" in html and "at most 20.0\xa0MB" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", IMPORT_URLS)
def test_every_import_refuses_a_body_over_the_limit(client, settings, url_name):
    settings.IMPORT_MAX_BYTES = 1000
    client.force_login(f.UserFactory(username="root", is_superuser=True))
    big = SimpleUploadedFile("staff.csv", b"x" * (100 * 1024))
    response = client.post(reverse(url_name), {"import_file": big})
    assert response.status_code == 413
    assert "at most 1000\xa0bytes" in response.content.decode()


@pytest.mark.django_db
def test_a_file_over_the_limit_within_a_small_body_is_refused_by_the_form(
    client, settings
):
    """The declared length is the client's word: the file's own size is checked again."""
    settings.IMPORT_MAX_BYTES = 1000
    agency = f.AgencyFactory(short_name="WMP", email_domains="wmp.example")
    client.force_login(f.coordinator_for(agency))
    upload = SimpleUploadedFile("staff.csv", b"x" * 5000)
    response = client.post(
        reverse("competencies_staff_import:upload"), {"import_file": upload}
    )
    assert response.status_code == 200
    assert (
        "The file is 4.9\xa0KB; an import takes at most 1000\xa0bytes."
        in response.content.decode()
    )
    assert "token" not in response.context
