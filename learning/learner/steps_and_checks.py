"""Reading learning pages as the learner sees them: a scenario's steps (from the live page or a
stored revision), a module's knowledge checks, the path and organisation a page belongs to.

Read straight from the StreamField data, so the learner's records depend only on the block
structure (`learning.blocks`), not on helpers that may change on the page models.
"""

from dataclasses import dataclass, field

from ..principles import ChoiceQuality, Principle

GOOD_QUALITIES = frozenset({ChoiceQuality.BEST, ChoiceQuality.ACCEPTABLE})
QUALITY_RANK = {
    ChoiceQuality.BEST: 0,
    ChoiceQuality.ACCEPTABLE: 1,
    ChoiceQuality.RISKY: 2,
    ChoiceQuality.HARMFUL: 3,
}


@dataclass(frozen=True)
class Choice:
    key: str
    text: str
    next_step: str
    feedback: str
    quality: str
    principles: tuple[str, ...] = ()

    @property
    def quality_label(self):
        try:
            return ChoiceQuality(self.quality).label
        except ValueError:
            return self.quality

    @property
    def principle_labels(self):
        return [principle_label(key) for key in self.principles]


@dataclass(frozen=True)
class Step:
    key: str
    situation: str
    person_says: str = ""
    is_ending: bool = False
    outcome: str = ""
    choices: tuple[Choice, ...] = field(default_factory=tuple)

    def choice(self, key):
        return next((choice for choice in self.choices if choice.key == key), None)


def principle_label(key):
    try:
        return Principle(key).label
    except ValueError:
        return key


def _steps_from_stream(stream):
    steps = {}
    for block in stream:
        if block.block_type != "step":
            continue
        value = block.value
        choices = tuple(
            Choice(
                key=choice["key"],
                text=choice["text"],
                next_step=choice["next_step"],
                feedback=choice["feedback"],
                quality=choice["quality"],
                principles=tuple(choice.get("principles") or ()),
            )
            for choice in value.get("choices") or ()
        )
        steps[value["key"]] = Step(
            key=value["key"],
            situation=value.get("situation") or "",
            person_says=value.get("person_says") or "",
            is_ending=bool(value.get("is_ending")),
            outcome=value.get("outcome") or "",
            choices=choices,
        )
    return steps


class ScenarioContent:
    """A scenario's steps, in order, keyed by their stable key. The first step is the start."""

    def __init__(self, scenario=None, *, steps=None):
        """The steps of a `scenario` page, or of its `steps` stream."""
        self.steps = _steps_from_stream(scenario.steps if scenario is not None else steps)

    @classmethod
    def of_revision(cls, revision):
        """The steps as `revision` saved them, read from its stored content: rebuilding the page
        (`revision.as_object()`) read the page, its locale, content type and comments again,
        five queries for every step a learner took and every revision an export met."""
        from ..authoring.models import ScenarioPage

        field = ScenarioPage._meta.get_field("steps")
        return cls(steps=field.to_python(revision.content["steps"]))

    @property
    def start(self):
        return next(iter(self.steps.values()), None)

    def step(self, key):
        return self.steps.get(key)

    def best_route(self):
        """The route from the start taking the best choice at each step (best, then acceptable,
        then the rest) until an ending: a list of (step, choice or None at the ending)."""
        route = []
        seen = set()
        step = self.start
        while step is not None and step.key not in seen:
            seen.add(step.key)
            if step.is_ending or not step.choices:
                route.append((step, None))
                break
            choice = min(step.choices, key=lambda c: QUALITY_RANK.get(c.quality, 9))
            route.append((step, choice))
            step = self.step(choice.next_step)
        return route


@dataclass(frozen=True)
class KnowledgeCheck:
    block_id: str
    question: str
    multiple: bool
    options: tuple  # of dicts: text, correct, explanation

    @property
    def field_name(self):
        return f"check-{self.block_id}"

    @property
    def correct_indexes(self):
        return frozenset(i for i, option in enumerate(self.options) if option["correct"])


def knowledge_checks(module):
    checks = []
    for block in module.body:
        if block.block_type != "knowledge_check":
            continue
        value = block.value
        options = tuple(
            {
                "text": option["text"],
                "correct": bool(option["correct"]),
                "explanation": option["explanation"],
            }
            for option in value["options"]
        )
        checks.append(
            KnowledgeCheck(
                block_id=str(block.id),
                question=value["question"],
                multiple=bool(value.get("multiple")),
                options=options,
            )
        )
    return checks
