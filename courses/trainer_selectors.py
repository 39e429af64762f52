"""Reads for a trainer's day: the sessions they run, a session's waiting list, the walk-in
search and why a past booking earned no certificate."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from competencies.models import StaffMember
from competencies.policy import staff_active_q
from courses import policy
from courses.models import Booking, Session

WALK_IN_RESULTS = 10


def _with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    # distinct: the certificates join repeats each booking row.
    return sessions.select_related("module").annotate(
        confirmed=Count(
            "bookings",
            filter=Q(bookings__status=Booking.Status.CONFIRMED),
            distinct=True,
        ),
        waiting=Count(
            "bookings",
            filter=Q(bookings__status=Booking.Status.WAITLISTED),
            distinct=True,
        ),
        certificates=Count(
            "bookings__certificates",
            filter=Q(bookings__certificates__revoked_at__isnull=True),
            distinct=True,
        ),
    )


def sessions_awaiting_completion(
    *, user, now: datetime.datetime | None = None
) -> QuerySet[Session]:
    """Sessions the user runs that have ended but whose register is not completed."""
    now = now or timezone.now()
    return _with_counts(
        policy.sessions_run_by(user).filter(
            status=Session.Status.SCHEDULED, end__lt=now
        )
    ).order_by("start", "pk")


def sessions_today_and_upcoming(
    *, user, now: datetime.datetime | None = None
) -> QuerySet[Session]:
    """Today's sessions the user runs (completed or not) and those still to come or under
    way, soonest first; those awaiting completion are listed apart."""
    now = now or timezone.now()
    midnight = datetime.datetime.combine(
        timezone.localtime(now).date(),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    return _with_counts(
        policy.sessions_run_by(user)
        .exclude(status=Session.Status.CANCELLED)
        .filter(Q(start__gte=midnight) | Q(end__gte=now))
        .exclude(status=Session.Status.SCHEDULED, end__lt=now)
    ).order_by("start", "pk")


def waiting_list(*, session: Session) -> QuerySet[Booking]:
    """Everyone waiting for a place, first come first served (the order places are offered)."""
    return (
        session.bookings.filter(status=Booking.Status.WAITLISTED)
        .select_related("staff__agency")
        .order_by("created_at", "pk")
    )


def walk_in_search(*, session: Session, query: str) -> list[StaffMember]:
    """People of any partner agency matching every word of `query` by name, or one whole
    email address; not those already on the session's register. At most WALK_IN_RESULTS."""
    query = query.strip()
    if len(query) < 2:
        return []
    if "@" in query:
        condition = Q(email__iexact=query)
    else:
        condition = Q()
        for word in query.split()[:4]:
            condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    on_register = session.bookings.filter(status=Booking.Status.CONFIRMED).values(
        "staff_id"
    )
    people = list(
        StaffMember.objects.filter(condition, staff_active_q())
        .filter(anonymised_at__isnull=True)
        .exclude(pk__in=on_register)
        .select_related("agency")
        .order_by("last_name", "first_name", "pk")[:WALK_IN_RESULTS]
    )
    for person in people:
        person.masked_email = masked_email(person.email)
    return people


def masked_email(email: str) -> str:
    """Enough of an address to tell two namesakes apart, not enough to write to them:
    the trainer sees names only (courses.policy: people at their session)."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def note_no_certificate_reasons(bookings: list[Booking]) -> list[Booking]:
    """Set `no_certificate_reason` on each booking of a completed session that earned no
    certificate (one query for the lot), so My training can say why."""
    withheld = set(
        Booking.objects.filter(
            policy.certificate_withheld_q(), pk__in=[b.pk for b in bookings]
        ).values_list("pk", flat=True)
    )
    for booking in bookings:
        booking.no_certificate_reason = _reason(booking, withheld)
    return bookings


def _reason(booking: Booking, withheld: set[int]) -> str:
    session = booking.session
    if session.status != Session.Status.COMPLETED:
        return ""
    if booking.status != Booking.Status.CONFIRMED:
        return ""
    if policy.attended_in_full(booking, session):
        if booking.pk in withheld:
            return _("Your certificate is issued once you send your evaluation.")
        return ""
    mark = policy.register_mark(booking)
    if mark == "late":
        if booking.arrived_at:
            return _(
                "No certificate: you arrived at %(time)s, after the start, so the register "
                "records you as partly attended. Certificates are for attending in full."
            ) % {"time": timezone.localtime(booking.arrived_at).strftime("%H:%M")}
        return _(
            "No certificate: the register records you as partly attended. Certificates "
            "are for attending in full."
        )
    if mark == "left_early":
        return _(
            "No certificate: you left at %(time)s, before the end, so the register "
            "records you as partly attended. Certificates are for attending in full."
        ) % {"time": timezone.localtime(booking.left_at).strftime("%H:%M")}
    if mark == "absent":
        return _("No certificate: the register records you as absent.")
    return ""
