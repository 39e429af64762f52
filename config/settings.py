"""Settings for the partnership site, read from the environment.

Every variable is listed in `.env.example`. Development defaults are safe for a laptop; with
DEBUG off the site refuses to start without a real SECRET_KEY and turns on the transport
security a production deployment needs.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from a local `.env` without overriding the real environment.

    `KEY=` with nothing after it means "the default", as in `.env.example`: set as an empty
    string it made STATIC_ROOT the current folder (collectstatic wrote into the project) and
    EMAIL_BACKEND no backend at all.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip().strip("'\"")
        if value:
            os.environ.setdefault(key.strip(), value)


load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site will not start without one: set "
            "SECRET_KEY in the environment (see .env.example), or set DEBUG=true for local "
            "development."
        )
    # Development only: a fixed, obviously insecure key so sessions survive restarts.
    SECRET_KEY = "django-insecure-development-only-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "competencies",
    "cms",
    "courses",
    # Demo and scale data (seed_demo, generate_scale_data): depends on the three above.
    "demo",
    "import_export",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts and security (issue 8): login lockout and the Content Security Policy.
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: an oversized import upload is refused unread.
    "competencies.imports.upload_limit.ImportUploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Accounts and security (issue 8): a strict CSP on the public site, a relaxed one on
    # /admin/ (competencies.accounts.security); axes last, as its documentation requires.
    "competencies.accounts.security.PathScopedCSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "competencies.context_processors.user_roles",
                "courses.context_processors.nav_counts",
            ],
        },
    },
]

# The embedded default is an SQLite file in the project folder; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests (a booking burst) wait for the write lock instead of failing at once.
    # A 64 MiB page cache (SQLite's default is 2 MiB): summing the compliance cache of
    # 100,000 staff touches more pages than that, and re-reading them was a fifth of a
    # board report's time. Allocated as pages are read, freed with the connection.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA cache_size=-65536;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts and security (issue 8). Axes first: it refuses a locked-out username+IP before
# any password is checked, on /accounts/login/ and Wagtail's /admin/login/ alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures and lockouts are rows in the database (axes' database handler, its default, named
# here): one count across every web process, kept through restarts; no cache involved.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30"))
)
# Lock the pair: one attacker cannot lock a person out from everywhere, nor try one
# password against every account from one address without being slowed by the others.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A GOV.UK page saying what happened and when to try again (status 429).
AXES_LOCKOUT_CALLABLE = "competencies.accounts.views.locked_out"
# Behind a proxy the client address is the Nth-from-last X-Forwarded-For entry.
AXES_CLIENT_IP_CALLABLE = "competencies.accounts.security.client_ip"
# Usernames cut to the 255 characters axes stores (a longer one was a 500 on PostgreSQL).
AXES_USERNAME_CALLABLE = "competencies.accounts.security.axes_username"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# One-time links (invitation, registration confirmation, password reset) last 3 days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# Content Security Policy (django-csp 4): this strict policy covers the public site; it
# allows no inline script or style. competencies.accounts.security relaxes it for /admin/
# only (the Wagtail admin uses inline scripts and styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Privacy (UK GDPR): leavers' personal data is anonymised this many days after they left
# (`manage.py anonymise_leavers`, run daily). Six years by default.
LEAVER_RETENTION_DAYS = int(os.environ.get("LEAVER_RETENTION_DAYS", "2190"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Empty (as in .env.example) means the default, not the current directory.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Stored board papers: no URL serves them, a view checks who asks (courses.storage).
PRIVATE_FILES_ROOT = Path(
    os.environ.get("PRIVATE_FILES_ROOT") or BASE_DIR / "private/pdf"
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "courses.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT},
    },
    # WhiteNoise serves the hashed, compressed files itself, so production needs no web server
    # for static files. Run `manage.py collectstatic` on deploy.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: console in development, SMTP (or any Django backend) in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds an SMTP connection may hang: the certificate email holds a row lock while it sends.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
if os.environ.get("EMAIL_FILE_PATH"):  # for the file-based backend (tests, staging)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "West Midlands Safeguarding Training <training@wmsap.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (emails, certificate batches). Immediate in development and tests; set
# TASKS_BACKEND=database in production and run `manage.py db_worker`.
if os.environ.get("TASKS_BACKEND", "immediate") == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "West Midlands Safeguarding Adults Partnership"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Spreadsheet imports (competencies.imports): the largest file taken, refused from the request's
# Content-Length before its body is read; rows and columns read at most, whatever a file says.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES") or 20 * 1024 * 1024)
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS") or 100_000)
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS") or 50)
# Uploads waiting between preview and confirm hold personal data: a private directory that no
# URL serves, never inside MEDIA_ROOT or STATIC_ROOT (shared between app servers, like media).
IMPORT_UPLOAD_DIR = Path(
    os.environ.get("IMPORT_UPLOAD_DIR") or BASE_DIR / "private" / "import-uploads"
)
for _served in (MEDIA_ROOT, STATIC_ROOT, *STATICFILES_DIRS):
    for _dir in (IMPORT_UPLOAD_DIR, PRIVATE_FILES_ROOT):  # personal or board-only files
        if _dir.resolve().is_relative_to(Path(_served).resolve()):
            raise ImproperlyConfigured(
                f"{_dir} (IMPORT_UPLOAD_DIR or PRIVATE_FILES_ROOT) is inside {_served}, "
                "which the site serves. Choose a private directory."
            )

IMPORT_EXPORT_USE_TRANSACTIONS = True
# Off: import-export only strips a leading "=" and turns every cell into text. Our exports
# go through competencies.exporters, which escapes and types every cell.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# The partnership's own figures, credentials and rate limits (config/partnership_settings.py).
from config.partnership_settings import *  # noqa: E402,F403 (every name there is a setting)

# Transport security: on whenever DEBUG is off (production), so `check --deploy` is clean.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# The default cache holds the certificate-verification rate limit and drawn charts. It is per
# process unless shared: with more than one web process set CACHE_BACKEND=redis (REDIS_URL)
# or database (run `manage.py createcachetable` once), so every process counts the same misses.
# Sessions and django-axes lockouts live in the database whatever the cache (see below).
CACHE_BACKEND = os.environ.get("CACHE_BACKEND") or "local"
if CACHE_BACKEND == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            # Several sites (or test runs) may share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            # A Redis that stops answering fails the request in seconds, not never.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
elif CACHE_BACKEND == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }
elif CACHE_BACKEND != "local":
    raise ImproperlyConfigured(
        f"CACHE_BACKEND={CACHE_BACKEND!r}: use local (one process), redis or database."
    )
# Sessions in the database (Django's default, stated here): shared by every process and kept
# through a Redis restart. cached_db would make Redis a dependency of every signed-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
