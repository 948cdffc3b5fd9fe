"""The learner's indicators, registered with the host's registry (cms.indicators),
INDICATORS.md section D: scenario choices, reflection and module feedback. Each computes one
figure for one service over one period [start, end) from the people who work at that service
(a workforce role held at the service itself), and says how many people the figure rests on.

Scenario choices are reported per principle. The registry computes `(service, start, end)` and
has no parameters, so each principle is its own indicator: `harmful_choice_rate:<principle>` and
`best_choice_rate:<principle>`, one per key of `learning.principles.Principle`. Snapshots, red-flag
rules and charts then treat "harmful choices on MCA principle 2" like any other figure, and a
principle's key never changes (principles.py), so its history stays joined up.

Every indicator also has a set-based form (cms.indicators.register_many) for a snapshot run:
the figure for a batch of services in one query (or a few) instead of one per service. The
per-service form is that same function asked about one service, so each rule is written once;
it costs no more queries than the per-service code it replaced.
"""

from collections import defaultdict

from django.db.models import Count

from cms.indicators import (
    Direction,
    IndicatorValue,
    percent,
    register,
    register_many,
    shared,
    shared_many,
)

from ..enrolment.selectors import services_people, with_services_people
from ..principles import ChoiceQuality, Principle
from .models import ChoiceEvent, ModuleCompletion, ModuleFeedback, Reflection, ScenarioAttempt

SOURCE = "S1"
LABELS = {"stream": "learning culture"}

NOTHING = IndicatorValue(None, 0)


def _one_service(many):
    """The per-service form of a set-based `many`: the same rule asked about one service."""

    def compute(service, start, end):
        return many([service], start, end).get(service.pk, NOTHING)

    compute.__name__ = many.__name__.removesuffix("_many")
    compute.__doc__ = many.__doc__
    return compute


def _tally_choices(services, start, end):
    """{service id: {principle: {"choices", "harmful", "best", "people"}}} from the choices
    made in the period by the people of each of `services`; a service whose people made none
    is left out. Read in Python, because JSON containment differs between databases.

    Two queries, however many services: the (service, person) pairs, then the period's events
    of everyone in them, each event read once (people are a subquery, a semi-join, so a person
    at two services or with two roles does not repeat their events) and added to the tally of
    each service the person works at. Bounded by the period in WHERE, so the index on
    (attempt, created_at) or on (created_at) reads only the period's choices, not the whole
    history; no ORDER BY (the model's default ordering would add a sort the tally does not
    need). EXPLAIN ANALYZE on bench_sab (10 M events, 3.1 M attempts; 50 services, 6,300
    people, one month: 364,000 events of the board, 65,000 of the batch): the month's events
    come from the index on (created_at); reaching their people's attempts was a sequential
    scan of every attempt, hashed, until the index on attempts (user, finished_at, id), read
    index-only for the batch's people (ScenarioAttempt.Meta)."""
    people = services_people(services)
    services_of = defaultdict(list)
    for service_id, user_id in people:
        services_of[user_id].append(service_id)
    # Counted by (person, quality, principles) in the database: a person makes the same kind
    # of choice many times a month, so this hands Python a quarter of the rows (bench_sab: 15,000
    # groups for 65,000 events, 1.7 s instead of 3.2 s with the rows built in Python).
    events = (
        ChoiceEvent.objects.filter(
            attempt__user_id__in=people.values("user_id"),
            created_at__gte=start,
            created_at__lt=end,
        )
        .order_by()
        .values("attempt__user_id", "quality", "principles")
        .annotate(made=Count("*"))
        .values_list("attempt__user_id", "quality", "principles", "made")
    )
    tallies = {}
    for user_id, quality, principles, made in events:
        keys = set(principles or ())
        harmful = made if quality == ChoiceQuality.HARMFUL else 0
        best = made if quality == ChoiceQuality.BEST else 0
        for service_id in services_of.get(user_id, ()):
            of_service = tallies.setdefault(service_id, {})
            for key in keys:
                tally = of_service.get(key)
                if tally is None:
                    tally = of_service[key] = {
                        "choices": 0,
                        "harmful": 0,
                        "best": 0,
                        "people": set(),
                    }
                tally["choices"] += made
                tally["harmful"] += harmful
                tally["best"] += best
                tally["people"].add(user_id)
    return tallies


@shared_many
def choice_tallies_many(services, start, end):
    """`_tally_choices` for a batch of services: every harmful_choice_rate:* and
    best_choice_rate:* indicator reads it, so within a snapshot run
    (cms.indicators.computing) the choices are read once per batch and period."""
    return _tally_choices(services, start, end)


@shared
def choice_tallies(service, start, end):
    """Per principle: (choices, harmful, best, people) from choices made in the period by the
    service's people (`_tally_choices` for one service). Within a snapshot run
    (cms.indicators.computing) read once per service and period."""
    return _tally_choices([service], start, end).get(service.pk, {})


