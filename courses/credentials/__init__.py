"""Open Badges 3.0 credentials for certificates (docs/credentials.md).

Every certificate is also an `OpenBadgeCredential` (W3C VC Data Model 2.0), secured as a JWT
(VC-JOSE-COSE, EdDSA over Ed25519) whose key the partnership publishes at
`/.well-known/did.json` (did:web). Revocation goes through a Bitstring Status List. The
cryptography is jwcrypto's; nothing here signs or verifies by hand.
"""
