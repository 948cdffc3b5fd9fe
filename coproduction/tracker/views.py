"""The tracker's views: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector."""

import csv

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cms.exports import csv_cell
from cms.organisations.models import Organisation, Service
from cms.pagination import paginate
from cms.permissions import memberships
from coproduction.rounds.models import PriorityRound, RoundItem
from coproduction.spaces.models import AgendaItem, CoproductionSpace
from coproduction.tracker.models import Action, FeedbackItem, OutcomeResponse

from . import selectors, services
from .forms import (
    ActionCompleteForm,
    ActionForm,
    FeedbackFilterForm,
    FeedbackItemForm,
    FeedbackThemesForm,
    OutcomeResponseForm,
)

PER_PAGE = 25
TRACKER_ROLES = {"leader", "organisation_admin", "safeguarding_lead", "forum_host"}


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _organisation(request, perm="coproduction.view_feedbackitem"):
    """The organisation whose tracker is shown: ?organisation=<id>, or the first the user may
    see."""
    wanted = request.GET.get("organisation") or request.POST.get("organisation")
    candidates = Organisation.objects.filter(
        pk__in={
            org_id for org_id, _service, role in memberships(request.user) if role in TRACKER_ROLES
        }
    )
    if wanted and str(wanted).isdigit():
        candidates = candidates.filter(pk=wanted)
    organisation = candidates.order_by("name").first()
    if organisation is None:
        raise PermissionDenied
    _require(request, perm, organisation)
    return organisation


# --- The feedback tracker -------------------------------------------------------------------


def _filtered(request, organisation):
    form = FeedbackFilterForm(request.GET or None, organisation=organisation)
    if form.is_bound:
        form.is_valid()  # errors are shown at their fields; the valid filters still apply
    filters = form.filters() if form.is_bound else {}
    return form, selectors.feedback_filter(organisation, **filters)


