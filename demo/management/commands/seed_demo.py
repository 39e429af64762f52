"""Load the demo partnership. Idempotent: running it twice leaves the same data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from competencies.compliance_cache import compliance_deferred
from demo import people as competencies_demo
from demo import sessions as courses_demo
from demo.toolkit import pages as cms_demo


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
            partnership = competencies_demo.seed_partnership()
            users = competencies_demo.seed_users(
                password=password, boards=partnership["boards"]
            )
            framework = competencies_demo.seed_framework()
            staff_count = competencies_demo.seed_staff(
                agencies=partnership["agencies"],
                role_profiles=framework["role_profiles"],
                competencies=framework["competencies"],
                users=users,
            )
            competencies_demo.seed_more_frameworks()
            cms_demo.seed_site()
            cms_demo.seed_toolkit(framework=framework["framework"])
            sessions = courses_demo.seed_sessions()
            courses_demo.seed_reviews()
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
