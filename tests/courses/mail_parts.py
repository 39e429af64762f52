"""Reading sent emails as a mail client would: their MIME parts and calendar objects."""

from icalendar import Calendar


def parts(message, content_type: str) -> list:
    """The MIME parts of `content_type` in the message as it goes on the wire."""
    return [
        part
        for part in message.message().walk()
        if part.get_content_type() == content_type
    ]


def calendar_part(message):
    """(the text/calendar part's method= parameter, its parsed VEVENT, its VCALENDAR)."""
    (part,) = parts(message, "text/calendar")
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    return part.get_param("method"), event, calendar


def has_calendar(message) -> bool:
    return bool(parts(message, "text/calendar"))


def html_of(message) -> str:
    (part,) = parts(message, "text/html")
    return part.get_payload(decode=True).decode()
