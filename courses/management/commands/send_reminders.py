"""Send the reminders now due (session in two days, competencies expiring, follow-ups). Hourly."""

from django.core.management.base import BaseCommand

from courses.services import reminders_send


class Command(BaseCommand):
    help = "Send due reminders once each; safe to run every hour."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(
            f"Reminders queued: {sent['session']} session, {sent['expiry']} expiry, "
            f"{sent['follow_up']} follow-up."
        )
