"""The set-based form of every learning indicator (cms.indicators.register_many): for a batch of
services it gives exactly the figures, value and people, that the per-service form gives for
each service, and what the per-service code before it gave; and it costs the same queries for
3 services as for 10, so a snapshot run's cost follows the number of batches, not services."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from cms.indicators import IndicatorValue, all_indicators, computing, percent
from cms.organisations.models import Role
from learning.enrolment import indicators as enrolment_indicators
from learning.enrolment.models import Enrolment
from learning.enrolment.selectors import service_people, services_people
from learning.learner.models import (
    ChoiceEvent,
    ModuleCompletion,
    ModuleFeedback,
    Reflection,
    ScenarioAttempt,
)
from learning.principles import ChoiceQuality
from tests.cms.factories import MembershipFactory, OrganisationFactory, ServiceFactory, member
from tests.learning.factories import ScenarioPageFactory
from tests.learning.test_choice_tallies import old_tallies
from tests.learning.test_enrolment import make_path

pytestmark = pytest.mark.django_db

JAN = datetime(2027, 1, 1, tzinfo=UTC)
FEB = datetime(2027, 2, 1, tzinfo=UTC)
MAR = datetime(2027, 3, 1, tzinfo=UTC)
DEC = datetime(2026, 12, 1, tzinfo=UTC)
# A month, the next (rows dated on the edge between them), and a longer period over both.
PERIODS = [(JAN, FEB), (FEB, MAR), (DEC, MAR)]

LEARNER_PREFIXES = (
    "harmful_choice_rate:",
    "best_choice_rate:",
    "learning_reflection_rate",
    "learning_feedback_score",
)
ENROLMENT_PREFIXES = ("learning_completion_rate", "learning_overdue_rate")


def indicators_of(prefixes, organisations):
    found = {}
    for organisation in organisations:
        for indicator in all_indicators(organisation):
            if indicator.key.startswith(prefixes):
                found[indicator.key] = indicator
    return list(found.values())


# --- The data: varied, across services and two organisations --------------------------------


def staff_at(*services, role=Role.STAFF):
    """A person holding `role` at each of `services`."""
    person = member(role, service=services[0])
    for service in services[1:]:
        MembershipFactory(
            user=person, organisation=service.organisation, service=service, role=role
        )
    return person


def enrol(user, path, due_on=None, completed_at=None, enrolled_at=JAN - timedelta(days=30), **kw):
    return Enrolment.objects.create(
        user=user,
        path=path,
        organisation=path.organisation,
        source="assignment",
        due_on=due_on,
        enrolled_at=enrolled_at,
        completed_at=completed_at,
        **kw,
    )


def choices(person, scenario, moment, made, number):
    """An attempt of `person` with the choices `made` ((quality, principles) each), all made
    at `moment` (append-only rows, so dated through the base manager)."""
    attempt = ScenarioAttempt.objects.create(
        user=person, scenario=scenario, revision=scenario.live_revision, number=number
    )
    ChoiceEvent.objects.bulk_create(
        ChoiceEvent(
            attempt=attempt,
            order=order,
            step_key=f"step-{order}",
            choice_key=f"choice-{order}",
            next_step_key="",
            quality=quality,
            principles=principles,
        )
        for order, (quality, principles) in enumerate(made, start=1)
    )
    ChoiceEvent._base_manager.filter(attempt=attempt).update(created_at=moment)
    return attempt


def completion(person, module, moment):
    done = ModuleCompletion.objects.create(user=person, module=module)
    ModuleCompletion._base_manager.filter(pk=done.pk).update(passed_at=moment)


def reflection(person, module, moment):
    written = Reflection.objects.create(author=person, page=module, text="I will ask first.")
    Reflection.objects.filter(pk=written.pk).update(created_at=moment)


def feedback(person, module, clarity, relevance, moment):
    given = ModuleFeedback.objects.create(
        user=person, page=module, clarity=clarity, relevance=relevance
    )
    ModuleFeedback.objects.filter(pk=given.pk).update(updated_at=moment)


@pytest.fixture
def world():
    """Organisation A with Alder, Birch and Cedar (Cedar has nobody and nothing), organisation
    B with Dale. Some people work at two services (one at a service in each organisation),
    one holds two roles at Alder, one is organisation-wide (no service's person); rows fall on
    the edges of the periods and counts are small."""
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    alder, birch, cedar = (ServiceFactory(organisation=org_a) for _ in range(3))
    dale = ServiceFactory(organisation=org_b)

    red_flags = make_path(org_a, slug="red-flags", modules=2)
    listening = make_path(org_a, slug="listening", modules=0)
    handovers = make_path(org_a, slug="handovers", title="Safe handovers", modules=0)
    withdrawn = make_path(org_a, slug="red-flags", modules=0, live=False)
    their_red_flags = make_path(org_b, slug="red-flags", modules=0)
    their_handovers = make_path(org_b, slug="handovers", modules=0)
    module_1, module_2 = red_flags.items()
    scenario = ScenarioPageFactory(parent=red_flags)

    a1, a2, a3 = (staff_at(alder) for _ in range(3))
    supervisor = staff_at(alder, role=Role.SUPERVISOR)
    two_roles = staff_at(alder)
    MembershipFactory(user=two_roles, organisation=org_a, service=alder, role=Role.SUPERVISOR)
    both = staff_at(alder, birch)
    b1 = staff_at(birch)
    leader = staff_at(birch, role=Role.LEADER)
    across = staff_at(alder, dale)
    d1, d2 = staff_at(dale), staff_at(dale)
    organisation_wide = member(Role.STAFF, organisation=org_a)
    family = member(Role.FAMILY_MEMBER, service=alder)

    # Enrolments: due in January, on the edge (due 1 February: February's), no due date and
    # taken up on an edge; done on time, on the end instant (late), never.
    on_time, at_end = datetime(2027, 1, 20, tzinfo=UTC), FEB
    enrol(a1, red_flags, date(2027, 1, 1), completed_at=on_time)
    enrol(a2, red_flags, date(2027, 1, 31), completed_at=at_end)
    enrol(a3, red_flags, date(2027, 2, 1))
    enrol(a1, listening, None, enrolled_at=JAN, completed_at=on_time)
    enrol(a2, listening, None, enrolled_at=FEB)
    enrol(supervisor, red_flags, date(2027, 1, 15))
    enrol(supervisor, handovers, date(2027, 2, 10), completed_at=datetime(2027, 2, 9, tzinfo=UTC))
    enrol(two_roles, red_flags, date(2027, 1, 10), completed_at=on_time)
    enrol(two_roles, handovers, date(2027, 1, 12))
    enrol(both, red_flags, date(2027, 1, 5), completed_at=datetime(2027, 3, 5, tzinfo=UTC))
    enrol(both, listening, date(2026, 12, 5))
    enrol(b1, withdrawn, date(2027, 1, 5))
    enrol(leader, red_flags, date(2027, 2, 20), completed_at=datetime(2027, 2, 21, tzinfo=UTC))
    enrol(across, red_flags, date(2027, 1, 8))
    enrol(across, their_red_flags, date(2027, 1, 9), completed_at=on_time)
    enrol(across, their_handovers, date(2027, 2, 9))
    enrol(d1, their_red_flags, date(2027, 1, 28))
    enrol(d2, their_handovers, None, enrolled_at=datetime(2027, 1, 31, 23, tzinfo=UTC))
    enrol(organisation_wide, red_flags, date(2027, 1, 10))
    enrol(family, red_flags, date(2027, 1, 10))
    # An earlier cycle, completed, and the open one after it.
    enrol(b1, red_flags, date(2026, 12, 20), completed_at=datetime(2026, 12, 19, tzinfo=UTC))
    enrol(b1, red_flags, date(2027, 1, 30), cycle=2)

    # Choices: principles repeated in one choice, none at all, several; on the period edges.
    harmful, best, risky = ChoiceQuality.HARMFUL, ChoiceQuality.BEST, ChoiceQuality.RISKY
    made = [
        (best, ["listening", "listening"]),
        (risky, ["listening", "values"]),
        (harmful, ["values", "recording"]),
        (best, []),
    ]
    choices(a1, scenario, JAN, made, 1)
    choices(a1, scenario, FEB, made[:2], 2)
    choices(two_roles, scenario, datetime(2027, 1, 15, tzinfo=UTC), made[1:], 1)
    choices(both, scenario, FEB - timedelta(microseconds=1), made[2:], 1)
    choices(across, scenario, datetime(2027, 2, 14, tzinfo=UTC), made, 1)
    choices(b1, scenario, datetime(2026, 12, 31, tzinfo=UTC), made[:3], 1)
    choices(d1, scenario, datetime(2027, 1, 2, tzinfo=UTC), [(harmful, ["listening"])], 1)
    choices(organisation_wide, scenario, datetime(2027, 1, 2, tzinfo=UTC), made, 1)

    # Reflection: completions (modules and finished attempts), reflections, on the edges.
    completion(a1, module_1, JAN)
    completion(a2, module_1, datetime(2027, 1, 20, tzinfo=UTC))
    completion(a3, module_2, FEB)
    completion(both, module_1, datetime(2027, 1, 25, tzinfo=UTC))
    completion(d1, module_1, datetime(2027, 2, 2, tzinfo=UTC))
    ScenarioAttempt.objects.filter(user=two_roles).update(
        finished_at=datetime(2027, 1, 16, tzinfo=UTC)
    )
    ScenarioAttempt.objects.filter(user=across).update(
        finished_at=datetime(2027, 2, 15, tzinfo=UTC)
    )
    reflection(a1, module_1, JAN)
    reflection(a2, module_1, FEB)
    reflection(two_roles, module_2, datetime(2027, 1, 17, tzinfo=UTC))
    reflection(both, module_1, datetime(2027, 1, 26, tzinfo=UTC))
    reflection(across, module_2, datetime(2027, 1, 3, tzinfo=UTC))
    reflection(d1, module_2, datetime(2027, 2, 3, tzinfo=UTC))

    # Feedback: halves in the average, edges, a person at two services.
    feedback(a1, module_1, 5, 4, JAN)
    feedback(a1, module_2, 3, 3, datetime(2027, 1, 10, tzinfo=UTC))
    feedback(a2, module_1, 2, 1, FEB)
    feedback(two_roles, module_1, 4, 4, datetime(2027, 1, 11, tzinfo=UTC))
    feedback(both, module_1, 1, 2, datetime(2027, 1, 31, tzinfo=UTC))
    feedback(across, module_1, 5, 5, datetime(2027, 2, 11, tzinfo=UTC))
    feedback(d2, module_1, 3, 4, datetime(2026, 12, 11, tzinfo=UTC))

    return [alder, birch, cedar, dale]


# --- The per-service code the set-based forms replaced, to check their figures --------------


def old_choice_rate(key, service, start, end):
    kind, principle = key.split(":", 1)
    tally = old_tallies(service, start, end).get(principle)
    if tally is None:
        return IndicatorValue(None, 0)
    quality_key = kind.removesuffix("_choice_rate")
    return IndicatorValue(percent(tally[quality_key], tally["choices"]), len(tally["people"]))


def old_reflection_rate(service, start, end):
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


def old_feedback_score(service, start, end):
    rows = list(
        ModuleFeedback.objects.filter(
            user_id__in=service_people(service), updated_at__gte=start, updated_at__lt=end
        ).values_list("user_id", "clarity", "relevance")
    )
    if not rows:
        return IndicatorValue(None, 0)
    score = sum((clarity + relevance) / 2 for _user, clarity, relevance in rows) / len(rows)
    return IndicatorValue(round(score, 2), len({user for user, *_ in rows}))


def old_completion(key, service, start, end):
    due = enrolment_indicators.learning_due
    completion_of = enrolment_indicators.completion_of
    what = key.removeprefix("learning_completion_rate")
    if not what:
        return completion_of(due(service, start, end), end)
    kind, name = what.removeprefix(":").split(":", 1)
    if kind == "role":
        return completion_of(due(service, start, end, roles=(name,)), end)
    path = {"path__live": True, **({"path_id": name} if name.isdigit() else {"path__slug": name})}
    return completion_of(due(service, start, end).filter(**path), end)


def old_overdue_rate(service, start, end):
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


def old_figure(key, service, start, end):
    if key.startswith(("harmful_choice_rate:", "best_choice_rate:")):
        return old_choice_rate(key, service, start, end)
    if key == "learning_reflection_rate":
        return old_reflection_rate(service, start, end)
    if key == "learning_feedback_score":
        return old_feedback_score(service, start, end)
    if key == "learning_overdue_rate":
        return old_overdue_rate(service, start, end)
    return old_completion(key, service, start, end)


# --- Agreement --------------------------------------------------------------------------------


def assert_agreement(prefixes, services):
    organisations = {service.organisation for service in services}
    indicators = indicators_of(prefixes, organisations)
    counted = set()
    for indicator in indicators:
        assert indicator.many is not None, f"{indicator.key} has no set-based form"
        for start, end in PERIODS:
            at_once = indicator.for_services(services, start, end)
            one_by_one = {service.pk: indicator(service, start, end) for service in services}
            before = {
                service.pk: old_figure(indicator.key, service, start, end) for service in services
            }
            assert at_once == one_by_one, (indicator.key, start)
            assert at_once == before, (indicator.key, start)
            counted |= {indicator.key for value in at_once.values() if value.people}
    return indicators, counted


def test_the_learner_indicators_give_the_same_figures_for_many_services_at_once(world):
    indicators, counted = assert_agreement(LEARNER_PREFIXES, world)
    # The data are not all empty: the rules were exercised.
    assert {
        "harmful_choice_rate:listening",
        "best_choice_rate:values",
        "harmful_choice_rate:recording",
        "learning_reflection_rate",
        "learning_feedback_score",
    } <= counted
    assert len(indicators) > 4
    # Inside a snapshot run too, where the choices are read once per batch.
    with computing():
        for indicator in indicators:
            assert indicator.for_services(world, JAN, FEB) == {
                service.pk: indicator(service, JAN, FEB) for service in world
            }


def test_the_enrolment_indicators_give_the_same_figures_for_many_services_at_once(world):
    indicators, counted = assert_agreement(ENROLMENT_PREFIXES, world)
    alder, _birch, _cedar, dale = world
    own_paths = {
        f"learning_completion_rate:path:{path.pk}"
        for path in enrolment_indicators.paths_in([alder.organisation, dale.organisation])
        if path.slug == "handovers"
    }
    assert len(own_paths) == 2
    assert {
        "learning_completion_rate",
        f"learning_completion_rate:role:{Role.STAFF}",
        f"learning_completion_rate:role:{Role.SUPERVISOR}",
        "learning_completion_rate:path:red-flags",
        "learning_overdue_rate",
        *own_paths,
    } <= counted
    with computing():
        for indicator in indicators:
            assert indicator.for_services(world, DEC, MAR) == {
                service.pk: indicator(service, DEC, MAR) for service in world
            }


def test_the_people_of_many_services_are_those_of_each(world):
    pairs = set(services_people(world))
    assert pairs == {(service.pk, user) for service in world for user in service_people(service)}
    # Nobody at Cedar; people at two services counted at both, once each.
    assert not service_people(world[2])
    assert len(pairs) == services_people(world).count()
    assert len({user for _service, user in pairs}) < len(pairs)


# --- Queries: the same for 3 services as for 10 ------------------------------------------------


@pytest.fixture
def ten_services():
    organisation = OrganisationFactory()
    path = make_path(organisation, slug="red-flags", modules=1)
    [module] = path.items()
    scenario = ScenarioPageFactory(parent=path)
    services = ServiceFactory.create_batch(10, organisation=organisation)
    for number, service in enumerate(services):
        person = staff_at(service)
        enrol(person, path, date(2027, 1, 10), completed_at=JAN + timedelta(days=number))
        choices(
            person, scenario, JAN + timedelta(days=number), [(ChoiceQuality.BEST, ["values"])], 1
        )
        completion(person, module, JAN + timedelta(days=number))
        reflection(person, module, JAN + timedelta(days=number))
        feedback(person, module, 4, 5, JAN + timedelta(days=number))
    handovers = make_path(organisation, slug="handovers", modules=0)
    enrol(person, handovers, date(2027, 1, 11))
    return services


def queries_for(indicator, services):
    with CaptureQueriesContext(connection) as queries:
        values = indicator.for_services(services, JAN, FEB)
    assert any(value.people for value in values.values()), indicator.key
    return len(queries.captured_queries)


@pytest.mark.parametrize("prefixes", [LEARNER_PREFIXES, ENROLMENT_PREFIXES])
def test_many_services_cost_the_queries_of_a_few(ten_services, prefixes):
    organisation = ten_services[0].organisation
    every = indicators_of(prefixes, [organisation])
    counted = [
        indicator
        for indicator in every
        if indicator.key
        in {
            "harmful_choice_rate:values",
            "best_choice_rate:values",
            "learning_reflection_rate",
            "learning_feedback_score",
            "learning_completion_rate",
            f"learning_completion_rate:role:{Role.STAFF}",
            "learning_completion_rate:path:red-flags",
            "learning_overdue_rate",
        }
        or indicator.key.removeprefix("learning_completion_rate:path:").isdigit()
    ]
    assert len(counted) >= 4
    for indicator in counted:
        few = queries_for(indicator, ten_services[-3:])
        assert queries_for(indicator, ten_services) == few, indicator.key
        assert few <= 3, indicator.key

    # A whole batch of a snapshot run: every indicator of the module once per batch and period,
    # the shared reads (choices, learning due) read once.
    def run(services):
        with computing(), CaptureQueriesContext(connection) as queries:
            for indicator in every:
                indicator.for_services(services, JAN, FEB)
        return len(queries.captured_queries)

    assert run(ten_services) == run(ten_services[:3]) <= 6
