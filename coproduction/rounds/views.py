"""Priority round views: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A round of a space the person is not a member of is
"not found" (404), so its existence is not given away; a member who may not do something is
"forbidden" (403)."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.stepper import FormStepper
from cms.views import confirm_page, done, form_page
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import CoproductionSpace
from coproduction.tracker.models import Action

from . import selectors, services
from .forms import BallotForm, RoundForm, ballot_easy_read_steps


def _require(request, perm, obj, *, hide=False):
    if not request.user.has_perm(perm, obj):
        if hide:
            raise Http404("Not found.")
        raise PermissionDenied


def _round(request, round_id):
    priority_round = get_object_or_404(PriorityRound.objects.select_related("space"), pk=round_id)
    _require(request, "coproduction.view_priorityround", priority_round, hide=True)
    return priority_round


@require_http_methods(["GET", "POST"])
@login_required
def round_create(request, space_id):
    space = get_object_or_404(CoproductionSpace, pk=space_id)
    _require(request, "coproduction.view_coproductionspace", space, hide=True)
    _require(request, "coproduction.add_priorityround", space)
    items = selectors.shortlisted_items(space)
    form = RoundForm(request.POST or None, items=items)

    def open_round(form):
        data = form.cleaned_data
        priority_round = services.round_open(
            space,
            request.user,
            title=data["title"],
            method=data["method"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            agenda_items=list(data["agenda_items"]),
            secret=data["secret"],
            dots_per_voter=data["dots_per_voter"] or 0,
            max_dots_per_item=data["max_dots_per_item"] or 0,
        )
        return done(
            request,
            "The round is ready. Members have been emailed.",
            priority_round.get_absolute_url(),
        )

    return form_page(
        request,
        form,
        "coproduction/rounds/round_form.html",
        {"space": space, "items": items},
        on_valid=open_round,
    )


def _voting_for(request, priority_round, value):
    """The member a supporter votes for (`?for=<user id>`), or None."""
    if not value or not str(value).isdigit():
        return None
    if not request.user.has_perm("coproduction.vote_for_priorityround", priority_round):
        raise PermissionDenied
    voters = selectors.supported_voters(priority_round.space, request.user)
    return get_object_or_404(voters, pk=int(value))


def _detail_context(request, priority_round, *, ballot_form=None, voting_for=None):
    user = request.user
    items = selectors.round_items(priority_round)
    is_open = priority_round.is_open()
    may_vote = user.has_perm("coproduction.vote_priorityround", priority_round)
    may_support = is_open and user.has_perm("coproduction.vote_for_priorityround", priority_round)
    if voting_for is None and request.method == "GET":
        voting_for = _voting_for(request, priority_round, request.GET.get("for"))
    current = selectors.ballot_of(priority_round, user) if may_vote and is_open else None
    has_voted = may_vote and selectors.has_voted(priority_round, user)
    if is_open and ballot_form is None and (may_vote or voting_for):
        if voting_for is not None:
            # A supporter starts from an empty ballot: they never see the member's choices.
            ballot_form = BallotForm(
                priority_round=priority_round, items=items, voting_for=voting_for
            )
        else:
            initial = {f"item_{item_id}": value for item_id, value in (current or {}).items()}
            if priority_round.method == PriorityRound.Method.APPROVAL:
                initial = {name: bool(value) for name, value in initial.items()}
            ballot_form = BallotForm(priority_round=priority_round, items=items, initial=initial)
    dots_left = None
    if priority_round.method == PriorityRound.Method.DOT and (may_vote or voting_for):
        saved = {} if voting_for is not None else (current or {})
        dots_left = priority_round.dots_per_voter - sum(saved.values())
    results = None
    result_rows = ()
    may_agree_actions = user.has_perm("coproduction.add_action_for_priorityround", priority_round)
    if user.has_perm("coproduction.view_results_priorityround", priority_round):
        results = selectors.round_results(priority_round)
        result_rows = _with_actions(priority_round, results.rows, may_agree_actions)
    turnout = None
    if user.has_perm("coproduction.view_turnout_priorityround", priority_round):
        turnout = selectors.round_turnout(priority_round)
    return {
        "round": priority_round,
        "space": priority_round.space,
        "items": items,
        "may_vote": may_vote,
        "is_open": is_open,
        "has_started": priority_round.has_started(),
        "is_closed": priority_round.is_closed(),
        "has_voted": has_voted,
        "support": selectors.support_of(priority_round, user) if has_voted else None,
        "ballot_form": ballot_form if is_open else None,
        "voting_for": voting_for,
        "may_support": may_support,
        "supported_voters": (
            selectors.supported_voters(priority_round.space, user) if may_support else ()
        ),
        "dots_left": dots_left,
        "results": results,
        "result_rows": result_rows,
        "may_agree_actions": may_agree_actions,
        "turnout": turnout,
        "may_close": user.has_perm("coproduction.close_priorityround", priority_round),
    }


def _with_actions(priority_round, rows, with_actions):
    """Each result row with the actions agreed on it from this round (for the lead only)."""
    agreed = defaultdict(list)
    if with_actions:
        for action in Action.objects.filter(priority_round=priority_round).order_by("created_at"):
            agreed[action.agenda_item_id].append(action)
    return [(row, agreed[row.item.agenda_item_id]) for row in rows]


@require_GET
@login_required
def round_detail(request, round_id):
    return render(
        request,
        "coproduction/rounds/round_detail.html",
        _detail_context(request, _round(request, round_id)),
    )


@require_POST
@login_required
def ballot_submit(request, round_id):
    priority_round = _round(request, round_id)
    voting_for = _voting_for(request, priority_round, request.POST.get("for"))
    if voting_for is None:
        _require(request, "coproduction.vote_priorityround", priority_round)
    if not priority_round.is_open():
        messages.error(request, "Voting is not open, so the ballot was not saved.")
        return redirect(priority_round.get_absolute_url())
    items = selectors.round_items(priority_round)
    form = BallotForm(
        request.POST, priority_round=priority_round, items=items, voting_for=voting_for
    )

    return form_page(
        request,
        form,
        "coproduction/rounds/round_detail.html",
        _detail_context(request, priority_round, ballot_form=form, voting_for=voting_for),
        on_valid=lambda form: _vote(request, priority_round, form, voting_for),
    )


def _vote(request, priority_round, form, voting_for=None):
    """Store the ballot of a valid `BallotForm` (the round page's or the easy-read
    version's) and say so."""
    try:
        first = services.ballot_submit(
            priority_round,
            voting_for or request.user,
            form.entries(),
            supporter=request.user if voting_for else None,
            consent_note=form.cleaned_data.get("consent_note", ""),
        )
    except ValidationError as refused:
        if priority_round.is_open():
            raise
        # Voting closed while the ballot was being filled in: there is no form to go back to.
        messages.error(request, " ".join(refused.messages))
        return redirect(priority_round.get_absolute_url())
    if voting_for is not None:
        name = voting_for.get_full_name() or voting_for.email
        return done(
            request,
            f"The vote of {name} is recorded, with a note that you submitted it for "
            "them at their request.",
            priority_round.get_absolute_url(),
        )
    if priority_round.secret:
        text = "Your vote is recorded. The lead and the other members cannot see how you voted."
    else:
        text = "Your vote is recorded."
    if not first:
        text = text.replace("Your vote is recorded", "Your changed vote is recorded")
    return done(
        request,
        text + " You can change it until voting closes.",
        priority_round.get_absolute_url() + "#ballot",
    )


@require_http_methods(["GET", "POST"])
@login_required
def ballot_easy_read(request, round_id, step):
    """The easy-read ballot: the round page's BallotForm, one item per screen (cms.stepper),
    with the dots left on every screen; too many dots are refused on the item that passes the
    budget, and the whole ballot is checked again by the same service when it is sent."""
    priority_round = _round(request, round_id)
    _require(request, "coproduction.vote_priorityround", priority_round)
    if not priority_round.is_open():
        messages.error(request, "Voting is not open, so you cannot vote now.")
        return redirect(priority_round.get_absolute_url())
    items = selectors.round_items(priority_round)
    current = selectors.ballot_of(priority_round, request.user) or {}
    dot = priority_round.method == PriorityRound.Method.DOT

    def make_form(data):
        initial = {f"item_{item_id}": value for item_id, value in current.items()}
        if priority_round.method == PriorityRound.Method.APPROVAL:
            initial = {name: bool(value) for name, value in initial.items()}
        form = BallotForm(data, priority_round=priority_round, items=items, initial=initial)
        for name in form.fields:
            # Here what an item is about is its hint, which Django ties to the control.
            form.fields[name].widget.attrs.pop("aria-describedby", None)
        return form

    def dots_left(answers):
        used = sum(
            int(value) for value in answers.values() if isinstance(value, str) and value.isdigit()
        )
        return priority_round.dots_per_voter - used

    def check(form, step):
        item_id = int(step.fields[0].removeprefix("item_"))
        services.ballot_dots_check(priority_round, form.entries(), item_id)

    stepper = FormStepper(
        request,
        key=f"easy-read:ballot:{priority_round.pk}",
        make_form=make_form,
        steps=ballot_easy_read_steps(priority_round, items),
        url=lambda number: reverse(
            "coproduction:ballot_easy_read", args=[priority_round.pk, number]
        ),
        on_complete=lambda form: _vote(request, priority_round, form),
        check=check,
        context=lambda answers: {
            "flow_title": f"Vote: {priority_round.title}",
            "standard_url": priority_round.get_absolute_url() + "#ballot",
            "finish_label": "Send my vote",
            "before_step": "coproduction/rounds/_easy_read_dots.html" if dot else None,
            "round": priority_round,
            "dots_left": dots_left(answers) if dot else None,
        },
    )
    return stepper.respond(step)


@require_http_methods(["GET", "POST"])
@login_required
def round_close(request, round_id):
    priority_round = _round(request, round_id)
    _require(request, "coproduction.close_priorityround", priority_round)
    if priority_round.is_published:
        messages.info(request, "The results of this round are already published.")
        return redirect(priority_round.get_absolute_url())
    early = not priority_round.is_closed()

    def close():
        if early and request.POST.get("confirm") != "yes":
            raise ValidationError("Tick the box to confirm that you want to close voting early.")
        services.round_close_and_publish(priority_round, request.user, early=early)
        return done(
            request,
            "Voting is closed and the results are published. Members are emailed.",
            priority_round.get_absolute_url() + "#results",
        )

    return confirm_page(
        request,
        "coproduction/rounds/round_close.html",
        {
            "round": priority_round,
            "space": priority_round.space,
            "early": early,
            "turnout": selectors.round_turnout(priority_round),
            "question": "Close voting and publish the results?",
            "confirm_label": "Close and publish the results",
            "cancel_url": priority_round.get_absolute_url(),
        },
        on_confirm=close,
    )
