"""Background work of the courses app: emails. Tasks take primary keys, never instances."""

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
    """Render one certificate and email it to its holder (skipped once revoked or erased)."""
    from courses.models import Certificate

    certificate = Certificate.objects.select_related("staff").get(pk=certificate_id)
    if certificate.revoked_at or certificate.erased_at or not certificate.staff.email:
        return 0
    emails.certificate_message(certificate).send()
    return 1
