"""Certificates are never added by hand or deleted in the admin, not even by administrators:
`add_view_enabled`/`delete_view_enabled` are not Wagtail 8 settings, so both views were live
(and posting the add form, which is the revoke form, raised a 500)."""

import pytest
from django.urls import reverse

from courses.models import Certificate
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    admin = f.UserFactory(username="root.certificates")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    return client


def test_add_is_refused(admin_client_):
    url = reverse("courses_certificate:add")
    assert admin_client_.get(url).status_code == 302
    response = admin_client_.post(url, {"revoke": "on", "revoked_reason": "x"})
    assert response.status_code == 302
    assert not Certificate.objects.exists()


def test_delete_is_refused_and_the_listing_offers_no_delete(admin_client_):
    trainer = f.UserFactory(username="trainer.cert", groups=["Trainers"])
    _session, (booking,) = f.session_completed(trainer=trainer)
    certificate = Certificate.objects.get(booking=booking)
    url = reverse("courses_certificate:delete", args=[certificate.pk])
    assert admin_client_.post(url).status_code == 302
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    listing = admin_client_.get(reverse("courses_certificate:index")).content.decode()
    assert url not in listing
    assert certificate.number in listing
