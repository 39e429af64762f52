"""Every PDF we send is rendered here: one WeasyPrint call, tagged, never touching the network.

Certificates, board papers, report PDFs and sign-in sheets are read by screen readers and
archived, so every one is a tagged PDF (docs/standards.md, "Files we send out"):

- `ACCESSIBLE_VARIANT` (PDF/UA-1): a structure tree of the HTML (headings, paragraphs,
  lists, tables, figures), `/MarkInfo /Marked true`, the document language from
  `<html lang>`, the title from `<title>` shown as the window title; an image's alternative
  text is its `alt`, an inline SVG's its `<title>`.
- `ARCHIVAL_VARIANT` (PDF/A-2a): the archival certificate; "a" is PDF/A's accessible level,
  tagged as above, with text mapped to Unicode (searchable) and an output intent.

The template's <title> and <meta name="author|description|keywords"> become the document's
metadata. Static files resolve locally (file:), charts and QR codes are inline (data:).
"""

from django.conf import settings
from django.template.loader import render_to_string

ACCESSIBLE_VARIANT = "pdf/ua-1"
ARCHIVAL_VARIANT = "pdf/a-2a"


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """A tagged PDF of `html` (a whole document with `lang` and a `<title>`)."""
    # Imported on first use: WeasyPrint takes about half a second to import.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, timeout=5)
    base_url = (settings.BASE_DIR / "static").as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(
        font_config=FontConfiguration(),
        pdf_variant=ARCHIVAL_VARIANT if archival else ACCESSIBLE_VARIANT,
        pdf_tags=True,
    )


def render_pdf(template: str, context: dict, *, archival: bool = False) -> bytes:
    """A Django template rendered to a tagged PDF (`html_to_pdf`)."""
    return html_to_pdf(render_to_string(template, context), archival=archival)
