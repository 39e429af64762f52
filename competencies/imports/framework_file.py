"""One entry point for every framework format, told apart by the file's content, not its name.

- CASE 1.1 package JSON (a JSON object): competencies.case;
- our framework CSV or XLSX (imports.framework), recognised by its `domain_code` / `code` columns;
- Moodle's competency framework CSV (tool_lpimportcsv: "Id number", "Shortname",
  "Is framework", ...): competencies.moodle. `MOODLE_IMPORTER` is the function used (it takes
  the same keyword arguments as `framework_import`).

Whichever it is, the same rules apply: a preview (`dry_run`) runs the whole check and writes
nothing; an import writes everything in one transaction or nothing, errors by row and column
(for JSON, by JSON path).
"""

from django.utils.translation import gettext_lazy

from competencies.case.document import looks_like_case, read_json
from competencies.case.services import case_package_import
from competencies.imports.base import ImportResult, RowError
from competencies.imports.files import ImportFileError, read_table
from competencies.imports.framework import framework_import
from competencies.moodle.columns import looks_like_moodle
from competencies.moodle.services import moodle_framework_import

CASE_JSON = "case"
OUR_CSV = "csv"
MOODLE_CSV = "moodle"
UNKNOWN = "unknown"
FORMAT_LABELS = {
    CASE_JSON: gettext_lazy("CASE 1.1 package (JSON)"),
    OUR_CSV: gettext_lazy("Framework spreadsheet (CSV or XLSX)"),
    MOODLE_CSV: gettext_lazy("Moodle competency framework (CSV)"),
    UNKNOWN: gettext_lazy("Unknown"),
}
# The Moodle CSV importer (see the module's docstring).
MOODLE_IMPORTER = moodle_framework_import


def _refused(message: str) -> ImportResult:
    return ImportResult(errors=[RowError(None, None, message)])


def framework_import_file(
    *,
    content: bytes,
    filename: str = "",
    user=None,
    dry_run: bool = False,
    name: str = "",
    version: str = "",
):
    """Detect the format of `content` and import it as a new framework (or preview it).

    Returns (result, framework or None, format key). A file that cannot be read at all gets
    one error saying why, like every other import.
    """
    options = {"user": user, "dry_run": dry_run, "name": name, "version": version}
    try:
        if looks_like_case(content):
            data = read_json(content)
            result, framework = case_package_import(
                data=data, filename=filename, **options
            )
            return result, framework, CASE_JSON
        workbook = content[:4] == b"PK\x03\x04"
        table = read_table(
            content=content, filename="upload.xlsx" if workbook else "upload.csv"
        )
    except ImportFileError as exc:
        fmt = CASE_JSON if looks_like_case(content) else UNKNOWN
        return _refused(exc.message), None, fmt
    if looks_like_moodle(table):
        result, framework = MOODLE_IMPORTER(table=table, filename=filename, **options)
        return result, framework, MOODLE_CSV
    result, framework = framework_import(table=table, filename=filename, **options)
    return result, framework, OUR_CSV
