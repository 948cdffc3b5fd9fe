from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from cms.organisations.models import MFA_REQUIRED_ROLES
from cms.permissions import memberships

# Files every page needs, open to everyone.
ASSET_PREFIXES = ("/static/", "/media/", "/favicon.ico")
# Paths a person who still has to set up a second factor may use: the sign-in pages themselves
# (to set it up, verify their email or sign out).
SETUP_PREFIX = "/accounts/"


def holds_two_step_role(user):
    # From the person's roles as cms.permissions reads them, once a request: the navigation's
    # hooks and the page's rules then ask the same copy instead of the database again.
    return user.is_superuser or any(role in MFA_REQUIRED_ROLES for *_, role in memberships(user))


def passed_second_step(request, user):
    """Whether this session passed allauth's second step as this person: allauth records each
    step of a sign-in (and of a re-authentication) in the session, keyed to the person."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def needs_mfa_setup(user):
    if not user.is_authenticated or not holds_two_step_role(user):
        return False
    return not is_mfa_enabled(user, [Authenticator.Type.TOTP])


class RequireMFAMiddleware:
    """Leaders, safeguarding leads, HR, organisation admins and site administrators reach
    nothing but the sign-in pages until this session has passed the second sign-in step.

    A person without an authenticator app is sent to set one up. A person with one whose
    session never asked for its code (a session from before they held the role, or one made
    by any path other than allauth's sign-in) is asked for a code before going on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            not user.is_authenticated
            or request.path.startswith(ASSET_PREFIXES)
            or passed_second_step(request, user)
            or not holds_two_step_role(user)
        ):
            return self.get_response(request)

        if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            if request.path.startswith(SETUP_PREFIX):
                return self.get_response(request)
            messages.warning(
                request,
                "Your role gives you access to sensitive information, so your account needs a "
                "second sign-in step. Set up an authenticator app to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))

        second_step = reverse("mfa_reauthenticate")
        if request.path in (second_step, reverse("account_logout")):
            return self.get_response(request)
        messages.info(
            request,
            "Your role gives you access to sensitive information. Enter the code your "
            "authenticator app shows now to continue.",
        )
        return redirect_to_login(request.get_full_path(), second_step)
