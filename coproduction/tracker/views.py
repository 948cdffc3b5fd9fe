"""The tracker's views: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cms.access import organisation_ids_where
from cms.exports import EXPORT_CHUNK, csv_cell, csv_download
from cms.organisations.models import Organisation, Service
from cms.pagination import paginate
from cms.views import done, form_page
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
from .rules import TRACKER_ROLES

PER_PAGE = 25


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _organisation(request, perm="coproduction.view_feedbackitem"):
    """The organisation whose tracker is shown: ?organisation=<id>, or the first the user may
    see."""
    wanted = request.GET.get("organisation") or request.POST.get("organisation")
    candidates = Organisation.objects.filter(
        pk__in=organisation_ids_where(request.user, *TRACKER_ROLES)
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
    filename = f"feedback-{organisation.slug}-{timezone.localdate():%Y-%m-%d}.csv"

    def rows():
        yield ["date", "channel", "role", "service", "themes", "text", "linked actions"]
        for item in items.iterator(chunk_size=EXPORT_CHUNK):
            yield [
                item.received_iso,
                item.get_channel_display(),
                item.get_giver_role_display(),
                csv_cell(item.service.name),
                "; ".join(theme.label for theme in item.themes.all()),
                csv_cell(item.text),
                csv_cell("; ".join(action.title for action in item.actions.all())),
            ]

    return csv_download(rows(), filename)


@require_http_methods(["GET", "POST"])
@login_required
def feedback_add(request):
    organisation = _organisation(request, "coproduction.add_feedbackitem")
    form = FeedbackItemForm(
        request.POST or None,
        organisation=organisation,
        initial={"received_on": timezone.localdate()},
    )

    def record(form):
        services.feedback_record(
            recorded_by=request.user,
            **{name: form.cleaned_data[name] for name in ("channel", "giver_role", "service")},
            text=form.cleaned_data["text"],
            received_on=form.cleaned_data["received_on"],
            themes=form.cleaned_data["themes"],
            may_quote=form.cleaned_data["may_quote"],
        )
        return done(
            request,
            "The feedback has been added.",
            reverse("coproduction:feedback_list") + f"?organisation={organisation.pk}",
        )

    return form_page(
        request,
        form,
        "coproduction/tracker/feedback_form.html",
        {"organisation": organisation},
        on_valid=record,
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

    def tag(form):
        services.feedback_tag(item, form.cleaned_data["themes"])
        return done(request, "The themes have been saved.", back_url)

    return form_page(
        request,
        form,
        "coproduction/tracker/feedback_themes.html",
        {"item": item, "back_url": back_url},
        on_valid=tag,
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

    def agree(form):
        action = create(
            source,
            title=form.cleaned_data["title"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            recommendation_themes=form.cleaned_data["recommendation_themes"],
            **(extra or {}),
        )
        return done(
            request,
            message(action) if message else "The action has been recorded.",
            "coproduction:action_edit",
            action_id=action.pk,
        )

    return form_page(
        request,
        form,
        "coproduction/tracker/action_form.html",
        {"source": source, "back_url": back_url, "heading": heading, "intro": intro},
        on_valid=agree,
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

    def save(form):
        data = dict(form.cleaned_data)
        themes = data.pop("recommendation_themes")
        services.action_update(action, recommendation_themes=themes, **data)
        return done(
            request, "The action has been saved.", "coproduction:action_edit", action_id=action.pk
        )

    return form_page(
        request,
        form,
        "coproduction/tracker/action_edit.html",
        {"action": action, "complete_form": complete_form, "back_url": _back_url(action)},
        on_valid=save,
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_complete(request, action_id):
    action = _action(request, action_id)
    form = ActionCompleteForm(request.POST or None, initial={"outcome": action.outcome})

    def complete(form):
        services.action_complete(action, outcome=form.cleaned_data["outcome"], by=request.user)
        # The layout already says "Done:" before a success message.
        message = "The outcome is published on “you said, we did”."
        item = action.agenda_item
        if item is not None and item.status == item.Status.CLOSED:
            message += f" The agenda item “{item.title}” is closed with it."
        return done(request, message, _back_url(action))

    return form_page(
        request,
        form,
        "coproduction/tracker/action_complete.html",
        {"action": action, "back_url": _back_url(action)},
        on_valid=complete,
    )


@require_http_methods(["GET", "POST"])
@login_required
def action_respond(request, action_id):
    action = _action(request, action_id, "coproduction.respond_action")
    instance = OutcomeResponse.objects.filter(action=action).first()
    form = OutcomeResponseForm(request.POST or None, instance=instance)

    def respond(form):
        services.outcome_respond(action, request.user, **form.cleaned_data)
        message = "Thank you: your answer is shown with the outcome."
        if action.space_id:
            return done(
                request, message, "coproduction:space_you_said_we_did", space_id=action.space_id
            )
        return done(request, message, reverse("coproduction:action_respond", args=[action.pk]))

    return form_page(
        request,
        form,
        "coproduction/tracker/action_respond.html",
        {"action": action},
        on_valid=respond,
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
