from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cms.organisations.models import Invitation
from cms.views import done, form_page

from .forms import NameForm
from .services import INVITATION_SESSION_KEY, user_name_set
from .services import invitation_accept as accept


def invitation_accept(request, token):
    """The link in an invitation email: sign up, or (for an existing account) accept it."""
    invitation = (
        Invitation.objects.select_related("organisation", "service").filter(token=token).first()
    )
    if invitation is None:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404
        )
    if not invitation.is_usable:
        reason = "used" if invitation.is_accepted else "expired"
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": reason, "invitation": invitation},
            status=410,
        )

    if request.user.is_authenticated:
        if not request.user.has_perm("organisations.accept_invitation", invitation):
            return render(
                request,
                "accounts/invitation_wrong_account.html",
                {"invitation": invitation},
                status=403,
            )
        if request.method == "POST":
            try:
                accept(invitation=invitation, user=request.user)
            except ValidationError:
                return render(
                    request,
                    "accounts/invitation_invalid.html",
                    {"reason": "used", "invitation": invitation},
                    status=410,
                )
            role = invitation.get_role_display().lower()
            messages.success(request, f"You are now {role} at {invitation.organisation}.")
            return redirect("/")
        return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})

    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        # Sign-up stays closed for this browser: the invitee signs in, comes back to this link
        # (the `next` address) and accepts it.
        messages.info(request, "You already have an account. Sign in to accept your invitation.")
        return redirect_to_login(request.get_full_path(), reverse("account_login"))
    request.session[INVITATION_SESSION_KEY] = invitation.token
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


@require_http_methods(["GET", "POST"])
@login_required
def account_name(request):
    """ "Your account": the name the person is called by. Only their own: no other user's."""
    form = NameForm(request.POST or None, initial={"first_name": request.user.first_name})

    def save(form):
        user = user_name_set(request.user, form.cleaned_data["first_name"])
        return done(request, f"Your name is saved. We will call you {user.first_name}.", "/")

    return form_page(request, form, "accounts/account_name.html", on_valid=save)
