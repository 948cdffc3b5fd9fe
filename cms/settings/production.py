from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 50 characters: production will not start "
        "without one."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Sign-in rate limits count in the cache, so every app server must share one (Redis).
if "redis" not in CACHES["default"]["BACKEND"].lower():  # noqa: F405
    raise ImproperlyConfigured(
        "Set CACHE_URL to a Redis cache (rediscache://host:6379/1) shared by every app server: "
        "production will not start with a cache of its own, which would give sign-in rate limits "
        "a fresh count on each server."
    )
# How many proxies (load balancers) in front of the app append to X-Forwarded-For: allauth keys
# its rate limits on the client address they saw, not on the last proxy's.
if "TRUSTED_PROXY_COUNT" not in env:
    raise ImproperlyConfigured(
        "Set TRUSTED_PROXY_COUNT to the number of proxies in front of the app that add to "
        "X-Forwarded-For (0 if none): sign-in rate limits are kept per client address."
    )
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Several app servers share the task queue, cache and database; none of them may be embedded.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405
