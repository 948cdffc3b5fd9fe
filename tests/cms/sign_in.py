"""Sessions for tests: one as allauth leaves it after both sign-in steps, one made without it.

`client.force_login` stands for a finished sign-in through allauth (tests/conftest.py makes it
record the second step for a person with an authenticator app); `password_only_login` is the
session any other login path would give, which cms.accounts.middleware must turn away.
"""

from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.test.client import ClientMixin


def password_only_login(client, user):
    """A session made by Django's own login, with no record of allauth's second step (what
    Wagtail's or Django's login views, or an old session, would give)."""
    ClientMixin.force_login(client, user)


def record_second_step(client, user):
    """Record in the client's session that `user` signed in with their password and their
    authenticator app, with allauth's own bookkeeping (as its sign-in views do)."""
    # allauth's function, so the records have exactly its shape; tests only (it is internal).
    from allauth.account.internal.flows.login import record_authentication

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()


def force_login_with_second_step(client, user, backend=None):
    """Django's force_login, then (for a person with an authenticator app) allauth's record of
    the second step."""
    ClientMixin.force_login(client, user, backend)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        record_second_step(client, user)
