"""The certificate PDF itself: its text, metadata, archival variant and batch (pypdf)."""

import io

import pytest
from pypdf import PdfReader

from courses.certificates import certificate_pdf, certificates_pdf
from courses.models import Certificate
from tests.factories import (
    CompetencyFactory,
    module_page,
    session_completed,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(trainer):
    module = module_page(
        title="Making Safeguarding Personal",
        level=2,
        delivers=[
            (CompetencyFactory(code="SA1.1", title="Types and indicators of abuse"), 2),
            (CompetencyFactory(code="SA4.2", title="Working with other agencies"), 3),
        ],
    )
    person = staff_with_login(first_name="Zoë", last_name="Ångström-Łukasiewicz")
    session_completed(trainer=trainer, module=module, staff=[person])
    return Certificate.objects.get()


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_one_a4_landscape_page_with_the_face_as_selectable_text(
    certificate, settings
):
    # The widest code and a long production address still fit on one line of the page.
    settings.SITE_URL = "https://safeguarding-training.westmidlands.org.uk"
    certificate.verification_code = "WWWWMMMMWWWWMMMM"
    reader, text = _text(certificate_pdf(certificate))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    for expected in [
        "Zoë Ångström-Łukasiewicz",
        certificate.agency_name,
        "Making Safeguarding Personal",
        "Level 2",
        "SA1.1",
        "Types and indicators of abuse",
        "SA4.2",
        "Working with other agencies",
        "3.5 learning hours",
        certificate.number,
        certificate.verification_code_display,
        certificate.expires_on.strftime("%-d %B %Y"),
        "Check it at " + settings.SITE_URL + "/verify/",
    ]:
        assert expected in text, expected


def test_metadata_and_embedded_fonts(certificate):
    reader, _ = _text(certificate_pdf(certificate))
    meta = reader.metadata
    assert meta.title == f"Certificate {certificate.number}"
    assert meta.author == "West Midlands Safeguarding Adults Partnership"
    assert "Making Safeguarding Personal" in meta.subject
    assert "Zoë Ångström-Łukasiewicz" in meta.subject
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded


def test_the_archival_variant_is_pdf_a_2a(certificate):
    """PDF/A-2a: archival, and "a" (accessible): tagged, text mapped to Unicode."""
    pdf = certificate_pdf(certificate, archival=True)
    reader, text = _text(pdf)
    assert certificate.number in text
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert "Making Safeguarding Personal" in xmp  # dc:description, the subject
    assert reader.metadata.title == f"Certificate {certificate.number}"


def test_a_revoked_certificate_says_so_on_its_face(certificate, trainer):
    from courses.services import certificate_revoke

    certificate_revoke(certificate=certificate, reason="Issued in error", by=trainer)
    _, text = _text(certificate_pdf(certificate))
    assert "Revoked on" in text


def test_a_batch_has_one_page_per_certificate(trainer):
    session_completed(trainer=trainer, marks=["attended"] * 3)
    certificates = list(Certificate.objects.order_by("number"))
    reader, text = _text(certificates_pdf(certificates, title="Batch"))
    assert len(reader.pages) == 3
    for page, certificate in zip(reader.pages, certificates, strict=True):
        page_text = page.extract_text()
        assert certificate.number in page_text
        assert certificate.holder_name in page_text


def test_the_qr_code_encodes_the_verification_address(certificate):
    from courses.certificates import certificates_html, qr_svg, verify_url

    html = certificates_html([certificate], title="t")
    url = verify_url(certificate)
    assert url.endswith(f"/verify/{certificate.verification_code}/")
    drawing = qr_svg(url).split("</title>")[1]  # the code itself, after its title
    assert drawing in html
    # Its text alternative says what it is and where it goes.
    assert f"<title>QR code: opens this certificate's verification page, {url}" in html
