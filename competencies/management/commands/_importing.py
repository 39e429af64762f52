"""Shared printing for the import commands."""

from django.core.management.base import CommandError

from competencies.imports import ImportFileError, read_table


def read(path: str):
    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
    try:
        return read_table(content=content, filename=path)
    except ImportFileError as exc:
        raise CommandError(exc.message) from None


def report(command, result, *, dry_run: bool, what: str):
    """Print the summary, or every error and exit non-zero."""
    if result.has_errors:
        for error in result.errors:
            command.stderr.write(str(error))
        raise CommandError(
            f"Nothing imported: {len(result.errors)} error(s) in the {what} file."
        )
    prefix = "Dry run, nothing written: " if dry_run else "Imported: "
    command.stdout.write(command.style.SUCCESS(prefix + result.summary()))
