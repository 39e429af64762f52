"""The courses app's rules, each written once (docs/access.md, docs/booking.md, docs/metrics.md).

As in competencies.policy, each rule is a queryset expression for lists and reports and, where
one object is asked about, its matching check:

- scope: the sessions a trainer runs, the bookings and certificates a user may know of, who
  may act on a person's bookings and who approves them;
- attendance: attended in full (records and certificates), took part (evaluation, follow-up);
- the three-month follow-up: the day it opens;
- certificates withheld until the evaluation;
- bookable, the agency-mix cap, and the reporting period as datetimes.
"""

import datetime
import math

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from competencies import policy as staff_policy
from courses.exceptions import BookingError
from courses.models import (
    AgencyReservation,
    Booking,
    BookingSettings,
    Certificate,
    Evaluation,
    Session,
)

# --- sessions a trainer runs ---------------------------------------------------------------


def sessions_run_by(user) -> QuerySet[Session]:
    """The sessions whose register, certificates, results and edit page the user may open:
    those they train, or every session for an administrator."""
    if staff_policy.is_administrator(user):
        return Session.objects.all()
    if user is None or not user.is_authenticated:
        return Session.objects.none()
    return Session.objects.filter(
        pk__in=Session.trainers.through.objects.filter(user_id=user.pk).values(
            "session_id"
        )
    )


def runs_session(user, session: Session) -> bool:
    """The one-session check of `sessions_run_by`."""
    if staff_policy.is_administrator(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    return session.trainers.filter(pk=user.pk).exists()


def may_see_module_results(user) -> bool:
    """Evaluation results pooled over a module's sessions (no names): trainers, administrators."""
    return staff_policy.is_administrator(user) or staff_policy.is_trainer(user)


# --- bookings and certificates a user may know of ---------------------------------------


def _people_condition(user, *, staff: str, session: str) -> Q:
    """Own, their coordinated agency's staff's, or on sessions they train."""
    condition = Q(**{f"{staff}__user": user}) | Q(**{f"{session}__trainers": user})
    agency_ids = staff_policy.agency_ids_visible_to(user)
    if agency_ids:
        condition |= Q(**{f"{staff}__agency_id__in": agency_ids})
    return condition


def bookings_visible_to(user) -> QuerySet[Booking]:
    """Bookings `user` may know of: their own, their coordinated agency's staff's, those on
    sessions they train, or all (administrators)."""
    if user is None or not user.is_authenticated:
        return Booking.objects.none()
    if staff_policy.is_administrator(user):
        return Booking.objects.all()
    condition = _people_condition(user, staff="staff", session="session")
    return Booking.objects.filter(pk__in=Booking.objects.filter(condition).values("pk"))


def certificates_visible_to(user) -> QuerySet[Certificate]:
    """Certificates `user` may open: their own, their coordinated agency's staff's, those of
    sessions they trained, or all (administrators). Anyone else's do not exist for them."""
    if user is None or not user.is_authenticated:
        return Certificate.objects.none()
    if staff_policy.is_administrator(user):
        return Certificate.objects.all()
    condition = _people_condition(user, staff="staff", session="booking__session")
    return Certificate.objects.filter(
        pk__in=Certificate.objects.filter(condition).values("pk")
    )


def acting_for(user, staff) -> str:
    """How `user` may act on `staff`'s bookings: "self", "coordinator" or "admin".

    Raises BookingError OTHER_AGENCY for a coordinator of another agency, NOT_ALLOWED otherwise.
    """
    if user is None or not user.is_authenticated:
        raise BookingError("NOT_ALLOWED")
    if staff.user_id is not None and staff.user_id == user.pk:
        return "self"
    if staff_policy.is_administrator(user):
        return "admin"
    if staff_policy.coordinated_agency_id(user) is not None:
        if staff_policy.may_manage_staff(user, staff):
            return "coordinator"
        raise BookingError("OTHER_AGENCY")
    raise BookingError("NOT_ALLOWED")


def may_approve(user, staff) -> bool:
    """A booking needing approval is approved by the person's line manager, their agency's
    coordinator or an administrator; never by the person themselves."""
    if user is None or not user.is_authenticated or user.pk == staff.user_id:
        return False
    manager = staff.line_manager
    if manager is not None and manager.user_id == user.pk:
        return True
    if staff_policy.is_administrator(user):
        return True
    return staff_policy.coordinated_agency_id(user) == staff.agency_id


def approvable_by_q(user) -> Q:
    """The bookings `may_approve` allows, as a condition (the approvals page lists these;
    an administrator approves from a person's bookings, not from a partnership-wide queue)."""
    condition = Q(staff__line_manager__user=user)
    agency_id = staff_policy.coordinated_agency_id(user)
    if agency_id is not None:
        condition |= Q(staff__agency_id=agency_id)
    return condition & ~Q(staff__user=user)


def approvers_for(staff) -> list:
    """Who may approve `staff`'s bookings: their line manager's login, their agency's coordinators."""
    users = []
    manager = staff.line_manager
    if manager is not None and manager.user_id:
        users.append(manager.user)
    coordinators = staff_policy.coordinator_users_of(staff.agency_id).order_by("pk")
    users.extend(u for u in coordinators if u not in users)
    return [u for u in users if u.is_active and u.pk != staff.user_id]


def needs_approval(session: Session, staff) -> bool:
    return session.requires_manager_approval or staff.agency.requires_manager_approval


# --- attendance ---------------------------------------------------------------------------
#
# Attended in full: a confirmed place on a completed session, marked attended. Only that
# earns competency records and a certificate. Took part: attended in full or in part; that
# is enough to evaluate the session and to be asked for the three-month follow-up.

TOOK_PART = (Booking.Attendance.ATTENDED, Booking.Attendance.PARTIAL)


def full_attendance_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": Booking.Status.CONFIRMED,
            f"{prefix}attendance": Booking.Attendance.ATTENDED,
            f"{prefix}session__status": Session.Status.COMPLETED,
        }
    )