@require_GET
@login_required
def feedback_list(request):
    organisation = _organisation(request)
    form, items = _filtered(request, organisation)
    repeated = selectors.repeated_themes(organisation=organisation)
    return render(
        request,
        "coproduction/tracker/feedback_list.html",
        {
            "organisation": organisation,
            "form": form,
            **paginate(request.GET, items, PER_PAGE),
            "repeated": repeated,
            "repeated_keys": {theme.key for theme in repeated},
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
def feedback_export(request):
    organisation = _organisation(request, "coproduction.export_feedbackitem")
    _form, items = _filtered(request, organisation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"feedback-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["date", "channel", "role", "service", "themes", "text", "linked actions"])
    for item in items:
        writer.writerow(
            [
                item.received_iso,
                item.get_channel_display(),
                item.get_giver_role_display(),
                csv_cell(item.service.name),
                "; ".join(theme.label for theme in item.themes.all()),
                csv_cell(item.text),
                csv_cell("; ".join(action.title for action in item.actions.all())),
            ]
        )
    return response


@require_http_methods(["GET", "POST"])
@login_required
def feedback_add(request):
    organisation = _organisation(request, "coproduction.add_feedbackitem")
    form = FeedbackItemForm(
        request.POST or None,
        organisation=organisation,
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        services.feedback_record(
            recorded_by=request.user,
            **{name: form.cleaned_data[name] for name in ("channel", "giver_role", "service")},
            text=form.cleaned_data["text"],
            received_on=form.cleaned_data["received_on"],
            themes=form.cleaned_data["themes"],
        )
        messages.success(request, "The feedback has been added.")
        return redirect(reverse("coproduction:feedback_list") + f"?organisation={organisation.pk}")
    return render(
        request,
        "coproduction/tracker/feedback_form.html",
        {"organisation": organisation, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def feedback_themes(request, feedback_id):
    item = get_object_or_404(
        FeedbackItem.objects.select_related("service__organisation"), pk=feedback_id
    )
    _require(request, "coproduction.change_themes_feedbackitem", item)
    back_url = reverse("coproduction:feedback_list") + f"?organisation={item.organisation_id}"
    # Not `request.POST or None`: with every theme unticked, nothing but the token is posted.
    form = FeedbackThemesForm(
        request.POST if request.method == "POST" else None,
        initial={"themes": list(item.themes.all())},
    )
    if request.method == "POST" and form.is_valid():
        services.feedback_tag(item, form.cleaned_data["themes"])
        messages.success(request, "The themes have been saved.")
        return redirect(back_url)
    return render(
        request,
        "coproduction/tracker/feedback_themes.html",
        {"item": item, "form": form, "back_url": back_url},
    )


# --- Actions --------------------------------------------------------------------------------


def _organisation_people(organisation):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def _space_people(space):
    return (
        get_user_model()
        .objects.filter(space_memberships__space=space, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def _action_create(
    request, *, source, owners, create, back_url, heading, intro="", extra=None, message=None
):
    form = ActionForm(request.POST or None, owners=owners, with_status=False)
    if request.method == "POST" and form.is_valid():
        action = create(
            source,
            title=form.cleaned_data["title"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            recommendation_themes=form.cleaned_data["recommendation_themes"],
            **(extra or {}),
        )
        messages.success(request, message(action) if message else "The action has been recorded.")
        return redirect("coproduction:action_edit", action_id=action.pk)
    return render(
        request,
        "coproduction/tracker/action_form.html",
        {
            "form": form,
            "source": source,
            "back_url": back_url,
            "heading": heading,
            "intro": intro,
        },
    )


def _agreed_message(action):
    """What happened to the agenda item when the lead agreed an action on it."""
    item = action.agenda_item
    Status = AgendaItem.Status
    if item.status == Status.ACTION_AGREED:
        return (
            f"The action has been recorded. “{item.title}” is now “{Status.ACTION_AGREED.label}”."
        )
    if item.status in (Status.CLOSED, Status.NOT_TAKEN_FORWARD):
        return "The action has been recorded."
    return (
        f"The action has been recorded. “{item.title}” is still “{item.get_status_display()}”: "
        "once it has been discussed, move it on from the item’s page."
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_create_from_agenda_item(request, item_id):
    item = get_object_or_404(AgendaItem.objects.select_related("space"), pk=item_id)
    _require(request, "coproduction.add_action_for_agendaitem", item)
    return _action_create(
        request,
        source=item,
        owners=_space_people(item.space),
        create=services.action_create_from_agenda_item,
        extra={"by": request.user},
        message=_agreed_message,
        back_url=reverse("coproduction:space_you_said_we_did", args=[item.space_id]),
        heading=f"Agree an action on “{item.title}”",
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_create_from_round_result(request, round_id, round_item_id):
    """An action answering one row of a priority round's published result: the space's lead.
    To people outside the space the round is "not found", and so are its results until they
    are published."""
    priority_round = get_object_or_404(PriorityRound.objects.select_related("space"), pk=round_id)
    if not request.user.has_perm("coproduction.view_priorityround", priority_round):
        raise Http404("Not found.")
    round_item = get_object_or_404(
        RoundItem.objects.select_related("agenda_item__space"),
        pk=round_item_id,
        round=priority_round,
    )
    if not priority_round.is_published:
        raise Http404("The results of this round are not published yet.")
    _require(request, "coproduction.add_action_for_priorityround", priority_round)
    item = round_item.agenda_item
    return _action_create(
        request,
        source=item,
        owners=_space_people(priority_round.space),
        create=services.action_create_from_agenda_item,
        extra={"priority_round": priority_round, "by": request.user},
        message=_agreed_message,
        back_url=priority_round.get_absolute_url() + "#results",
        heading=f"Agree an action on “{item.title}”",
        intro=f"From the priority round “{priority_round.title}”.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_create_from_feedback(request, feedback_id):
    item = get_object_or_404(FeedbackItem.objects.select_related("service"), pk=feedback_id)
    _require(request, "coproduction.add_action_for_feedbackitem", item)
    return _action_create(
        request,
        source=item,
        owners=_organisation_people(item.service.organisation),
        create=services.action_create_from_feedback,
        back_url=reverse("coproduction:feedback_list")
        + f"?organisation={item.service.organisation_id}",
        heading="Agree an action on this feedback",
    )


def _action(request, action_id, perm="coproduction.change_action"):
    action = get_object_or_404(
        Action.objects.select_related("space", "agenda_item", "feedback_item", "service"),
        pk=action_id,
    )
    _require(request, perm, action)
    return action


def _back_url(action):
    if action.space_id:
        return reverse("coproduction:space_you_said_we_did", args=[action.space_id])
    return reverse("coproduction:feedback_list") + f"?organisation={action.organisation_id}"


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request, action_id):
    action = _action(request, action_id)
    owners = (
        _space_people(action.space)
        if action.space_id
        else _organisation_people(action.organisation)
    )
    form = ActionForm(
        request.POST or None, instance=action, owners=owners, with_status=not action.is_done
    )
    complete_form = ActionCompleteForm(initial={"outcome": action.outcome})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("recommendation_themes")
        services.action_update(action, recommendation_themes=themes, **data)
        messages.success(request, "The action has been saved.")
        return redirect("coproduction:action_edit", action_id=action.pk)
    return render(
        request,
        "coproduction/tracker/action_edit.html",
        {
            "action": action,
            "form": form,
            "complete_form": complete_form,
            "back_url": _back_url(action),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_complete(request, action_id):
    action = _action(request, action_id)
    form = ActionCompleteForm(request.POST or None, initial={"outcome": action.outcome})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_complete(action, outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Done: the outcome is published on “you said, we did”.")
            return redirect(_back_url(action))
    return render(
        request,
        "coproduction/tracker/action_complete.html",
        {"action": action, "form": form, "back_url": _back_url(action)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_respond(request, action_id):
    action = _action(request, action_id, "coproduction.respond_action")
    instance = OutcomeResponse.objects.filter(action=action).first()
    form = OutcomeResponseForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.outcome_respond(action, request.user, **form.cleaned_data)
        messages.success(request, "Thank you: your answer is shown with the outcome.")
        if action.space_id:
            return redirect("coproduction:space_you_said_we_did", space_id=action.space_id)
        return redirect(reverse("coproduction:action_respond", args=[action.pk]))
    return render(
        request,
        "coproduction/tracker/action_respond.html",
        {"action": action, "form": form},
    )


# --- You said, we did -----------------------------------------------------------------------


@require_GET
@login_required
def space_you_said_we_did(request, space_id):
    space = get_object_or_404(CoproductionSpace, pk=space_id)
    _require(request, "coproduction.view_space_you_said_we_did", space)
    is_lead = request.user.has_perm("coproduction.change_coproductionspace", space)
    return render(
        request,
        "coproduction/tracker/you_said_we_did.html",
        {
            "heading": f"You said, we did: {space.name}",
            "space": space,
            "actions": selectors.you_said_we_did_for_space(space),
            "open_actions": selectors.open_actions_for_space(space),
            "may_edit": is_lead,
        },
    )


@require_GET
@login_required
def service_you_said_we_did(request, service_id):
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=service_id)
    _require(request, "coproduction.view_service_you_said_we_did", service)
    return render(
        request,
        "coproduction/tracker/you_said_we_did.html",
        {
            "heading": f"You said, we did: {service.name}",
            "service": service,
            "actions": selectors.you_said_we_did_for_service(service),
            "may_edit": False,
        },
    )
