"""The booking rules: window, duplicates, clashes, audience, who may book, capacity, mix rule,
waitlist offers, approval and cancellation (courses/services/booking.py)."""

import datetime

import pytest
from wagtail.models import ModelLogEntry

from courses.exceptions import BookingError
from courses.models import Booking
from courses.services import (
    booking_approve,
    booking_cancel,
    booking_create,
    booking_refuse,
    offer_accept,
    offers_expire,
    session_cancel,
)
from tests.factories import (
    AgencyFactory,
    RoleProfileFactory,
    SessionFactory,
    UserFactory,
    module_page,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def book(session, staff, now, by=None):
    return booking_create(
        session=session, staff=staff, booked_by=by or staff.user, now=now
    )


def fill(session, now, per_agency):
    """Book `per_agency` people from each of as many new agencies as listed."""
    bookings = []
    for n in per_agency:
        agency = AgencyFactory()
        for _ in range(n):
            bookings.append(book(session, staff_with_login(agency=agency), now))
    return bookings


def codes(excinfo):
    return excinfo.value.code


# --- who may book, and the checks -------------------------------------------------------


def test_staff_member_books_themself_and_gets_a_confirmed_place(session, now):
    staff = staff_with_login()
    booking = book(session, staff, now)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.confirmed_at == now
    assert booking.booked_by == staff.user
    entry = ModelLogEntry.objects.get(action="courses.booking.create")
    assert entry.object_id == str(booking.pk) and entry.user == staff.user


def test_someone_else_cannot_book_a_staff_member(session, now):
    staff = staff_with_login()
    other = UserFactory()
    with pytest.raises(BookingError) as excinfo:
        book(session, staff, now, by=other)
    assert codes(excinfo) == "NOT_ALLOWED"


def test_coordinator_books_own_agency_staff(session, now):
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"]).user
    staff = staff_with_login(agency=agency)
    booking = book(session, staff, now, by=coordinator)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.booked_by == coordinator


def test_coordinator_cannot_book_another_agencys_staff(session, now):
    coordinator = staff_with_login(groups=["Training coordinators"]).user
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(), now, by=coordinator)
    assert codes(excinfo) == "OTHER_AGENCY"


def test_booking_window_not_open_and_closed(session, now):
    session.booking_opens_at = now + DAY
    session.save()
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(), now)
    assert codes(excinfo) == "WINDOW_NOT_OPEN"
    session.booking_opens_at = now - 10 * DAY
    session.booking_closes_at = now - HOUR
    session.save()
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(), now)
    assert codes(excinfo) == "WINDOW_CLOSED"


def test_cannot_book_a_started_or_cancelled_session(session, now, trainer):
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(), session.start + HOUR)
    assert codes(excinfo) == "SESSION_STARTED"
    session_cancel(session=session, by=trainer, now=now)
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(), now)
    assert codes(excinfo) == "SESSION_CANCELLED"


def test_already_booked_is_refused(session, now):
    staff = staff_with_login()
    book(session, staff, now)
    with pytest.raises(BookingError) as excinfo:
        book(session, staff, now)
    assert codes(excinfo) == "ALREADY_BOOKED"


def test_rebooking_after_cancelling_is_allowed(session, now):
    staff = staff_with_login()
    first = book(session, staff, now)
    booking_cancel(booking=first, by=staff.user, now=now)
    assert book(session, staff, now).status == Booking.Status.CONFIRMED


def test_clash_with_another_booking_at_the_same_time(session, now):
    staff = staff_with_login()
    book(session, staff, now)
    overlapping = SessionFactory(
        start=session.start + HOUR, end=session.end + HOUR, trainers=[]
    )
    with pytest.raises(BookingError) as excinfo:
        book(overlapping, staff, now)
    assert codes(excinfo) == "CLASH"
    later = SessionFactory(start=session.end, end=session.end + 2 * HOUR)
    assert book(later, staff, now).status == Booking.Status.CONFIRMED


def test_module_audience_limits_who_may_book(now):
    police = RoleProfileFactory(name="Police officer")
    session = SessionFactory(
        module=module_page(audience=[police]),
        start=now + 30 * DAY,
        end=now + 30 * DAY + HOUR,
    )
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(role_profile=RoleProfileFactory()), now)
    assert codes(excinfo) == "NOT_IN_AUDIENCE"
    assert (
        book(session, staff_with_login(role_profile=police), now).status == "confirmed"
    )


