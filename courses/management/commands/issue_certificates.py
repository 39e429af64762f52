"""Issue the certificates due on sessions completed before certificates existed."""

from django.core.management.base import BaseCommand, CommandError

from courses.models import Session
from courses.services.certificates import certificates_backfill


class Command(BaseCommand):
    help = (
        "Issue certificates to full attendees of completed sessions that have none yet. "
        "Nothing is emailed unless --email; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, action="append", help="session id")
        parser.add_argument(
            "--all", action="store_true", help="every completed session"
        )
        parser.add_argument("--email", action="store_true", help="email each new one")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        if not options["session"] and not options["all"]:
            raise CommandError("Name sessions with --session ID, or give --all.")
        sessions = Session.objects.all()
        if options["session"]:
            sessions = sessions.filter(pk__in=options["session"])
        result = certificates_backfill(
            sessions=sessions, email=options["email"], dry_run=options["dry_run"]
        )
        verb = "Would issue" if options["dry_run"] else "Issued"
        self.stdout.write(
            f"{verb} {result['issued']} certificate(s) on {result['sessions']} "
            "completed session(s)."
        )
