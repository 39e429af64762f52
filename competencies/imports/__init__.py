"""Spreadsheet imports of staff, historic records and frameworks (and the framework export).

Every import follows one pattern (after pretix's modelimport): read the whole file, validate every
row in Python against lookups loaded once (no query per row), and only when no row has an error
write everything with bulk statements inside one transaction. A preview is the same validation
without the write, so it is as fast as the import and can never disagree with it.
"""

from competencies.imports.base import ImportResult, RowError, RowResult, Status
from competencies.imports.files import ImportFileError, Table, read_table

__all__ = [
    "ImportFileError",
    "ImportResult",
    "RowError",
    "RowResult",
    "Status",
    "Table",
    "read_table",
]
