"""Certificate downloads and the public verification page.

A certificate a user may not open does not exist for them (404), so a number cannot be
confirmed by trying it. Verification is public but shows only what the certificate's face
shows, and unknown codes are rate-limited per client address.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from competencies.accounts.security import client_ip
from courses import policy, selectors
from courses.certificates import certificate_pdf, certificates_pdf
from courses.models import Certificate
from courses.services.certificates import CODE_LENGTH, normalise_code


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class CertificatePdfView(LoginRequiredMixin, View):
    """/certificates/<number>.pdf; ?variant=archival gives the PDF/A-2a file (archival, tagged)."""

    def get(self, request, number):
        if "\x00" in number:  # PostgreSQL text cannot hold NUL: no such certificate
            raise Http404
        certificate = (
            policy.certificates_visible_to(request.user)
            .filter(number=number)
            .select_related("staff")
            .first()
        )
        if certificate is None:
            raise Http404
        archival = request.GET.get("variant") == "archival"
        return _pdf_response(
            certificate_pdf(certificate, archival=archival), f"{certificate.number}.pdf"
        )


class SessionCertificatesView(LoginRequiredMixin, View):
    """All of a session's current certificates as one PDF, for its trainers."""

    def get(self, request, pk):
        session = get_object_or_404(
            policy.sessions_run_by(request.user).select_related("module"), pk=pk
        )
        certificates = list(selectors.certificates_for_session(session=session))
        if not certificates:
            raise Http404
        title = _("Certificates: %(session)s") % {"session": session}
        return _pdf_response(
            certificates_pdf(certificates, title=title),
            f"certificates-session-{session.pk}.pdf",
        )


def _too_many_misses(request) -> bool:
    key = f"verify-misses:{client_ip(request)}"
    return (cache.get(key) or 0) >= settings.VERIFY_MISS_LIMIT


def _count_miss(request) -> None:
    key = f"verify-misses:{client_ip(request)}"
    if not cache.add(key, 1, settings.VERIFY_MISS_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, settings.VERIFY_MISS_WINDOW_SECONDS)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        help_text=gettext_lazy(
            "The 16 letters and numbers beside the QR code, for example ABCD-EFGH-JKMN-PQRS."
        ),
        max_length=40,
        error_messages={
            "required": gettext_lazy(
                "Enter the verification code from the certificate."
            ),
            "max_length": gettext_lazy(
                "A verification code has 16 letters and numbers."
            ),
        },
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("A verification code has 16 letters and numbers; this has %(n)d.")
                % {"n": len(code)}
            )
        return code


class VerifyFormView(View):
    """/verify/: type in the code printed on a certificate."""

    def get(self, request):
        form = VerifyForm(request.GET) if "code" in request.GET else VerifyForm()
        if form.is_bound and form.is_valid():
            return redirect("courses:verify", code=form.cleaned_data["code"])
        return render(request, "courses/certificates/verify_form.html", {"form": form})


class VerifyView(View):
    """/verify/<code>/: valid, expired, revoked (with date), no longer verifiable, or unknown."""

    template_name = "courses/certificates/verify.html"

    def get(self, request, code):
        if _too_many_misses(request):
            return render(
                request,
                "courses/certificates/verify_limited.html",
                {"minutes": settings.VERIFY_MISS_WINDOW_SECONDS // 60},
                status=429,
            )
        certificate = Certificate.objects.filter(
            verification_code=normalise_code(code)
        ).first()
        if certificate is None:
            _count_miss(request)
            return render(
                request, self.template_name, {"status": "unknown"}, status=404
            )
        return render(
            request,
            self.template_name,
            {"certificate": certificate, "status": certificate.status()},
        )
