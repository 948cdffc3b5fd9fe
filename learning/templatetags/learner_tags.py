"""What a learner sees on learning pages: their state on a module, scenario or path, and the
knowledge checks (with their results after an answer)."""

from django import template
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from ..authoring.models import learning_organisation_of
from ..learner import selectors
from ..learner.forms import ModuleFeedbackForm

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None), request


@register.simple_tag(takes_context=True)
def module_state(context, page):
    user, _request = _user(context)
    can_learn = bool(user and user.has_perm("learning.learn_page", page))
    passed = can_learn and selectors.module_passed(user, page)
    path = page.specific.learning_path
    feedback = selectors.feedback_of(user, page) if passed else None
    form = context.get("feedback_form")
    if form is None and passed:
        initial = (
            {
                "clarity": feedback.clarity,
                "relevance": feedback.relevance,
                "comment": feedback.comment,
            }
            if feedback
            else {}
        )
        form = ModuleFeedbackForm(initial=initial)
    return {
        "can_learn": can_learn,
        "passed": passed,
        "path": path,
        "next_item": selectors.next_item_after(path, page) if passed else None,
        "feedback": feedback,
        "feedback_form": form,
        "can_read_feedback": bool(user and user.has_perm("learning.view_modulefeedback", page)),
        "organisation": learning_organisation_of(page),
    }


@register.simple_tag(takes_context=True)
def scenario_state(context, page):
    user, _request = _user(context)
    can_learn = bool(user and user.has_perm("learning.learn_page", page))
    attempts = list(selectors.scenario_attempts(user, page)) if can_learn else []
    unfinished = next((a for a in attempts if not a.is_finished), None)
    path = page.specific.learning_path
    return {
        "can_learn": can_learn,
        "attempts": attempts,
        "finished": [a for a in attempts if a.is_finished],
        "unfinished": unfinished,
        "path": path,
        "next_item": selectors.next_item_after(path, page),
        "organisation": learning_organisation_of(page),
    }


@register.simple_tag(takes_context=True)
def path_state(context, page):
    user, _request = _user(context)
    can_learn = bool(user and user.has_perm("learning.learn_page", page))
    progress = selectors.path_progress(user, page)
    return {
        "can_learn": can_learn,
        "progress": progress,
        "organisation": learning_organisation_of(page),
    }


def _block_context(context, block):
    values = context.flatten()
    values.update(block=block, block_id=block.id)
    return values


@register.simple_tag(takes_context=True)
def learning_block(context, block):
    """A body block through its own template, or its basic rendering if that template is not
    there yet."""
    try:
        return block.render(context=_block_context(context, block))
    except TemplateDoesNotExist:
        return block.block.render_basic(block.value, context=context.flatten())


@register.simple_tag(takes_context=True)
def knowledge_check(context, block):
    """A knowledge check: before an answer, through its block template; after one (the view
    puts `check_result` in the context), with the learner's answers kept and every option's
    explanation."""
    result = None
    check_result = context.get("check_result")
    if hasattr(check_result, "results"):
        result = next((r for r in check_result.results if r.check.block_id == str(block.id)), None)
    if result is None:
        try:
            return block.render(context=_block_context(context, block))
        except TemplateDoesNotExist:
            pass
    value = block.value
    options = (
        result.options()
        if result
        else [(i, option, False) for i, option in enumerate(value["options"])]
    )
    return render_to_string(
        "learning/learner/knowledge_check.html",
        {
            "block_id": block.id,
            "question": value["question"],
            "multiple": value.get("multiple"),
            "options": options,
            "result": result,
        },
    )


@register.filter
def quality_label(value):
    from ..principles import ChoiceQuality

    try:
        return ChoiceQuality(value).label
    except ValueError:
        return value


@register.filter
def learning_kind(page):
    """ "Module" or "Scenario", in words."""
    from ..authoring.models import ScenarioPage

    return "Scenario" if isinstance(page, ScenarioPage) else "Module"


@register.simple_tag(takes_context=True)
def optional_include(context, template_name):
    """Include a template another part of the plugin provides, or nothing while it is missing."""
    try:
        return render_to_string(template_name, context.flatten(), request=context.get("request"))
    except TemplateDoesNotExist:
        return ""
