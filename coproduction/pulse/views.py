"""Views of the pulse part: thin, each asks `request.user.has_perm` (the part's rules.py) and
calls a service or selector. A round or service the person is neither staff nor leader of is
"not found" (404); staff who may not do something (open, close, read results) are "forbidden"
(403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.organisations.models import Service
from cms.views import confirm_page, done, form_page
from coproduction.pulse.models import PulseRound

from . import selectors, services
from .forms import PulseResponseForm, PulseRoundForm


def _service(request, service_id, perm):
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=service_id)
    user = request.user
    if not (user.has_perm("coproduction.view_pulseround", service) or user.has_perm(perm, service)):
        raise Http404("Not found.")
    if not user.has_perm(perm, service):
        raise PermissionDenied
    return service


def _round(request, round_id, perm=None):
    pulse_round = get_object_or_404(PulseRound.objects.select_related("service"), pk=round_id)
    if not request.user.has_perm("coproduction.view_pulseround", pulse_round):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, pulse_round):
        raise PermissionDenied
    return pulse_round


def _detail_context(request, pulse_round, form=None):
    user = request.user
    may_respond = user.has_perm("coproduction.respond_pulseround", pulse_round)
    may_see_results = user.has_perm("coproduction.view_results_pulseround", pulse_round)
    is_open = services.is_open(pulse_round)
    answered = may_respond and services.has_answered(pulse_round, user)
    if may_respond and is_open and not answered and form is None:
        form = PulseResponseForm()
    return {
        "pulse_round": pulse_round,
        "service": pulse_round.service,
        "is_open": is_open,
        "not_yet_open": pulse_round.closed_at is None and pulse_round.opens_at > timezone.now(),
        "may_respond": may_respond,
        "answered": answered,
        "form": form if may_respond and is_open and not answered else None,
        "results": selectors.round_results(pulse_round) if may_see_results else None,
        "may_close": user.has_perm("coproduction.close_pulseround", pulse_round)
        and pulse_round.closed_at is None,
        "minimum": selectors.MIN_ANSWERS_SHOWN,
        "group_minimum": selectors.MIN_GROUP_SHOWN,
    }


@require_GET
@login_required
def pulse_index(request):
    """The staff pulse: the rounds waiting for this person, and the rounds of the services they
    run (with a way to open one)."""
    user = request.user
    running = [
        (service, list(selectors.rounds_of(service)[:12]))
        for service in selectors.services_running(user)
    ]
    return render(
        request,
        "coproduction/pulse/pulse_index.html",
        {
            "waiting": selectors.rounds_waiting_for(user),
            "answering": list(selectors.services_answering(user)),
            "running": running,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def pulse_round_create(request, service_id):
    service = _service(request, service_id, "coproduction.add_pulseround")
    form = PulseRoundForm(request.POST or None)

    def open_round(form):
        pulse_round = services.round_open(service, request.user, **form.survey_data())
        return done(request, "The pulse round is set up.", pulse_round)

    return form_page(
        request,
        form,
        "coproduction/pulse/round_form.html",
        {"service": service},
        on_valid=open_round,
    )


@require_GET
@login_required
def pulse_round(request, round_id):
    pulse_round = _round(request, round_id)
    return render(
        request, "coproduction/pulse/round_detail.html", _detail_context(request, pulse_round)
    )


@require_POST
@login_required
def pulse_respond(request, round_id):
    pulse_round = _round(request, round_id, "coproduction.respond_pulseround")
    form = PulseResponseForm(request.POST)

    def respond(form):
        try:
            services.pulse_respond(pulse_round, request.user, **form.cleaned_data)
        except ValidationError as refused:
            # Answered already, or no longer open: nothing on the form to correct.
            if refused.code == "already_answered":
                messages.info(request, "You have already answered this pulse survey. Thank you.")
                return redirect(pulse_round)
            if refused.code == "not_open":
                messages.error(request, "This pulse survey is not open for answers.")
                return redirect(pulse_round)
            raise
        return done(request, "Thank you. Your answers have been saved.", pulse_round)

    return form_page(
        request,
        form,
        "coproduction/pulse/round_detail.html",
        _detail_context(request, pulse_round, form=form),
        on_valid=respond,
    )


@require_http_methods(["GET", "POST"])
@login_required
def pulse_round_close(request, round_id):
    pulse_round = _round(request, round_id, "coproduction.close_pulseround")
    if pulse_round.closed_at is not None:
        messages.info(request, "This round is already closed.")
        return redirect(pulse_round)

    def close():
        items = services.round_close(pulse_round)
        return done(
            request,
            f"The round is closed. {len(items)} comment{'s' if len(items) != 1 else ''} went to "
            "the feedback tracker.",
            pulse_round,
        )

    return confirm_page(
        request,
        "coproduction/pulse/round_close.html",
        {
            "pulse_round": pulse_round,
            "answers": selectors.round_results(pulse_round).answers,
            "minimum": selectors.MIN_ANSWERS_SHOWN,
            "question": f"Close “{pulse_round.title}”?",
            "confirm_label": "Yes, close the round",
            "cancel_url": pulse_round.get_absolute_url(),
            "danger": True,
        },
        on_confirm=close,
    )
