"""Request-level security: the Content Security Policy by path, and the client address for axes.

The public site gets the strict policy of settings.CONTENT_SECURITY_POLICY (no inline script or
style at all). The Wagtail admin renders inline scripts and style attributes of its own, so
under ADMIN_PREFIX the few directives it needs are replaced; nothing else is loosened.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"

# What Wagtail's admin needs on top of the public policy: its inline <script> blocks (panels,
# date pickers), style attributes, image previews from blobs, and the page preview iframe.
ADMIN_POLICY_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}


class PathScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxations applied under /admin/ only.

    A view's own @csp_replace still wins (it is merged over ours).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
        return parts


def client_ip(request) -> str | None:
    """The client's address for lockouts.

    Without a proxy (TRUSTED_PROXY_COUNT=0) it is REMOTE_ADDR. Behind N trusted proxies it is
    the Nth entry from the right of X-Forwarded-For: entries further left are set by the client
    and cannot be trusted, so an attacker cannot dodge a lockout by inventing addresses.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= count:
        return forwarded[-count]
    return remote
