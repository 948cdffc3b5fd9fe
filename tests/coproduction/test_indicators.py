"""The co-production indicators (who sets the agenda, turnout, repeated themes), with figures
worked out by hand, and the small-number rule. The tracker's own indicators (closing the loop)
are tested in test_actions.py."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from cms.indicators import all_indicators, get_indicator
from coproduction.rounds.models import Ballot, PriorityRound, SecretBallot
from coproduction.spaces.models import AgendaItem, SpaceRole
from coproduction.tracker.services import feedback_record
from tests.cms.factories import ServiceFactory, UserFactory
from tests.coproduction.factories import (
    AgendaItemFactory,
    SpaceFactory,
    SpaceMembershipFactory,
    space_with,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
START, END = NOW - timedelta(days=30), NOW + timedelta(minutes=1)


@pytest.fixture
def other_service(organisation):
    """Another service of the same organisation."""
    return ServiceFactory(organisation=organisation, name="Elm Court")


@pytest.fixture
def space(organisation, service):
    return SpaceFactory(organisation=organisation, service=service)


@pytest.fixture
def organisation_space(organisation):
    """A space for the whole organisation: it counts for each of its services."""
    return SpaceFactory(organisation=organisation, service=None)


def compute(key, service, start=START, end=END):
    return get_indicator(key)(service, start, end)


def test_the_plugin_registers_its_indicators():
    keys = {indicator.key for indicator in all_indicators()}
    assert {
        "agenda_lived_experience_share",
        "round_turnout",
        "repeated_themes",
        "action_closure_rate",
        "action_days_to_outcome",
        "outcome_addressed_rate",
    } <= keys


# --- Who sets the agenda --------------------------------------------------------------------


def raise_item(space, person, days_ago=1, **kwargs):
    item = AgendaItemFactory(space=space, proposed_by=person, **kwargs)
    AgendaItem.objects.filter(pk=item.pk).update(created_at=NOW - timedelta(days=days_ago))
    return item


def test_agenda_share_counts_items_by_the_proposers_role_in_that_space(
    service, other_service, space, organisation_space
):
    lead = space_with(SpaceRole.LEAD, space)
    members = [space_with(SpaceRole.MEMBER, space) for _ in range(2)]
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    # The ally is a lived-experience member of the organisation-wide space.
    SpaceMembershipFactory(space=organisation_space, user=ally, role=SpaceRole.MEMBER)
    other_member = space_with(SpaceRole.MEMBER, organisation_space)

    kept = raise_item(space, lead)
    raise_item(space, members[0])
    raise_item(space, members[1])
    raise_item(space, ally)  # as a staff ally: not lived experience
    raise_item(organisation_space, ally)  # as a member: lived experience
    raise_item(organisation_space, other_member)
    # Not counted: a duplicate merged into another item, an item raised before the period,
    # items of another service's space and of another organisation.
    raise_item(space, members[0], merged_into=kept, status=AgendaItem.Status.NOT_TAKEN_FORWARD)
    raise_item(space, members[1], days_ago=31)
    elm_court = SpaceFactory(organisation=space.organisation, service=other_service)
    raise_item(elm_court, space_with(SpaceRole.STAFF_ALLY, elm_court))
    elsewhere = SpaceFactory(service=ServiceFactory())
    raise_item(elsewhere, space_with(SpaceRole.MEMBER, elsewhere))

    # Willow House: 6 items (4 in its space, 2 in the organisation's), 5 raised by
    # lived-experience leads or members, from 5 different people.
    value = compute("agenda_lived_experience_share", service)
    assert (value.value, value.people) == (83.3, 5)
    assert value.shown() == 83.3

    # Elm Court: the 2 organisation-wide items and its own staff item: 2 of 3, from 3 people.
    small = compute("agenda_lived_experience_share", other_service)
    assert (small.value, small.people) == (66.7, 3)
    assert small.shown() is None


def test_agenda_share_with_no_items_is_no_figure(service):
    value = compute("agenda_lived_experience_share", service)
    assert (value.value, value.people, value.shown()) == (None, 0, None)


# --- Turnout --------------------------------------------------------------------------------


def priority_round(space, *, opens_days_ago, closes_in_days, closed_days_ago=None, **kwargs):
    return PriorityRound.objects.create(
        space=space,
        title="What first?",
        opens_at=NOW - timedelta(days=opens_days_ago),
        closes_at=NOW + timedelta(days=closes_in_days),
        closed_at=None if closed_days_ago is None else NOW - timedelta(days=closed_days_ago),
        created_by=UserFactory(),
        **kwargs,
    )


def test_turnout_over_the_rounds_closed_in_the_period(
    service, other_service, space, organisation_space
):
    voters = [space_with(SpaceRole.LEAD, space)]
    voters += [space_with(SpaceRole.MEMBER, space) for _ in range(5)]
    space_with(SpaceRole.STAFF_ALLY, space)  # not a voter
    space_with(SpaceRole.OBSERVER, space)  # not a voter
    # The organisation-wide space: 3 voters, one of whom is also a voter in Willow House's.
    SpaceMembershipFactory(space=organisation_space, user=voters[1], role=SpaceRole.MEMBER)
    for _ in range(2):
        space_with(SpaceRole.MEMBER, organisation_space)

    # Closed early by the lead in the period: 4 of 6 voted.
    closed = priority_round(space, opens_days_ago=20, closes_in_days=5, closed_days_ago=10)
    for voter in voters[:4]:
        Ballot.objects.create(round=closed, voter=voter)
    # Secret, in the organisation's space, its closing time passed in the period without the
    # lead closing it: 2 of 3 voted.
    secret = priority_round(organisation_space, opens_days_ago=20, closes_in_days=-2, secret=True)
    SecretBallot.objects.create(round=secret, voter_key=None)
    SecretBallot.objects.create(round=secret, voter_key=None)
    # Not counted: still open (its closing time is before the end of the period, but not yet
    # reached), closed before the period, another service's space.
    still_open = priority_round(space, opens_days_ago=2, closes_in_days=10)
    Ballot.objects.create(round=still_open, voter=voters[5])
    earlier = priority_round(space, opens_days_ago=60, closes_in_days=-45)
    Ballot.objects.create(round=earlier, voter=voters[5])
    elm_court = SpaceFactory(organisation=space.organisation, service=other_service)
    elm_voter = space_with(SpaceRole.MEMBER, elm_court)
    elm_round = priority_round(elm_court, opens_days_ago=20, closes_in_days=-1)
    Ballot.objects.create(round=elm_round, voter=elm_voter)

    end = NOW + timedelta(days=30)
    # (4 + 2) voted of (6 + 3) who could; 8 different people could vote.
    value = compute("round_turnout", service, end=end)
    assert (value.value, value.people) == (66.7, 8)
    assert value.shown() == 66.7

    # Elm Court: the organisation-wide secret round (2 of 3) and its own (1 of 1): 3 of 4,
    # from 4 people: too few to show.
    small = compute("round_turnout", other_service, end=end)
    assert (small.value, small.people) == (75.0, 4)
    assert small.shown() is None


def test_turnout_with_no_closed_round_is_no_figure(service, space):
    space_with(SpaceRole.MEMBER, space)
    priority_round(space, opens_days_ago=2, closes_in_days=10)
    value = compute("round_turnout", service)
    assert (value.value, value.people) == (None, 0)


# --- Repeated themes ------------------------------------------------------------------------

LAST_DAY = date(2026, 11, 30)
# A period that ends at midnight: its last day is 30 November, not 1 December.
PERIOD_END = timezone.make_aware(datetime(2026, 12, 1))
PERIOD_START = timezone.make_aware(datetime(2026, 9, 1))


def feedback(service, channel, days_ago, *themes):
    return feedback_record(
        channel=channel,
        giver_role="family",
        service=service,
        text="What was said.",
        themes=themes,
        received_on=LAST_DAY - timedelta(days=days_ago),
    )


def test_repeated_themes_at_the_end_of_the_period(service):
    # Not listening: 3 pieces from 2 channels, the oldest on the 90th day before: repeated.
    feedback(service, "forum", 0, "hm_not_listening", "harm_practice")
    feedback(service, "survey", 10, "hm_not_listening")
    feedback(service, "forum", 90, "hm_not_listening")
    # No compassion: 3 pieces from 3 channels: repeated.
    feedback(service, "complaint", 5, "hm_no_compassion", "harm_stigma")
    feedback(service, "advocacy", 15, "hm_no_compassion", "harm_practice")
    feedback(service, "speak_up", 25, "hm_no_compassion")
    # Stigma: 3 pieces, one channel: not repeated.
    feedback(service, "complaint", 30, "harm_stigma")
    feedback(service, "complaint", 35, "harm_stigma")
    # Paperwork: 2 pieces in the period; the third came the day after it ended, with another.
    feedback(service, "forum", 1, "harm_bureaucracy")
    feedback(service, "survey", 2, "harm_bureaucracy")
    feedback(service, "survey", -1, "harm_bureaucracy")
    feedback(service, "forum", -1)
    # Day-to-day care: the third piece is 91 days old.
    feedback(service, "concern", 91, "harm_practice")
    # Another service's feedback does not count.
    other = ServiceFactory(organisation=service.organisation)
    for channel in ("forum", "survey", "complaint"):
        feedback(other, channel, 3, "harm_stigma")

    value = compute("repeated_themes", service, PERIOD_START, PERIOD_END)
    # 2 themes, from the 10 pieces of feedback received in the 90 days to 30 November.
    assert (value.value, value.people) == (2, 10)
    assert value.shown() == 2


def test_repeated_themes_small_numbers(service, other_service):
    # Three pieces are enough to make a theme repeated, but too few to show the figure.
    feedback(service, "forum", 1, "hm_not_listening")
    feedback(service, "survey", 2, "hm_not_listening")
    feedback(service, "forum", 3, "hm_not_listening")
    value = compute("repeated_themes", service, PERIOD_START, PERIOD_END)
    assert (value.value, value.people, value.shown()) == (1, 3, None)

    # Plenty of feedback and nothing repeated: a zero that is shown.
    for days_ago, channel in enumerate(("forum", "survey", "complaint", "advocacy", "forum")):
        themes = ("harm_stigma",) if days_ago < 2 else ()
        feedback(other_service, channel, days_ago, *themes)
    quiet = compute("repeated_themes", other_service, PERIOD_START, PERIOD_END)
    assert (quiet.value, quiet.people, quiet.shown()) == (0, 5, 0)
