"""Views of the snapshots part: the Figures page, where leaders and organisation admins see
when their organisation's figures were last brought up to date and the latest runs, bring the
figures up to date and watch a run's progress (the JSON its script polls). Thin: each asks
`request.user.has_perm` (snapshots/rules.py) and calls a service or selector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from cms.views import form_page

from . import selectors, services
from .forms import RefreshForm

PERMISSION = "leadership.refresh_snapshots"


def _organisations(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    organisations = selectors.refreshable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


FIGURES_TEMPLATE = "leadership/snapshots/figures.html"


def _figures_context(organisations):
    overview = selectors.figures_overview(organisations)
    return {
        "overview": overview,
        "any_open": any(as_of.is_open for as_of in overview),
        "runs": selectors.recent_runs(organisations),
        "months": services.DEFAULT_MONTHS,
    }


@require_GET
@login_required
def figures(request):
    organisations = _organisations(request)
    return render(request, FIGURES_TEMPLATE, _figures_context(organisations))


@require_GET
@login_required
def figures_progress(request):
    """What the Figures page's script polls while a run is open: for each organisation, the
    same words as the page, and whether a run is still open."""
    organisations = _organisations(request)
    return JsonResponse(
        {"organisations": [item.as_json() for item in selectors.figures_overview(organisations)]}
    )


@require_POST
@login_required
def figures_refresh(request):
    """The button: asks for a run and returns at once to the Figures page, which shows how far
    the run has got. While one is open (a second press, two leaders at once) the page shows
    that run instead. With no organisation chosen, the page comes back with the reason (400)."""
    organisations = _organisations(request)
    form = RefreshForm(request.POST, organisations=organisations)

    def refresh(form):
        organisation = form.cleaned_data["organisation"]
        if not request.user.has_perm(PERMISSION, organisation):
            raise PermissionDenied
        _run, created = services.run_request(organisation, request.user)
        if created:
            message = (
                f"Bringing the figures for {organisation.name} up to date. You can leave this "
                "page: you will get an email when it has finished."
            )
        else:
            message = (
                f"The figures for {organisation.name} are already being brought up to date. "
                "This is how far it has got."
            )
        # Not "Done": the run has only been asked for.
        messages.info(request, message)
        return redirect("leadership:figures")

    return form_page(
        request, form, FIGURES_TEMPLATE, _figures_context(organisations), on_valid=refresh
    )
