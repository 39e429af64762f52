"""The one way this site reads another issuer over the network: a short GET of a did:web
document or a status list. Only http(s), a size cap and CREDENTIAL_FETCH_TIMEOUT; and only ever
for an issuer we trust (courses.credentials.verify), never for whatever a visitor pastes.
"""

import urllib.error
import urllib.request

from django.conf import settings

MAX_BYTES = 1024 * 1024


class FetchError(Exception):
    """The document could not be read."""


def fetch_text(url: str) -> str:
    """GET `url`; the body as text. Raises FetchError on any failure."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(url)
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"Accept": "application/did+json, application/vc+jwt, */*"}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.CREDENTIAL_FETCH_TIMEOUT
        ) as response:
            body = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(url) from exc
    if len(body) > MAX_BYTES:
        raise FetchError(url)
    return body.decode("utf-8", errors="replace")
