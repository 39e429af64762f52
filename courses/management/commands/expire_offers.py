"""Withdraw lapsed waitlist offers and approval requests, and end places held for agencies
at their date, passing each place on. Run often."""

from django.core.management.base import BaseCommand

from courses.services import offers_expire
from courses.services.reservations import reservations_release


class Command(BaseCommand):
    help = "Expire offers and approval requests whose time is up; safe to run every few minutes."

    def handle(self, *args, **options):
        expired = offers_expire()
        self.stdout.write(f"Expired {expired} offer(s) or approval request(s).")
        released = reservations_release()
        self.stdout.write(f"Gave back the empty places of {released} reservation(s).")
