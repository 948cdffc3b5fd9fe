"""The learner's indicators, registered with the host's registry (cms.indicators),
INDICATORS.md section D: scenario choices, reflection and module feedback. Each computes one
figure for one service over one period [start, end) from the people who work at that service
(a workforce role held at the service itself), and says how many people the figure rests on.

Scenario choices are reported per principle. The registry computes `(service, start, end)` and
has no parameters, so each principle is its own indicator: `harmful_choice_rate:<principle>` and
`best_choice_rate:<principle>`, one per key of `learning.principles.Principle`. Snapshots, red-flag
rules and charts then treat "harmful choices on MCA principle 2" like any other figure, and a
principle's key never changes (principles.py), so its history stays joined up.
"""

from collections import defaultdict

from cms.indicators import Direction, IndicatorValue, percent, register, shared

from ..enrolment.selectors import service_people
from ..principles import ChoiceQuality, Principle
from .models import ChoiceEvent, ModuleCompletion, ModuleFeedback, Reflection, ScenarioAttempt

SOURCE = "S1"
LABELS = {"stream": "learning culture"}


@shared
def choice_tallies(service, start, end):
    """Per principle: (choices, harmful, best, people) from choices made in the period by the
    service's people. Read in Python, because JSON containment differs between databases.
    Every harmful_choice_rate:* and best_choice_rate:* indicator reads these, so within a
    snapshot run (cms.indicators.computing) they are read once per service and period."""
    # Bounded by the period in WHERE, so the index on (attempt, created_at) reads only the
    # period's choices of the service's people's attempts, not their whole history; no ORDER BY
    # (the model's default ordering would add a sort the tally does not need).
    events = (
        ChoiceEvent.objects.filter(
            attempt__user_id__in=service_people(service),
            created_at__gte=start,
            created_at__lt=end,
        )
        .order_by()
        .values_list("attempt__user_id", "quality", "principles")
    )
    tallies = defaultdict(lambda: {"choices": 0, "harmful": 0, "best": 0, "people": set()})
    for user_id, quality, principles in events:
        for key in set(principles or ()):
            tally = tallies[key]
            tally["choices"] += 1
            tally["harmful"] += quality == ChoiceQuality.HARMFUL
            tally["best"] += quality == ChoiceQuality.BEST
            tally["people"].add(user_id)
    return tallies


def _choice_rate(principle, quality_key):
    def compute(service, start, end):
        tally = choice_tallies(service, start, end).get(principle)
        if tally is None:
            return IndicatorValue(None, 0)
        return IndicatorValue(percent(tally[quality_key], tally["choices"]), len(tally["people"]))

    compute.__name__ = f"{quality_key}_choice_rate_{principle}"
    return compute


for _principle in Principle:
    register(
        f"harmful_choice_rate:{_principle.value}",
        label=f"Harmful choices: {_principle.label}",
        unit="%",
        good_direction=Direction.DOWN,
        description="Of the scenario choices testing this principle made in the period, the "
        "share that were harmful. Aggregate only: no person's choices are shown.",
        source=SOURCE,
        labels={**LABELS, "principle": _principle.value},
    )(_choice_rate(_principle.value, "harmful"))
    register(
        f"best_choice_rate:{_principle.value}",
        label=f"Best choices: {_principle.label}",
        unit="%",
        good_direction=Direction.UP,
        description="Of the scenario choices testing this principle made in the period, the "
        "share that were the best choice.",
        source=SOURCE,
        labels={**LABELS, "principle": _principle.value},
    )(_choice_rate(_principle.value, "best"))


@register(
    "learning_reflection_rate",
    label="Learning with reflection",
    unit="%",
    good_direction=Direction.UP,
    description="Of the people who completed a module or scenario in the period, the share who "
    "also wrote a reflection in it. Completion without reflection is a warning sign.",
    source=SOURCE,
    labels=LABELS,
)
def reflection_rate(service, start, end):
    people = service_people(service)
    completers = set(
        ModuleCompletion.objects.filter(
            user_id__in=people, passed_at__gte=start, passed_at__lt=end
        ).values_list("user_id", flat=True)
    ) | set(
        ScenarioAttempt.objects.filter(
            user_id__in=people, finished_at__gte=start, finished_at__lt=end
        ).values_list("user_id", flat=True)
    )
    reflected = set(
        Reflection.objects.filter(
            author_id__in=completers, created_at__gte=start, created_at__lt=end
        ).values_list("author_id", flat=True)
    )
    return IndicatorValue(percent(len(reflected), len(completers)), len(completers))


@register(
    "learning_feedback_score",
    label="Module feedback score",
    unit="score (1-5)",
    good_direction=Direction.UP,
    description="The average of learners' clarity and relevance ratings of modules, given or "
    "changed in the period.",
    source=SOURCE,
    labels=LABELS,
)
def feedback_score(service, start, end):
    rows = list(
        ModuleFeedback.objects.filter(
            user_id__in=service_people(service), updated_at__gte=start, updated_at__lt=end
        ).values_list("user_id", "clarity", "relevance")
    )
    if not rows:
        return IndicatorValue(None, 0)
    score = sum((clarity + relevance) / 2 for _user, clarity, relevance in rows) / len(rows)
    return IndicatorValue(round(score, 2), len({user for user, *_ in rows}))
