"""The site's URLs plus a second partnership ("partner B") served by the same live server
under /partner-b/: its did:web document and status list, so a test can resolve another
issuer over real HTTP (did:web:localhost%3A<port>:partner-b)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

PARTNER = {}  # "did.json": dict, "status": str (a vc+jwt), set by the test


def did_json(request):
    if "did.json" not in PARTNER:
        raise Http404
    return JsonResponse(PARTNER["did.json"])


def status_list(request):
    if "status" not in PARTNER:
        raise Http404
    return HttpResponse(PARTNER["status"], content_type="application/vc+jwt")


urlpatterns = [
    path("partner-b/did.json", did_json),
    path("partner-b/status/1/", status_list),
    *site_urlpatterns,
]
