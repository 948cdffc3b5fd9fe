"""The page where a person chooses which co-production emails they get. Anyone signed in may
use it: it only ever shows and changes their own choices."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_http_methods

from cms.views import done, form_page

from . import selectors, services
from .forms import EmailPreferencesForm


@require_http_methods(["GET", "POST"])
@login_required
def email_preferences(request):
    if not request.user.has_perm("coproduction.change_emailpreferences"):
        raise PermissionDenied
    # Not `request.POST or None`: a form with every box unticked posts no field at all.
    data = request.POST if request.method == "POST" else None
    form = EmailPreferencesForm(data, instance=selectors.preferences_of(request.user))

    def save(form):
        services.preferences_save(request.user, **form.cleaned_data)
        return done(request, "Your email choices are saved.", "coproduction:email_preferences")

    return form_page(
        request, form, "coproduction/preferences/email_preferences.html", on_valid=save
    )
