"""Production settings refuse to start without a secret or a shared cache, key sign-in rate
limits on the client behind the load balancer, and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.backend_independent(
    reason="each check runs in a process of its own on settings given here, not this run's"
)

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "x7#kq!2v" * 8
# What production needs besides a secret and host names (the cache is not contacted by `check`).
DEPLOYED = {
    "SECRET_KEY": STRONG_SECRET,
    "ALLOWED_HOSTS": "care.example.org",
    "CACHE_URL": "rediscache://cache.internal:6379/1",
    "TRUSTED_PROXY_COUNT": "1",
}


def manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "CACHE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", ALLOWED_HOSTS="care.example.org")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = manage(
        "check",
        ALLOWED_HOSTS="care.example.org",
        SECRET_KEY="django-insecure-development-only-key-padded-out-to-be-long-enough",
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **DEPLOYED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_service_is_chosen_by_the_environment():
    script = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.EMAIL_BACKEND);"
        "print(s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER)"
    )
    # The embedded defaults are for development: production refuses a cache of its own.
    embedded = manage("shell", "-c", script, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    real = manage(
        "shell",
        "-c",
        script,
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="x",
        TRUSTED_PROXY_COUNT="1",
        DATABASE_URL="postgres://u@db.internal:5432/cms",
        CACHE_URL="rediscache://cache.internal:6379/1",
        EMAIL_URL="smtp+tls://user:pw@mail.internal:587",
        CELERY_BROKER_URL="redis://queue.internal:6379/0",
    )
    assert embedded.returncode == 0 and real.returncode == 0, embedded.stderr + real.stderr
    assert embedded.stdout.split("\n")[-5:-1] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
        " True",
    ]
    assert real.stdout.split("\n")[-5:-1] == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "django.core.mail.backends.smtp.EmailBackend",
        "redis://queue.internal:6379/0 False",
    ]


def test_production_refuses_to_start_without_a_shared_cache():
    """Sign-in rate limits count in the cache: a cache of each app server's own would give an
    attacker a fresh count on every server."""
    for cache_url in (None, "locmemcache://", "dummycache://", "filecache:///tmp/cache"):
        settings = {**DEPLOYED, "CACHE_URL": cache_url}
        if cache_url is None:
            del settings["CACHE_URL"]
        result = manage("check", **settings)
        assert result.returncode != 0, cache_url
        assert "Set CACHE_URL" in result.stderr, cache_url


def test_production_refuses_to_start_without_knowing_its_proxies():
    settings = {key: value for key, value in DEPLOYED.items() if key != "TRUSTED_PROXY_COUNT"}
    result = manage("check", **settings)
    assert result.returncode != 0
    assert "Set TRUSTED_PROXY_COUNT" in result.stderr


def test_production_takes_the_client_address_from_the_load_balancer():
    """With one trusted proxy, allauth keys its limits on the address the load balancer saw
    (the last in X-Forwarded-For), not on the load balancer nor on what the client wrote."""
    script = (
        "from django.conf import settings as s;"
        "from django.test import RequestFactory;"
        "from allauth.account.adapter import get_adapter;"
        "r = RequestFactory().get('/', REMOTE_ADDR='10.0.0.2',"
        " HTTP_X_FORWARDED_FOR='6.6.6.6, 203.0.113.9');"
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, get_adapter(r).get_client_ip(r))"
    )
    result = manage("shell", "-c", script, **DEPLOYED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "1 203.0.113.9"
