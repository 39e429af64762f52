"""Uploaded import files waiting between preview and confirm.

They sit in django-import-export's MediaStorage (the default file storage, so several app
servers share them) until the confirm imports and removes them, or for ever when nobody
confirms. Erasure reads them through here to clear those that hold the person.
"""

from import_export.tmp_storages import MediaStorage

from competencies.imports.files import ImportFileError, read_table


def storage(name: str | None = None) -> MediaStorage:
    return MediaStorage(name=name, read_mode="rb")


def names() -> list[str]:
    """Every waiting file's name (its token)."""
    waiting = storage()
    files_storage = waiting._storage  # the storage django-import-export itself chose
    if not files_storage.exists(waiting.MEDIA_FOLDER):
        return []
    return sorted(files_storage.listdir(waiting.MEDIA_FOLDER)[1])


def text(name: str) -> str:
    """The file's cells as text, one row a line. The stored name has no extension, so the
    format is told from the content: an XLSX is a zip."""
    content = storage(name).read()
    filename = "pending.xlsx" if content[:2] == b"PK" else "pending.csv"
    try:
        table = read_table(content=content, filename=filename)
    except ImportFileError:
        return content.decode("utf-8", "replace")
    lines = [" ".join(table.original_headers.values())]
    for _number, row in table.rows:
        lines.append(" ".join("" if v is None else str(v) for v in row.values()))
    return "\n".join(lines)
