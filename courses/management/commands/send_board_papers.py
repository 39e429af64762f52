"""Send the board papers due on subscriptions (the last complete month or quarter). Daily."""

from django.core.management.base import BaseCommand

from courses.services.board_papers import board_papers_send_due


class Command(BaseCommand):
    help = (
        "Render and email each subscription's board paper for the last complete period, "
        "once per subscription and period; safe to run every day."
    )

    def handle(self, *args, **options):
        result = board_papers_send_due()
        for subscription_id, why in result["skipped"]:
            self.stdout.write(f"Skipped subscription {subscription_id}: {why}.")
        self.stdout.write(
            f"Board papers queued: {result['queued']}; already sent or on their way: "
            f"{result['already']}; skipped: {len(result['skipped'])}."
        )
