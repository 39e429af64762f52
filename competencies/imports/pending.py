"""Uploaded import files waiting between preview and confirm.

A staff list is personal data, so a waiting file lives in IMPORT_UPLOAD_DIR, a private
directory outside MEDIA_ROOT that no URL serves (settings refuses one inside a served
directory), readable by the site's user only. It is removed when the import is confirmed or
cancelled; one left waiting (the person went away) is removed after a day by
`manage.py purge_import_files`, and at every new upload.
"""

import datetime
import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings

TOKEN = re.compile(r"^[0-9a-f]{32}$")
KEEP = datetime.timedelta(days=1)


def _directory() -> Path:
    directory = Path(settings.IMPORT_UPLOAD_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _path(token: str) -> Path | None:
    # The token comes back from a form: only our own names, never a path.
    return _directory() / token if TOKEN.match(token or "") else None


def save(content: bytes) -> str:
    """Keep the file; returns its token."""
    token = uuid.uuid4().hex
    descriptor = os.open(
        _directory() / token, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
    )
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    return token


def read(token: str) -> bytes | None:
    """The file's content, or None when it is gone (confirmed, cancelled or purged)."""
    path = _path(token)
    try:
        return path.read_bytes() if path else None
    except FileNotFoundError:
        return None


def remove(token: str) -> None:
    path = _path(token)
    if path:
        path.unlink(missing_ok=True)


def purge(*, older_than: datetime.timedelta = KEEP) -> int:
    """Remove files waiting longer than `older_than`; returns how many."""
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in _directory().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by a confirm, or another purge, meanwhile
            continue
    return removed


def names() -> list[str]:
    """Every waiting file's token (erasure reads them to clear those that hold a person)."""
    return sorted(p.name for p in _directory().iterdir() if TOKEN.match(p.name))


def text(token: str) -> str:
    """The file's cells as text, one row a line. The stored name has no extension, so the
    format is told from the content: an XLSX is a zip."""
    from competencies.imports.files import ImportFileError, read_table

    content = read(token) or b""
    filename = "pending.xlsx" if content[:2] == b"PK" else "pending.csv"
    try:
        table = read_table(content=content, filename=filename)
    except ImportFileError:
        return content.decode("utf-8", "replace")
    lines = [" ".join(table.original_headers.values())]
    for _number, row in table.rows:
        lines.append(" ".join("" if v is None else str(v) for v in row.values()))
    return "\n".join(lines)
