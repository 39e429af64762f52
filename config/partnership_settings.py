"""The partnership's own settings: demo logins, certificate numbers, Open Badges credentials
and the rate limits of verification and account emails. Read from the environment (and .env,
which config.settings loads before importing this module); config.settings re-exports them.
"""

import os

# The partnership's own figures and rules.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "safeguarding-demo")
CERTIFICATE_PREFIX = os.environ.get("CERTIFICATE_PREFIX", "WMSAP")

# Open Badges 3.0 credentials (courses.credentials, docs/credentials.md). The Ed25519 signing
# key is a PEM in the environment or a file outside the repository (`make run` makes one under
# private/); without one no credential is issued or served, and nothing else changes. Retired
# keys' public halves stay in did.json so credentials they signed still verify.
CREDENTIAL_SIGNING_KEY = os.environ.get("CREDENTIAL_SIGNING_KEY", "")
CREDENTIAL_SIGNING_KEY_FILE = os.environ.get("CREDENTIAL_SIGNING_KEY_FILE", "")
CREDENTIAL_KEY_ID = os.environ.get("CREDENTIAL_KEY_ID", "key-1")
CREDENTIAL_RETIRED_KEYS_DIR = os.environ.get("CREDENTIAL_RETIRED_KEYS_DIR", "")
CREDENTIAL_ISSUER_NAME = os.environ.get("CREDENTIAL_ISSUER_NAME", "")
CREDENTIAL_ISSUER_EMAIL = os.environ.get("CREDENTIAL_ISSUER_EMAIL", "")
# Seconds allowed for fetching another issuer's did.json or status list.
CREDENTIAL_FETCH_TIMEOUT = float(os.environ.get("CREDENTIAL_FETCH_TIMEOUT") or 5)


# Certificate verification: unknown codes allowed per client address per window, then 429.
VERIFY_MISS_LIMIT = int(os.environ.get("VERIFY_MISS_LIMIT", "10"))
VERIFY_MISS_WINDOW_SECONDS = int(os.environ.get("VERIFY_MISS_WINDOW_SECONDS", "900"))
# xAPI statements (docs/xapi.md): failed sign-ins allowed per client address per window, then 429.
XAPI_AUTH_FAILURE_LIMIT = int(os.environ.get("XAPI_AUTH_FAILURE_LIMIT") or 10)
XAPI_AUTH_FAILURE_WINDOW_SECONDS = int(
    os.environ.get("XAPI_AUTH_FAILURE_WINDOW_SECONDS") or 900
)
# Account emails (registration, password reset, invitation): at most this many to one address
# per window, so the forms cannot be used to flood a mailbox. Counted in the default cache.
ACCOUNT_EMAIL_LIMIT = int(os.environ.get("ACCOUNT_EMAIL_LIMIT") or 3)
ACCOUNT_EMAIL_WINDOW_SECONDS = int(
    os.environ.get("ACCOUNT_EMAIL_WINDOW_SECONDS") or 3600
)
