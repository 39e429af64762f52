"""At most ACCOUNT_EMAIL_LIMIT account emails to one address per ACCOUNT_EMAIL_WINDOW_SECONDS.

Registration, password reset and invitation all send to an address someone typed or chose;
without a limit they could flood a mailbox. Over the limit nothing is sent and the person sees
the page they would have seen, so the limit says nothing about the address either.

The count and its window's end are kept together in the default cache: the database cache's
incr() resets the expiry to the default timeout, which would shorten the window.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def _key(address: str) -> str:
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return f"account-emails:{digest}"


def email_allowed(address: str) -> bool:
    """Count one email to `address`; False, counting nothing, once the limit is reached."""
    key, now = _key(address), time.time()
    ends, sent = cache.get(key) or (0, 0)
    if ends <= now:
        ends, sent = now + settings.ACCOUNT_EMAIL_WINDOW_SECONDS, 0
    if sent >= settings.ACCOUNT_EMAIL_LIMIT:
        return False
    cache.set(key, (ends, sent + 1), timeout=max(1, int(ends - now) + 1))
    return True
