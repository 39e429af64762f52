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
from courses.credentials.verify import credential_check, credential_summary
from courses.models import Certificate
from courses.services.certificates import CODE_LENGTH, normalise_code
from courses.services.credentials import trusted_issuer_dids


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


MAX_CREDENTIAL_BYTES = 64 * 1024


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


def _limited(request):
    return render(
        request,
        "courses/certificates/verify_limited.html",
        {"minutes": settings.VERIFY_MISS_WINDOW_SECONDS // 60},
        status=429,
    )


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


class CredentialForm(forms.Form):
    credential = forms.CharField(
        label=gettext_lazy("Paste the credential"),
        help_text=gettext_lazy(
            "An Open Badges credential as a JWT: three parts separated by full stops."
        ),
        widget=forms.Textarea,
        required=False,
        max_length=MAX_CREDENTIAL_BYTES,
        error_messages={
            "max_length": gettext_lazy("That is too long to be a credential.")
        },
    )
    credential_file = forms.FileField(
        label=gettext_lazy("Or upload the credential file"),
        help_text=gettext_lazy("The .jwt file you downloaded."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("credential") or "").strip()
        upload = cleaned.get("credential_file")
        if upload and not text:
            if upload.size > MAX_CREDENTIAL_BYTES:
                self.add_error(
                    "credential_file", _("That file is too big to be a credential.")
                )
                return cleaned
            text = upload.read().decode("utf-8", errors="replace").strip()
        if not text and not self.errors:
            self.add_error(
                "credential", _("Paste a credential, or choose its file to upload.")
            )
        cleaned["token"] = text
        return cleaned


class VerifyFormView(View):
    """/verify/: type in the code printed on a certificate (GET), or paste or upload an Open
    Badges credential (POST), checked by courses.credentials.verify."""

    template_name = "courses/certificates/verify_form.html"

    def get(self, request):
        form = VerifyForm(request.GET) if "code" in request.GET else VerifyForm()
        if form.is_bound and form.is_valid():
            return redirect("courses:verify", code=form.cleaned_data["code"])
        return render(
            request,
            self.template_name,
            {"form": form, "credential_form": CredentialForm()},
        )

    def post(self, request):
        if _too_many_misses(request):
            return _limited(request)
        credential_form = CredentialForm(request.POST, request.FILES)
        if not credential_form.is_valid():
            return render(
                request,
                self.template_name,
                {
                    "form": credential_form,
                    "code_form": VerifyForm(),
                    "credential_form": credential_form,
                },
                status=400,
            )
        # Only our own credentials and trusted issuers' are checked against their DID
        # document: a public page fetches nothing a visitor names.
        outcome = credential_check(
            token=credential_form.cleaned_data["token"],
            trusted_dids=trusted_issuer_dids(),
        )
        if not outcome.verified:
            # Tampered or unknown: counted like an unknown code, so the page cannot be used
            # to try forgeries (or make us read trusted issuers' documents) without limit.
            _count_miss(request)
        return render(
            request,
            "courses/certificates/verify_credential.html",
            {
                "outcome": outcome,
                "summary": credential_summary(outcome.credential)
                if outcome.verified
                else None,
            },
        )


class VerifyView(View):
    """/verify/<code>/: valid, expired, revoked (with date), no longer verifiable, or unknown."""

    template_name = "courses/certificates/verify.html"

    def get(self, request, code):
        if _too_many_misses(request):
            return _limited(request)
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
