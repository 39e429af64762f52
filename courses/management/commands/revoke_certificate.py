"""Revoke one certificate by its number: it, and its Open Badges credential (through the
status list), verify as revoked from now on. Audited, with no user (the command line)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from courses.models import Certificate
from courses.services import certificate_revoke


class Command(BaseCommand):
    help = "Revoke a certificate and its credential: revoke_certificate NUMBER --reason TEXT"

    def add_arguments(self, parser):
        parser.add_argument(
            "number", help="the certificate number, e.g. WMSAP-2026-000123"
        )
        parser.add_argument("--reason", required=True, help="why, kept with the record")

    def handle(self, *args, number, reason, **options):
        reason = (reason or "").strip()
        if not reason:
            raise CommandError("Give a reason with --reason.")
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update()
                .filter(number=number.strip())
                .first()
            )
            if certificate is None:
                raise CommandError(f"No certificate numbered {number}.")
            if certificate.revoked_at:
                self.stdout.write(
                    f"{certificate.number} was already revoked on "
                    f"{certificate.revoked_at:%d %b %Y}."
                )
                return
            certificate_revoke(certificate=certificate, reason=reason, by=None)
        self.stdout.write(
            f"Revoked {certificate.number}; status list {certificate.status_list}, "
            f"index {certificate.status_index} is set."
        )
