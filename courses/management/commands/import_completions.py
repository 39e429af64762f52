"""manage.py import_completions FILE [--dry-run]"""

from django.core.management.base import BaseCommand

from competencies.management.commands._importing import read, report
from courses.imports.completions import completions_import


class Command(BaseCommand):
    help = (
        "Import e-learning completions exported by another platform, CSV or XLSX (all rows "
        "or none): columns email, module (code or e-learning activity IRI), completed_on. "
        "Each writes the module's competency records with source e-learning."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check only, write nothing"
        )

    def handle(self, *args, file, dry_run=False, **options):
        result = completions_import(table=read(file), dry_run=dry_run, filename=file)
        report(self, result, dry_run=dry_run, what="completions")
