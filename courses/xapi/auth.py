"""Who is sending: HTTP Basic with an xAPI client's key and secret, and a limit on failures.

The secret is 32 random bytes, so a plain SHA-256 of it is as safe to keep as a slow password
hash and costs nothing per request (a platform may send a statement a second). Failed
attempts are counted per client address, as certificate verification counts its misses;
past XAPI_AUTH_FAILURE_LIMIT in XAPI_AUTH_FAILURE_WINDOW_SECONDS the address gets 429 until
the window ends, right secret or not.
"""

import base64
import binascii
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache

from competencies.accounts.security import client_ip
from courses.models import XapiClient


def new_key() -> str:
    return secrets.token_hex(16)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _credentials(request) -> tuple[str, str] | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    key, colon, secret = decoded.partition(":")
    return (key, secret) if colon else None


def client_for(request) -> XapiClient | None:
    """The active client whose key and secret the request carries, or None."""
    credentials = _credentials(request)
    if credentials is None:
        return None
    key, secret = credentials
    client = XapiClient.objects.filter(key=key, active=True).first()
    # Compare a hash even for an unknown key, so timing does not tell keys that exist.
    expected = client.secret_hash if client else secret_hash(new_secret())
    if not hmac.compare_digest(expected, secret_hash(secret)):
        return None
    return client


def _failures_key(request) -> str:
    return f"xapi-auth-failures:{client_ip(request)}"


def locked_out(request) -> bool:
    return (cache.get(_failures_key(request)) or 0) >= settings.XAPI_AUTH_FAILURE_LIMIT


def count_failure(request) -> None:
    key, window = _failures_key(request), settings.XAPI_AUTH_FAILURE_WINDOW_SECONDS
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)
