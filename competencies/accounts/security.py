"""Request-level security: the Content Security Policy by path, and the client address and
username for axes.

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


AXES_USERNAME_LENGTH = 255  # axes.models.AccessAttempt.username


def axes_username(request, credentials=None) -> str | None:
    """The username axes records for a failed sign-in, as axes would take it, but cut to what
    its tables hold: PostgreSQL refused a longer one with an error, a 500 on the login page.
    NUL characters, which PostgreSQL cannot store in text, are dropped. No real username is
    that long (150 characters at most), so nobody shares a lockout by the cut.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:AXES_USERNAME_LENGTH]