def test_staff_who_left_cannot_be_booked(session, now):
    staff = staff_with_login(left_on=now.date() - DAY)
    with pytest.raises(BookingError) as excinfo:
        book(session, staff, now)
    assert codes(excinfo) == "STAFF_LEFT"


# --- capacity, the mix rule and the waitlist -------------------------------------------


def test_full_session_takes_a_waitlist(session, now):
    session.capacity = 3
    session.max_per_agency = 3
    session.save()
    bookings = fill(session, now, [1, 1, 1, 1, 1])
    assert [b.status for b in bookings] == ["confirmed"] * 3 + ["waitlisted"] * 2


def test_mix_rule_sends_an_agencys_requests_beyond_its_share_to_the_waitlist(
    session, now
):
    # 20 places, partnership default 50 %: one agency holds at most 10
    bookings = fill(session, now, [12])
    assert [b.status for b in bookings] == ["confirmed"] * 10 + ["waitlisted"] * 2
    other = fill(session, now, [1])
    assert other[0].status == "confirmed"


def test_session_sets_its_own_mix_rule(session, now):
    session.max_per_agency = 2
    session.save()
    bookings = fill(session, now, [3])
    assert [b.status for b in bookings] == ["confirmed", "confirmed", "waitlisted"]


def test_mix_rule_relaxes_in_the_last_days(session, now, rules):
    session.max_per_agency = 2
    session.save()
    agency = AgencyFactory()
    late = session.start - datetime.timedelta(days=rules.mix_relax_days) + HOUR
    early = session.start - datetime.timedelta(days=rules.mix_relax_days) - HOUR
    statuses = [
        book(session, staff_with_login(agency=agency), early).status for _ in range(3)
    ]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert book(session, staff_with_login(agency=agency), late).status == "confirmed"


# --- freed places: offers, expiry, promotion ----------------------------------------------


def test_cancel_offers_the_place_to_the_oldest_waitlisted(session, now, rules):
    session.capacity = 2
    session.max_per_agency = 2
    session.save()
    first, second, third, fourth = fill(session, now, [1, 1, 1, 1])
    booking_cancel(booking=first, by=first.staff.user, now=now)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Booking.Status.OFFERED
    assert third.offer_expires_at == now + datetime.timedelta(
        hours=rules.offer_hold_hours
    )
    assert fourth.status == Booking.Status.WAITLISTED


def test_freed_place_skips_waitlisted_of_an_agency_at_its_share(session, now):
    session.capacity = 4
    session.max_per_agency = 2
    session.save()
    agency_a, agency_b = AgencyFactory(), AgencyFactory()
    a1, a2 = (book(session, staff_with_login(agency=agency_a), now) for _ in range(2))
    b1, b2 = (book(session, staff_with_login(agency=agency_b), now) for _ in range(2))
    a3 = book(session, staff_with_login(agency=agency_a), now)  # waitlisted: full
    c1 = book(session, staff_with_login(), now)  # waitlisted: full
    assert a3.status == c1.status == "waitlisted"
    booking_cancel(booking=b1, by=b1.staff.user, now=now)
    a3.refresh_from_db()
    c1.refresh_from_db()
    assert a3.status == "waitlisted"  # agency A already holds 2 of 4
    assert c1.status == "offered"


def test_offer_accepted_confirms_the_place(session, now):
    session.capacity = 1
    session.save()
    first, second = fill(session, now, [1, 1])
    booking_cancel(booking=first, by=first.staff.user, now=now)
    booking = offer_accept(booking=second, by=second.staff.user, now=now + HOUR)
    assert (
        booking.status == Booking.Status.CONFIRMED and booking.offer_expires_at is None
    )


