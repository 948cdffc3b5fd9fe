"""Writes of the preferences part."""

from coproduction.preferences.models import EmailPreferences

from .selectors import KINDS


def preferences_save(user, **choices):
    """Save which co-production emails `user` wants; kinds not given keep their value."""
    unknown = set(choices) - set(KINDS)
    if unknown:
        raise TypeError(f"unknown kinds of email: {sorted(unknown)}")
    preferences, _created = EmailPreferences.objects.update_or_create(
        user=user, defaults={kind: bool(value) for kind, value in choices.items()}
    )
    return preferences
