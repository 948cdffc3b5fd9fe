"""Views of the concerns part. Raising and tracking are public; the staff side asks
`request.user.has_perm` (coproduction/concerns/rules.py): a concern the person may not see is
"not found" (404).

Anonymity: the raising view keeps nothing in the session or messages (which would sit beside
the person's sign-in) and logs nothing (the easy-read version keeps the answers in the session
only until the concern is sent, and never a name or email of an anonymous concern); the
confirmation is the response to the POST itself, so the tracking code is shown once and never
stored in readable form."""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms import access
from cms.exports import csv_cell, csv_download
from cms.organisations.models import Service
from cms.pagination import paginate
from cms.stepper import FormStepper
from cms.views import done, form_page
from coproduction.concerns.models import Concern

from ..tracker.forms import ThemesByGroupForm
from . import selectors, services
from .forms import (
    ConcernDetailsForm,
    ConcernStartForm,
    ConcernStatusForm,
    ConcernTrackForm,
    SpeakUpAgainForm,
    concern_easy_read_steps,
    easy_read_concern_form,
)

PER_PAGE = 25


def _concern(request, concern_id, perm="coproduction.view_concern"):
    concern = get_object_or_404(
        Concern.objects.select_related("service", "organisation", "raised_by", "speak_up"),
        pk=concern_id,
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
            return _raise(request, form, context)
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


def _raise(request, form, context):
    """Store the concern of a valid `ConcernDetailsForm` (the standard page's or the easy-read
    version's) and show its confirmation: the response to the POST itself, so the tracking
    code is shown once and kept nowhere."""
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
        speak_up=form.speak_up_details(),
        may_quote=data["may_quote"],
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


@never_cache
@require_http_methods(["GET", "POST"])
def concern_raise_easy_read(request, step, service_id=None):
    """The easy-read version of raising a concern: the same form, one question per screen
    (cms.stepper). The answers wait in the session only until the concern is sent; a name or
    email typed before ticking "anonymously" is dropped when it is ticked, and nothing else
    about the person is kept."""
    service = get_object_or_404(Service, pk=service_id) if service_id else None
    signed_in = request.user.is_authenticated
    if service is None:
        standard_url = reverse("coproduction:concern_raise")

        def url(number):
            return reverse("coproduction:concern_raise_easy_read", args=[number])
    else:
        standard_url = reverse("coproduction:concern_raise_for_service", args=[service.pk])

        def url(number):
            return reverse(
                "coproduction:concern_raise_for_service_easy_read", args=[service.pk, number]
            )

    def make_form(data):
        form = easy_read_concern_form(data, service=service, signed_in=signed_in)
        if data is None and service is not None:
            form.initial["raiser_role"] = services.default_raiser_role(request.user, service)
        return form

    def context(answers):
        chosen = (
            service
            or Service.objects.filter(
                pk=answers.get("service") if str(answers.get("service", "")).isdigit() else None
            ).first()
        )
        return {
            "flow_title": "Tell us your worry",
            "standard_url": standard_url,
            "finish_label": "Send my concern",
            "before_step": (
                "coproduction/concerns/_at_risk_guidance.html"
                if answers.get("at_risk_now") == "yes"
                else None
            ),
            "contacts": selectors.contacts_of(chosen),
        }

    stepper = FormStepper(
        request,
        key=f"easy-read:concern:{service.pk if service else 0}",
        make_form=make_form,
        steps=concern_easy_read_steps(service=service, signed_in=signed_in),
        url=url,
        fixed={"service": str(service.pk)} if service else {},
        on_complete=lambda form: _raise(request, form, {"preset_service": service}),
        context=context,
    )
    return stepper.respond(step)


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
    concern, error, again_form = None, None, None
    form = ConcernTrackForm(request.POST or None)
    answering = request.POST.get("step") == "again"
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
            elif answering or services.may_answer_again(concern):
                concern, again_form = _answer_again(request, concern, answering)
    return render(
        request,
        "coproduction/concerns/concern_track.html",
        {"form": form, "concern": concern, "error": error, "again_form": again_form},
        status=400 if again_form is not None and again_form.errors else 200,
    )


def _answer_again(request, concern, answering):
    """On the raiser's own page (tracking code or "My concerns"): the "would you speak up
    again?" form, or its answer stored. Returns (the concern, the form still to show or None)."""
    again_form = SpeakUpAgainForm(request.POST if answering else None)
    if answering and again_form.is_valid():
        try:
            services.speak_up_again_answer(concern, again_form.cleaned_data["answer"])
        except ValidationError as error:
            again_form.add_error(None, error)
            return concern, again_form
        concern.speak_up.refresh_from_db()
        return concern, None
    return concern, again_form if services.may_answer_again(concern) else None


# --- The raiser's own concerns --------------------------------------------------------------


@require_GET
@login_required
def concern_mine(request):
    page = paginate(request.GET, selectors.concerns_of(request.user), PER_PAGE)
    for concern in page["page_obj"]:
        concern.ask_again = services.may_answer_again(concern)
    return render(request, "coproduction/concerns/concern_mine.html", page)


@require_http_methods(["GET", "POST"])
@login_required
def concern_speak_up_again(request, concern_id):
    """The person who raised a named speak-up case answers "would you speak up again?"."""
    concern = get_object_or_404(
        Concern.objects.select_related("service", "speak_up"), pk=concern_id
    )
    if not request.user.has_perm("coproduction.answer_speakupcase", concern):
        raise Http404("Not found.")
    form = SpeakUpAgainForm(request.POST or None)

    def answer(form):
        services.speak_up_again_answer(concern, form.cleaned_data["answer"])
        return done(request, "Thank you for your answer.", "coproduction:concern_mine")

    return form_page(
        request,
        form,
        "coproduction/concerns/concern_speak_up_again.html",
        {"concern": concern, "may_answer": services.may_answer_again(concern)},
        on_valid=answer,
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
            "return_organisations": access.organisations_with(
                request.user, "coproduction.view_speakupreturn"
            ),
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
        return done(
            request,
            f"Concern {concern.reference} is acknowledged. The person who raised it can see "
            "that it is being dealt with.",
            concern,
        )

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


# What the handler is told once a status is saved (Django messages, in the layout's status
# region): the move, and who hears of it, so nobody wonders whether the click did anything.
_STATUS_MESSAGES = {
    Concern.Status.OUTCOME_SHARED: "The outcome is shared with the person who raised it: they "
    "read it on their page, and are emailed if they gave an address.",
    Concern.Status.CLOSED: "It is closed. Its outcome and audit trail stay on this page.",
}


def _status_message(concern, status):
    moved = f"Concern {concern.reference} is now “{status.label}”."
    return " ".join(filter(None, [moved, _STATUS_MESSAGES.get(status)]))


@require_http_methods(["GET", "POST"])
@login_required
def concern_status(request, concern_id):
    concern = _concern(request, concern_id, "coproduction.change_concern")
    statuses = services.next_statuses(concern)
    form = ConcernStatusForm(request.POST or None, statuses=statuses)

    def set_status(form):
        status = Concern.Status(form.cleaned_data["status"])
        services.concern_status_set(
            concern,
            status,
            request.user,
            outcome=form.cleaned_data.get("outcome", ""),
            note=form.cleaned_data.get("note", ""),
        )
        return done(request, _status_message(concern, status), concern)

    return form_page(
        request,
        form,
        "coproduction/concerns/concern_status.html",
        {"concern": concern, "statuses": statuses},
        on_valid=set_status,
    )


# --- The quarterly speak-up return ----------------------------------------------------------


def _return(request, slug):
    organisation = access.organisation_for(request.user, slug, "coproduction.view_speakupreturn")
    return organisation, selectors.speak_up_return(organisation)


@require_GET
@login_required
def speak_up_return(request, slug):
    organisation, quarters = _return(request, slug)
    return render(
        request,
        "coproduction/concerns/speak_up_return.html",
        {
            "organisation": organisation,
            "quarters": quarters,
            "columns": selectors.return_columns(),
            "min_cases": selectors.RETURN_MIN_CASES,
        },
    )


@require_GET
@login_required
def speak_up_return_csv(request, slug):
    """The return as a CSV file: a row per quarter, a column per measure; "withheld" where the
    small-number rule hides a cell."""
    organisation, quarters = _return(request, slug)

    def rows():
        yield ["Organisation", "Quarter", *(label for _key, label in selectors.return_columns())]
        for quarter in quarters:
            yield [
                csv_cell(organisation.name),
                quarter.label,
                *(cell.text for cell in quarter.cells),
            ]

    return csv_download(rows(), f"speak-up-return-{slug}.csv")
