"""Render a Django template to PDF with WeasyPrint, never touching the network.

The template's <title> and <meta name="author|description|keywords"> become the document's
metadata.
"""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# file: for our static files, data: for inline charts and QR codes; nothing remote.
_FETCHER = URLFetcher(allowed_protocols={"file", "data"}, timeout=5)


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    base_url = (settings.BASE_DIR / "static").as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=_FETCHER).write_pdf()
