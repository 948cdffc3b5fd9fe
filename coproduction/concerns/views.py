"""Views of the concerns part. Raising and tracking are public; the staff side asks
`request.user.has_perm` (coproduction/concerns/rules.py): a concern the person may not see is
"not found" (404).

Anonymity: the raising view keeps nothing in the session or messages (which would sit beside
the person's sign-in) and logs nothing; the confirmation is the response to the POST itself, so
the tracking code is shown once and never stored in readable form."""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.organisations.models import Service
from cms.pagination import paginate
from cms.views import done, form_page
from coproduction.concerns.models import Concern

from ..tracker.forms import ThemesByGroupForm
from . import selectors, services
from .forms import (
    ConcernDetailsForm,
    ConcernStartForm,
    ConcernStatusForm,
    ConcernTrackForm,
)

PER_PAGE = 25


def _concern(request, concern_id, perm="coproduction.view_concern"):
    concern = get_object_or_404(
        Concern.objects.select_related("service", "organisation", "raised_by"), pk=concern_id
    )
    if not request.user.has_perm("coproduction.view_concern", concern):
        raise Http404("Not found.")
    if not request.user.has_perm(perm, concern):
        raise PermissionDenied
    return concern


# --- Raising (public) -----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def concern_raise(request, service_id=None):
    service = get_object_or_404(Service, pk=service_id) if service_id else None
    signed_in = request.user.is_authenticated
    context = {"preset_service": service}
    if request.method == "POST" and request.POST.get("step") == "details":
        form = ConcernDetailsForm(request.POST, service=service, signed_in=signed_in)
        if form.is_valid():
            data = form.cleaned_data
            concern, code = services.concern_raise(
                service=data["service"],
                user=request.user,
                raiser_role=data["raiser_role"],
                what_happened=data["what_happened"],
                who_is_affected=data["who_is_affected"],
                at_risk_now=data["at_risk_now"] == "yes",
                possible_safeguarding=data["possible_safeguarding"] == "yes",
                anonymous=data["anonymous"],
                contact_name=data.get("contact_name", ""),
                contact_email=data.get("contact_email", ""),
            )
            return render(
                request,
                "coproduction/concerns/concern_confirmation.html",
                {
                    **context,
                    "concern": concern,
                    "tracking_code": code,
                    "contacts": selectors.contacts_of(concern.service),
                },
            )
        return _details_page(request, form, context)
    if request.method == "POST":
        form = ConcernStartForm(request.POST, service=service)
        if form.is_valid():
            chosen = form.cleaned_data["service"]
            details = ConcernDetailsForm(
                initial={
                    "service": str(chosen.pk),
                    "at_risk_now": form.cleaned_data["at_risk_now"],
                    "raiser_role": services.default_raiser_role(request.user, chosen),
                    "possible_safeguarding": "yes"
                    if form.cleaned_data["at_risk_now"] == "yes"
                    else None,
                },
                service=service,
                signed_in=signed_in,
            )
            return _details_page(request, details, context, chosen, form.cleaned_data)
    else:
        form = ConcernStartForm(service=service)
    return render(
        request,
        "coproduction/concerns/concern_raise_start.html",
        {**context, "form": form, "contacts": selectors.contacts_of(service)},
    )


def _details_page(request, form, context, service=None, start=None):
    if service is None:
        service = Service.objects.filter(pk=form.data.get("service") or None).first()
    at_risk = (start or form.data).get("at_risk_now") == "yes"
    return render(
        request,
        "coproduction/concerns/concern_raise_details.html",
        {
            **context,
            "form": form,
            "service": service,
            "at_risk": at_risk,
            "contacts": selectors.contacts_of(service),
            "signed_in": request.user.is_authenticated,
        },
    )


