"""The courses pages: listing with filters at a constant query count, session page and
booking by POST with GOV.UK errors, the register, sign-in sheet, approvals and My training."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from courses.emails import approval_token
from courses.models import Booking, Session
from courses.services import booking_create
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    CompetencyRecordFactory,
    RequirementFactory,
    SessionFactory,
    module_page,
    staff_with_login,
)

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def make_sessions(n, module=None, area=None, first_day=10):
    module = module or module_page()
    sessions = []
    for i in range(n):
        start = timezone.now() + datetime.timedelta(days=first_day + i)
        sessions.append(
            SessionFactory(module=module, start=start, end=start + HOUR, area=area)
        )
    return sessions


@pytest.mark.parametrize("size", [3, 30])
def test_session_list_costs_the_same_queries_at_any_size(
    client, size, django_assert_max_num_queries
):
    make_sessions(size)
    for session in Session.objects.all()[:2]:
        staff = staff_with_login()
        booking_create(session=session, staff=staff, booked_by=staff.user)
    with django_assert_max_num_queries(8):
        response = client.get("/sessions/")
    assert response.status_code == 200
    assert response.content.decode().count('href="/sessions/') >= min(size, 25)


def test_session_list_filters(client):
    area = AreaFactory(name="Dudley")
    level3 = module_page(level=3, title="Enquiries", delivery_mode="virtual")
    (in_dudley,) = make_sessions(1, module=level3, area=area, first_day=5)
    make_sessions(2)
    full = make_sessions(1, first_day=20)[0]
    full.capacity = 1
    full.save()
    staff = staff_with_login()
    booking_create(session=full, staff=staff, booked_by=staff.user)

    def listed(**params):
        response = client.get("/sessions/", params)
        assert response.status_code == 200
        return {s.pk for s in response.context["sessions"]}

    assert listed(level=3) == {in_dudley.pk}
    assert listed(area=area.pk) == {in_dudley.pk}
    assert listed(delivery_mode="virtual") == {in_dudley.pk}
    assert listed(module=level3.pk) == {in_dudley.pk}
    assert full.pk not in listed(has_places="on")
    assert full.pk in listed()
    day = timezone.localtime(in_dudley.start).date().isoformat()
    assert listed(date_from=day, date_to=day) == {in_dudley.pk}


def test_bad_filter_input_gets_an_error_not_a_500(client):
    response = client.get(
        "/sessions/", {"date_from": "2027-05-01", "date_to": "2027-04-01", "level": "9"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_session_page_shows_what_it_delivers_and_places_left(client, session):
    link = session.module.delivered_competencies.get()
    response = client.get(f"/sessions/{session.pk}/")
    body = response.content.decode()
    assert link.competency.code in body
    assert "20 of 20" in body


def test_book_by_post_and_see_it_in_my_training(client, session):
    staff = staff_with_login()
    client.force_login(staff.user)
    response = client.post(f"/sessions/{session.pk}/book/")
    booking = Booking.objects.get(session=session, staff=staff)
    assert response.status_code == 302
    assert response["Location"] == f"/bookings/{booking.pk}/done/"
    assert booking.status == "confirmed"
    page = client.get("/my-training/").content.decode()
    assert session.module.title in page and "Confirmed" in page


def test_booking_error_shows_an_error_summary(client, session):
    staff = staff_with_login()
    booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(staff.user)
    response = client.post(f"/sessions/{session.pk}/book/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "already has a place" in body


def test_user_without_staff_record_gets_an_error(client, session, trainer):
    client.force_login(trainer)
    response = client.post(f"/sessions/{session.pk}/book/")
    assert response.status_code == 200
    assert "not linked to a staff record" in response.content.decode()


def test_coordinator_books_own_agency_only(client, session):
    agency = AgencyFactory()
    coordinator = staff_with_login(agency=agency, groups=["Training coordinators"]).user
    mine, theirs = staff_with_login(agency=agency), staff_with_login()
    client.force_login(coordinator)
    page = client.get(f"/sessions/{session.pk}/").content.decode()
    # The page links to the people chooser (tests/courses/test_book_on_behalf.py) and
    # names nobody; the one-person POST still books only the coordinator's own agency.
    assert f"/sessions/{session.pk}/book-staff/" in page
    assert escape(theirs.full_name) not in page
    assert (
        client.post(f"/sessions/{session.pk}/book/", {"staff": mine.pk}).status_code
        == 302
    )
    response = client.post(f"/sessions/{session.pk}/book/", {"staff": theirs.pk})
    assert (
        response.status_code == 200
        and "govuk-error-summary" in response.content.decode()
    )
    assert not Booking.objects.filter(staff=theirs).exists()


def test_register_only_for_the_sessions_trainers(client, session, trainer):
    client.force_login(staff_with_login(groups=["Trainers"]).user)
    assert client.get(f"/sessions/{session.pk}/register/").status_code == 404
    client.force_login(trainer)
    assert client.get(f"/sessions/{session.pk}/register/").status_code == 200


def test_register_marks_and_completes(client, trainer):
    start = timezone.now() - 3 * HOUR
    session = SessionFactory(start=start, end=start + 2 * HOUR, trainers=[trainer])
    people = [staff_with_login() for _ in range(2)]
    bookings = [
        booking_create(
            session=session, staff=p, booked_by=p.user, now=start - 10 * HOUR
        )
        for p in people
    ]
    client.force_login(trainer)
    register = f"/sessions/{session.pk}/register/"
    response = client.post(
        register, {f"mark_{bookings[0].pk}": "attended", "complete": "1"}
    )
    assert response["Location"] == register + "check/"  # the check step first
    response = client.post(register + "check/")
    assert response.status_code == 400  # one person unmarked
    assert "Mark everyone" in response.content.decode()
    client.post(
        register,
        {
            f"mark_{bookings[0].pk}": "attended",
            f"mark_{bookings[1].pk}": "absent",
            "complete": "1",
        },
    )
    response = client.post(register + "check/")
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "completed"
    assert people[0].records.count() == 1 and people[1].records.count() == 0


def test_sign_in_sheet_is_a_pdf_listing_the_confirmed(client, session, trainer):
    from io import BytesIO

    from pypdf import PdfReader

    staff = staff_with_login(first_name="Zoë", last_name="Ångström")
    booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(trainer)
    response = client.get(f"/sessions/{session.pk}/sign-in-sheet.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Zoë Ångström" in text and session.module.title in text


def test_approval_link_approves_without_signing_in(client, session):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    booking = booking_create(session=session, staff=staff, booked_by=staff.user)
    token = approval_token(booking=booking, approver_id=manager.user.pk)
    page = client.get(f"/approvals/link/{token}/")
    assert page.status_code == 200 and escape(staff.full_name) in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == "pending_approval"  # GET changes nothing
    client.post(f"/approvals/link/{token}/", {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == "confirmed" and booking.approved_by == manager.user
    assert client.get("/approvals/link/not-a-token/").status_code == 400


def test_a_staff_member_cannot_approve_their_own_booking_via_a_forged_link(
    client, session
):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    booking = booking_create(session=session, staff=staff, booked_by=staff.user)
    token = approval_token(booking=booking, approver_id=staff.user.pk)
    client.post(f"/approvals/link/{token}/", {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == "pending_approval"


def test_approvals_page_lists_reports_bookings(client, session):
    session.requires_manager_approval = True
    session.save()
    agency = AgencyFactory()
    manager = staff_with_login(agency=agency)
    staff = staff_with_login(agency=agency, line_manager=manager)
    booking = booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(manager.user)
    assert escape(staff.full_name) in client.get("/approvals/").content.decode()
    client.post(f"/approvals/{booking.pk}/refuse/")
    booking.refresh_from_db()
    assert booking.cancel_reason == "refused"


def test_my_training_shows_waitlist_position_and_cancel(client, session):
    session.capacity = 1
    session.save()
    people = [staff_with_login() for _ in range(3)]
    bookings = [
        booking_create(session=session, staff=p, booked_by=p.user) for p in people
    ]
    client.force_login(people[2].user)
    page = client.get("/my-training/").content.decode()
    assert "Number 2 in the queue" in page
    client.post(f"/bookings/{bookings[2].pk}/cancel/")
    bookings[2].refresh_from_db()
    assert bookings[2].status == "cancelled"
    # someone else's booking cannot be cancelled
    client.post(f"/bookings/{bookings[0].pk}/cancel/")
    bookings[0].refresh_from_db()
    assert bookings[0].status == "confirmed"


@pytest.mark.parametrize("size", [2, 12])
def test_my_training_costs_the_same_queries_at_any_size(
    client, size, django_assert_max_num_queries
):
    staff = staff_with_login()
    for session in make_sessions(size):
        booking_create(session=session, staff=staff, booked_by=staff.user)
    requirement = RequirementFactory()
    staff.role_profile = requirement.role_profile
    staff.save()
    CompetencyRecordFactory(staff=staff, competency=requirement.competency)
    client.force_login(staff.user)
    with django_assert_max_num_queries(12):
        response = client.get("/my-training/")
    assert response.content.decode().count("/cancel/") == size
