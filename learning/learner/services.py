"""What a learner does, as writes: pass a module's knowledge check, play a scenario, write and
share reflections, reply to them as a supervisor, rate a module. Views call these; they do not
check permissions (views ask `request.user.has_perm` first), but they do refuse what can never
be right, whoever asks, with a ValidationError whose message says why in plain words (at the
field it concerns when there is one; a refused choice has a `code` the player acts on)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from cms.sanitise import sanitise_plain

from .models import (
    ChoiceEvent,
    ModuleCompletion,
    ModuleFeedback,
    Reflection,
    ReflectionReply,
    ScenarioAttempt,
)
from .signals import item_completed
from .steps_and_checks import ScenarioContent, knowledge_checks

# --- Modules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    check: object  # content.KnowledgeCheck
    chosen: frozenset
    answered: bool
    correct: bool

    def options(self):
        """(index, option, chosen) for the template."""
        return [(i, option, i in self.chosen) for i, option in enumerate(self.check.options)]


@dataclass(frozen=True)
class ModuleCheckResult:
    passed: bool
    results: tuple
    completion: ModuleCompletion | None

    @property
    def wrong(self):
        return [result for result in self.results if not result.correct]


def _indexes(values, size):
    chosen = set()
    for value in values or ():
        try:
            index = int(value)
        except (TypeError, ValueError):
            continue
        if 0 <= index < size:
            chosen.add(index)
    return frozenset(chosen)


def module_check_submit(user, module, answers):
    """Mark a module's knowledge checks. `answers` maps each check's block id (or its field name,
    "check-<block id>") to the chosen option indexes. All right: a ModuleCompletion is recorded
    and `item_completed` sent."""
    checks = knowledge_checks(module)
    results = []
    for check in checks:
        values = answers.get(check.block_id, answers.get(check.field_name, ()))
        if isinstance(values, str | int):
            values = [values]
        chosen = _indexes(values, len(check.options))
        if not check.multiple and len(chosen) > 1:
            chosen = frozenset()
        results.append(
            CheckResult(
                check=check,
                chosen=chosen,
                answered=bool(chosen),
                correct=chosen == check.correct_indexes,
            )
        )
    passed = bool(results) and all(result.correct for result in results)
    completion = None
    if passed:
        with transaction.atomic():
            completion = ModuleCompletion.objects.create(user=user, module=module)
            item_completed.send(
                sender=ModuleCompletion, user=user, page=module, path=module.learning_path
            )
    return ModuleCheckResult(passed=passed, results=tuple(results), completion=completion)


def feedback_save(user, module, clarity, relevance, comment=""):
    """Record or change a learner's rating of a module (one per learner and module)."""
    for name, value in (("clarity", clarity), ("relevance", relevance)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError({name: "Choose a score from 1 to 5."})
    feedback, _created = ModuleFeedback.objects.update_or_create(
        user=user,
        page=module,
        defaults={"clarity": clarity, "relevance": relevance, "comment": comment or ""},
    )
    return feedback


# --- Scenarios ------------------------------------------------------------------------------


def attempt_content(attempt):
    """The scenario as the learner saw it when the attempt started (its stored revision)."""
    content = attempt.__dict__.get("_content")
    if content is None:
        content = ScenarioContent.of_revision(attempt.revision)
        attempt.__dict__["_content"] = content
    return content


def attempt_start(user, scenario):
    """The learner's unfinished attempt at `scenario` (to resume), or a new one playing the
    scenario's live revision. A retry after finishing is a new attempt."""
    unfinished = (
        ScenarioAttempt.objects.filter(user=user, scenario=scenario, finished_at__isnull=True)
        .order_by("-started_at")
        .first()
    )
    if unfinished is not None:
        return unfinished
    revision = scenario.live_revision or scenario.latest_revision
    if revision is None:
        raise ValidationError("This scenario has not been published yet.")
    content = ScenarioContent.of_revision(revision)
    if content.start is None:
        raise ValidationError("This scenario has no steps yet.")
    for _try in range(3):
        try:
            with transaction.atomic():
                last = ScenarioAttempt.objects.filter(user=user, scenario=scenario).aggregate(
                    n=Max("number")
                )["n"]
                return ScenarioAttempt.objects.create(
                    user=user, scenario=scenario, revision=revision, number=(last or 0) + 1
                )
        except IntegrityError:
            continue  # another request took the number: count again
    raise ValidationError("Please try again in a moment.")


def attempt_events(attempt):
    return list(ChoiceEvent.objects.filter(attempt=attempt).order_by("order"))


def attempt_current_step(attempt):
    """The step the learner is on: the start, or where their last choice led."""
    content = attempt_content(attempt)
    last = ChoiceEvent.objects.filter(attempt=attempt).order_by("-order").first()
    if last is None:
        return content.start
    return content.step(last.next_step_key)


def _finishes(step):
    return step is None or step.is_ending or not step.choices


def attempt_choose(attempt, choice_key, step_key=None):
    """Record the learner's choice at the current step of the attempt's stored revision, as a
    new ChoiceEvent. `step_key`, when given, must be the current step (a form sent twice is
    refused instead of answering the next step). Reaching an ending finishes the attempt and
    sends `item_completed`. Returns the event."""
    given = attempt
    with transaction.atomic():
        attempt = ScenarioAttempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.is_finished:
            raise ValidationError(
                "This attempt is finished. Start again to try other choices.", code="finished"
            )
        step = attempt_current_step(attempt)
        if step is None or _finishes(step):
            raise ValidationError(
                "There is nothing left to choose in this attempt.", code="finished"
            )
        if step_key is not None and step_key != step.key:
            raise ValidationError(
                "You have already answered that step. Here is where you are now.",
                code="already_answered",
            )
        choice = step.choice(choice_key)
        if choice is None:
            raise ValidationError(
                f'"{choice_key}" is not one of the choices at this step ("{step.key}"). '
                "Choose one of the options shown.",
                code="not_a_choice",
            )
        order = ChoiceEvent.objects.filter(attempt=attempt).count() + 1
        event = ChoiceEvent.objects.create(
            attempt=attempt,
            order=order,
            step_key=step.key,
            choice_key=choice.key,
            next_step_key=choice.next_step,
            quality=choice.quality,
            principles=list(choice.principles),
        )
        next_step = attempt_content(attempt).step(choice.next_step)
        if _finishes(next_step):
            attempt.finished_at = timezone.now()
            attempt.ending_step_key = choice.next_step
            attempt.save(update_fields=["finished_at", "ending_step_key"])
            given.finished_at, given.ending_step_key = attempt.finished_at, attempt.ending_step_key
            scenario = attempt.scenario.specific
            item_completed.send(
                sender=ScenarioAttempt,
                user=attempt.user,
                page=scenario,
                path=scenario.learning_path,
            )
    return event


# --- Reflections ----------------------------------------------------------------------------


def reflection_write(author, page, text, attempt=None):
    """A private reflection about a module or scenario, optionally tied to one of the author's
    attempts at that scenario."""
    from ..authoring.models import ModulePage, ScenarioPage

    page = page.specific
    if not isinstance(page, ModulePage | ScenarioPage):
        raise ValidationError({"page": "Choose a module or scenario to reflect on."})
    if attempt is not None and (attempt.user_id != author.pk or attempt.scenario_id != page.pk):
        raise ValidationError({"page": "That attempt is not yours to reflect on."})
    if not sanitise_plain(text).strip():
        raise ValidationError({"text": "Write your reflection as ordinary text."})
    return Reflection.objects.create(author=author, page=page, attempt=attempt, text=text)


def reflection_share(reflection):
    """Share a reflection with the author's supervisor. Sharing twice keeps the first date."""
    if reflection.shared_with_supervisor_at is None:
        updated = Reflection.objects.filter(
            pk=reflection.pk, shared_with_supervisor_at__isnull=True
        ).update(shared_with_supervisor_at=timezone.now())
        if updated:
            reflection.refresh_from_db(fields=["shared_with_supervisor_at"])
    return reflection


def reflection_reply(reflection, author, text):
    """A supervisor's reply to a reflection that has been shared with them."""
    if not reflection.is_shared:
        raise ValidationError("This reflection has not been shared with you.")
    if not sanitise_plain(text).strip():
        raise ValidationError({"text": "Write your reply as ordinary text."})
    return ReflectionReply.objects.create(reflection=reflection, author=author, text=text)
