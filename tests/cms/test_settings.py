"""Production settings refuse to start without a secret and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "x7#kq!2v" * 8


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
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env_overrides)
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
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="care.example.org",
    )
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
    embedded = manage("shell", "-c", script, SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="x")
    real = manage(
        "shell",
        "-c",
        script,
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="x",
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
