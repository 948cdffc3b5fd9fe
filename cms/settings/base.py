"""Settings shared by every environment.

Every external service is chosen by an environment variable with an embedded default, so that
`make run` works on a fresh machine (SQLite, eager Celery, local-memory cache, console email)
and production points the same code at PostgreSQL, Redis and SMTP.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from wagtail.embeds.oembed_providers import vimeo, youtube

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"

env = environ.Env()
# A .env file is optional; real deployments set the environment directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The plugins. Each can be left out and the rest still runs (see DESIGN.md); PLUGIN_URLS says
# where each mounts its URLs when it is installed.
PLUGIN_APPS = env.list("PLUGIN_APPS", default=["learning", "coproduction", "leadership"])
PLUGIN_URLS = [
    ("learning", "learning/"),
    ("coproduction", "together/"),
    ("leadership", "leadership/"),
]

INSTALLED_APPS = [
    "cms.accounts",
    "cms.organisations",
    "cms.pages",
    "cms.outbox",
    "cms.figures",
    "cms",
    *PLUGIN_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
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
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cms.accounts.middleware.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "OPTIONS": {
            # Django's two loaders, and one more for the templates each part of a plugin keeps
            # in its own folder (cms.parts); cached, as Django does when it chooses the loaders.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                        "cms.template_loaders.PartsLoader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.page_default",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite by default, PostgreSQL (or anything dj-database-url style) from DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis from CACHE_URL. allauth's login rate limits live here,
# so several app servers must share a real cache.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: console by default, SMTP (or file, for tests) from EMAIL_URL.
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Safer Cultures <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The outbox (cms.outbox): a worker holds a row this long while sending it; a row is tried this
# many times before it is given up; sent and given-up rows are deleted after this many days.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=15)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=30)

# Celery: eager, in process, unless a broker is configured. Tasks are idempotent and enqueued on
# commit, so eager and real runs behave the same.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Every email waiting in the outbox: retries, and rows a dead worker left behind.
    "outbox-send-due-emails": {"task": "cms.outbox.tasks.sweep_outbox", "schedule": crontab()},
}
if "learning" in PLUGIN_APPS:
    CELERY_BEAT_SCHEDULE |= {
        "learning-apply-enrolment-rules": {
            "task": "learning.enrolment.tasks.apply_rules",
            "schedule": crontab(hour=2, minute=0),
        },
        "learning-reopen-recertifications": {
            "task": "learning.enrolment.tasks.reopen_recertifications",
            "schedule": crontab(hour=2, minute=15),
        },
        "learning-send-due-reminders": {
            "task": "learning.enrolment.tasks.send_due_reminders",
            "schedule": crontab(hour=7, minute=30),
        },
    }
if "coproduction" in PLUGIN_APPS:
    CELERY_BEAT_SCHEDULE |= {
        # Seal secret rounds once voting is over: ballots shuffled, re-keyed, old copies vacuumed.
        "coproduction-seal-closed-secret-rounds": {
            "task": "coproduction.rounds.tasks.seal_closed_secret_rounds",
            "schedule": crontab(minute="*/15"),
        },
        # Remind families who said yes or maybe, the day before a forum event.
        "coproduction-forum-event-reminders": {
            "task": "coproduction.forums.tasks.send_event_reminders",
            "schedule": crontab(minute=5),
        },
        # Route concerns the queue missed; re-alert, then escalate, unacknowledged ones.
        "coproduction-sweep-concerns": {
            "task": "coproduction.concerns.tasks.sweep_concerns",
            "schedule": crontab(minute="*/15"),
        },
        # Email families when a survey opens, and close surveys at their closing time.
        "coproduction-survey-emails-and-closing": {
            "task": "coproduction.surveys.tasks.send_due_survey_emails",
            "schedule": crontab(minute="*/15"),
        },
        # Close family surveys at their closing time and seal them (answers and receipts
        # shuffled, re-keyed, old copies vacuumed).
        "coproduction-close-and-seal-family-surveys": {
            "task": "coproduction.surveys.tasks.seal_family_surveys",
            "schedule": crontab(minute="*/15"),
        },
        # Close staff pulse rounds at their closing time and seal them (answers shuffled,
        # re-keyed, old copies vacuumed).
        "coproduction-close-and-seal-pulse-rounds": {
            "task": "coproduction.pulse.tasks.seal_pulse_rounds",
            "schedule": crontab(minute="*/15"),
        },
    }

if "leadership" in PLUGIN_APPS:
    CELERY_BEAT_SCHEDULE |= {
        # Every indicator for every service and period; the run then evaluates the red-flag
        # rules itself once its snapshots are complete (no fixed time a long run could overtake).
        "leadership-compute-snapshots": {
            "task": "leadership.snapshots.tasks.compute_snapshots",
            "schedule": crontab(hour=3, minute=0),
        },
    }

# Wagtail
WAGTAIL_SITE_NAME = "Safer Cultures"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Nothing is fetched from another site at run time: no Gravatar avatars, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# django-allauth: email is the login; sign-up only through an invitation (cms.accounts.adapter).
SITE_ID = 1
ACCOUNT_ADAPTER = "cms.accounts.adapter.InvitationOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Adds "What should we call you?" (first_name) to sign-up, so nobody is greeted by their email.
ACCOUNT_SIGNUP_FORM_CLASS = "cms.accounts.forms.SignupNameForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    # The co-production plugin's public pages, keyed by the client's address, which allauth
    # hashes into the cache key (a per-"ip" rate would keep the address itself).
    "coproduction_forum_join": "5/15m/key",
    "coproduction_concern_track": "10/15m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Safer Cultures] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

# Every session comes through allauth, with its rate limits and its second step: cms.urls sends
# Wagtail's login and password reset to allauth's, and Wagtail's own forms that set a password
# or an email address (account settings, the people admin) are switched off.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

# Content-Security-Policy (django-csp) and Permissions-Policy (django-permissions-policy).
# Our pages need no inline script or style and load everything from this site; the only other
# site they show is a video from YouTube or Vimeo (the embed block), so only those may be framed
# and only those two are offered to editors. Wagtail's embed wrapper puts an inline style on
# responsive embeds, so it is off: site.css sizes the frame instead.
_VIDEO_SITES = [
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "frame-src": _VIDEO_SITES,
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
# Wagtail 8's admin (/admin/) runs inline scripts (date pickers) and inline styles (its editor's
# libraries), and frames its own page previews: there, and only there, these directives replace
# the ones above (cms.content_security_policy).
WAGTAIL_ADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'", *_VIDEO_SITES],
    "frame-ancestors": ["'self'"],
}
# The browser features nobody on the platform uses are off for every page and frame; the video
# frames keep full screen and picture-in-picture.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": _VIDEO_SITES,
    "fullscreen": ["self", *_VIDEO_SITES],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": _VIDEO_SITES,
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE[_after_security:_after_security] = [
    "cms.content_security_policy.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
]
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [youtube, vimeo],
    }
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
