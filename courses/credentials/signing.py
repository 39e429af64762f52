"""Securing credentials as JWTs (VC-JOSE-COSE): the credential is the JWS payload, the header
says `alg` EdDSA, `typ` vc+jwt and the `kid` of the key in our DID document. jwcrypto does the
signing and checking; the tests check our tokens with a second library (joserfc).
"""

import json

from jwcrypto import jwk, jws

from courses.credentials.keys import key_id, signing_key

ALG = "EdDSA"
TYP = "vc+jwt"
MEDIA_TYPE = "application/vc+jwt"


class NoSigningKey(Exception):
    """No credential signing key is configured: nothing can be signed."""


def sign(payload: dict) -> str:
    """The compact JWS of `payload`, signed with the current key. Raises NoSigningKey."""
    key = signing_key()
    if key is None:
        raise NoSigningKey
    token = jws.JWS(json.dumps(payload, separators=(",", ":"), ensure_ascii=False))
    token.add_signature(
        key,
        alg=ALG,
        protected=json.dumps(
            {"alg": ALG, "typ": TYP, "kid": key_id()}, separators=(",", ":")
        ),
    )
    return token.serialize(compact=True)


def unverified_header(token: str) -> dict:
    """The protected header, read before the signature is checked; ValueError if malformed."""
    try:
        parsed = jws.JWS()
        parsed.deserialize(token)
        header = parsed.jose_header
    except Exception as exc:  # whatever jwcrypto raises on garbage: not a JWS
        raise ValueError("not a compact JWS") from exc
    if not isinstance(header, dict):
        raise ValueError("no header")
    return header


def verified_payload(token: str, public_jwk: dict) -> dict | None:
    """The payload if `token` verifies with this EdDSA key, else None."""
    try:
        key = jwk.JWK(**public_jwk)
        parsed = jws.JWS()
        parsed.deserialize(token)
        parsed.verify(key, alg=ALG)
        payload = json.loads(parsed.payload)
    except Exception:  # any failure to check means it is not verified
        return None
    return payload if isinstance(payload, dict) else None
