"""courses.policy: each rule's queryset expression and its one-object check give the same
answer, and the rules with edges (the mix cap, the reporting period over a clock change) hold
at them."""

import datetime
import zoneinfo

import pytest

from competencies import policy as staff_policy
from courses import policy
from courses.models import Booking, Session
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("capacity", "percent", "fixed", "cap"),
    [(20, 30, None, 6), (10, 25, None, 3), (3, 10, None, 1), (20, 30, 2, 2)],
)
def test_agency_cap_is_a_share_of_places_rounded_up_at_least_one(
    capacity, percent, fixed, cap
):
    assert policy.agency_cap(capacity, percent, fixed) == cap


def test_reporting_period_is_whole_local_days_across_the_clock_change():
    # 29 March 2026: the clocks go forward in London; the period still starts at local midnight.
    start, end = policy.period_bounds(
        datetime.date(2026, 3, 29), datetime.date(2026, 3, 31)
    )
    london = zoneinfo.ZoneInfo("Europe/London")
    assert start == datetime.datetime(2026, 3, 29, tzinfo=london)
    assert end == datetime.datetime(2026, 4, 1, tzinfo=london)
    assert start.utcoffset() == datetime.timedelta(0)
    assert end.utcoffset() == datetime.timedelta(hours=1)


def test_sessions_run_by_and_runs_session_agree():
    mine, theirs = f.SessionFactory(), f.SessionFactory()
    trainer = f.UserFactory(groups=["Trainers"])
    mine.trainers.add(trainer)
    admin = f.UserFactory(is_superuser=True)
    staff = f.StaffMemberFactory(user=f.UserFactory()).user
    for user in (trainer, admin, staff):
        listed = set(policy.sessions_run_by(user))
        assert listed == {s for s in (mine, theirs) if policy.runs_session(user, s)}
    assert set(policy.sessions_run_by(trainer)) == {mine}
    assert set(policy.sessions_run_by(admin)) == {mine, theirs}
    assert not policy.sessions_run_by(staff).exists()


def test_full_attendance_queryset_and_check_agree():
    session = f.SessionFactory(status=Session.Status.COMPLETED)
    marks = [
        Booking.Attendance.ATTENDED,
        Booking.Attendance.PARTIAL,
        Booking.Attendance.ABSENT,
    ]
    bookings = [
        f.BookingFactory(session=session, status=Booking.Status.CONFIRMED, attendance=m)
        for m in marks
    ]
    in_full = set(Booking.objects.filter(policy.full_attendance_q()))
    took_part = set(Booking.objects.filter(policy.took_part_q()))
    assert (
        in_full == {b for b in bookings if policy.attended_in_full(b)} == {bookings[0]}
    )
    assert (
        took_part == {b for b in bookings if policy.took_part(b)} == set(bookings[:2])
    )


def test_agency_scope_queryset_and_check_agree():
    agency, other = f.AgencyFactory(), f.AgencyFactory()
    coordinator = f.StaffMemberFactory(
        agency=agency, user=f.UserFactory(groups=["Training coordinators"])
    ).user
    people = [f.StaffMemberFactory(agency=agency), f.StaffMemberFactory(agency=other)]
    visible = set(staff_policy.staff_visible_to(coordinator))
    assert {p for p in people if staff_policy.may_manage_staff(coordinator, p)} == {
        people[0]
    }
    assert people[0] in visible and people[1] not in visible


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+44 121", "'+44 121"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("O'Neill", "O'Neill"),
        ("'quoted'", "'quoted'"),
        (42, 42),
    ],
)
def test_spreadsheet_safe_text_round_trips(text, safe):
    assert staff_policy.spreadsheet_safe(text) == safe
    if isinstance(text, str):
        assert staff_policy.spreadsheet_unsafe(safe) == text
