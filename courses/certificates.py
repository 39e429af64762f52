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
from courses.pdf import html_to_pdf


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def verify_url(certificate: Certificate) -> str:
    """The address in the QR code: opens the certificate's verification page."""
    return _absolute(certificate.get_verify_url())


def qr_svg(url: str, *, title: str = "") -> str:
    """The QR code of `url` as inline SVG; its `<title>` is its text alternative (the PDF's
    /Alt, a screen reader's name for it), by default the address it opens."""
    import segno

    return segno.make(url, error="m").svg_inline(
        scale=3, border=0, dark="#0b0c0c", title=title or url
    )


def _face(certificate: Certificate) -> dict:
    url = verify_url(certificate)
    return {
        "certificate": certificate,
        # Printed: where to type the code in. Short enough for any host name to fit.
        "check_url": _absolute(reverse("courses:verify_form")),
        "qr": qr_svg(
            url,
            title=_("QR code: opens this certificate's verification page, %(url)s")
            % {"url": url},
        ),
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
    return html_to_pdf(certificates_html([certificate], title=title), archival=archival)


def certificates_pdf(certificates: list[Certificate], *, title: str) -> bytes:
    """Several certificates in one document, a page each (a session's batch for trainers)."""
    return html_to_pdf(certificates_html(certificates, title=title), archival=False)


def minimal_pdf() -> bytes:
    """A one-line document: the baseline the certificate benchmark is measured against
    (tagged like every PDF, so the ratio is the certificate's own cost)."""
    return html_to_pdf(
        '<!DOCTYPE html><html lang="en-GB"><head><title>x</title></head>'
        "<body><p>Hello</p></body></html>",
        archival=False,
    )