def attended_in_full(booking: Booking, session: Session | None = None) -> bool:
    session = session or booking.session
    return (
        session.status == Session.Status.COMPLETED
        and booking.status == Booking.Status.CONFIRMED
        and booking.attendance == Booking.Attendance.ATTENDED
    )


def took_part_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": Booking.Status.CONFIRMED,
            f"{prefix}attendance__in": TOOK_PART,
            f"{prefix}session__status": Session.Status.COMPLETED,
        }
    )


def took_part(booking: Booking) -> bool:
    return (
        booking.session.status == Session.Status.COMPLETED
        and booking.status == Booking.Status.CONFIRMED
        and booking.attendance in TOOK_PART
    )


def may_evaluate(user, booking: Booking) -> bool:
    """The attendee, or one of the session's trainers typing in a paper form, once the
    attendee took part in a completed session."""
    if user is None or not user.is_authenticated:
        return False
    if user.pk != booking.staff.user_id and not runs_session(user, booking.session):
        return False
    return took_part(booking)


# --- the register's marks -------------------------------------------------------------------
#
# A trainer marks each person attended, late, left early or absent. Late and left early are
# both "partly attended" (no certificate, no competency records); the time kept with the
# mark tells which. Walk-ins are marked like everyone else.

MARKS = {
    "attended": Booking.Attendance.ATTENDED,
    "late": Booking.Attendance.PARTIAL,
    "left_early": Booking.Attendance.PARTIAL,
    "absent": Booking.Attendance.ABSENT,
}


def register_mark(booking: Booking) -> str:
    """The register's mark of a booking ("" when unmarked). A partial mark without a leaving
    time is a late arrival (the register asks for one of the two times)."""
    if booking.attendance == Booking.Attendance.PARTIAL:
        return "left_early" if booking.left_at else "late"
    return {
        Booking.Attendance.ATTENDED: "attended",
        Booking.Attendance.ABSENT: "absent",
    }.get(booking.attendance, "")


def register_counts(bookings) -> dict[str, int]:
    """The register's counts, the same on the register, its check page and the message after
    completing: attended (in full), late, left early, absent, unmarked; walk-ins are also in
    one of those."""
    counts = dict.fromkeys(
        ("attended", "late", "left_early", "absent", "unmarked", "walk_ins"), 0
    )
    for booking in bookings:
        counts[register_mark(booking) or "unmarked"] += 1
        counts["walk_ins"] += booking.walk_in
    return counts


# --- QR self check-in ----------------------------------------------------------------------

CHECK_IN_BEFORE = datetime.timedelta(minutes=30)
CHECK_IN_AFTER = datetime.timedelta(minutes=30)


def check_in_window(session: Session) -> tuple[datetime.datetime, datetime.datetime]:
    """From 30 minutes before the start until 30 minutes after it."""
    return session.start - CHECK_IN_BEFORE, session.start + CHECK_IN_AFTER


def check_in_open(session: Session, now: datetime.datetime | None = None) -> bool:
    """A scheduled session inside its check-in window."""
    now = now or timezone.now()
    opens, closes = check_in_window(session)
    return session.status == Session.Status.SCHEDULED and opens <= now <= closes


