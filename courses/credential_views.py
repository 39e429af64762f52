"""The certificate as an Open Badges 3.0 credential: its JWT and JSON downloads, the DID
document that publishes our keys, and the status lists that say which are revoked.

Downloads follow the PDF's rule (courses.policy.certificates_visible_to: what a user may not
open does not exist for them, 404) and no credential exists for an erased holder. Without a
signing key nothing is signed: the downloads and status lists are 404, did.json lists only
retired keys; no request fails.
"""

import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.views import View

from courses import policy, selectors
from courses.credentials import status
from courses.credentials.keys import did_document, signing_key
from courses.credentials.payload import credential_payload, status_list_payload
from courses.credentials.signing import MEDIA_TYPE, NoSigningKey, sign


def _holder_certificate(request, number):
    if "\x00" in number:
        raise Http404
    certificate = (
        policy.certificates_visible_to(request.user)
        .filter(number=number)
        .select_related("staff", "booking__session__module")
        .first()
    )
    if certificate is None or not policy.credential_servable(certificate):
        raise Http404
    return certificate


class CredentialJwtView(LoginRequiredMixin, View):
    """/certificates/<number>.jwt: the signed credential, for the holder's wallet."""

    def get(self, request, number):
        certificate = _holder_certificate(request, number)
        try:
            token = sign(credential_payload(certificate))
        except NoSigningKey:
            raise Http404 from None
        response = HttpResponse(token, content_type=MEDIA_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="{certificate.number}.jwt"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class CredentialJsonView(LoginRequiredMixin, View):
    """/certificates/<number>.json: what the credential says, readable."""

    def get(self, request, number):
        certificate = _holder_certificate(request, number)
        if signing_key() is None:
            raise Http404
        response = JsonResponse(
            credential_payload(certificate),
            json_dumps_params={"indent": 2, "ensure_ascii": False},
        )
        response["Cache-Control"] = "private, no-store"
        return response


class DidDocumentView(View):
    """/.well-known/did.json: our did:web document, current and retired public keys."""

    def get(self, request):
        response = HttpResponse(
            json.dumps(did_document(), indent=2), content_type="application/did+json"
        )
        response["Cache-Control"] = "public, max-age=300"
        response["Access-Control-Allow-Origin"] = "*"
        return response


class StatusListView(View):
    """/credentials/status/<list>/: the signed BitstringStatusListCredential, drawn now."""

    def get(self, request, list_number):
        if not selectors.credential_status_list_exists(list_number=list_number):
            raise Http404
        encoded = status.encode_bits(
            selectors.credential_withdrawn_indexes(list_number=list_number)
        )
        try:
            token = sign(status_list_payload(list_number=list_number, encoded=encoded))
        except NoSigningKey:
            raise Http404 from None
        response = HttpResponse(token, content_type=MEDIA_TYPE)
        # Short: a revocation must show within a minute.
        response["Cache-Control"] = "public, max-age=60"
        response["Access-Control-Allow-Origin"] = "*"
        return response
