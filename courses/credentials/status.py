"""Bitstring Status List (W3C): where each certificate's revocation bit lives, and the list.

A list holds 131,072 entries, the specification's minimum, so one revoked bit does not stand
out. A certificate's slot follows from its primary key (list 1 holds the first 131,072), so
issuing needs no extra lock. The bits are not stored: the list is drawn from the certificates
themselves, so revoking a certificate (or erasing its holder) sets its bit at once.
"""

import base64
import gzip
import zlib

STATUS_LIST_SIZE = 131_072


def slot_for(pk: int) -> tuple[int, int]:
    """(list number, index) of the certificate with this primary key."""
    return (pk - 1) // STATUS_LIST_SIZE + 1, (pk - 1) % STATUS_LIST_SIZE


def encode_bits(indexes, size: int = STATUS_LIST_SIZE) -> str:
    """The list's `encodedList`: GZIP of the bits (index 0 the first byte's high bit), as
    multibase base64url without padding (a leading "u")."""
    bits = bytearray(size // 8)
    for index in indexes:
        if 0 <= index < size:
            bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def bit_is_set(encoded: str, index: int) -> bool:
    """Read one bit from an `encodedList`; ValueError when it is not one."""
    if not encoded or encoded[0] != "u":
        raise ValueError("encodedList is not multibase base64url")
    body = encoded[1:]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        # Bounded: a list from another issuer must not unpack into gigabytes.
        raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(packed, 2**24)
    except (zlib.error, ValueError) as exc:
        raise ValueError("encodedList does not decode") from exc
    if not 0 <= index < len(raw) * 8:
        raise ValueError("index outside the list")
    return bool(raw[index // 8] & (0x80 >> (index % 8)))
