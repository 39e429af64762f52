"""Drawing certificates: one Django template, rendered to PDF by WeasyPrint.

Everything printed comes from the Certificate row (its copy of the face), never from the live
module or staff record. Nothing is fetched from the network: fonts are the system's (embedded
and subset in the PDF), the QR code is inline SVG.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Certificate

# PDF/A-2u: an archival PDF whose text maps to Unicode, so it stays searchable and selectable.
ARCHIVAL_VARIANT = "pdf/a-2u"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def verify_url(certificate: Certificate) -> str:
    """The address in the QR code: opens the certificate's verification page."""
    return _absolute(certificate.get_verify_url())


def qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(scale=3, border=0, dark="#0b0c0c")


def _weasy():
    # Imported on first use: WeasyPrint takes about half a second to import.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    return HTML, FontConfiguration, URLFetcher


def _render(html: str, *, archival: bool) -> bytes:
    HTML, FontConfiguration, URLFetcher = _weasy()
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, timeout=5)
    base_url = (settings.BASE_DIR / "static").as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    options = {"font_config": FontConfiguration()}
    if archival:
        options["pdf_variant"] = ARCHIVAL_VARIANT
    return document.write_pdf(**options)


def _face(certificate: Certificate) -> dict:
    url = verify_url(certificate)
    return {
        "certificate": certificate,
        # Printed: where to type the code in. Short enough for any host name to fit.
        "check_url": _absolute(reverse("courses:verify_form")),
        "qr": qr_svg(url),
        "status": certificate.status(),
    }


def certificates_html(certificates: list[Certificate], *, title: str) -> str:
    return render_to_string(
        "courses/certificates/certificate.html",
        {
            "title": title,
            "author": settings.WAGTAIL_SITE_NAME,
            "subject": _describe(certificates),
            "faces": [_face(c) for c in certificates],
            "partnership": settings.WAGTAIL_SITE_NAME,
            "generated": timezone.now(),
        },
    )


def _describe(certificates: list[Certificate]) -> str:
    if len(certificates) == 1:
        c = certificates[0]
        return _("Certificate of attendance: %(module)s, awarded to %(name)s") % {
            "module": c.module_title,
            "name": c.holder_name,
        }
    return _("%(n)d certificates of attendance") % {"n": len(certificates)}


def certificate_pdf(certificate: Certificate, *, archival: bool = False) -> bytes:
    """One certificate, one A4 landscape page."""
    title = _("Certificate %(number)s") % {"number": certificate.number}
    return _render(certificates_html([certificate], title=title), archival=archival)


def certificates_pdf(certificates: list[Certificate], *, title: str) -> bytes:
    """Several certificates in one document, a page each (a session's batch for trainers)."""
    return _render(certificates_html(certificates, title=title), archival=False)


def minimal_pdf() -> bytes:
    """A one-line document: the baseline the certificate benchmark is measured against."""
    return _render(
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>Hello</p></body></html>",
        archival=False,
    )
