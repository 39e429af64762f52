"""Who may see and act on what in the courses app: the sessions a trainer runs, the bookings and
certificates a user may know of, who acts for a person and who approves, places held for an
agency (docs/access.md).
"""

from django.db.models import Q, QuerySet

from competencies import policy as staff_policy
from courses.exceptions import BookingError
from courses.models import (
    AgencyReservation,
    Booking,
    Certificate,
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
