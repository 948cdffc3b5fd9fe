"""The scenario-choice tally behind every harmful_choice_rate:* and best_choice_rate:* indicator
stays bounded by the period: the same queries whether a service has one month of history or
three years, the period in WHERE, no sort and no joins the tally does not need, and the same
figures as the query it replaced (issue 16)."""

import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.organisations.models import Role
from learning.enrolment.selectors import service_people
from learning.learner.indicators import choice_tallies
from learning.learner.models import ChoiceEvent, ScenarioAttempt
from learning.principles import ChoiceQuality
from tests.cms.factories import ServiceFactory, member
from tests.learning.factories import ScenarioPageFactory
from tests.learning.test_enrolment import make_path

pytestmark = pytest.mark.django_db

# The period asked about: the last of the months of history.
START = datetime(2029, 12, 1, tzinfo=UTC)
END = datetime(2030, 1, 1, tzinfo=UTC)

# (choice, quality, principles) made in each attempt.
CHOICES = [
    ("listen", ChoiceQuality.BEST, ["listening"]),
    ("wait", ChoiceQuality.RISKY, ["listening"]),
    ("leave", ChoiceQuality.HARMFUL, ["listening", "values"]),
    ("record", ChoiceQuality.BEST, ["recording"]),
]


def months_back(months):
    """The first instant of each of the `months` months ending with the period's."""
    firsts = []
    year, month = START.year, START.month
    for _ in range(months):
        firsts.append(datetime(year, month, 1, tzinfo=UTC))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts


def history(service, people, months):
    """Each person plays the scenario once a month for `months` months, some choices harmful,
    some best; every event is dated in its month (append-only rows, so dated through the base
    manager)."""
    scenario = ScenarioPageFactory(parent=make_path(service.organisation, modules=0))
    revision = scenario.live_revision
    for number, first in enumerate(months_back(months), start=1):
        for index, person in enumerate(people):
            attempt = ScenarioAttempt.objects.create(
                user=person, scenario=scenario, revision=revision, number=number
            )
            made = CHOICES[: 2 + (index + number) % 3]
            ChoiceEvent.objects.bulk_create(
                ChoiceEvent(
                    attempt=attempt,
                    order=order,
                    step_key=f"step-{order}",
                    choice_key=choice,
                    next_step_key="",
                    quality=quality,
                    principles=principles,
                )
                for order, (choice, quality, principles) in enumerate(made, start=1)
            )
            moment = first + timedelta(days=index % 27, hours=number % 24)
            ChoiceEvent._base_manager.filter(attempt=attempt).update(created_at=moment)
    return scenario


def old_tallies(service, start, end):
    """The tally as it was before issue 16 (default ordering, people read through the default
    ordering of memberships): the figures must not change."""
    from cms.organisations.models import Membership
    from learning.enrolment.selectors import WORKFORCE_ROLES

    people = set(
        Membership.objects.filter(service=service, role__in=WORKFORCE_ROLES).values_list(
            "user_id", flat=True
        )
    )
    events = ChoiceEvent.objects.filter(
        attempt__user_id__in=people, created_at__gte=start, created_at__lt=end
    ).values_list("attempt__user_id", "quality", "principles")
    tallies = defaultdict(lambda: {"choices": 0, "harmful": 0, "best": 0, "people": set()})
    for user_id, quality, principles in events:
        for key in set(principles or ()):
            tally = tallies[key]
            tally["choices"] += 1
            tally["harmful"] += quality == ChoiceQuality.HARMFUL
            tally["best"] += quality == ChoiceQuality.BEST
            tally["people"].add(user_id)
    return dict(tallies)


def tally_queries(service):
    with CaptureQueriesContext(connection) as queries:
        tallies = choice_tallies(service, START, END)
    return tallies, [query["sql"] for query in queries.captured_queries]


@pytest.fixture
def two_services(service):
    people = [member(Role.STAFF, service=service) for _ in range(6)]
    other = ServiceFactory(organisation=service.organisation)
    others = [member(Role.STAFF, service=other) for _ in range(6)]
    return people, other, others


def test_one_month_and_three_years_of_history_cost_the_same_queries(service, two_services):
    people, other, others = two_services
    history(other, others, 1)
    month_tallies, month_sql = tally_queries(other)

    history(service, people, 36)
    years_tallies, years_sql = tally_queries(service)

    assert len(years_sql) == len(month_sql) == 2
    # Same shape of SQL: only the ids and dates differ.
    shape = re.compile(r"\d+")
    assert [shape.sub("N", sql) for sql in years_sql] == [shape.sub("N", sql) for sql in month_sql]
    # Both services' periods hold the same number of people and choices.
    assert len(years_tallies["listening"]["people"]) == len(month_tallies["listening"]["people"])


def test_the_tally_is_bounded_by_the_period_in_where_without_sort_or_needless_joins(
    service, two_services
):
    people, _other, _others = two_services
    history(service, people, 3)
    _tallies, (people_sql, events_sql) = tally_queries(service)

    where = events_sql.split(" WHERE ", 1)[1]
    assert re.search(r'"learning_choiceevent"\."created_at" >= ', where)
    assert re.search(r'"learning_choiceevent"\."created_at" < ', where)
    assert "ORDER BY" not in events_sql
    # The people list is a plain read of memberships: no users or organisations to sort by.
    assert "ORDER BY" not in people_sql
    assert "auth_user" not in people_sql and 'organisation" ' not in people_sql
    assert " JOIN " not in people_sql


def test_the_figures_are_those_of_the_old_query(service, two_services):
    people, other, others = two_services
    history(service, people, 14)
    history(other, others, 14)
    # A person who left the service: their choices no longer count for it.
    leaver = people[0]
    leaver.memberships.filter(service=service).delete()

    for start, end in [
        (START, END),
        (START - timedelta(days=31 * 3), END),
        (datetime(2029, 1, 1, tzinfo=UTC), END),
        (END, END + timedelta(days=31)),
    ]:
        for place in (service, other):
            new = choice_tallies(place, start, end)
            assert dict(new) == old_tallies(place, start, end)
    whole_year = choice_tallies(service, datetime(2029, 1, 1, tzinfo=UTC), END)
    assert leaver.pk not in whole_year["listening"]["people"]
    assert whole_year["listening"]["people"] == service_people(service)
    assert whole_year["listening"]["harmful"] > 0 and whole_year["recording"]["best"] > 0
