"""Checking a credential someone presents: ours, or a trusted issuer's (courses.credentials).

The outcome is one of valid, expired, revoked, unverifiable (ours, holder's data erased),
tampered (the signature, the key or the issuer does not match), unknown_issuer (not us and
not on the trusted list, or its DID document cannot be read) and unchecked (its status list
cannot be read). Only what a credential that verifies states is passed on; nothing of a
tampered one is.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.credentials import status as status_list
from courses.credentials.fetch import FetchError, fetch_text
from courses.credentials.keys import did_document, did_document_url, issuer_did
from courses.credentials.signing import ALG, unverified_header, verified_payload

VALID, EXPIRED, REVOKED = "valid", "expired", "revoked"
UNVERIFIABLE, TAMPERED, UNKNOWN_ISSUER, UNCHECKED = (
    "unverifiable",
    "tampered",
    "unknown_issuer",
    "unchecked",
)
DID_CACHE_SECONDS = 300
# A clock a few minutes fast at the issuer is not a forgery.
CLOCK_SKEW = datetime.timedelta(minutes=5)

REASONS = {
    "not_jwt": _("It is not a signed credential (a JWT of three parts)."),
    "no_did": _("It does not name its issuer's key as a did:web."),
    "not_trusted": _("Its issuer is neither this partnership nor on the trusted list."),
    "no_document": _("Its issuer's DID document could not be read."),
    "no_key": _("It was signed with a key its issuer does not publish."),
    "bad_signature": _("Its signature does not match its contents."),
    "wrong_issuer": _("It names a different issuer from the key that signed it."),
    "not_yet": _("It is dated in the future."),
    "no_date": _("It does not say when it was issued (validFrom)."),
    "status_unread": _("Its status list could not be read or did not verify."),
}


@dataclass
class Outcome:
    status: str
    reason: str = ""
    issuer: str = ""
    credential: dict = field(default_factory=dict)

    @property
    def verified(self) -> bool:
        return self.status in {VALID, EXPIRED, REVOKED}


def _parse_time(value) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def resolve_did(did: str) -> dict:
    """The DID document: ours from settings, anyone else's over HTTP. Raises FetchError."""
    if did == issuer_did():
        return did_document()
    url = did_document_url(did)
    if url is None:
        raise FetchError(did)
    # Kept a few minutes, shared by every process: checking many credentials of one issuer
    # (or a visitor posting the same one again and again) reads its document once.
    key = "credentials:did:" + hashlib.sha256(did.encode()).hexdigest()
    cached = cache.get(key)
    if isinstance(cached, dict):
        return cached
    try:
        document = json.loads(fetch_text(url))
    except ValueError as exc:
        raise FetchError(url) from exc
    if not isinstance(document, dict) or document.get("id") != did:
        raise FetchError(url)
    cache.set(key, document, DID_CACHE_SECONDS)
    return document


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


def _method(document: dict, kid) -> dict | None:
    """The verification method `kid` if the document lists it for assertions."""
    did = document.get("id")
    if not isinstance(did, str) or not isinstance(kid, str):
        return None

    def absolute(ref) -> str:
        ref = ref.get("id") if isinstance(ref, dict) else ref
        if not isinstance(ref, str):
            return ""
        return did + ref if ref.startswith("#") else ref

    assertion = {absolute(m) for m in _as_list(document.get("assertionMethod"))}
    for method in _as_list(document.get("verificationMethod")):
        if (
            isinstance(method, dict)
            and absolute(method) == kid
            and kid in assertion
            and isinstance(method.get("publicKeyJwk"), dict)
        ):
            return method
    return None


def _issuer_id(credential: dict) -> str:
    issuer = credential.get("issuer")
    return issuer.get("id", "") if isinstance(issuer, dict) else str(issuer or "")


def _own_status_token(url: str) -> str | None:
    """Our own status list, drawn here rather than fetched from ourselves."""
    from courses import selectors
    from courses.credentials.payload import status_list_payload, status_list_url
    from courses.credentials.signing import sign

    prefix = settings.SITE_URL.rstrip("/") + "/credentials/status/"
    number = url[len(prefix) :].strip("/") if url.startswith(prefix) else ""
    if (
        not number.isdigit()
        or int(number) > 2**31
        or status_list_url(int(number)) != url
    ):
        return None
    indexes = selectors.credential_withdrawn_indexes(list_number=int(number))
    return sign(
        status_list_payload(
            list_number=int(number), encoded=status_list.encode_bits(indexes)
        )
    )