def arrived_late(booking: Booking, session: Session | None = None) -> bool:
    session = session or booking.session
    return booking.arrived_at is not None and booking.arrived_at > session.start


# --- the three-month follow-up ----------------------------------------------------------------
#
# Three calendar months after the session day the attendee is asked whether their practice
# changed. The link, the form and the invitation email all wait for that day.

FOLLOW_UP_AFTER = relativedelta(months=3)


def follow_up_opens_on(session: Session) -> datetime.date:
    return session.local_date + FOLLOW_UP_AFTER


def follow_up_open(booking: Booking, today: datetime.date | None = None) -> bool:
    """The attendee took part and the follow-up's opening day has come."""
    today = today or timezone.localdate()
    return took_part(booking) and today >= follow_up_opens_on(booking.session)


# --- certificates withheld until the evaluation ---------------------------------------------


def certificate_withheld_q(prefix: str = "") -> Q:
    """Attended in full, but the module releases certificates only after the evaluation."""
    return full_attendance_q(prefix) & Q(
        **{
            f"{prefix}session__module__requires_evaluation": True,
            f"{prefix}evaluation__isnull": True,
        }
    )


def certificate_due(booking: Booking, session: Session | None = None) -> bool:
    session = session or booking.session
    if not attended_in_full(booking, session):
        return False
    if session.module.requires_evaluation:
        return Evaluation.objects.filter(booking=booking).exists()
    return True


# --- Open Badges credentials (docs/credentials.md) -----------------------------------------


def credential_withdrawn_q() -> Q:
    """Certificates whose credential's status-list bit is set: revoked, or the holder's data
    erased (it can no longer be verified)."""
    return Q(revoked_at__isnull=False) | Q(erased_at__isnull=False)


def credential_servable(certificate: Certificate) -> bool:
    """A credential is downloaded only while its holder's data exists: an erased holder's
    certificate has no credential to serve (404). A revoked one is still served, and says so
    through its status list."""
    return certificate.erased_at is None and certificate.status_list is not None


def credential_competency_targets(competencies) -> dict:
    """Where a credential's aligned competencies (found here by their CASE identifier) count:
    {aligned competency: [our competencies]}. Through the crosswalk's equivalent entries
    (either way) when it has any; else the competency itself when its framework is one our
    role profiles require; else nowhere (not mapped)."""
    from competencies.models import Competency, Requirement

    competencies = list(competencies)
    ids = [c.pk for c in competencies]
    pairs = staff_policy.equivalences().filter(
        Q(competency_id__in=ids) | Q(maps_to_id__in=ids)
    )
    linked: dict[int, set[int]] = {}
    for a, b in pairs.values_list("competency_id", "maps_to_id"):
        if a in ids:
            linked.setdefault(a, set()).add(b)
        if b in ids:
            linked.setdefault(b, set()).add(a)
    required = set(
        Requirement.objects.values_list("competency__framework_id", flat=True)
    )
    found = Competency.objects.in_bulk(
        {pk for group in linked.values() for pk in group}
    )
    targets = {}
    for competency in competencies:
        if competency.pk in linked:
            targets[competency] = sorted(
                (found[pk] for pk in linked[competency.pk]), key=lambda c: c.code
            )
        elif competency.framework_id in required:
            targets[competency] = [competency]
        else:
            targets[competency] = []
    return targets


# --- booking -------------------------------------------------------------------------------


def bookable(session: Session, now: datetime.datetime | None = None) -> bool:
    """Scheduled and not yet started (the booking service adds the person's own checks)."""
    now = now or timezone.now()
    return session.status == Session.Status.SCHEDULED and session.start > now


def agency_cap(capacity: int, percent: int, fixed: int | None = None) -> int:
    """The most places one agency may hold while the mix rule applies: the session's own
    figure if it has one, else a share of its places (at least one)."""
    if fixed is not None:
        return fixed
    return max(1, math.ceil(capacity * percent / 100))


def mix_rule_relaxed(session: Session, *, rules: BookingSettings, now) -> bool:
    """The mix rule lifts some days before the session so no place goes empty."""
    days = (
        session.mix_relax_days
        if session.mix_relax_days is not None
        else rules.mix_relax_days
    )
    return now >= session.start - datetime.timedelta(days=days)


def has_room_for(
    session: Session,
    *,
    agency_id: int,
    total: int,
    per_agency: dict[int, int],
    rules: BookingSettings,
    now: datetime.datetime,
    held: int = 0,
) -> bool:
    """A free place this agency may take: capacity (less the `held` places kept empty for
    agencies' reservations), then the mix rule unless it has lifted."""
    if total + held >= session.capacity:
        return False
    if mix_rule_relaxed(session, rules=rules, now=now):
        return True
    cap = agency_cap(
        session.capacity, rules.max_per_agency_percent, session.max_per_agency
    )
    return per_agency.get(agency_id, 0) < cap


