"""The site history report names only people the user may see: certificate and booking
entries (labelled with the holder's name) are scoped like the objects."""

import pytest
from django.urls import reverse

from courses.models import Certificate
from courses.roles import permissions_grant
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_certificate_and_booking_entries_are_scoped_for_coordinators_and_trainers(
    client,
):
    ours_agency, theirs_agency = f.AgencyFactory(), f.AgencyFactory()
    coordinator = f.coordinator_for(ours_agency)
    permissions_grant()  # coordinators view certificates, trainers view bookings
    ours = f.staff_with_login(agency=ours_agency, last_name="Ourholder")
    theirs = f.staff_with_login(agency=theirs_agency, last_name="Theirholder")
    trainer = f.UserFactory(username="trainer.ours", groups=["Trainers"])
    other_trainer = f.UserFactory(username="trainer.theirs", groups=["Trainers"])
    f.session_completed(trainer=trainer, staff=[ours])
    f.session_completed(trainer=other_trainer, staff=[theirs])
    assert Certificate.objects.count() == 2
    url = reverse("wagtailadmin_reports:site_history")
    for user in (coordinator, trainer):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Ourholder" in html, user
        assert "Theirholder" not in html, user
