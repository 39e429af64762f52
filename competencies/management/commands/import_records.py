"""manage.py import_records FILE [--agency SHORT_NAME] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from competencies.imports.records import records_import
from competencies.management.commands._importing import read, report
from competencies.models import Agency


class Command(BaseCommand):
    help = (
        "Import historic competency records from CSV or XLSX (all rows or none). Without "
        "--agency, staff are matched by email across all agencies."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", help="limit to one agency's staff (short name)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check only, write nothing"
        )

    def handle(self, *args, file, agency=None, dry_run=False, **options):
        agency_obj = None
        if agency:
            try:
                agency_obj = Agency.objects.get(short_name__iexact=agency)
            except Agency.DoesNotExist:
                raise CommandError(
                    f"No agency has the short name {agency!r}."
                ) from None
        result = records_import(
            table=read(file), agency=agency_obj, dry_run=dry_run, filename=file
        )
        report(self, result, dry_run=dry_run, what="records")
