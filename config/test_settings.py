"""Test settings: the real settings with fast hashing, captured email and plain static files."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789"
)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The manifest storage needs collectstatic first; tests render templates straight from source.
PRIVATE_FILES_ROOT = BASE_DIR / ".test-private"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "courses.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The database queue's table exists as in production (TASKS_BACKEND=database), so a test can
# queue work there and check erasure reaches it; tasks still run at once by default.
if "django_tasks_db" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
IMPORT_UPLOAD_DIR = BASE_DIR / ".test-import-uploads"  # noqa: F405

# A fresh Ed25519 credential signing key per test run, in a temporary file (never the repo).
if not os.environ.get("CREDENTIAL_SIGNING_KEY_FILE"):
    import atexit
    import shutil
    import tempfile

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _key_dir = tempfile.mkdtemp(prefix="credential-key-")
    atexit.register(shutil.rmtree, _key_dir, ignore_errors=True)
    CREDENTIAL_SIGNING_KEY_FILE = os.path.join(_key_dir, "signing-key.pem")
    with open(CREDENTIAL_SIGNING_KEY_FILE, "wb") as _fh:
        _fh.write(
            Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    os.environ["CREDENTIAL_SIGNING_KEY_FILE"] = CREDENTIAL_SIGNING_KEY_FILE
