"""What every part of the co-production demo uses to make months of history in one load."""

from datetime import timedelta

from django.utils import timezone


def at(days_ago, hour=11):
    """A moment `days_ago` days ago (negative: in the future), at `hour` o'clock local time."""
    moment = timezone.localtime() - timedelta(days=days_ago)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def backdate(instance, **stamps):
    """Move time stamps the services set to the time of loading into the demo's past."""
    type(instance).objects.filter(pk=instance.pk).update(**stamps)
    for name, value in stamps.items():
        setattr(instance, name, value)
