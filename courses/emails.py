"""The emails the booking rules send, built from templates/courses/email/.

Built here, sent by the tasks in courses/tasks.py (which take primary keys and run after the
booking's transaction commits).
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses import calendar_invites
from courses.models import Booking

APPROVAL_SALT = "courses.booking.approval"
APPROVAL_LINK_MAX_AGE = datetime.timedelta(days=14)

SUBJECTS = {
    "confirmed": gettext_lazy("Your place is confirmed: {module}, {date}"),
    "promoted": _("You now have a place: {module}, {date}"),
    "approved": _("Booking approved, your place is confirmed: {module}, {date}"),
    "waitlisted": _("You are on the waiting list: {module}, {date}"),
    "offered": _("A place is free for you: {module}, {date}"),
    "offer_expired": _("The place offered to you has passed on: {module}, {date}"),
    "approval_requested": _("Approval needed: {staff} on {module}, {date}"),
    "refused": _("Booking not approved: {module}, {date}"),
    "approval_expired": _("Booking request lapsed without approval: {module}, {date}"),
    "cancelled": _("Booking cancelled: {module}, {date}"),
    "session_cancelled": _("Session cancelled: {module}, {date}"),
    "session_changed": _("Session changed: {module}, {date}"),
    "reminder": _("Reminder: {module} on {date}"),
    "evaluate": _("How was {module}? Tell us in two minutes"),
    "follow_up": _("Three months on: has {module} changed your practice?"),
}
# Kinds that put the session in (or update it in) the calendar of someone with a place...
ICS_REQUEST = {"confirmed", "promoted", "approved", "reminder", "session_changed"}
# ...and kinds that take it out again, sent only to someone who had the place.
ICS_CANCEL = {"session_cancelled", "cancelled"}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def approval_token(*, booking: Booking, approver_id: int) -> str:
    return signing.dumps({"b": booking.pk, "u": approver_id}, salt=APPROVAL_SALT)


def approval_token_read(token: str) -> dict:
    """{"b": booking id, "u": approver user id}; raises signing.BadSignature when not valid."""
    return signing.loads(
        token, salt=APPROVAL_SALT, max_age=APPROVAL_LINK_MAX_AGE.total_seconds()
    )


def _subject(kind: str, booking: Booking) -> str:
    session = booking.session
    return str(SUBJECTS[kind]).format(
        module=session.module.title,
        date=date_format(timezone.localtime(session.start), "j F Y"),
        staff=booking.staff.full_name,
    )


def _context(kind: str, booking: Booking, **extra) -> dict:
    session = booking.session
    return {
        "kind": kind,
        "booking": booking,
        "session": session,
        "staff": booking.staff,
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
        "session_url": absolute(session.get_absolute_url()),
        "my_training_url": absolute(reverse("courses:my_training")),
        "evaluation_url": absolute(reverse("courses:evaluation", args=[booking.pk])),
        "follow_up_url": absolute(reverse("courses:follow_up", args=[booking.pk])),
        "show_link": booking.status == Booking.Status.CONFIRMED,
        **extra,
    }


def message(
    subject: str, body: str, *, to: list[str], **kwargs
) -> EmailMultiAlternatives:
    """A plain-text email with its HTML twin in the partnership's brand (same words)."""
    email = EmailMultiAlternatives(subject, body, to=to, **kwargs)
    email.attach_alternative(
        render_to_string("email/layout.html", {"subject": subject, "body": body}),
        "text/html",
    )
    return email


def calendar_method(kind: str, booking: Booking) -> str | None:
    """The iTIP method of the calendar part of the `kind` email, or None for no part.

    Only a person holding a confirmed place has the session in their calendar, so only they
    get a REQUEST; a CANCEL goes to whoever once had the place confirmed.
    """
    if kind in ICS_REQUEST and booking.status == Booking.Status.CONFIRMED:
        return calendar_invites.REQUEST
    if kind in ICS_CANCEL and booking.confirmed_at:
        return calendar_invites.CANCEL
    return None


