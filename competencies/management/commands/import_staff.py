"""manage.py import_staff FILE --agency SHORT_NAME [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from competencies.imports.staff import staff_import
from competencies.management.commands._importing import read, report
from competencies.models import Agency


class Command(BaseCommand):
    help = "Import one agency's staff list from CSV or XLSX (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--agency", required=True, help="the agency's short name, e.g. WMP"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check only, write nothing"
        )

    def handle(self, *args, file, agency, dry_run, **options):
        try:
            agency_obj = Agency.objects.get(short_name__iexact=agency)
        except Agency.DoesNotExist:
            raise CommandError(f"No agency has the short name {agency!r}.") from None
        result = staff_import(
            agency=agency_obj, table=read(file), dry_run=dry_run, filename=file
        )
        report(self, result, dry_run=dry_run, what="staff")
