"""manage.py export_framework NAME_OR_ID [--framework-version V] [--format csv|moodle] [-o FILE]

csv: our framework CSV (import_framework reads it back); moodle: Moodle's competency
framework CSV, for Moodle's "Import competency framework" tool (and import_framework).
"""

from django.core.management.base import BaseCommand, CommandError

from competencies.imports.framework import framework_export_csv
from competencies.models import Framework
from competencies.moodle.exporter import framework_export_moodle

WRITERS = {"csv": framework_export_csv, "moodle": framework_export_moodle}


class Command(BaseCommand):
    help = "Write a framework (levels, domains, competencies) as one CSV, to stdout or a file."

    def add_arguments(self, parser):
        parser.add_argument("framework", help="the framework's id or name")
        parser.add_argument("--framework-version", default="")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=sorted(WRITERS),
            default="csv",
            help="csv (ours, the default) or moodle (Moodle's competency framework CSV)",
        )
        parser.add_argument("-o", "--output", help="file to write (default: stdout)")

    def handle(
        self, *args, framework, framework_version, output=None, fmt="csv", **options
    ):
        frameworks = (
            Framework.objects.filter(pk=int(framework))
            if framework.isdigit()
            else Framework.objects.filter(name=framework)
        )
        if framework_version:
            frameworks = frameworks.filter(version=framework_version)
        found = list(frameworks.order_by("-pk")[:2])
        if not found:
            raise CommandError(f"No framework matches {framework!r}.")
        if len(found) > 1:
            raise CommandError(
                "More than one version matches; give --framework-version."
            )
        text = WRITERS[fmt](found[0])
        if output:
            with open(output, "w", encoding="utf-8-sig", newline="") as handle:
                handle.write(text)
            self.stdout.write(f"Wrote {found[0]} to {output}.")
        else:
            self.stdout.write(text, ending="")
