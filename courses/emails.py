"""The emails the booking rules send, built from templates/courses/email/.

Built here, sent by the tasks in courses/tasks.py (which take primary keys and run after the
booking's transaction commits).
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from courses.models import Booking, Session

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
    "reminder": _("Reminder: {module} on {date}"),
    "evaluate": _("How was {module}? Tell us in two minutes"),
    "follow_up": _("Three months on: has {module} changed your practice?"),
}
# Kinds that put (or take) the session in the attendee's calendar.
ICS_REQUEST = {"confirmed", "promoted", "approved", "reminder"}
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


def session_ics(session: Session, *, cancel: bool = False, with_link: bool) -> bytes:
    """An iCalendar invitation (or cancellation) for the session, same UID for both."""
    cal = Calendar()
    cal.add(
        "prodid", "-//West Midlands Safeguarding Adults Partnership//Joint training//EN"
    )
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "PUBLISH")
    event = Event()
    event.add("uid", f"session-{session.pk}@{settings.CERTIFICATE_PREFIX.lower()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.module.title)
    location = ", ".join(
        part
        for part in [session.venue_name, " ".join(session.venue_address.split())]
        if part
    )
    if not location and session.online_link:
        location = _("Online")
    event.add("location", location)
    description = [session.module.summary]
    if with_link and session.online_link:
        description.append(_("Join online: {link}").format(link=session.online_link))
    if session.access_notes:
        description.append(session.access_notes)
    description.append(absolute(session.get_absolute_url()))
    event.add("description", "\n\n".join(description))
    event.add("url", absolute(session.get_absolute_url()))
    if cancel:
        event.add("status", "CANCELLED")
        event.add("sequence", 1)
    cal.add_component(event)
    return cal.to_ical()


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


def booking_messages(kind: str, booking: Booking) -> list[EmailMessage]:
    """The email(s) for `kind` about `booking`: to the staff member, or to each approver."""
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
            messages.append(EmailMessage(subject, body, to=[approver.email]))
        return messages
    cc = []
    booker = booking.booked_by
    if booker is not None and booker.pk != booking.staff.user_id and booker.email:
        cc.append(booker.email)
    body = render_to_string("courses/email/booking.txt", _context(kind, booking))
    message = EmailMessage(subject, body, to=[booking.staff.email], cc=cc)
    if kind in ICS_REQUEST or (kind in ICS_CANCEL and booking.confirmed_at):
        message.attach(
            "session.ics",
            session_ics(
                booking.session,
                cancel=kind in ICS_CANCEL,
                with_link=kind in ICS_REQUEST,
            ),
            "text/calendar",
        )
    return [message]


def expiry_message(*, staff, records, coordinator_emails: list[str]) -> EmailMessage:
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
    return EmailMessage(subject, body, to=[staff.email], cc=coordinator_emails)


def certificate_message(certificate) -> EmailMessage:
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
    message = EmailMessage(
        subject,
        body,
        to=[certificate.staff.email],
        headers={"Message-ID": f"<certificate-{certificate.number}@{domain}>"},
    )
    message.attach(
        f"{certificate.number}.pdf",
        certificate_pdf(certificate, archival=True),
        "application/pdf",
    )
    return message
