"""The signing key, the partnership's did:web identifier and its DID document.

The private key comes from `CREDENTIAL_SIGNING_KEY` (a PEM) or `CREDENTIAL_SIGNING_KEY_FILE`
(a path outside the repository). Retired keys are public PEM files named `<key id>.pem` in
`CREDENTIAL_RETIRED_KEYS_DIR`: did.json keeps listing them, so what they signed still verifies.
Without a signing key no credential is issued or served (`signing_key()` returns None).
"""

import functools
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from jwcrypto import jwk

DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"]


def did_for_url(url: str) -> str:
    """did:web for a site address: the host, a port encoded as %3A, a path as colons."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}%3A{parts.port}"
    path = [quote(p, safe="") for p in parts.path.strip("/").split("/") if p]
    return ":".join(["did", "web", host, *path])


def did_document_url(did: str) -> str | None:
    """Where a did:web document lives; None for anything that is not a did:web.

    did:web means HTTPS; a local development or test host (localhost, 127.0.0.1) is read over
    plain HTTP, since that is the only way such a host serves.
    """
    if not did.startswith("did:web:"):
        return None
    segments = did[len("did:web:") :].split(":")
    host = segments[0].replace("%3A", ":").replace("%3a", ":")
    if not host or "/" in host or "@" in host:
        return None
    path = "/".join(segments[1:])
    hostname = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    scheme = "http" if hostname in {"localhost", "127.0.0.1"} else "https"
    suffix = f"/{path}/did.json" if path else "/.well-known/did.json"
    return f"{scheme}://{host}{suffix}"


def issuer_did() -> str:
    return did_for_url(settings.SITE_URL)


def key_id() -> str:
    """The verification method of the current key, e.g. did:web:training.example.org#key-1."""
    return f"{issuer_did()}#{settings.CREDENTIAL_KEY_ID}"


@functools.cache
def _load_private(pem: str, path: str) -> jwk.JWK | None:
    if not pem and path:
        try:
            pem = Path(path).read_text(encoding="utf-8")
        except OSError:
            return None
    if not pem:
        return None
    try:
        key = jwk.JWK.from_pem(pem.encode())
    except (ValueError, TypeError):
        return None
    if key.get("kty") != "OKP" or key.get("crv") != "Ed25519" or not key.has_private:
        return None
    return key


def signing_key() -> jwk.JWK | None:
    """The Ed25519 private key, or None when none is configured (or it is not Ed25519)."""
    return _load_private(
        settings.CREDENTIAL_SIGNING_KEY, str(settings.CREDENTIAL_SIGNING_KEY_FILE or "")
    )


def retired_keys() -> dict[str, jwk.JWK]:
    """{key id fragment: public key} from CREDENTIAL_RETIRED_KEYS_DIR, in name order."""
    folder = settings.CREDENTIAL_RETIRED_KEYS_DIR
    found = {}
    if not folder or not Path(folder).is_dir():
        return found
    for pem in sorted(Path(folder).glob("*.pem")):
        try:
            key = jwk.JWK.from_pem(pem.read_bytes())
        except (ValueError, TypeError):
            continue
        if key.get("kty") == "OKP" and pem.stem != settings.CREDENTIAL_KEY_ID:
            found[pem.stem] = key
    return found


def _public_jwk(key: jwk.JWK) -> dict:
    public = key.export_public(as_dict=True)
    return {name: public[name] for name in ("kty", "crv", "x")}


def did_document() -> dict:
    """The DID document: the current public key and every retired one, for assertions."""
    did = issuer_did()
    keys = {}
    current = signing_key()
    if current is not None:
        keys[settings.CREDENTIAL_KEY_ID] = current
    keys.update(retired_keys())
    methods = [
        {
            "id": f"{did}#{fragment}",
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": _public_jwk(key),
        }
        for fragment, key in keys.items()
    ]
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