def test_offer_not_taken_expires_and_passes_to_the_next(session, now, rules):
    session.capacity = 1
    session.save()
    first, second, third = fill(session, now, [1, 1, 1])
    booking_cancel(booking=first, by=first.staff.user, now=now)
    later = now + datetime.timedelta(hours=rules.offer_hold_hours) + HOUR
    assert offers_expire(now=later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "cancelled"
    assert second.cancel_reason == Booking.CancelReason.OFFER_EXPIRED
    assert third.status == "offered"
    assert offers_expire(now=later) == 0  # safe to run again


def test_accepting_an_expired_offer_fails_and_passes_it_on(session, now, rules):
    session.capacity = 1
    session.save()
    first, second, third = fill(session, now, [1, 1, 1])
    booking_cancel(booking=first, by=first.staff.user, now=now)
    later = now + datetime.timedelta(hours=rules.offer_hold_hours + 1)
    with pytest.raises(BookingError) as excinfo:
        offer_accept(booking=second, by=second.staff.user, now=later)
    assert codes(excinfo) == "OFFER_EXPIRED"
    third.refresh_from_db()
    assert third.status == "offered"


def test_offer_hold_is_shorter_near_the_session(session, now):
    session.capacity = 1
    session.save()
    first, second = fill(session, now, [1, 1])
    near = session.start - datetime.timedelta(hours=40)
    booking_cancel(booking=first, by=first.staff.user, now=near)
    second.refresh_from_db()
    assert second.status == "offered"
    assert second.offer_expires_at == session.start - DAY  # 16 hours, not 48


def test_inside_the_last_day_the_next_is_promoted_straight_to_a_place(session, now):
    session.capacity = 1
    session.save()
    first, second = fill(session, now, [1, 1])
    booking_cancel(booking=first, by=first.staff.user, now=session.start - 5 * HOUR)
    second.refresh_from_db()
    assert second.status == Booking.Status.CONFIRMED
    assert second.offer_expires_at is None


# --- cancellation --------------------------------------------------------------------------


def test_cancel_before_the_cut_off_is_not_late(session, now, rules):
    staff = staff_with_login()
    booking = book(session, staff, now)
    cut_off = session.start - datetime.timedelta(days=rules.late_cancellation_days)
    booking_cancel(booking=booking, by=staff.user, now=cut_off - HOUR)
    booking.refresh_from_db()
    assert booking.status == "cancelled" and not booking.late_cancellation
    assert booking.cancel_reason == Booking.CancelReason.BY_STAFF


def test_cancel_after_the_cut_off_is_a_late_cancellation(session, now, rules):
    staff = staff_with_login()
    booking = book(session, staff, now)
    cut_off = session.start - datetime.timedelta(days=rules.late_cancellation_days)
    booking_cancel(booking=booking, by=staff.user, now=cut_off + HOUR)
    booking.refresh_from_db()
    assert booking.late_cancellation


def test_leaving_the_waitlist_late_is_not_a_late_cancellation(session, now):
    session.capacity = 1
    session.save()
    _, waiting = fill(session, now, [1, 1])
    booking_cancel(booking=waiting, by=waiting.staff.user, now=session.start - HOUR)
    waiting.refresh_from_db()
    assert waiting.status == "cancelled" and not waiting.late_cancellation


def test_coordinator_cancels_for_own_agency_only(session, now):
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"]).user
    mine = book(session, staff_with_login(agency=agency), now)
    theirs = book(session, staff_with_login(), now)
    with pytest.raises(BookingError) as excinfo:
        booking_cancel(booking=mine, by=coordinator, now=now, note="  ")
    assert codes(excinfo) == "NOTE_REQUIRED"
    booking_cancel(booking=mine, by=coordinator, now=now, note="Off sick")
    mine.refresh_from_db()
    assert mine.cancel_reason == Booking.CancelReason.BY_COORDINATOR
    assert mine.cancel_note == "Off sick"
    with pytest.raises(BookingError) as excinfo:
        booking_cancel(booking=theirs, by=coordinator, now=now, note="x")
    assert codes(excinfo) == "OTHER_AGENCY"


def test_cannot_cancel_twice_or_after_the_start(session, now):
    staff = staff_with_login()
    booking = book(session, staff, now)
    with pytest.raises(BookingError) as excinfo:
        booking_cancel(booking=booking, by=staff.user, now=session.start + HOUR)
    assert codes(excinfo) == "SESSION_OVER"
    booking_cancel(booking=booking, by=staff.user, now=now)
    with pytest.raises(BookingError) as excinfo:
        booking_cancel(booking=booking, by=staff.user, now=now)
    assert codes(excinfo) == "NOT_ACTIVE"


def test_session_cancel_cancels_every_active_booking(session, now, trainer):
    session.capacity = 1
    session.save()
    confirmed, waiting = fill(session, now, [1, 1])
    session_cancel(session=session, by=trainer, now=now)
    for booking in (confirmed, waiting):
        booking.refresh_from_db()
        assert booking.status == "cancelled"
        assert booking.cancel_reason == Booking.CancelReason.SESSION_CANCELLED


def test_only_trainers_cancel_a_session(session, now):
    with pytest.raises(BookingError) as excinfo:
        session_cancel(session=session, by=UserFactory(), now=now)
    assert codes(excinfo) == "NOT_TRAINER"


# --- line-manager approval -------------------------------------------------------------------


@pytest.fixture
def approval_setup(session):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    return session, staff, manager.user


def test_approval_needed_holds_the_place_until_the_manager_approves(
    approval_setup, now, rules
):
    session, staff, manager = approval_setup
    booking = book(session, staff, now)
    assert booking.status == Booking.Status.PENDING_APPROVAL
    assert booking.approval_expires_at == now + datetime.timedelta(
        hours=rules.approval_expiry_hours
    )
    booking_approve(booking=booking, by=manager, now=now + HOUR)
    booking.refresh_from_db()
    assert booking.status == "confirmed" and booking.approved_by == manager


def test_agency_can_require_approval(session, now):
    agency = AgencyFactory(requires_manager_approval=True)
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    assert book(session, staff, now).status == Booking.Status.PENDING_APPROVAL


def test_manager_refuses_and_the_place_passes_on(approval_setup, now):
    session, staff, manager = approval_setup
    session.capacity = 1
    session.save()
    booking = book(session, staff, now)
    coordinator_agency = AgencyFactory()
    coordinator = staff_with_login(
        agency=coordinator_agency, groups=["Training coordinators"]
    ).user
    waiting = book(
        session, staff_with_login(agency=coordinator_agency), now, by=coordinator
    )
    assert waiting.status == "waitlisted"  # pre-approved: booked by their coordinator
    booking_refuse(booking=booking, by=manager, now=now)
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.cancel_reason == Booking.CancelReason.REFUSED
    assert waiting.status == "offered"


def test_unanswered_approval_request_expires_and_frees_the_place(
    approval_setup, now, rules
):
    session, staff, manager = approval_setup
    session.capacity = 1
    session.save()
    booking = book(session, staff, now)
    colleague = staff_with_login(agency=staff.agency, line_manager=staff.line_manager)
    waiting = book(session, colleague, now)
    assert waiting.status == "waitlisted"
    later = now + datetime.timedelta(hours=rules.approval_expiry_hours + 1)
    assert offers_expire(now=later) == 1
    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.cancel_reason == Booking.CancelReason.APPROVAL_EXPIRED
    # the next in line also needs approval, so the freed place is held for their manager
    assert waiting.status == Booking.Status.PENDING_APPROVAL
    with pytest.raises(BookingError) as excinfo:
        booking_approve(booking=booking, by=manager, now=later)
    assert codes(excinfo) == "NOT_PENDING_APPROVAL"


def test_no_self_approval(approval_setup, now):
    session, staff, manager = approval_setup
    booking = book(session, staff, now)
    with pytest.raises(BookingError) as excinfo:
        booking_approve(booking=booking, by=staff.user, now=now)
    assert codes(excinfo) == "SELF_APPROVAL"


def test_only_the_line_manager_or_agency_coordinator_approves(approval_setup, now):
    session, staff, manager = approval_setup
    booking = book(session, staff, now)
    outsider = staff_with_login(groups=["Training coordinators"]).user
    with pytest.raises(BookingError) as excinfo:
        booking_approve(booking=booking, by=outsider, now=now)
    assert codes(excinfo) == "NOT_APPROVER"
    coordinator = staff_with_login(
        agency=staff.agency, groups=["Training coordinators"]
    ).user
    booking_approve(booking=booking, by=coordinator, now=now)
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_booking_needing_approval_without_any_approver_is_refused(session, now):
    session.requires_manager_approval = True
    session.save()
    with pytest.raises(BookingError) as excinfo:
        book(session, staff_with_login(), now)
    assert codes(excinfo) == "NO_APPROVER"
