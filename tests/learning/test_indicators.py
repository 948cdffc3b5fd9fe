"""The learning indicators: values and the number of people each rests on."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.indicators import computing, get_indicator
from cms.organisations.models import Role
from learning.enrolment.models import Enrolment
from learning.learner import services as learner_services
from learning.learner.models import ModuleCompletion, ModuleFeedback, Reflection
from learning.principles import Principle
from tests.cms.factories import ServiceFactory, member
from tests.learning.factories import ScenarioPageFactory
from tests.learning.test_enrolment import make_path

pytestmark = pytest.mark.django_db

START = datetime(2027, 1, 1, tzinfo=UTC)
END = datetime(2027, 2, 1, tzinfo=UTC)


def enrol(user, path, due_on, completed_at=None, enrolled_at=START - timedelta(days=30)):
    return Enrolment.objects.create(
        user=user,
        path=path,
        organisation=path.organisation,
        source="assignment",
        due_on=due_on,
        enrolled_at=enrolled_at,
        completed_at=completed_at,
    )


def test_every_indicator_is_registered():
    for key in ("learning_completion_rate", "learning_overdue_rate", "learning_reflection_rate"):
        assert get_indicator(key).unit == "%"
    assert get_indicator("learning_feedback_score").unit.startswith("score")
    for principle in Principle:
        assert get_indicator(f"harmful_choice_rate:{principle.value}").good_direction == "down"
        assert get_indicator(f"best_choice_rate:{principle.value}").good_direction == "up"


def test_completion_and_overdue_rates(service):
    path = make_path(service.organisation)
    a, b, c, d = (member(Role.STAFF, service=service) for _ in range(4))
    outsider = member(Role.STAFF, service=ServiceFactory(organisation=service.organisation))
    enrol(a, path, date(2027, 1, 10), completed_at=datetime(2027, 1, 9, tzinfo=UTC))
    enrol(b, path, date(2027, 1, 20))  # due in the period, not done: overdue at its end
    enrol(c, path, date(2027, 1, 25), completed_at=datetime(2027, 1, 28, tzinfo=UTC))
    enrol(d, path, date(2027, 3, 1))  # due after the period
    enrol(outsider, path, date(2027, 1, 15))

    completion = get_indicator("learning_completion_rate")(service, START, END)
    assert completion.value == pytest.approx(66.7) and completion.people == 3

    overdue = get_indicator("learning_overdue_rate")(service, START, END)
    # a, b, c and d were open in the period; only b is past its date and not done at the end.
    assert overdue.value == 25.0 and overdue.people == 4


def test_no_enrolments_means_no_value(service):
    assert get_indicator("learning_completion_rate")(service, START, END).people == 0
    assert get_indicator("learning_completion_rate")(service, START, END).value is None


def play(user, scenario, *choices):
    attempt = learner_services.attempt_start(user, scenario)
    for choice in choices:
        learner_services.attempt_choose(attempt, choice)
    return attempt


def test_harmful_and_best_choice_rates_per_principle(service):
    path = make_path(service.organisation, modules=0)
    scenario = ScenarioPageFactory(parent=path)
    best, harmful = (member(Role.STAFF, service=service) for _ in range(2))
    play(best, scenario, "listen", "record")  # listening: best; recording: best
    play(harmful, scenario, "listen", "wait", "leave")  # listening: best, risky, harmful
    now = timezone.now()
    start, end = now - timedelta(days=1), now + timedelta(days=1)

    listening_harmful = get_indicator("harmful_choice_rate:listening")(service, start, end)
    listening_best = get_indicator("best_choice_rate:listening")(service, start, end)
    # listening choices: listen (best) x2, wait (risky), leave (harmful) = 4
    assert listening_harmful.value == 25.0 and listening_harmful.people == 2
    assert listening_best.value == 50.0 and listening_best.people == 2

    recording = get_indicator("best_choice_rate:recording")(service, start, end)
    assert recording.value == 100.0 and recording.people == 1
    untested = get_indicator("harmful_choice_rate:mca_1")(service, start, end)
    assert untested.value is None and untested.people == 0
    # Outside the period: nothing.
    assert get_indicator("harmful_choice_rate:listening")(service, START, END).people == 0


def test_reflection_rate_and_feedback_score(service):
    path = make_path(service.organisation, modules=1)
    [module] = path.items()
    reflects, silent = (member(Role.STAFF, service=service) for _ in range(2))
    ModuleCompletion.objects.create(user=reflects, module=module)
    ModuleCompletion.objects.create(user=silent, module=module)
    Reflection.objects.create(author=reflects, page=module, text="I will ask first next time.")
    ModuleFeedback.objects.create(user=reflects, page=module, clarity=5, relevance=4)
    ModuleFeedback.objects.create(user=silent, page=module, clarity=3, relevance=2)
    now = timezone.now()
    start, end = now - timedelta(days=1), now + timedelta(days=1)

    reflection = get_indicator("learning_reflection_rate")(service, start, end)
    assert reflection.value == 50.0 and reflection.people == 2

    feedback = get_indicator("learning_feedback_score")(service, start, end)
    assert feedback.value == 3.5 and feedback.people == 2


def choice_reads(queries):
    return sum("choiceevent" in query["sql"].lower() for query in queries.captured_queries)


def test_within_one_run_the_choices_are_read_once_for_every_principle(service):
    """A snapshot run asks 2 indicators per principle for each service and period: inside
    `computing()` they share one read of the choices; the next scope reads them afresh."""
    path = make_path(service.organisation, modules=0)
    scenario = ScenarioPageFactory(parent=path)
    first, second = (member(Role.STAFF, service=service) for _ in range(2))
    play(first, scenario, "listen", "wait", "leave")
    now = timezone.now()
    start, end = now - timedelta(days=1), now + timedelta(days=1)
    keys = [
        f"{kind}_choice_rate:{principle.value}"
        for principle in Principle
        for kind in ("harmful", "best")
    ]

    with computing(), CaptureQueriesContext(connection) as queries:
        first_run = {key: get_indicator(key)(service, start, end) for key in keys}
        # Another period is another read.
        get_indicator("best_choice_rate:listening")(service, START, END)
    assert choice_reads(queries) == 2
    assert first_run["harmful_choice_rate:listening"].value == pytest.approx(33.3)

    # New choices after the run are in the next one, not a stale figure.
    play(second, scenario, "listen", "record")
    with computing():
        listening = get_indicator("harmful_choice_rate:listening")(service, start, end)
    assert listening.value == 25.0 and listening.people == 2

    # Outside a run every indicator reads for itself.
    with CaptureQueriesContext(connection) as queries:
        for key in keys[:4]:
            get_indicator(key)(service, start, end)
    assert choice_reads(queries) == 4
