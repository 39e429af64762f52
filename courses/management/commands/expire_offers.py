"""Withdraw lapsed waitlist offers and approval requests, passing each place on. Run often."""

from django.core.management.base import BaseCommand

from courses.services import offers_expire


class Command(BaseCommand):
    help = "Expire offers and approval requests whose time is up; safe to run every few minutes."

    def handle(self, *args, **options):
        expired = offers_expire()
        self.stdout.write(f"Expired {expired} offer(s) or approval request(s).")
