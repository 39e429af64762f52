"""Every kind of PDF we send is tagged for screen readers (issue 20: "Tagged: no" on all 54).

For a certificate, the archival certificate, a batch, a board report PDF, the board paper and
a sign-in sheet: a structure tree (`/StructTreeRoot`), `/MarkInfo /Marked true`, the document
language (`/Lang` en-GB), the title shown as the window title, and alternative text on every
figure (the QR code, the charts). `pdfinfo` (poppler-utils) must say `Tagged: yes`.
"""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from courses.certificates import certificate_pdf, certificates_pdf
from courses.models import Certificate
from courses.services import booking_create
from tests.courses.test_certificates_pdf import certificate  # noqa: F401
from tests.courses.test_reports_activity import PERIOD, activity  # noqa: F401
from tests.factories import session_completed, staff_with_login

pytestmark = pytest.mark.django_db


def figures(node, found=None):
    """Every /Figure structure element under `node`, depth first."""
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            figures(child, found)
        return found
    if not hasattr(node, "get"):
        return found  # a marked-content id
    if node.get("/S") == "/Figure":
        found.append(node)
    if "/K" in node:
        figures(node["/K"], found)
    return found


def assert_tagged(pdf: bytes, *, figures_at_least=0) -> PdfReader:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "no structure tree"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title
    found = figures(root["/StructTreeRoot"]["/K"])
    assert len(found) >= figures_at_least
    for figure in found:
        assert str(figure.get("/Alt", "")).strip(), "a figure without alternative text"
    return reader


@pytest.fixture
def pdfinfo():
    path = shutil.which("pdfinfo")
    if not path:
        pytest.skip("pdfinfo is not installed (apt-get install poppler-utils)")

    def tagged(pdf: bytes) -> str:
        out = subprocess.run(
            [path, "-"], input=pdf, capture_output=True, check=True, timeout=30
        ).stdout.decode()
        return next(
            (
                line.split(":", 1)[1].strip()
                for line in out.splitlines()
                if line.startswith("Tagged:")
            ),
            "",
        )

    return tagged


def test_a_certificate_is_tagged_with_the_qr_codes_alternative(certificate, pdfinfo):  # noqa: F811
    pdf = certificate_pdf(certificate)
    reader = assert_tagged(pdf, figures_at_least=1)
    alts = [
        str(f["/Alt"])
        for f in figures(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    ]
    assert any(
        alt.startswith("QR code: opens this certificate's verification page")
        for alt in alts
    )
    assert pdfinfo(pdf) == "yes"


def test_the_archival_certificate_is_pdf_a_and_tagged(certificate, pdfinfo):  # noqa: F811
    pdf = certificate_pdf(certificate, archival=True)
    reader = assert_tagged(pdf, figures_at_least=1)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert pdfinfo(pdf) == "yes"


def test_a_batch_of_certificates_is_tagged(trainer, pdfinfo):
    session_completed(trainer=trainer, marks=["attended"] * 2)
    pdf = certificates_pdf(list(Certificate.objects.order_by("number")), title="Batch")
    assert_tagged(pdf, figures_at_least=2)
    assert pdfinfo(pdf) == "yes"


def test_a_report_pdf_and_the_board_paper_are_tagged_with_chart_alternatives(
    client,
    activity,  # noqa: F811
    pdfinfo,
):
    client.force_login(activity["chair"])
    for url in ("/reports/activity-by-month.pdf", "/reports/board-paper.pdf"):
        response = client.get(f"{url}?{PERIOD}")
        assert response.status_code == 200, url
        reader = assert_tagged(response.content, figures_at_least=1)
        alts = [
            str(f["/Alt"])
            for f in figures(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
        ]
        assert all(
            alt.endswith("The same figures are in the table below.") for alt in alts
        ), alts
        assert pdfinfo(response.content) == "yes", url


def test_a_sign_in_sheet_is_tagged(client, session, trainer, pdfinfo):
    staff = staff_with_login(first_name="Zoë", last_name="Ångström")
    booking_create(session=session, staff=staff, booked_by=staff.user)
    client.force_login(trainer)
    response = client.get(f"/sessions/{session.pk}/sign-in-sheet.pdf")
    reader = assert_tagged(response.content)
    assert reader.metadata.title.startswith("Sign-in sheet: " + session.module.title)
    assert pdfinfo(response.content) == "yes"