# --- Tracking (public) ----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def concern_track(request):
    concern, error = None, None
    form = ConcernTrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Guessing codes: 10 tries in 15 minutes from one address (allauth's rate limits,
        # ACCOUNT_RATE_LIMITS; the address is only kept hashed).
        client = get_adapter().get_client_ip(request)
        if not ratelimit.consume(request, action="coproduction_concern_track", key=client):
            error = "Too many tries. Wait 15 minutes, then try again."
        else:
            concern = services.concern_for_tracking(
                form.cleaned_data["reference"], form.cleaned_data["code"]
            )
            if concern is None:
                error = (
                    "We could not find a concern with this reference and tracking code. "
                    "Check both and try again."
                )
    return render(
        request,
        "coproduction/concerns/concern_track.html",
        {"form": form, "concern": concern, "error": error},
    )


# --- The raiser's own concerns --------------------------------------------------------------


@require_GET
@login_required
def concern_mine(request):
    return render(
        request,
        "coproduction/concerns/concern_mine.html",
        paginate(request.GET, selectors.concerns_of(request.user), PER_PAGE),
    )


# --- Staff ----------------------------------------------------------------------------------


@require_GET
@login_required
def concern_list(request):
    if not request.user.has_perm("coproduction.list_concern"):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in Concern.Status.values:
        status = ""
    concerns = selectors.concern_list(request.user, status)
    page = paginate(request.GET, concerns, PER_PAGE)
    for concern in page["page_obj"]:
        concern.overdue = selectors.is_overdue(concern)
    return render(
        request,
        "coproduction/concerns/concern_list.html",
        {
            **page,
            "status": status,
            "statuses": Concern.Status.choices,
        },
    )


@require_GET
@login_required
def concern_detail(request, concern_id):
    concern = _concern(request, concern_id)
    may_change = request.user.has_perm("coproduction.change_concern", concern)
    themes = list(selectors.concern_themes(concern))
    return render(
        request,
        "coproduction/concerns/concern_detail.html",
        {
            "concern": concern,
            "events": selectors.audit_trail(concern),
            "overdue": selectors.is_overdue(concern),
            "may_change": may_change,
            "next_statuses": services.next_statuses(concern),
            "themes": themes,
            "themes_form": ThemesByGroupForm(themes=themes) if may_change else None,
            "contacts_missing": selectors.contacts_of(concern.service) is None,
        },
    )


def _themes_form(request, concern):
    # Not `request.POST or None`: with every theme unticked, nothing but the token is posted.
    themes = selectors.concern_themes(concern)
    if request.method == "POST":
        return ThemesByGroupForm(request.POST, themes=themes)
    return ThemesByGroupForm(themes=themes)


@require_http_methods(["GET", "POST"])
@login_required
def concern_acknowledge(request, concern_id):
    concern = _concern(request, concern_id, "coproduction.change_concern")
    form = _themes_form(request, concern)
    template = "coproduction/concerns/concern_acknowledge.html"
    context = {
        "concern": concern,
        "question": f"Acknowledge concern {concern.reference}?",
        "confirm_label": "Yes, acknowledge it",
        "cancel_url": concern.get_absolute_url(),
    }
    if concern.status != Concern.Status.RECEIVED:
        error = "This concern has already been acknowledged."
        return render(request, template, {**context, "form": form, "error": error})

    def acknowledge(form):
        services.concern_acknowledge(concern, request.user, themes=form.chosen_themes())
        return done(request, None, concern)

    return form_page(request, form, template, context, on_valid=acknowledge)


@require_http_methods(["GET", "POST"])
@login_required
def concern_themes(request, concern_id):
    concern = _concern(request, concern_id, "coproduction.change_concern")
    form = _themes_form(request, concern)

    def tag(form):
        changed = services.concern_set_themes(concern, form.chosen_themes(), request.user)
        return done(
            request,
            "The themes have been saved." if changed else None,
            concern.get_absolute_url() + "#themes-heading",
        )

    return form_page(
        request,
        form,
        "coproduction/concerns/concern_themes.html",
        {"concern": concern},
        on_valid=tag,
    )


@require_http_methods(["GET", "POST"])
@login_required
def concern_status(request, concern_id):
    concern = _concern(request, concern_id, "coproduction.change_concern")
    statuses = services.next_statuses(concern)
    form = ConcernStatusForm(request.POST or None, statuses=statuses)

    def set_status(form):
        services.concern_status_set(
            concern,
            form.cleaned_data["status"],
            request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
        return done(request, None, concern)

    return form_page(
        request,
        form,
        "coproduction/concerns/concern_status.html",
        {"concern": concern, "statuses": statuses},
        on_valid=set_status,
    )