def _revoked(entry: dict, *, did: str, document: dict) -> bool:
    """Whether the entry's bit is set. Raises ValueError when the list cannot be checked."""
    url = entry.get("statusListCredential")
    try:
        index = int(entry.get("statusListIndex"))
    except (TypeError, ValueError) as exc:
        raise ValueError("no index") from exc
    if not isinstance(url, str):
        raise ValueError("no list")
    if did == issuer_did():
        # Ours is drawn here; a list elsewhere is not ours, whatever the entry says.
        token = _own_status_token(url)
        if token is None:
            raise ValueError("not our list")
    else:
        try:
            token = fetch_text(url).strip()
        except FetchError as exc:
            raise ValueError("list unread") from exc
    header = unverified_header(token)
    method = _method(document, header.get("kid", ""))
    payload = verified_payload(token, method["publicKeyJwk"]) if method else None
    if payload is None or _issuer_id(payload) != did:
        raise ValueError("list does not verify")
    subject = payload.get("credentialSubject")
    if not isinstance(subject, dict):
        raise ValueError("no list")
    if subject.get("statusPurpose") != entry.get("statusPurpose", "revocation"):
        raise ValueError("wrong purpose")
    encoded = subject.get("encodedList")
    if not isinstance(encoded, str):
        raise ValueError("no list")
    return status_list.bit_is_set(encoded, index)


def _status_entries(credential: dict) -> list[dict]:
    entries = credential.get("credentialStatus") or []
    entries = entries if isinstance(entries, list) else [entries]
    return [
        e
        for e in entries
        if isinstance(e, dict)
        and e.get("type") == "BitstringStatusListEntry"
        and e.get("statusPurpose", "revocation") == "revocation"
    ]


def _erased_here(entry: dict) -> bool:
    from courses.models import Certificate

    try:
        slot = int(entry.get("statusListIndex"))
        number = int(
            str(entry.get("statusListCredential", "")).rstrip("/").split("/")[-1]
        )
    except (TypeError, ValueError):
        return False
    return Certificate.objects.filter(
        status_list=number, status_index=slot, erased_at__isnull=False
    ).exists()


def credential_check(
    *, token: str, trusted_dids=(), now: datetime.datetime | None = None
) -> Outcome:
    """Verify a presented vc+jwt: its signature against its issuer's DID document (ours, or
    one of `trusted_dids`, read over HTTP), its dates and its status list."""
    now = now or timezone.now()
    token = "".join((token or "").split())
    try:
        header = unverified_header(token)
    except ValueError:
        return Outcome(TAMPERED, REASONS["not_jwt"])
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid.startswith("did:web:") or "#" not in kid:
        return Outcome(UNKNOWN_ISSUER, REASONS["no_did"])
    did = kid.split("#", 1)[0]
    if did != issuer_did() and did not in set(trusted_dids):
        return Outcome(UNKNOWN_ISSUER, REASONS["not_trusted"], issuer=did)
    try:
        document = resolve_did(did)
    except FetchError:
        return Outcome(UNKNOWN_ISSUER, REASONS["no_document"], issuer=did)
    method = _method(document, kid)
    if method is None:
        return Outcome(TAMPERED, REASONS["no_key"], issuer=did)
    if header.get("alg") != ALG:
        return Outcome(TAMPERED, REASONS["bad_signature"], issuer=did)
    credential = verified_payload(token, method["publicKeyJwk"])
    if credential is None:
        return Outcome(TAMPERED, REASONS["bad_signature"], issuer=did)
    if _issuer_id(credential) != did:
        return Outcome(TAMPERED, REASONS["wrong_issuer"], issuer=did)
    valid_from = _parse_time(credential.get("validFrom"))
    if valid_from is None:
        return Outcome(TAMPERED, REASONS["no_date"], issuer=did)
    if valid_from > now + CLOCK_SKEW:
        return Outcome(TAMPERED, REASONS["not_yet"], issuer=did)
    for entry in _status_entries(credential):
        if did == issuer_did() and _erased_here(entry):
            return Outcome(UNVERIFIABLE, issuer=did)
        try:
            if _revoked(entry, did=did, document=document):
                return Outcome(REVOKED, issuer=did, credential=credential)
        except ValueError:
            return Outcome(UNCHECKED, REASONS["status_unread"], issuer=did)
    valid_until = _parse_time(credential.get("validUntil"))
    if valid_until is not None and valid_until < now:
        return Outcome(EXPIRED, issuer=did, credential=credential)
    return Outcome(VALID, issuer=did, credential=credential)


def credential_summary(credential: dict) -> dict:
    """What a verified credential states, for the page: issuer, holder, achievement, dates
    and the competencies it aligns to."""
    issuer = credential.get("issuer")
    subject = credential.get("credentialSubject") or {}
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement") or {}
    achievement = achievement if isinstance(achievement, dict) else {}
    alignments = achievement.get("alignment") or []
    return {
        "issuer_name": issuer.get("name", "") if isinstance(issuer, dict) else "",
        "issuer_id": _issuer_id(credential),
        "holder_name": str(subject.get("name", "")),
        "achievement_name": str(achievement.get("name", "")),
        "level": achievement.get("level", ""),
        "valid_from": _parse_time(credential.get("validFrom")),
        "valid_until": _parse_time(credential.get("validUntil")),
        "alignments": [
            {"code": str(a.get("targetCode", "")), "name": str(a.get("targetName", ""))}
            for a in alignments
            if isinstance(a, dict)
        ],
    }
