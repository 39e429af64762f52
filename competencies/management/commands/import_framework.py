"""manage.py import_framework FILE [--name NAME] [--version VERSION] [--dry-run]"""

from django.core.management.base import BaseCommand

from competencies.imports.framework import framework_import
from competencies.management.commands._importing import read, report


class Command(BaseCommand):
    help = (
        "Create a new framework from a framework CSV (as export_framework writes it)."
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
        result, framework = framework_import(
            table=read(file),
            name=name,
            version=framework_version,
            dry_run=dry_run,
            filename=file,
        )
        report(self, result, dry_run=dry_run, what="framework")
        if framework:
            self.stdout.write(f"Created {framework} (id {framework.pk}).")
