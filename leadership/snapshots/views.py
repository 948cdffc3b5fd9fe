"""Views of the snapshots part: the Figures page, where leaders and organisation admins see
when their organisation's figures were last computed and the latest runs, and bring the figures
up to date. Thin: each asks `request.user.has_perm` (snapshots/rules.py) and calls a service
or selector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from cms.views import done, form_page

from . import selectors, services
from .forms import RefreshForm
from .models import SnapshotRun

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
    return {
        "overview": selectors.figures_overview(organisations),
        "runs": selectors.recent_runs(organisations),
        "months": services.DEFAULT_MONTHS,
    }


@require_GET
@login_required
def figures(request):
    organisations = _organisations(request)
    return render(request, FIGURES_TEMPLATE, _figures_context(organisations))


@require_POST
@login_required
def figures_refresh(request):
    """The button: on a refusal (a run already under way, no organisation chosen) the Figures
    page comes back with the reason (400)."""
    organisations = _organisations(request)
    form = RefreshForm(request.POST, organisations=organisations)
    asked = []

    def refresh(form):
        organisation = form.cleaned_data["organisation"]
        if not request.user.has_perm(PERMISSION, organisation):
            raise PermissionDenied
        asked.append(services.run_request(organisation, request.user))
        return done(request, None, "leadership:figures")

    response = form_page(
        request, form, FIGURES_TEMPLATE, _figures_context(organisations), on_valid=refresh
    )
    if asked:
        # Told once form_page has committed the request: with no worker, the run has been
        # done in this process as it committed.
        _tell(request, asked[0])
    return response


def _tell(request, run):
    run.refresh_from_db(fields=["status"])
    name = run.organisation.name
    if run.status == SnapshotRun.Status.DONE:
        messages.success(request, f"The figures for {name} are now up to date.")
    else:
        messages.success(
            request,
            f"Bringing the figures for {name} up to date. This takes a few minutes: reload this "
            "page to see when it has finished.",
        )
