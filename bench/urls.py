"""The site's URLs plus /bench/trivial/, the throughput yardstick (bench settings only)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def trivial(request):
    """The least a Django view can do: the same middleware, no database, a tiny body."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site_urlpatterns]
