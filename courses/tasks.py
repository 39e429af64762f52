"""Background work of the courses app: emails and board papers. Tasks take primary keys,
never instances."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from competencies.models import CompetencyRecord, StaffMember
from competencies.policy import coordinator_users_of
from courses import emails
from courses.models import Booking


@task()
def send_booking_email(booking_id: int, kind: str) -> int:
    """Send the `kind` email about one booking. Returns how many messages went out."""
    booking = Booking.objects.select_related(
        "session__module", "staff__agency", "staff__line_manager__user", "booked_by"
    ).get(pk=booking_id)
    messages = emails.booking_messages(kind, booking)
    for message in messages:
        message.send()
    return len(messages)


@task()
def send_expiry_reminder(staff_id: int, record_ids: list[int]) -> int:
    """Tell one person which of their records expire soon, copied to their coordinators."""
    staff = StaffMember.objects.select_related("agency").get(pk=staff_id)
    records = list(
        CompetencyRecord.objects.filter(pk__in=record_ids)
        .select_related("competency")
        .order_by("expires_on", "competency__code")
    )
    coordinator_emails = list(
        coordinator_users_of(staff.agency_id)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    emails.expiry_message(
        staff=staff, records=records, coordinator_emails=coordinator_emails
    ).send()
    return 1


@task()
def send_certificate_email(certificate_id: int) -> int:
    """Render one certificate and email it to its holder, once (skipped once revoked or erased).

    Safe to run again (the worker re-queues it after a crash, courses.worker): the send
    happens under the certificate's row lock and `emailed_at` is set in the same transaction,
    so a second run waits for the first and then finds it sent. A worker that dies before the
    commit leaves nothing marked and the re-run sends it. Only a death in the moment between
    the mail server taking the message and the commit sends it twice, under the same
    Message-ID. Returns how many messages went out.
    """
    from courses.models import Certificate

    certificate = Certificate.objects.select_related("staff").get(pk=certificate_id)
    if not _certificate_email_due(certificate):
        return 0
    message = emails.certificate_message(certificate)  # the PDF: drawn before the lock
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate_id)
        if not _certificate_email_due(locked, staff=certificate.staff):
            return 0
        message.send()
        Certificate.objects.filter(pk=certificate_id).update(emailed_at=timezone.now())
    return 1


def _certificate_email_due(certificate, staff=None) -> bool:
    staff = staff or certificate.staff
    return not (
        certificate.emailed_at
        or certificate.revoked_at
        or certificate.erased_at
        or not staff.email
    )


@task()
def render_board_paper(paper_id: int) -> str:
    """Render one stored board paper with its progress, and email it if subscribed.

    Safe to run again (courses.worker re-queues it): a paper already done is not drawn
    again, and its email is sent once, under the paper's row lock.
    """
    from courses.services.board_papers import board_paper_render

    return board_paper_render(paper_id=paper_id)
