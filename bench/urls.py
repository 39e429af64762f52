"""The site's URLs plus /bench/trivial/ (the throughput yardstick) and /bench/layout/,
reachable only with the bench settings."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.generic import TemplateView

from config.urls import urlpatterns as site_urlpatterns


def trivial(request):
    """The least a Django view can do: the same middleware, no database, a tiny body."""
    return HttpResponse(b"ok", content_type="text/plain")


# The site's layout and nothing else, signed in: how much of a page is the shared frame
# (header, navigation, context processors, session and user lookups).
layout = login_required(TemplateView.as_view(template_name="base.html"))

urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/layout/", layout),
    *site_urlpatterns,
]
