"""Settings for PMO Portal, read from the environment in this one place.

Three ways to run, told apart by DJANGO_DEBUG:
- unset: embedded (what `make run` starts). SQLite unless DATABASE_URL is set, Celery tasks in process
  unless REDIS_URL is set, DEBUG off so a newcomer sees the portal's own error pages, a development
  key and local host names, plain HTTP, static files served by WhiteNoise straight from the apps.
- DJANGO_DEBUG=1: the same with DEBUG on (Django's debug pages).
- DJANGO_DEBUG=0 (docker-compose, the Dockerfile): production. The portal refuses to start without
  DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, never takes the development key, redirects to HTTPS and
  serves the collected, hashed static files.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Production is declared by setting DJANGO_DEBUG to a false value; unset means embedded.
PRODUCTION = not env_bool("DJANGO_DEBUG", True)
DEBUG = env_bool("DJANGO_DEBUG", False)

# Known to anyone who reads this file, so fit only for a portal on one's own machine.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105 - refused in production

if PRODUCTION:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must not be the development key in production.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc served locally: the portal works without internet
    "django_htmx",
    "simple_history",
    "axes",  # counts failed sign-ins and locks out guessing (see "Sign-in, sessions and API tokens")
    # The site itself: its CSS, base template tags and housekeeping tasks.
    "pmo_portal",
    "governance",
    "projects",
    "resources",
    "risks",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pmo_portal.database_busy.DatabaseBusyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After authentication, messages and htmx: ends idle and too old sessions (needs all three).
    "pmo_portal.session_expiry.SessionExpiryMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pmo_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "pmo_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
# The embedded SQLite default must take two people editing at once: WAL lets readers go on beside
# the one writer, IMMEDIATE takes the write lock when a transaction begins (a deferred one that reads
# and then writes fails at once with "database is locked", whatever the timeout), and the busy timeout
# makes the second writer wait its turn. A wait longer than that answers 503 with Retry-After.
SQLITE_BUSY_TIMEOUT_SECONDS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_SECONDS", "20"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "governance.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries installed from npm (package.json, `npm ci` in the Makefile and the Dockerfile), never
# copied into the repository: only the files named here are served (pmo_portal.static_finders).
NPM_STATIC_FILES = {"vendor/echarts/echarts.min.js": "echarts/dist/echarts.min.js"}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "pmo_portal.static_finders.NpmFileFinder",
]
# Uploaded files (project deliverables). No MEDIA_URL is routed: they are served by views that check
# who may see the project, never as public media.
MEDIA_ROOT = Path(os.environ.get("PMO_MEDIA_ROOT", "") or BASE_DIR / "media")
# A deliverable's file may be up to 20 MB; Django keeps larger uploads on disk while they arrive.
DELIVERABLE_MAX_BYTES = 20 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production WhiteNoise serves each app's static files where they lie, with DEBUG on or off:
# `make run` needs no collectstatic step, and an edited gantt.js is served at once, never a stale copy.
# Production serves only what collectstatic built (hashed names, compressed, cached for a year).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes missing or bad credentials a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "governance.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "pmo_portal.api.StandardPagination",
    # JSON nested past a bound answers 400, not a RecursionError's 500.
    "DEFAULT_PARSER_CLASSES": [
        "pmo_portal.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "pmo_portal.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PMO Portal API",
    "DESCRIPTION": "Portfolios, projects, memberships and plans of the PMO Portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # From drf-spectacular-sidecar through staticfiles, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The default hook (enums), then 415 on every operation that takes a body.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "pmo_portal.api.document_unsupported_media_type",
    ],
    # Choice sets shared by several fields get one name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "PmoTypeEnum": "governance.models.PmoType",
        "CurrencyEnum": "governance.currencies.CURRENCY_CHOICES",
        # One lifecycle vocabulary: a project's phase and a methodology phase's lifecycle_phase.
        "PhaseEnum": "governance.lifecycle.LifecyclePhase",
        # Change requests: "role", "state" and "decision" are field names other choice sets use too;
        # the team's roles keep the name they had before.
        "RoleEnum": "projects.models.MembershipRole",
        "ChangeApprovalRoleEnum": "projects.models.ApprovalRole",
        "ChangeApprovalDecisionEnum": "projects.models.ApprovalDecision",
        "ChangeRequestStateEnum": "projects.models.ChangeRequestState",
        "DeliverableKindEnum": "governance.models.DeliverableKind",
        "DeliverableStateEnum": "projects.models.DeliverableState",
        "GateReviewStateEnum": "projects.models.GateReviewState",
        # A status report's six ratings share one choice set (blank while a draft is not rated).
        "StatusReportRagEnum": "projects.serializers.status_reports.RAG_CHOICES",
        # Status reports and post-project evaluations share one life: draft, then submitted (frozen).
        "SubmissionStateEnum": "projects.models.StatusReportState",
        # The project list's health band and reported RAG share one set of colours.
        "RagBandEnum": ["green", "amber", "red"],
        # The risk register: kinds and statuses of its own; a project's priority, a risk's level and an
        # issue's severity share one scale of words, under the name the priority had first.
        "RiskKindEnum": "risks.models.RiskKind",
        "RiskStatusEnum": "risks.models.RiskStatus",
        "IssueStatusEnum": "risks.models.IssueStatus",
        "PriorityEnum": "projects.models.Priority",
        # A project's status keeps the plain name it had before risks and issues had statuses.
        "StatusEnum": "projects.models.Status",
    },
}

# Celery: Redis when REDIS_URL is set, otherwise tasks run in process (the embedded default).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "60"))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "90"))
CELERY_RESULT_EXPIRES = 3600
# How many drains a rollup request queues, each for a share of the stale projects: as many as the
# worker's processes (Celery's default concurrency is the number of CPUs), so they drain side by side;
# at most 4 by default, as every part costs a query or two even when it has nothing to drain.
ROLLUP_DRAIN_PARTS = int(os.environ.get("ROLLUP_DRAIN_PARTS", str(min(os.cpu_count() or 1, 4))))
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Sign-in, sessions and API tokens ------------------------------------------------------------------
# Guessing passwords: django-axes counts failed sign-ins (the login page, the admin's and
# POST /api/auth/token/) per account and, separately, per address; at the limit within the cool-off,
# further attempts are refused without their password being checked, the right one too, until the
# cool-off has passed since the last failure. Unknown accounts count like known ones, so the answer
# tells nothing about which usernames exist.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out attempts before any password check
    "django.contrib.auth.backends.ModelBackend",
]
# No banner on every start: a management command prints only what it has to say.
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = env_int("DJANGO_SIGN_IN_FAILURE_LIMIT", 100)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_SIGN_IN_COOLOFF_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Attempts refused during a lockout do not push its end further: the waiting time shown holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The portal's own lockout page (translated, with the time to wait); the API answers 429 itself.
AXES_LOCKOUT_CALLABLE = "governance.views.sign_in_locked_out"
# Behind proxies (docker-compose puts one in front of gunicorn) the client's address is the one the
# nearest DJANGO_TRUSTED_PROXY_COUNT proxies report in X-Forwarded-For; with 0 (the default), the
# socket's, and X-Forwarded-For is ignored, as anyone can write it.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "governance.addresses.client_address"

# Browser sessions end after SESSION_IDLE_TIMEOUT without a request and SESSION_ABSOLUTE_TIMEOUT after
# signing in, whichever comes first (pmo_portal.session_expiry); the cookie lives no longer than that.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("DJANGO_SESSION_IDLE_MINUTES", 30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env_int("DJANGO_SESSION_ABSOLUTE_HOURS", 12))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
# A session's last activity and a token's last use are written at most this often, so that reading
# a page or the API does not also write a row each time.
ACTIVITY_RESOLUTION = timedelta(seconds=60)

# API tokens (governance.ApiToken): stored hashed, expire after API_TOKEN_LIFETIME, die with a password
# change or a deactivated account.
API_TOKEN_LIFETIME = timedelta(days=env_int("DJANGO_API_TOKEN_DAYS", 30))

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "pmo-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Security headers, Content-Security-Policy, caching, client addresses (issue 8: findings 9, 11, 13) ---
# django-csp right after SecurityMiddleware, so every answer (pages, API, errors) carries the policy;
# the cache rule after authentication, which it reads.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "pmo_portal.middleware.PrivateCacheMiddleware",
)
# Every script and style is a file of the portal's own: no inline code, no style="" attribute, no eval
# (templates/base.html tells htmx so). Swagger UI's init script is a file too (SpectacularSwaggerSplitView).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No script reads the CSRF cookie: htmx and the Gantt send the token from the page (base.html's
# hx-headers, the form's hidden field).
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
