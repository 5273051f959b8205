"""Inspraak settings. Every environment variable is read here, once, through config.env."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str, weak_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool(
    "INSPRAAK_DEBUG", False, "Development mode: detailed error pages. Refused together with INSPRAAK_PRODUCTION."
)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = env_str(
    "SECRET_KEY",
    _DEV_SECRET,
    "Secret used for signing and for hashing login codes. Required in production: 50+ random characters "
    "(a shorter or repetitive key stops the site from starting).",
)
PRODUCTION = env_bool(
    "INSPRAAK_PRODUCTION", False, "Production mode: secure cookies, HSTS, SMTP email, SECRET_KEY required."
)
if PRODUCTION and SECRET_KEY == _DEV_SECRET:
    raise RuntimeError("SECRET_KEY must be set when INSPRAAK_PRODUCTION is on")
if PRODUCTION and (weakness := weak_secret_key(SECRET_KEY)):
    raise RuntimeError(f"SECRET_KEY is too weak for production: {weakness}")
if PRODUCTION and DEBUG:
    raise RuntimeError("INSPRAAK_DEBUG must be off when INSPRAAK_PRODUCTION is on")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "127.0.0.1,localhost,testserver", "Comma-separated host names this site answers to."
)
SITE_URL = env_str(
    "SITE_URL", "http://127.0.0.1:8000", "Public base URL, used in emails and letters (no trailing slash)."
).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins (https://host) trusted for CSRF behind a proxy."
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.forms",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "inspraak.core",
    "inspraak.audit",
    "inspraak.accounts",
    "inspraak.regions",
    "inspraak.members",
    "inspraak.letters",
    "inspraak.recruitment",
    "inspraak.policy",
    "inspraak.advice",
    "inspraak.register",
    "inspraak.meetings",
    "inspraak.topics",
    "inspraak.bylaws",
    "inspraak.agenda",
    "inspraak.records",
    "inspraak.support",
    "inspraak.training",
    "inspraak.claims",
    "inspraak.payments",
    "inspraak.signals",
    "inspraak.consultations",
    "inspraak.publicmeetings",
    "inspraak.privacy",
    "inspraak.compliance",
    "inspraak.annualreports",
    "inspraak.api",
    "inspraak.twofactor",
    "inspraak.dashboards",
    "inspraak.demo",
]

MIDDLEWARE = [
    # Compresses every response the browser accepts gzip for (HTML, CSV, JSON; in the demo also the stylesheet),
    # with Django's BREACH mitigation: random padding in the gzip header, so the size of a page that holds a secret
    # (the CSRF token) varies. Responses whitenoise already compressed (brotli or gzip files) pass unchanged.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inspraak.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "inspraak.accounts.middleware.AuthenticationMiddleware",  # Django's, the person read with the session
    "inspraak.twofactor.middleware.DeviceMiddleware",
    "inspraak.twofactor.middleware.SecondFactorMiddleware",
    "inspraak.core.middleware.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "inspraak.core.form_renderer.FormRenderer"  # TemplatesSetting, widgets drawn in Python
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inspraak.dashboards.context_processors.site",
            ],
        },
    }
]

# Database: SQLite by default (embedded), PostgreSQL in production and CI.
DATABASE_URL = env_str(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    "Database URL, e.g. postgres://user:pass@host:5432/inspraak. Default: SQLite file db.sqlite3.",
)
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60, "Seconds a database connection is kept open (persistent connections).")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
    # The INCLUDE columns of an index or unique constraint (advice_awaiting_idx, request_one_open_per_body: read
    # from the index alone) are a PostgreSQL refinement; SQLite builds the same index without them, which is what we
    # want there.
    SILENCED_SYSTEM_CHECKS = ["models.W039", "models.W040"]
# PostgreSQL plans a query anew every time it receives its text; a prepared statement is planned once per connection
# and its plan reused (ADR 0033). Our pages run the same few queries on every request, and planning a join costs as
# much as running it. With server-side binding psycopg prepares a query from its DB_PREPARE_THRESHOLD-th execution
# on a connection; 0 turns it off (needed behind a transaction-pooling PgBouncer older than 1.21).
DB_PREPARE_THRESHOLD = env_int(
    "DB_PREPARE_THRESHOLD",
    2,
    "PostgreSQL: executions of a query on a connection before it runs as a prepared statement; 0: never.",
)
DB_PREPARED_MAX = env_int("DB_PREPARED_MAX", 256, "PostgreSQL: prepared statements kept per database connection.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_PREPARE_THRESHOLD > 0:
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": DB_PREPARE_THRESHOLD,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "inspraak.accounts.backends.EmailPasswordBackend",
    "inspraak.accounts.backends.LoginCodeBackend",
    "inspraak.accounts.backends.LoginLinkBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:dashboard"
LOGOUT_REDIRECT_URL = "dashboards:home"

LOGIN_LINK_MINUTES = env_int("LOGIN_LINK_MINUTES", 20, "Minutes an emailed login link stays valid.")
LOGIN_CODE_DAYS = env_int("LOGIN_CODE_DAYS", 180, "Days a printed personal login code stays valid.")
INSPRAAK_RECEIPT_RETENTION_DAYS = env_int(
    "INSPRAAK_RECEIPT_RETENTION_DAYS",
    730,
    "Days a receipt of a paid or rejected expense claim is kept (the claim and its payment stay). 2557: 7 years.",
)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_SECONDS", 3600, "Seconds a password-reset link stays valid.")

# Login rate limiting (django-axes): failures per person+address, then a cool-off.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, "Failed logins before a temporary lock.")
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15, "Minutes a login lock lasts.") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "inspraak.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "inspraak.accounts.axes.hashed_username"  # no email addresses in the axes tables
PROXY_COUNT = env_int(
    "PROXY_COUNT",
    0,
    "Number of reverse proxies in front of the app that append to X-Forwarded-For (the client address is that "
    "many entries from the right; 0: the connecting address).",
)
AXES_CLIENT_IP_CALLABLE = "inspraak.core.net.client_ip"  # the same client address as every other rate limit
AXES_VERBOSE = False  # no personal data (email addresses) in application logs
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "email", "password"]
AXES_DISABLE_ACCESS_LOG = True  # keep no record of successful logins (addresses, browsers): privacy statement

# Sessions and cookies: a login ends when the browser closes or after an idle time (shared computers).
# Database sessions in accounts.LoginSession (a logout ends the session in every worker), read together with the
# person and their roles in one written-out query: accounts/sessions.py.
SESSION_ENGINE = "inspraak.accounts.sessions"
SESSION_IDLE_MINUTES = env_int(
    "SESSION_IDLE_MINUTES", 60, "Minutes without any page request after which a login session ends."
)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60  # renewed while the person is active: inspraak.core.middleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "inspraak.core.views.csrf_failure"
SECURE = PRODUCTION
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION, "Redirect plain HTTP to HTTPS.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if PRODUCTION else 0, "HSTS max-age in seconds.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page needs (sent by inspraak.core.middleware.PrivateResponseMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# Uploaded and generated files are shown in a sandbox: no scripts, no forms, no access to the site.
FILE_RESPONSE_CSP = "default-src 'none'; sandbox"

# Two-factor login (django-otp): required for beheerders and the platform operator (ADR 0010).
OTP_TOTP_ISSUER = "Inspraak"
OTP_TOTP_THROTTLE_FACTOR = 1  # wrong codes: wait 1, 2, 4, 8 ... seconds (django-otp's back-off)
OTP_STATIC_THROTTLE_FACTOR = 1

# Content Security Policy (Django's built-in CSP): no inline scripts, nothing from elsewhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Language: Dutch by default, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# Static files: hashed and compressed, served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
            "Static files storage backend (tests use the plain one).",
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media"), "Folder for uploaded files."))

# Email (Django 6.1 MAILERS): console in development, SMTP in production.
EMAIL_MODE = env_str(
    "EMAIL_MODE",
    "smtp" if PRODUCTION else "console",
    "How email leaves: 'smtp' (production), 'console' (development) or 'file' (writes to EMAIL_FILE_DIR).",
)
_SMTP_OPTIONS = {
    "host": env_str("EMAIL_HOST", "localhost", "SMTP server host."),
    "port": env_int("EMAIL_PORT", 587, "SMTP server port."),
    "username": env_str("EMAIL_HOST_USER", "", "SMTP user name."),
    "password": env_str("EMAIL_HOST_PASSWORD", "", "SMTP password."),
    "use_tls": env_bool("EMAIL_USE_TLS", True, "Use STARTTLS for SMTP."),
    "timeout": 20,
}
_EMAIL_FILE_DIR = env_str("EMAIL_FILE_DIR", str(BASE_DIR / "sent-mail"), "Folder for emails when EMAIL_MODE=file.")
MAILERS = {
    "default": {
        "smtp": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": _SMTP_OPTIONS},
        "console": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
        "file": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": _EMAIL_FILE_DIR},
        },
    }[EMAIL_MODE]
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Inspraak <noreply@inspraak.invalid>", "Sender address of emails.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages (SMS reminders, ADR 22): a gateway backend with send(to, text); none is built in. Development and the
# demo write messages to the log; production sends none until SMS_BACKEND names a provider backend.
SMS_BACKEND = env_str(
    "SMS_BACKEND",
    "inspraak.core.sms.DisabledBackend" if PRODUCTION else "inspraak.core.sms.ConsoleBackend",
    "Dotted path of the SMS gateway backend (a class with send(to, text), see inspraak.core.sms): "
    "'inspraak.core.sms.ConsoleBackend' writes to the log, 'inspraak.core.sms.DisabledBackend' sends nothing.",
)
SMS_OPTIONS = {
    "sender": env_str("SMS_SENDER", "Inspraak", "Sender name shown on text messages (at most 11 letters or digits)."),
    "url": env_str("SMS_GATEWAY_URL", "", "Address of the SMS gateway's API, passed to the SMS backend."),
    "token": env_str("SMS_GATEWAY_TOKEN", "", "Secret key of the SMS gateway, passed to the SMS backend."),
}

# Background work: Django's tasks API with a database-backed worker (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend",
            "Tasks backend. Default: database queue run by `manage.py db_worker`.",
        ),
        "QUEUES": ["default"],
    }
}

# Per process (docs/deployment.md): pages keep computed values until their region changes (ADR 0031).
CACHE_MAX_ENTRIES = env_int("CACHE_MAX_ENTRIES", 1000, "Values each process keeps in its local-memory cache.")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }
}

# Uploads: one document is at most 10 MB, a post at most 10 documents and 25 MB (checked in the forms with a message
# next to the field). More files than this in one post is refused before anything is read (400).
DATA_UPLOAD_MAX_NUMBER_FILES = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_traceback_for_4xx": {"()": "config.logfilters.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("LOG_LEVEL", "INFO", "Application log level. Logs never contain personal data."),
    },
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's default config gives "django" its own console handler (in DEBUG) and it also propagates to the
        # root handler: every line twice. One handler, the root's.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # A 403/404 is a refusal, not a fault: one warning line without a traceback.
        "django.request": {"filters": ["no_traceback_for_4xx"], "propagate": True},
    },
}
