"""Reads of the preferences part: which co-production emails a person wants.

A person with no `EmailPreferences` row gets every email; each send asks here first."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from coproduction.preferences.models import EmailPreferences

# The four kinds of co-production email a person can turn off: the BooleanFields of
# EmailPreferences.
KINDS = ("round_opened", "results_published", "item_status_changed", "action_outcome")


def _check(kind):
    if kind not in KINDS:
        raise ValueError(f"unknown kind of co-production email: {kind!r}")


def wants_email(user, kind):
    """Whether `user` wants emails of `kind` (True when they have not chosen)."""
    _check(kind)
    if user is None or user.pk is None:
        return False
    chosen = EmailPreferences.objects.filter(user=user).values_list(kind, flat=True).first()
    return chosen is None or chosen


def who_want_email(users, kind):
    """`users` (a queryset of people) less those who turned emails of `kind` off: one query."""
    _check(kind)
    return users.filter(
        Q(coproduction_email__isnull=True) | Q(**{f"coproduction_email__{kind}": True})
    )


def preferences_of(user):
    """The person's saved choices, or an unsaved row with every email on."""
    return EmailPreferences.objects.filter(user=user).first() or EmailPreferences(user=user)


def email_preferences_url():
    """The absolute address of the page where a person chooses their emails (for emails)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("coproduction:email_preferences")
