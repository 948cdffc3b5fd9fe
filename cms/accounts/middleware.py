from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from cms.organisations.models import MFA_REQUIRED_ROLES, Membership

# Paths a person who still has to set up a second factor may use: the sign-in pages themselves
# (to set it up, verify their email or sign out) and the static files those pages need.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/favicon.ico")


def needs_mfa_setup(user):
    if not user.is_authenticated:
        return False
    holds_sensitive_role = user.is_superuser or (
        Membership.objects.filter(user=user, role__in=MFA_REQUIRED_ROLES).exists()
    )
    if not holds_sensitive_role:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Leaders, safeguarding leads and organisation admins set up TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ALLOWED_PREFIXES) and needs_mfa_setup(request.user):
            messages.warning(
                request,
                "Your role gives you access to sensitive information, so your account needs a "
                "second sign-in step. Set up an authenticator app to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
