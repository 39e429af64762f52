"""manage.py erase_person EMAIL [--dry-run] [--reason TEXT]

Erasure requests handled in bulk (a list of emails from the data protection officer), through
the same service as the admin's erase page. Prints the staff id, agency and what changed,
never the name: the output of a bulk run must not become a copy of the personal data.
"""

from django.core.management.base import BaseCommand, CommandError

from competencies.accounts.exceptions import AccountError
from competencies.accounts.services import user_for_email
from competencies.models import StaffMember
from competencies.privacy import staff_erase


def _person(email: str) -> StaffMember | None:
    """The staff record with this work email, or the one of the account with it."""
    staff = StaffMember.objects.filter(email__iexact=email).first()
    if staff is None:
        user = user_for_email(email=email)
        staff = StaffMember.objects.filter(user=user).first() if user else None
        if user is not None and staff is None:
            raise CommandError(
                f"The account with the email {email} has no staff record, so there is "
                "nothing here to erase; deactivate or delete the account in the admin "
                "(Settings, Users)."
            )
    return staff


class Command(BaseCommand):
    help = (
        "Erase one person's personal data (UK GDPR), found by work email, keeping their "
        "records for the figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the person's work email (or account email)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count what would be erased, change nothing",
        )
        parser.add_argument(
            "--reason",
            default="request",
            help="recorded in the audit log (default 'request'); no names",
        )

    def handle(self, *args, email, dry_run=False, reason="request", **options):
        email = email.strip()
        staff = _person(email)
        if staff is None:
            raise CommandError(
                f"No staff member or account has the email {email}. (Someone already "
                "erased cannot be found by their old email: it is no longer held.)"
            )
        where = f"#{staff.pk} ({staff.agency.short_name})"
        try:
            erased = staff_erase(
                staff_member=staff,
                erased_by=None,
                reason=reason.strip() or "request",
                dry_run=dry_run,
            )
        except AccountError as error:
            if error.code != "ALREADY_ERASED":
                raise
            self.stdout.write(
                f"Staff {where} was already erased on "
                f"{staff.anonymised_at:%Y-%m-%d}: nothing to do."
            )
            return
        self.stdout.write(f"{'Would erase' if dry_run else 'Erased'} staff {where}:")
        for kind, number in erased.counts.items():
            self.stdout.write(f"  {kind}: {number}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
