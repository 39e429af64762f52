"""Refuse an import upload larger than IMPORT_MAX_BYTES before its body is read.

Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: a 300 MB upload would be
streamed to a temporary file before any view could look at it, and the CSRF check reads the
body first. So this runs before CsrfViewMiddleware, on the views that take an import file
(`accepts_import_file`), from the Content-Length the client declares; Django never reads
more than that. The form checks the file's own size again.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse

# The form's other fields and the multipart boundaries around the file.
FORM_ALLOWANCE = 64 * 1024


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ImportUploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if not getattr(view_class, "accepts_import_file", False):
            return None
        if _declared_length(request) <= settings.IMPORT_MAX_BYTES + FORM_ALLOWANCE:
            return None
        return TemplateResponse(
            request,
            "competencies/admin/import_too_large.html",
            {"max": filesizeformat(settings.IMPORT_MAX_BYTES)},
            status=413,
        )
