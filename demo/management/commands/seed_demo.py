"""Load the demo partnership. Idempotent: running it twice leaves the same data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from competencies.compliance_cache import compliance_deferred
from demo.frameworks.adult import seed_framework
from demo.frameworks.children_and_prevent import seed_more_frameworks
from demo.history import seed_history
from demo.partnership import seed_partnership
from demo.people import seed_staff, seed_users
from demo.reviews import seed_reviews
from demo.sessions import seed_sessions
from demo.toolkit.pages import seed_site, seed_toolkit


class Command(BaseCommand):
    help = "Create (or refresh) the demo West Midlands partnership and its demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a live site: it resets the demo passwords).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo resets demo passwords, so it refuses to run with DEBUG off. "
                "Use --force if this really is a demo or test database."
            )
        password = settings.DEMO_PASSWORD
        # One compliance-cache refresh at the end instead of one per record written.
        with transaction.atomic(), compliance_deferred():
            partnership = seed_partnership()
            users = seed_users(password=password, boards=partnership["boards"])
            framework = seed_framework()
            staff_count = seed_staff(
                agencies=partnership["agencies"],
                role_profiles=framework["role_profiles"],
                competencies=framework["competencies"],
                users=users,
            )
            seed_more_frameworks()
            seed_site()
            seed_toolkit(framework=framework["framework"])
            sessions = seed_sessions()
            seed_reviews()
        seed_history()  # after the compliance cache is settled: it reads records live
        self.stdout.write(self.style.SUCCESS("Demo partnership ready."))
        self.stdout.write(
            f"  {len(partnership['areas'])} areas, {len(partnership['boards'])} boards, "
            f"{len(partnership['agencies'])} agencies, "
            f"{len(framework['competencies'])} competencies, "
            f"{len(framework['role_profiles'])} role profiles, {staff_count} staff"
        )
        self.stdout.write(f"  joint sessions: {sessions}")
        self.stdout.write(f"Demo logins (password: {password}):")
        for username in users:
            self.stdout.write(f"  {username}")
