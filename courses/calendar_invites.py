"""Calendar messages about a person's place (iTIP over email: RFC 5545, 5546 and 6047).

Each booked person has one calendar entry per session, identified by a UID of the session
and the person, so a re-booking after a cancellation revives the same entry. Every message
about it carries a SEQUENCE higher than the last (the counter lives on the booking and is
raised atomically here), so calendars apply an update or a cancellation and ignore stale ones:

- METHOD:REQUEST puts the session in the attendee's calendar or updates it;
- METHOD:CANCEL takes it out again;
- METHOD:PUBLISH is the file a person downloads from their booking: the same entry (same UID,
  the last SEQUENCE sent, no ATTENDEE as RFC 5546 asks), so a later update still applies to it.

Only the attendee receives these: anyone copied (a coordinator who booked for them) gets the
email without a calendar part, so nothing sent to them can touch anyone's calendar.
"""

import datetime
from email.mime.text import MIMEText
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from courses.models import Booking, Session

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
PRODID = "-//West Midlands Safeguarding Adults Partnership//Joint training//EN"


def organizer() -> tuple[str, str]:
    """(name, address) of the partnership's training mailbox: DEFAULT_FROM_EMAIL."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name, address


def _domain() -> str:
    return organizer()[1].rpartition("@")[2] or "localhost"


def uid_for(booking: Booking) -> str:
    """One calendar entry per session and person, whichever booking row holds the place."""
    return f"session-{booking.session_id}-staff-{booking.staff_id}@{_domain()}"


def next_sequence(booking: Booking) -> int:
    """Raise and return the booking's SEQUENCE, above every message sent for this entry.

    A re-booking is a new row with the same UID, so it starts above the earlier rows'
    counters. The UPDATE holds the row lock until the commit, so two messages built at
    once get different numbers.
    """
    earlier = (
        Booking.objects.filter(session_id=booking.session_id, staff_id=booking.staff_id)
        .exclude(pk=booking.pk)
        .aggregate(n=Max("calendar_sequence"))["n"]
        or 0
    )
    with transaction.atomic():
        Booking.objects.filter(pk=booking.pk).update(
            calendar_sequence=Greatest(F("calendar_sequence"), Value(earlier)) + 1
        )
        sequence = Booking.objects.values_list("calendar_sequence", flat=True).get(
            pk=booking.pk
        )
    booking.calendar_sequence = sequence
    return sequence


def _location(session: Session) -> str:
    location = ", ".join(
        part
        for part in [session.venue_name, " ".join(session.venue_address.split())]
        if part
    )
    if not location and session.online_link:
        location = _("Online")
    return location


def _description(session: Session, *, with_link: bool) -> str:
    description = [session.module.summary]
    if with_link and session.online_link:
        description.append(_("Join online: {link}").format(link=session.online_link))
    if session.access_notes:
        description.append(session.access_notes)
    description.append(_absolute(session.get_absolute_url()))
    return "\n\n".join(part for part in description if part)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key.upper().replace("_", "-")] = value
    return address


def invitation(
    booking: Booking,
    *,
    method: str,
    now: datetime.datetime | None = None,
) -> bytes:
    """The iCalendar object for `booking`'s attendee: REQUEST (add or update) or CANCEL.

    Builds a new SEQUENCE each call, so call it once per message actually sent.
    """
    assert method in (REQUEST, CANCEL)
    return _calendar(booking, method=method, sequence=next_sequence(booking), now=now)


def calendar_file(booking: Booking) -> bytes:
    """The booking's calendar entry as a file to download: PUBLISH, at the SEQUENCE last sent
    (a download is a read, so it raises nothing)."""
    return _calendar(booking, method=PUBLISH, sequence=booking.calendar_sequence)


def _calendar(
    booking: Booking,
    *,
    method: str,
    sequence: int,
    now: datetime.datetime | None = None,
) -> bytes:
    session, staff = booking.session, booking.staff
    london = ZoneInfo(settings.TIME_ZONE)
    start = session.start.astimezone(london)
    end = session.end.astimezone(london)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid_for(booking))
    event.add("sequence", sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", session.module.title)
    event.add("location", _location(session))
    event.add(
        "description",
        _description(
            session,
            with_link=booking.status == Booking.Status.CONFIRMED and method != CANCEL,
        ),
    )
    event.add("url", _absolute(session.get_absolute_url()))
    name, address = organizer()
    event.add("organizer", _address(address, name))
    if method != PUBLISH:
        event.add(
            "attendee",
            _address(
                staff.email,
                staff.full_name,
                role="REQ-PARTICIPANT",
                partstat="ACCEPTED",
                rsvp="FALSE",
            ),
        )
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    # The VTIMEZONE for Europe/London, over the years around the session only (small).
    calendar.add_missing_timezones(
        first_date=datetime.date(start.year - 1, 1, 1),
        last_date=datetime.date(end.year + 2, 1, 1),
    )
    return calendar.to_ical()


def calendar_part(ics: bytes, *, method: str) -> MIMEText:
    """The text/calendar MIME part with its method parameter (RFC 6047 section 2.4)."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    return part
