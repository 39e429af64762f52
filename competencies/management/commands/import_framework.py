"""manage.py import_framework FILE [--name NAME] [--framework-version VERSION] [--dry-run]

FILE is our framework CSV / XLSX, a CASE 1.1 package JSON or Moodle's competency framework
CSV, told apart by its content (imports.framework_file).
"""

from django.core.management.base import BaseCommand, CommandError

from competencies.imports.framework_file import FORMAT_LABELS, framework_import_file
from competencies.management.commands._importing import report


class Command(BaseCommand):
    help = (
        "Create a new framework from a framework CSV (as export_framework writes it), a "
        "CASE 1.1 package JSON or a Moodle competency framework CSV; the format is "
        "detected from the content."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--name", default="", help="override the framework name")
        parser.add_argument(
            "--framework-version", default="", help="override the framework version"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check only, write nothing"
        )

    def handle(self, *args, file, name, framework_version, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                content = handle.read()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        result, framework, fmt = framework_import_file(
            content=content,
            name=name,
            version=framework_version,
            dry_run=dry_run,
            filename=file,
        )
        self.stdout.write(f"Format: {FORMAT_LABELS[fmt]}")
        for line in result.skipped:
            self.stdout.write(f"Not imported: {line}")
        report(self, result, dry_run=dry_run, what="framework")
        if framework:
            self.stdout.write(f"Created {framework} (id {framework.pk}).")
