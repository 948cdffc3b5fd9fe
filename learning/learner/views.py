"""The learner's views: thin, each asks `request.user.has_perm` (learning/learner/rules.py)
and calls a service or selector. Someone else's attempt or reflection is "not found" (404), so
its existence is not given away; a page of another organisation is "forbidden" (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.views import confirm_page, done, form_page

from ..authoring.models import ModulePage, ScenarioPage
from . import selectors, services
from .forms import ModuleFeedbackForm, ReflectionForm, ReplyForm
from .models import Reflection, ScenarioAttempt
from .steps_and_checks import knowledge_checks


def _require(request, perm, obj=None, *, hide=False):
    if not request.user.has_perm(perm, obj):
        if hide:
            raise Http404("Not found.")
        raise PermissionDenied


def _render_page(request, page, **extra):
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context)


# --- Modules --------------------------------------------------------------------------------


@require_POST
@login_required
def module_check(request, page_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=page_id)
    _require(request, "learning.learn_page", module)
    answers = {
        check.field_name: request.POST.getlist(check.field_name)
        for check in knowledge_checks(module)
    }
    result = services.module_check_submit(request.user, module, answers)
    if result.passed:
        return done(
            request,
            f"Well done: you have completed “{module.title}”.",
            module.url + "#module-status",
        )
    return _render_page(request, module, check_result=result)


@require_POST
@login_required
def module_feedback(request, page_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=page_id)
    _require(request, "learning.add_modulefeedback", module)
    if not selectors.module_passed(request.user, module):
        messages.error(request, "You can rate this module once you have completed it.")
        return redirect(module.url)
    form = ModuleFeedbackForm(request.POST)

    def save(form):
        services.feedback_save(request.user, module, **form.cleaned_data)
        return done(request, "Thank you: your feedback has been saved.", module.url + "#feedback")

    # Shown with its errors on the module page itself, where the learner rated it.
    return form_page(
        request,
        form,
        module.get_template(request),
        {**module.get_context(request), "feedback_form": form},
        on_valid=save,
    )


@require_GET
@login_required
def feedback_list(request, page_id):
    module = get_object_or_404(ModulePage, pk=page_id)
    _require(request, "learning.view_modulefeedback", module)
    return render(
        request,
        "learning/learner/feedback_list.html",
        {"module": module, "feedback": selectors.feedback_for_page(module)},
    )


# --- Scenarios ------------------------------------------------------------------------------


@require_POST
@login_required
def attempt_start(request, page_id):
    scenario = get_object_or_404(ScenarioPage.objects.live(), pk=page_id)
    _require(request, "learning.learn_page", scenario)
    try:
        attempt = services.attempt_start(request.user, scenario)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(scenario.url)
    return redirect("learning:attempt_play", pk=attempt.pk)


def _attempt(request, pk, perm):
    attempt = get_object_or_404(
        ScenarioAttempt.objects.select_related("revision", "scenario"), pk=pk
    )
    _require(request, perm, attempt, hide=True)
    return attempt


def _player(request, attempt, *, error=None, status=200):
    scenario = attempt.scenario.specific
    context = {
        "attempt": attempt,
        "scenario": scenario,
        "path": scenario.learning_path,
        "error": error,
    }
    after = request.GET.get("after")
    events = services.attempt_events(attempt)
    if after and after.isdigit() and 0 < int(after) <= len(events) and error is None:
        event = events[int(after) - 1]
        content = services.attempt_content(attempt)
        step = content.step(event.step_key)
        context.update(
            mode="feedback",
            event=event,
            step=step,
            choice=step.choice(event.choice_key) if step else None,
        )
    elif attempt.is_finished:
        summary = selectors.attempt_summary(attempt)
        context.update(
            mode="summary",
            summary=summary,
            reflection_form=ReflectionForm(
                pages=[scenario], initial={"page": scenario.pk, "attempt": attempt.pk}
            ),
            next_item=selectors.next_item_after(context["path"], scenario),
        )
    else:
        context.update(
            mode="step", step=services.attempt_current_step(attempt), number=len(events) + 1
        )
    return render(request, "learning/learner/attempt.html", context, status=status)


@require_GET
@login_required
def attempt_play(request, pk):
    attempt = _attempt(request, pk, "learning.view_scenarioattempt")
    return _player(request, attempt)


@require_POST
@login_required
def attempt_choose(request, pk):
    attempt = _attempt(request, pk, "learning.play_scenarioattempt")
    choice_key = request.POST.get("choice", "")
    if not choice_key:
        return _player(request, attempt, error="Choose one of the options.", status=400)
    try:
        event = services.attempt_choose(attempt, choice_key, step_key=request.POST.get("step"))
    except ValidationError as refused:
        message = " ".join(refused.messages)
        if refused.code == "not_a_choice":
            return _player(request, attempt, error=message, status=400)
        # A finished attempt, or a step already answered: show where the learner is now.
        messages.info(request, message)
        return redirect("learning:attempt_play", pk=attempt.pk)
    return redirect(reverse("learning:attempt_play", args=[attempt.pk]) + f"?after={event.order}")


# --- Reflections ----------------------------------------------------------------------------


@require_GET
@login_required
def journal(request):
    _require(request, "learning.view_journal")
    return render(
        request,
        "learning/learner/journal.html",
        {"reflections": selectors.reflections_of(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def reflection_write(request):
    _require(request, "learning.view_journal")
    pages = selectors.reflection_pages_for(request.user)
    by_id = {page.pk: page for page in pages}
    initial = {}
    if request.GET.get("page", "").isdigit():
        initial["page"] = int(request.GET["page"])
    form = ReflectionForm(
        request.POST if request.method == "POST" else None, pages=pages, initial=initial
    )

    def write(form):
        page = by_id[form.cleaned_data["page"]]
        _require(request, "learning.add_reflection", page)
        attempt = None
        if form.cleaned_data.get("attempt"):
            attempt = ScenarioAttempt.objects.filter(
                pk=form.cleaned_data["attempt"], user=request.user, scenario_id=page.pk
            ).first()
        reflection = services.reflection_write(
            request.user, page, form.cleaned_data["text"], attempt=attempt
        )
        return done(
            request,
            "Your reflection is saved in your journal. Only you can see it.",
            reverse("learning:journal") + f"#reflection-{reflection.pk}",
        )

    return form_page(request, form, "learning/learner/reflection_write.html", on_valid=write)


def _reflection(request, pk, perm):
    reflection = get_object_or_404(
        Reflection.objects.select_related("author", "page", "attempt"), pk=pk
    )
    _require(request, "learning.view_reflection", reflection, hide=True)
    if perm != "learning.view_reflection":
        _require(request, perm, reflection)
    return reflection


def _detail_context(request, reflection, reply_form=None):
    can_reply = request.user.has_perm("learning.reply_reflection", reflection)
    return {
        "reflection": reflection,
        "replies": reflection.replies.select_related("author"),
        "is_author": reflection.author_id == request.user.pk,
        "reply_form": (reply_form or ReplyForm()) if can_reply else None,
    }


@require_GET
@login_required
def reflection_detail(request, pk):
    reflection = _reflection(request, pk, "learning.view_reflection")
    return render(
        request, "learning/learner/reflection_detail.html", _detail_context(request, reflection)
    )


@require_http_methods(["GET", "POST"])
@login_required
def reflection_share(request, pk):
    reflection = _reflection(request, pk, "learning.share_reflection")
    journal_url = reverse("learning:journal")

    def share():
        services.reflection_share(reflection)
        return done(
            request,
            "Your reflection is shared with your supervisor.",
            journal_url + f"#reflection-{reflection.pk}",
        )

    return confirm_page(
        request,
        "learning/learner/reflection_share.html",
        {
            "reflection": reflection,
            "supervisors": selectors.supervisors_of(reflection.author, reflection.page),
            "question": "Share your reflection with your supervisor?",
            "confirm_label": "Yes, share it",
            "cancel_url": journal_url,
            "cancel_label": "No, keep it private",
        },
        on_confirm=share,
    )


@require_GET
@login_required
def supervision(request):
    _require(request, "learning.view_supervision")
    return render(
        request,
        "learning/learner/supervision.html",
        {"reflections": selectors.supervision_list(request.user)},
    )


@require_POST
@login_required
def reflection_reply(request, pk):
    reflection = _reflection(request, pk, "learning.reply_reflection")
    form = ReplyForm(request.POST)

    def reply(form):
        services.reflection_reply(reflection, request.user, form.cleaned_data["text"])
        return done(
            request,
            f"Your reply to {reflection.author.get_full_name()} is sent.",
            "learning:reflection_detail",
            pk=reflection.pk,
        )

    return form_page(
        request,
        form,
        "learning/learner/reflection_detail.html",
        _detail_context(request, reflection, reply_form=form),
        on_valid=reply,
    )
