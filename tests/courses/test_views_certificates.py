"""Certificate downloads, the session batch, /my-training/, the public verification page and
the admin listing: who may see what (everyone else gets a 404)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from competencies.privacy import staff_erase
from courses.models import Certificate
from courses.roles import permissions_grant
from courses.services import attendance_mark, certificate_revoke
from tests.factories import (
    AgencyFactory,
    UserFactory,
    coordinator_for,
    session_completed,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(trainer):
    agency = AgencyFactory(short_name="WMP", name="West Midlands Police")
    holder = staff_with_login(agency=agency)
    colleague = staff_with_login(agency=agency)
    session, bookings = session_completed(
        trainer=trainer, staff=[holder, colleague], marks=["attended", "attended"]
    )
    return Certificate.objects.get(staff=holder), session


def _pdf_text(response) -> str:
    reader = PdfReader(
        io.BytesIO(b"".join(response) if response.streaming else response.content)
    )
    return "\n".join(p.extract_text() for p in reader.pages)


def _users(certificate, trainer):
    permissions_grant()
    other_agency = AgencyFactory()
    return {
        "holder": certificate.staff.user,
        "coordinator of the holder's agency": coordinator_for(certificate.staff.agency),
        "trainer of the session": trainer,
        "administrator": UserFactory(is_superuser=True, is_staff=True),
        "colleague in the same agency": staff_with_login(
            agency=certificate.staff.agency
        ).user,
        "coordinator of another agency": coordinator_for(other_agency),
        "another trainer": UserFactory(groups=["Trainers"]),
        "a board chair": UserFactory(groups=["Board chairs"]),
    }


ALLOWED = {
    "holder",
    "coordinator of the holder's agency",
    "trainer of the session",
    "administrator",
}


def test_the_pdf_is_for_holder_coordinator_trainers_and_administrators_only(
    client, issued, trainer
):
    certificate, _ = issued
    url = reverse("courses:certificate_pdf", args=[certificate.number])
    for role, user in _users(certificate, trainer).items():
        client.force_login(user)
        response = client.get(url)
        if role in ALLOWED:
            assert response.status_code == 200, role
            assert response["Content-Type"] == "application/pdf"
            assert certificate.holder_name in _pdf_text(response)
        else:
            assert response.status_code == 404, (
                role
            )  # not 403: the number is not confirmed


def test_an_unknown_number_is_a_404_even_for_an_administrator(client):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/certificates/WMSAP-2026-999999.pdf").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_whether_or_not_the_number_exists(
    client, issued
):
    certificate, _ = issued
    for number in [certificate.number, "WMSAP-2026-999999"]:
        response = client.get(f"/certificates/{number}.pdf")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_archival_variant_is_served_on_request(client, issued):
    certificate, _ = issued
    client.force_login(certificate.staff.user)
    response = client.get(certificate.get_absolute_url() + "?variant=archival")
    reader = PdfReader(io.BytesIO(response.content))
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_my_training_lists_the_holders_certificates_with_their_links(client, issued):
    certificate, _ = issued
    client.force_login(certificate.staff.user)
    page = client.get("/my-training/").content.decode()
    assert certificate.number in page
    assert f'href="{certificate.get_absolute_url()}"' in page
    other = Certificate.objects.exclude(pk=certificate.pk).get()
    assert other.number not in page


def test_trainers_download_the_whole_session_as_one_pdf(client, issued, trainer):
    certificate, session = issued
    url = reverse("courses:session_certificates", args=[session.pk])
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    for user in [certificate.staff.user, UserFactory(groups=["Trainers"])]:
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_verify_says_valid_and_shows_only_the_face(client, issued):
    certificate, _ = issued
    page = client.get(certificate.get_verify_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Valid" in html
    for shown in [
        certificate.holder_name,
        certificate.module_title,
        certificate.number,
    ]:
        assert shown in html
    staff = certificate.staff
    for hidden in [staff.email, certificate.agency_name]:
        assert hidden not in html


def test_verify_accepts_the_code_as_printed_with_dashes_and_lower_case(client, issued):
    certificate, _ = issued
    printed = certificate.verification_code_display.lower()
    assert client.get(f"/verify/{printed}/").status_code == 200
    response = client.get("/verify/", {"code": printed})
    assert response.status_code == 302
    assert response["Location"] == certificate.get_verify_url()


def test_the_verify_form_explains_a_malformed_code(client):
    html = client.get("/verify/", {"code": "ABC"}).content.decode()
    assert "There is a problem" in html
    assert "this has 3" in html


def test_a_revoked_certificate_verifies_as_revoked_with_its_date(
    client, issued, trainer
):
    certificate, session = issued
    when = session.end + datetime.timedelta(days=2)
    attendance_mark(
        booking=certificate.booking, attendance="partial", by=trainer, now=when
    )
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "Revoked" in html
    assert f"revoked on {timezone.localtime(when):%-d %B %Y}" in html


def test_an_expired_certificate_verifies_as_expired(client, issued):
    certificate, _ = issued
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "Expired" in html


def test_an_erased_holders_certificate_no_longer_verifies(client, issued):
    certificate, _ = issued
    name = certificate.holder_name
    staff_erase(
        staff_member=certificate.staff,
        erased_by=UserFactory(is_superuser=True),
        reason="Request",
    )
    html = client.get(certificate.get_verify_url()).content.decode()
    assert "can no longer be verified" in html
    assert name not in html
    certificate.refresh_from_db()
    assert name not in certificate.holder_name


def test_an_unknown_code_is_unknown_and_guessing_is_rate_limited(
    client, issued, settings
):
    certificate, _ = issued
    settings.VERIFY_MISS_LIMIT = 3
    for n in range(3):
        response = client.get(f"/verify/GUESS{n:011d}/")
        assert response.status_code == 404
        assert "We have no certificate with this code" in response.content.decode()
    # Having guessed too often, even a real code is refused for a while.
    assert client.get(certificate.get_verify_url()).status_code == 429
    assert (
        client.get(certificate.get_verify_url(), REMOTE_ADDR="10.9.9.9").status_code
        == 200
    )


def test_the_admin_listing_is_scoped_and_searchable(client, issued, trainer):
    certificate, _ = issued
    other_agency_cert = session_completed(trainer=trainer, marks=["attended"])[1][
        0
    ].certificates.get()
    permissions_grant()
    client.force_login(coordinator_for(certificate.staff.agency))
    url = reverse("courses_certificate:index")
    html = client.get(url).content.decode()
    assert certificate.number in html
    assert other_agency_cert.number not in html
    html = client.get(url, {"q": certificate.number}).content.decode()
    assert certificate.number in html
    # Opening another agency's certificate by its admin URL is a 404.
    inspect = reverse("courses_certificate:inspect", args=[other_agency_cert.pk])
    assert client.get(inspect).status_code == 404

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(url, {"q": other_agency_cert.holder_name}).content.decode()
    assert other_agency_cert.number in html


def test_an_administrator_revokes_in_the_admin_with_a_reason(client, issued):
    certificate, _ = issued
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("courses_certificate:edit", args=[certificate.pk])
    response = client.post(url, {"revoke": "on", "revoked_reason": ""})
    assert response.status_code == 200
    assert "Give the reason for revoking." in response.content.decode()
    client.post(url, {"revoke": "on", "revoked_reason": "Issued to the wrong person"})
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued to the wrong person"
    assert certificate.revoked_by == admin


def test_revoke_service_is_idempotent(issued, trainer):
    certificate, _ = issued
    first = certificate_revoke(
        certificate=certificate, reason="x", by=trainer
    ).revoked_at
    again = certificate_revoke(certificate=certificate, reason="y", by=trainer)
    assert again.revoked_at == first and again.revoked_reason == "x"


def test_the_certificates_report_counts_issued_withheld_and_revoked(client, trainer):
    from tests.factories import module_page

    withholding = module_page(title="Withholding module")
    withholding.requires_evaluation = True
    withholding.save()
    session_completed(
        trainer=trainer, module=withholding, marks=["attended", "attended"]
    )
    session, bookings = session_completed(
        trainer=trainer,
        module=module_page(title="Plain module"),
        marks=["attended"] * 3,
    )
    attendance_mark(
        booking=bookings[0],
        attendance="absent",
        by=trainer,
        now=session.end + datetime.timedelta(hours=2),
    )
    client.force_login(UserFactory(is_superuser=True))
    csv = client.get("/reports/certificates.csv").content.decode()
    assert "Plain module,3,0,1" in csv  # three issued, one since revoked
    assert "Withholding module,0,2,0" in csv
    assert "Total,3,2,1" in csv