def booking_messages(kind: str, booking: Booking) -> list[EmailMultiAlternatives]:
    """The email(s) for `kind` about `booking`: to the staff member, or to each approver.

    Whoever booked for the staff member gets their own copy, never the calendar part: an
    invitation or cancellation carries the attendee's calendar entry, which must not land
    in (or be cancelled from) anyone else's calendar.
    """
    from courses.policy import approvers_for

    subject = _subject(kind, booking)
    if kind == "approval_requested":
        messages = []
        for approver in approvers_for(booking.staff):
            if not approver.email:
                continue
            token = approval_token(booking=booking, approver_id=approver.pk)
            body = render_to_string(
                "courses/email/booking.txt",
                _context(
                    kind,
                    booking,
                    approver=approver,
                    approval_url=absolute(
                        reverse("courses:approval_link", args=[token])
                    ),
                    approvals_url=absolute(reverse("courses:approvals")),
                ),
            )
            messages.append(message(subject, body, to=[approver.email]))
        return messages
    body = render_to_string("courses/email/booking.txt", _context(kind, booking))
    messages = []
    if booking.staff.email:
        to_staff = message(subject, body, to=[booking.staff.email])
        method = calendar_method(kind, booking)
        if method:
            ics = calendar_invites.invitation(booking, method=method)
            to_staff.attach(calendar_invites.calendar_part(ics, method=method))
        messages.append(to_staff)
    booker = booking.booked_by
    if (
        booker is not None
        and booker.pk != booking.staff.user_id
        and booker.email
        and booker.email != booking.staff.email
    ):
        messages.append(message(subject, body, to=[booker.email]))
    return messages


def expiry_message(
    *, staff, records, coordinator_emails: list[str]
) -> EmailMultiAlternatives:
    subject = _("Your safeguarding training is due for renewal")
    body = render_to_string(
        "courses/email/expiry.txt",
        {
            "staff": staff,
            "records": records,
            "sessions_url": absolute(reverse("courses:session_list")),
            "my_training_url": absolute(reverse("courses:my_training")),
        },
    )
    return message(subject, body, to=[staff.email], cc=coordinator_emails)


def certificate_message(certificate) -> EmailMultiAlternatives:
    """The certificate, as an archival PDF, to its holder."""
    from courses.certificates import certificate_pdf, verify_url

    subject = _("Your certificate: {module}").format(module=certificate.module_title)
    body = render_to_string(
        "courses/email/certificate.txt",
        {
            "certificate": certificate,
            "verify_url": verify_url(certificate),
            "my_training_url": absolute(reverse("courses:my_training")),
        },
    )
    # One Message-ID per certificate: a repeat (see send_certificate_email) is recognisably
    # the same message to the holder's mail system.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    email = message(
        subject,
        body,
        to=[certificate.staff.email],
        headers={"Message-ID": f"<certificate-{certificate.number}@{domain}>"},
    )
    email.attach(
        f"{certificate.number}.pdf",
        certificate_pdf(certificate, archival=True),
        "application/pdf",
    )
    return email


def board_paper_message(*, paper, period, pdf: bytes) -> EmailMultiAlternatives:
    """A subscribed board paper to its subscriber, the period in subject and filename."""
    subject = _("Board paper: {scope}, {period}").format(
        scope=paper.scope_label, period=period.title if period else paper.period_label
    )
    body = render_to_string(
        "courses/email/board_paper.txt",
        {
            "paper": paper,
            "period": period,
            "user": paper.requested_by,
            "subscriptions_url": absolute(reverse("report_subscriptions")),
            "papers_url": absolute(reverse("report_papers")),
        },
    )
    email = message(subject, body, to=[paper.requested_by.email])
    email.attach(paper.filename, pdf, "application/pdf")
    return email
