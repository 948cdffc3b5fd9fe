"""Learning indicators registered with the host's registry (cms.indicators), INDICATORS.md
section D. Each computes one figure for one service over one period [start, end) from the
people who work at that service (a workforce role held at the service itself), and says how
many people the figure rests on.

Scenario choices are reported per principle. The registry computes `(service, start, end)` and
has no parameters, so each principle is its own indicator: `harmful_choice_rate:<principle>` and
`best_choice_rate:<principle>`, one per key of `learning.principles.Principle`. Snapshots, red-flag
rules and charts then treat "harmful choices on MCA principle 2" like any other figure, and a
principle's key never changes (principles.py), so its history stays joined up.

Completion is reported the same way per workforce role (`learning_completion_rate:role:<role>`)
and per path of the bundled content (`learning_completion_rate:path:<path slug>`): the slug is
what an organisation's copy of a bundled path shares with every other organisation's, so one
key follows "the red flags path" wherever it is published.
"""

from collections import defaultdict

from django.db.models import Q

from cms.indicators import Direction, IndicatorValue, percent, register
from cms.organisations.models import Membership, Role

from .content import content_paths
from .enrolment.selectors import WORKFORCE_ROLES
from .models import (
    ChoiceEvent,
    Enrolment,
    ModuleCompletion,
    ModuleFeedback,
    Reflection,
    ScenarioAttempt,
)
from .principles import ChoiceQuality, Principle

SOURCE = "S1"
LABELS = {"stream": "learning culture"}


def service_people(service):
    """The ids of people holding a workforce role at `service`."""
    return set(
        Membership.objects.filter(service=service, role__in=WORKFORCE_ROLES).values_list(
            "user_id", flat=True
        )
    )


COMPLETION_LABEL = "Learning completed on time"
COMPLETION_DESCRIPTION = (
    "Of the learning due in the period (or self-chosen in it), the share completed by the end "
    "of the period."
)


def learning_due(service, start, end, roles=WORKFORCE_ROLES):
    """Enrolments of the people holding one of `roles` at `service` that fell due in the period,
    or had no due date and were taken up in it. The people are a subquery, so this is one query
    however many work there."""
    people = Membership.objects.filter(service=service, role__in=roles).values("user_id")
    return Enrolment.objects.filter(
        organisation_id=service.organisation_id, user_id__in=people
    ).filter(
        Q(due_on__gte=start.date(), due_on__lt=end.date())
        | Q(due_on__isnull=True, enrolled_at__gte=start, enrolled_at__lt=end)
    )


def completion_of(enrolments, end):
    rows = list(enrolments.values_list("user_id", "completed_at"))
    done = sum(1 for _user, completed_at in rows if completed_at and completed_at < end)
    return IndicatorValue(percent(done, len(rows)), len({user for user, _ in rows}))


@register(
    "learning_completion_rate",
    label=COMPLETION_LABEL,
    unit="%",
    good_direction=Direction.UP,
    description=COMPLETION_DESCRIPTION,
    source=SOURCE,
    labels=LABELS,
)
def completion_rate(service, start, end):
    return completion_of(learning_due(service, start, end), end)


def _completion_for_role(role):
    def compute(service, start, end):
        return completion_of(learning_due(service, start, end, roles=(role,)), end)

    compute.__name__ = f"completion_rate_role_{role}"
    return compute


def _completion_on_path(slug):
    def compute(service, start, end):
        # Only live paths: a withdrawn path's enrolments no longer say anything about it.
        enrolments = learning_due(service, start, end).filter(path__slug=slug, path__live=True)
        return completion_of(enrolments, end)

    compute.__name__ = f"completion_rate_path_{slug.replace('-', '_')}"
    return compute


def bundled_paths():
    """(slug, title) of each path of the bundled content, so the keys stay in step with it."""
    return [(path["slug"], path["title"]) for path in content_paths()]


for _role in WORKFORCE_ROLES:
    register(
        f"learning_completion_rate:role:{_role}",
        label=f"{COMPLETION_LABEL}: {Role(_role).label}",
        unit="%",
        good_direction=Direction.UP,
        description=f"{COMPLETION_DESCRIPTION} Only the learning of people who hold this role "
        "at the service.",
        source=SOURCE,
        labels={**LABELS, "role": str(_role)},
    )(_completion_for_role(_role))

for _slug, _title in bundled_paths():
    register(
        f"learning_completion_rate:path:{_slug}",
        label=f"{COMPLETION_LABEL}: {_title}",
        unit="%",
        good_direction=Direction.UP,
        description=f"{COMPLETION_DESCRIPTION} Only learning on the live path “{_title}”.",
        source=SOURCE,
        labels={**LABELS, "path": _slug},
    )(_completion_on_path(_slug))


@register(
    "learning_overdue_rate",
    label="Learning overdue",
    unit="%",
    good_direction=Direction.DOWN,
    description="Of the learning with a due date that was open at some time in the period, "
    "the share past its date and not completed at the end of the period.",
    source=SOURCE,
    labels=LABELS,
)
def overdue_rate(service, start, end):
    enrolments = Enrolment.objects.filter(
        organisation_id=service.organisation_id,
        user_id__in=service_people(service),
        due_on__isnull=False,
        enrolled_at__lt=end,
    ).filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
    rows = list(enrolments.values_list("user_id", "due_on", "completed_at"))
    overdue = sum(
        1
        for _user, due_on, completed_at in rows
        if due_on < end.date() and (completed_at is None or completed_at >= end)
    )
    return IndicatorValue(percent(overdue, len(rows)), len({user for user, *_ in rows}))


def choice_tallies(service, start, end):
    """Per principle: (choices, harmful, best, people) from choices made in the period by the
    service's people. Read in Python, because JSON containment differs between databases."""
    events = ChoiceEvent.objects.filter(
        attempt__user_id__in=service_people(service), created_at__gte=start, created_at__lt=end
    ).values_list("attempt__user_id", "quality", "principles")
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