# --- places held for an agency ------------------------------------------------------------


def may_hold_places(user, session: Session) -> bool:
    """A session's trainers (or an administrator) hold places of it for an agency."""
    return runs_session(user, session)


def reservations_visible_to(user):
    """Held places a user may see: on sessions they run, or held for the agency they
    coordinate (all, for an administrator)."""
    if user is None or not user.is_authenticated:
        return AgencyReservation.objects.none()
    condition = Q(session__in=sessions_run_by(user))
    agency_id = staff_policy.coordinated_agency_id(user)
    if agency_id is not None:
        condition |= Q(agency_id=agency_id)
    return AgencyReservation.objects.filter(condition)


def may_fill_held_places(user, agency_id: int) -> bool:
    """Only the agency's own training coordinator puts named staff into its held places."""
    return staff_policy.coordinated_agency_id(user) == agency_id


# --- the reporting period ------------------------------------------------------------------


def period_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """A period of whole local days as [start, end) datetimes: from midnight of the first
    day to midnight after the last, in the partnership's time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        ),
    )


# --- why this person cannot book this session -------------------------------------------------


class Refusal:
    """Why `booking_refusal` says no: a BookingError code and its message's parameters."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params

    def __repr__(self):
        return f"Refusal({self.code!r})"


def booking_refusal(
    session: Session,
    staff,
    *,
    user=None,
    booked_by=None,
    now: datetime.datetime | None = None,
) -> Refusal | None:
    """The first rule that stops `staff` booking `session`, or None when they may book.

    One rule for the session page (which says why before anyone tries) and the booking
    service (which refuses with the same code). The session's own state comes first; then
    SIGN_IN and NO_STAFF_RECORD, the page's own cases (`staff` is None); then the person's. A full session or an agency at its cap is not a refusal:
    the booking joins the waiting list.
    """
    from django.utils.formats import date_format

    now = now or timezone.now()
    if session.status == Session.Status.CANCELLED:
        return Refusal("SESSION_CANCELLED")
    if session.status != Session.Status.SCHEDULED:
        return Refusal("SESSION_NOT_OPEN", status=session.get_status_display())
    if session.start <= now:
        return Refusal("SESSION_STARTED")
    if session.booking_opens_at and now < session.booking_opens_at:
        opens = date_format(timezone.localtime(session.booking_opens_at), "j F Y")
        return Refusal("WINDOW_NOT_OPEN", opens=opens)
    closes = session.booking_closes_at
    if closes and now >= closes:
        closed = date_format(timezone.localtime(closes), "j F Y")
        return Refusal("WINDOW_CLOSED", closes=closed)
    if staff is None:
        signed_in = user is not None and user.is_authenticated
        return Refusal("NO_STAFF_RECORD" if signed_in else "SIGN_IN")
    if not staff_policy.staff_is_active(staff, timezone.localdate(now)):
        return Refusal("STAFF_LEFT", staff=staff)
    audience = list(session.module.audience.all())
    if audience and staff.role_profile_id not in {rp.pk for rp in audience}:
        names = ", ".join(rp.name for rp in audience)
        return Refusal("NOT_IN_AUDIENCE", staff=staff, audience=names)
    if Booking.objects.filter(
        session=session, staff=staff, status__in=Booking.ACTIVE
    ).exists():
        return Refusal("ALREADY_BOOKED", staff=staff)
    clash = (
        Booking.objects.filter(
            staff=staff,
            status__in=Booking.ACTIVE,
            session__status=Session.Status.SCHEDULED,
            session__start__lt=session.end,
            session__end__gt=session.start,
        )
        .exclude(session=session)
        .select_related("session__module")
        .first()
    )
    if clash:
        return Refusal("CLASH", staff=staff, other=clash.session)
    booked_by = booked_by or user
    if (
        needs_approval(session, staff)
        and not may_approve(booked_by, staff)
        and not approvers_for(staff)
    ):
        return Refusal("NO_APPROVER", staff=staff)
    return None


def late_cancellation_from(
    session: Session, rules: BookingSettings
) -> datetime.datetime:
    """From this moment cancelling a confirmed place counts as late (and may be charged)."""
    return session.start - datetime.timedelta(days=rules.late_cancellation_days)


def cancellation_is_late(booking: Booking, *, rules: BookingSettings, now) -> bool:
    return booking.status == Booking.Status.CONFIRMED and now >= late_cancellation_from(
        booking.session, rules
    )
