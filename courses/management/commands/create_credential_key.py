"""Make an Ed25519 credential signing key (PEM, PKCS#8) in a file outside the repository, for
CREDENTIAL_SIGNING_KEY_FILE. `make run` makes a development key under private/ this way.
Never overwrites a key: a lost key means credentials it signed no longer verify."""

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Write a new Ed25519 signing key to PATH unless a file is already there."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--public",
            action="store_true",
            help="also print the public key (PEM), e.g. to keep it as a retired key",
        )

    def handle(self, *args, path, public, **options):
        target = Path(path)
        if target.exists():
            self.stdout.write(f"{target} exists; left as it is.")
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        self.stdout.write(f"Wrote a new Ed25519 signing key to {target}.")
        if public:
            self.stdout.write(
                key.public_key()
                .public_bytes(
                    serialization.Encoding.PEM,
                    serialization.PublicFormat.SubjectPublicKeyInfo,
                )
                .decode()
            )
