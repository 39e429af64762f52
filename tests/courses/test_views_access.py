"""Somebody else's booking does not exist for you: cancel, accept and approve answer 404
rather than an "another agency" message that would say whose it is (found by the access
matrix, tests/test_access_matrix.py)."""

import pytest
from django.urls import reverse

from competencies.roles import COORDINATORS
from courses.models import Booking
from courses.services import booking_create
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_agencies(session):
    ours, theirs = f.AgencyFactory(), f.AgencyFactory()
    coordinator = f.coordinator_for(ours)
    assert coordinator.groups.filter(name=COORDINATORS).exists()
    colleague = f.staff_with_login(agency=ours)
    outsider = f.staff_with_login(agency=theirs)
    return {
        "coordinator": coordinator,
        "colleague": booking_create(
            session=session, staff=colleague, booked_by=colleague.user
        ),
        "outsider": booking_create(
            session=session, staff=outsider, booked_by=outsider.user
        ),
    }


@pytest.mark.parametrize("action", ["cancel", "accept"])
def test_another_agencys_booking_is_404_for_a_coordinator(client, two_agencies, action):
    client.force_login(two_agencies["coordinator"])
    booking = two_agencies["outsider"]
    response = client.post(reverse(f"courses:{action}", args=[booking.pk]))
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_coordinator_still_cancels_for_their_own_agency(client, two_agencies):
    client.force_login(two_agencies["coordinator"])
    booking = two_agencies["colleague"]
    # On someone's behalf the confirm page asks why; the reason is kept on the booking.
    response = client.post(reverse("courses:cancel", args=[booking.pk]))
    assert response.status_code == 200 and "govuk-error-summary" in response.text
    response = client.post(
        reverse("courses:cancel", args=[booking.pk]), {"note": "Rota change"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancel_note == "Rota change"


def test_someone_elses_booking_is_404_for_a_staff_member(client, two_agencies):
    colleague = two_agencies["colleague"].staff.user
    client.force_login(colleague)
    booking = two_agencies["outsider"]
    assert client.post(reverse("courses:cancel", args=[booking.pk])).status_code == 404


def test_approving_is_404_for_anyone_but_the_persons_approvers(client, two_agencies):
    client.force_login(two_agencies["coordinator"])
    outsider = two_agencies["outsider"]
    url = reverse("courses:approval_decide", args=[outsider.pk, "approve"])
    assert client.post(url).status_code == 404
    colleague = two_agencies["colleague"]
    url = reverse("courses:approval_decide", args=[colleague.pk, "approve"])
    assert (
        client.post(url).status_code == 302
    )  # an approver: "not waiting for approval"
