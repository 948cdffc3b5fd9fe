"""Views of the snapshots part: the Figures page, where leaders and organisation admins see
when their organisation's figures were last computed and the latest runs, and bring the figures
up to date. Thin: each asks `request.user.has_perm` (snapshots/rules.py) and calls a service
or selector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

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


@require_GET
@login_required
def figures(request):
    organisations = _organisations(request)
    return render(
        request,
        "leadership/snapshots/figures.html",
        {
            "overview": selectors.figures_overview(organisations),
            "runs": selectors.recent_runs(organisations),
            "months": services.DEFAULT_MONTHS,
        },
    )


@require_POST
@login_required
def figures_refresh(request):
    organisations = _organisations(request)
    form = RefreshForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose an organisation.")
    organisation = form.cleaned_data["organisation"]
    if organisation is None:
        # With a single organisation there is nothing to choose.
        if organisations.count() != 1:
            return HttpResponseBadRequest("Choose an organisation.")
        organisation = organisations.get()
    if not request.user.has_perm(PERMISSION, organisation):
        raise PermissionDenied
    try:
        run = services.run_request(organisation, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("leadership:figures")
    run.refresh_from_db(fields=["status"])
    if run.status == SnapshotRun.Status.DONE:
        # No worker: the task ran in this process as the request committed.
        messages.success(request, f"The figures for {organisation.name} are now up to date.")
    else:
        messages.success(
            request,
            f"Bringing the figures for {organisation.name} up to date. This takes a few "
            "minutes: reload this page to see when it has finished.",
        )
    return redirect("leadership:figures")