def _rate_of(tally, quality_key):
    if tally is None:
        return NOTHING
    return IndicatorValue(percent(tally[quality_key], tally["choices"]), len(tally["people"]))


def _choice_rate(principle, quality_key):
    def compute(service, start, end):
        return _rate_of(choice_tallies(service, start, end).get(principle), quality_key)

    def many(services, start, end):
        return {
            service_id: _rate_of(tallies.get(principle), quality_key)
            for service_id, tallies in choice_tallies_many(services, start, end).items()
        }

    compute.__name__ = f"{quality_key}_choice_rate_{principle}"
    many.__name__ = f"{compute.__name__}_many"
    return compute, many


for _principle in Principle:
    _compute, _many = _choice_rate(_principle.value, "harmful")
    register(
        f"harmful_choice_rate:{_principle.value}",
        label=f"Harmful choices: {_principle.label}",
        unit="%",
        good_direction=Direction.DOWN,
        description="Of the scenario choices testing this principle made in the period, the "
        "share that were harmful. Aggregate only: no person's choices are shown.",
        source=SOURCE,
        labels={**LABELS, "principle": _principle.value},
    )(_compute)
    register_many(f"harmful_choice_rate:{_principle.value}")(_many)
    _compute, _many = _choice_rate(_principle.value, "best")
    register(
        f"best_choice_rate:{_principle.value}",
        label=f"Best choices: {_principle.label}",
        unit="%",
        good_direction=Direction.UP,
        description="Of the scenario choices testing this principle made in the period, the "
        "share that were the best choice.",
        source=SOURCE,
        labels={**LABELS, "principle": _principle.value},
    )(_compute)
    register_many(f"best_choice_rate:{_principle.value}")(_many)


def _people_by_service(queryset, services, person="user"):
    """{service id: ids of the people of that service among `queryset`'s rows' people}."""
    found = defaultdict(set)
    rows = with_services_people(queryset.order_by(), services, person=person).values_list(
        "people_service_id", f"{person}_id"
    )
    for service_id, user_id in rows:
        found[service_id].add(user_id)
    return found


def reflection_rate_many(services, start, end):
    """Of the people who completed a module or scenario in the period, the share who also
    wrote a reflection in it: three queries for all the services (completions, finished
    attempts, reflections, each joined to the services' people). On bench_sab (50 services, a
    month) 0.1, 0.3 and 0.03 s: completions by the (user, module) index, attempts by the
    (user, finished_at, id) index, the 30,000 reflections small enough to scan."""
    completers = _people_by_service(
        ModuleCompletion.objects.filter(passed_at__gte=start, passed_at__lt=end), services
    )
    for service_id, people in _people_by_service(
        ScenarioAttempt.objects.filter(finished_at__gte=start, finished_at__lt=end), services
    ).items():
        completers[service_id] |= people
    authors = _people_by_service(
        Reflection.objects.filter(created_at__gte=start, created_at__lt=end),
        services,
        person="author",
    )
    return {
        service_id: IndicatorValue(
            percent(len(authors.get(service_id, set()) & people), len(people)), len(people)
        )
        for service_id, people in completers.items()
    }


reflection_rate = _one_service(reflection_rate_many)
register(
    "learning_reflection_rate",
    label="Learning with reflection",
    unit="%",
    good_direction=Direction.UP,
    description="Of the people who completed a module or scenario in the period, the share who "
    "also wrote a reflection in it. Completion without reflection is a warning sign.",
    source=SOURCE,
    labels=LABELS,
)(reflection_rate)
register_many("learning_reflection_rate")(reflection_rate_many)


def feedback_score_many(services, start, end):
    """The average of learners' clarity and relevance ratings given or changed in the period:
    one query for all the services (the feedback joined to the services' people). On
    bench_sab (100,000 ratings; 50 services, a month) 75 ms, a scan of the small table."""
    given = defaultdict(dict)  # service id -> feedback id -> (user id, clarity, relevance)
    rows = with_services_people(
        ModuleFeedback.objects.filter(updated_at__gte=start, updated_at__lt=end).order_by(),
        services,
    ).values_list("people_service_id", "pk", "user_id", "clarity", "relevance")
    for service_id, feedback_id, *row in rows:
        given[service_id][feedback_id] = row
    found = {}
    for service_id, feedback in given.items():
        rows = feedback.values()
        score = sum((clarity + relevance) / 2 for _user, clarity, relevance in rows) / len(rows)
        found[service_id] = IndicatorValue(round(score, 2), len({user for user, *_ in rows}))
    return found


feedback_score = _one_service(feedback_score_many)
register(
    "learning_feedback_score",
    label="Module feedback score",
    unit="score (1-5)",
    good_direction=Direction.UP,
    description="The average of learners' clarity and relevance ratings of modules, given or "
    "changed in the period.",
    source=SOURCE,
    labels=LABELS,
)(feedback_score)
register_many("learning_feedback_score")(feedback_score_many)
