"""Helpers for tests that kill a worker in the middle of sending an email.

`DiesMidSend` is an email backend whose first send raises `SystemExit`, as a worker killed by a
deploy or the out-of-memory killer would stop: nothing after that line runs, no `except
Exception` catches it. Later sends go to Django's test outbox. `run_the_beat` then runs what a
fresh worker and beat would run in the next quarter of an hour.
"""

from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend
from django.utils.module_loading import import_string

BACKEND = "tests.cms.crash.DiesMidSend"


class DiesMidSend(EmailBackend):
    deaths_left = 0

    def send_messages(self, messages):
        if DiesMidSend.deaths_left:
            DiesMidSend.deaths_left -= 1
            raise SystemExit("the worker was killed while sending")
        return super().send_messages(messages)


def kill_the_next_sends(settings_fixture, count=1):
    settings_fixture.EMAIL_BACKEND = BACKEND
    DiesMidSend.deaths_left = count


def runs_at_least_every_quarter_hour(schedule):
    minutes = getattr(schedule, "minute", None)
    hours = getattr(schedule, "hour", None)
    if minutes is None or hours is None:
        seconds = getattr(schedule, "total_seconds", lambda: schedule)()
        return seconds <= 15 * 60
    return len(hours) == 24 and len(minutes) >= 4


def run_the_beat():
    """Run every periodic task that beat starts at least every 15 minutes, as a new worker
    would after the crash. Returns their names."""
    names = [
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if runs_at_least_every_quarter_hour(entry["schedule"])
    ]
    for name in names:
        import_string(name)()
    return names
