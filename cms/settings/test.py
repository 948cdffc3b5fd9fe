import os

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Under pytest-xdist several test processes share one Redis cache: each keeps to keys of its own
# (tests/conftest.py makes clearing the cache clear only those).
CACHES["default"].setdefault("KEY_PREFIX", os.environ.get("PYTEST_XDIST_WORKER", ""))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Tests that need a broker start their own worker; everything else runs tasks in process.
CELERY_TASK_ALWAYS_EAGER = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A browser test computes the current code and submits it a moment later; accepting the
# neighbouring 30-second windows keeps a step that crosses a window's edge from failing.
MFA_TOTP_TOLERANCE = 1
