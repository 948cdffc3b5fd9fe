"""The set-based form of every co-production indicator (cms.indicators.register_many) gives
exactly the figures of its per-service form, value and people, for services with varied data
(some with nothing, people in two services, rows on the edges of a period, small numbers),
and asks the database the same number of times for 3 services as for 10.

Each module's data is built once per test by a builder below; `assert_agree` then compares,
for every indicator of the module and several periods (whole months, a quarter, a rolling
period cut mid-month, a period holding no whole month), `for_services` with one call per
service."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.indicators import IndicatorValue, all_indicators, get_indicator
from coproduction.concerns.models import Concern, SpeakUpCase
from coproduction.forums.models import EventRSVP
from coproduction.pulse.models import PulseResponse
from coproduction.questions.models import ForumQuestion
from coproduction.rounds.models import Ballot, PriorityRound, SecretBallot
from coproduction.spaces.models import AgendaItem, SpaceRole
from coproduction.tracker.models import Action, OutcomeResponse
from coproduction.tracker.services import feedback_record
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory
from tests.coproduction.factories import (
    AgendaItemFactory,
    SpaceFactory,
    SpaceMembershipFactory,
    space_with,
)
from tests.coproduction.factories_concerns import ConcernFactory, SpeakUpCaseFactory
from tests.coproduction.factories_forums import (
    EventRSVPFactory,
    FamilyForumFactory,
    ForumEventFactory,
    forum_family,
)
from tests.coproduction.factories_pulse import PulseRoundFactory
from tests.coproduction.factories_surveys import FamilySurveyFactory, answer

pytestmark = pytest.mark.django_db


def local(year, month, day, hour=0, minute=0):
    """A moment in UK time (the site's time zone)."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


PERIODS = [
    (local(2025, 4, 1), local(2025, 7, 1)),  # a quarter
    (local(2025, 4, 1), local(2025, 5, 1)),  # one month
    (local(2025, 5, 1), local(2025, 6, 1)),
    (local(2025, 3, 15), local(2025, 6, 13)),  # rolling 90 days, cut mid-month
    (local(2025, 4, 3), local(2025, 4, 20)),  # no whole month
    (local(2025, 1, 1), local(2026, 1, 1)),  # a year
]


@pytest.fixture
def services():
    """Ten services: four in one organisation (the first with beds, the second without), the
    rest in two others. Builders put data in the first few; the rest have nothing."""
    first, second = OrganisationFactory(), OrganisationFactory()
    found = [
        ServiceFactory(organisation=first, beds=20),
        ServiceFactory(organisation=first, beds=None),
    ]
    found += ServiceFactory.create_batch(2, organisation=first)
    found += ServiceFactory.create_batch(3, organisation=second)
    found += ServiceFactory.create_batch(3)
    return found


def keys_of(module):
    """The keys of every indicator registered by `coproduction.<module>.indicators`."""
    return [
        indicator.key
        for indicator in all_indicators()
        if indicator.compute.__module__ == f"coproduction.{module}.indicators"
    ]


def assert_agree(keys, services, periods=PERIODS):
    """For each key and period, the set-based figures equal the per-service ones; and the
    data gives each key at least one figure, so the comparison is not of nothing with
    nothing."""
    assert keys
    for key in keys:
        indicator = get_indicator(key)
        assert indicator.many is not None, f"{key} has no set-based form"
        something = False
        for start, end in periods:
            expected = {service.pk: indicator(service, start, end) for service in services}
            assert indicator.for_services(services, start, end) == expected, (key, start, end)
            something |= any(value.people for value in expected.values())
        assert something, f"the data gives {key} no figure at all"


def queries(key, services, start, end):
    with CaptureQueriesContext(connection) as context:
        get_indicator(key).for_services(services, start, end)
    return len(context)


def assert_same_queries(keys, services, start, end):
    """Asking about 10 services costs the queries of asking about 3."""
    for key in keys:
        few, many = queries(key, services[:3], start, end), queries(key, services, start, end)
        assert few == many, (key, few, many)


# --- Concerns and speak-up ------------------------------------------------------------------


def concern(service, created_at, **fields):
    made = ConcernFactory(service=service, **fields)
    Concern.objects.filter(pk=made.pk).update(created_at=created_at)
    made.created_at = created_at
    return made


def build_concerns(services):
    """Varied concerns in the first three services; a person who raised concerns in two."""
    both = UserFactory()
    willow, elm, ash = services[:3]
    moments = [
        local(2025, 4, 1),  # the first moment of April
        local(2025, 4, 2, 9),
        local(2025, 4, 30, 23, 59),  # the last minute of April
        local(2025, 5, 1),
        local(2025, 5, 14, 13),
        local(2025, 6, 30, 23, 30),
        local(2025, 7, 1),  # just after the quarter
        local(2025, 3, 31, 23, 59),  # just before it
    ]
    for index, raised in enumerate(moments):
        anonymous = index % 3 == 0
        concern(
            willow,
            raised,
            anonymous=anonymous,
            raised_by=None if anonymous else both,
            contact_email="" if anonymous or index % 2 else "family@example.org",
            possible_safeguarding=index % 2 == 0,
            acknowledge_by=raised + timedelta(days=1 if index % 2 == 0 else 5),
            acknowledged_at=None if index == 4 else raised + timedelta(hours=3 + 20 * index),
            outcome_shared_at=None if index == 5 else raised + timedelta(days=3 + 4 * index),
            outcome_email_sent_at=None if index % 4 == 1 else raised + timedelta(days=40),
            closed_at=None if index == 5 else raised + timedelta(days=5 + 4 * index),
            status=Concern.Status.CLOSED if index != 5 else Concern.Status.RECEIVED,
            outcome="We changed the rota." if index != 5 else "",
        )
    # Elm (no beds): two concerns, each a speak-up case; one said they suffered detriment.
    for index, raised in enumerate([local(2025, 4, 10), local(2025, 5, 20)]):
        case = concern(
            elm,
            raised,
            raised_by=both,
            raiser_role=Concern.RaiserRole.STAFF,
            outcome_shared_at=raised + timedelta(days=10),
            outcome="Looked into.",
            status=Concern.Status.OUTCOME_SHARED,
        )
        SpeakUpCaseFactory(
            concern=case,
            detriment=index == 0,
            would_speak_up_again=[SpeakUpCase.Again.YES, SpeakUpCase.Again.MAYBE][index],
        )
    # Ash: six speak-up cases in April and May, one unanswered about speaking up again.
    answers = ["yes", "no", "yes", "", "dont_know", "yes"]
    for index, again in enumerate(answers):
        raised = local(2025, 4 + index % 2, 3 + index)
        case = concern(
            ash,
            raised,
            anonymous=True,
            raiser_role=Concern.RaiserRole.STAFF,
            acknowledge_by=raised + timedelta(days=5),
            acknowledged_at=raised + timedelta(days=index),
            outcome_shared_at=raised + timedelta(days=20),
            outcome="Looked into.",
            status=Concern.Status.OUTCOME_SHARED,
        )
        SpeakUpCaseFactory(concern=case, detriment=index < 2, would_speak_up_again=again)


def test_concern_indicators_agree(services):
    build_concerns(services)
    keys = keys_of("concerns")
    assert len(keys) == 11
    assert_agree(keys, services[:5])


def test_concern_indicators_ask_as_often_for_3_services_as_for_10(services):
    build_concerns(services)
    assert_same_queries(keys_of("concerns"), services, *PERIODS[0])


# --- Family forum events and questions --------------------------------------------------------


def build_forums(services):
    """Events in the first three services' forums, with RSVPs recorded or not; one family in
    two forums; a cancelled event; events on the edges of the periods; and questions, named and
    anonymous, answered and not."""
    willow, elm, ash = (FamilyForumFactory(service=service) for service in services[:3])
    FamilyForumFactory(service=services[3])  # a forum with nothing in it
    both = forum_family(willow)
    forum_family(elm, email="both-elm@example.org")  # another family of Elm
    elm_families = [forum_family(elm) for _ in range(2)]

    def event(forum, starts_at, **fields):
        return ForumEventFactory(forum=forum, starts_at=starts_at, **fields)

    recorded = event(willow, local(2025, 4, 1))
    for index in range(5):
        EventRSVPFactory(event=recorded, attended=index != 2, guests=index % 2)
    EventRSVPFactory(event=recorded, user=both, attended=True, guests=2)
    promised = event(willow, local(2025, 5, 31, 23, 30))
    EventRSVPFactory(event=promised, user=both, answer=EventRSVP.Answer.YES, guests=1)
    EventRSVPFactory(event=promised, answer=EventRSVP.Answer.NO)
    EventRSVPFactory(event=promised, answer=EventRSVP.Answer.MAYBE)
    event(willow, local(2025, 6, 10))  # nobody answered
    cancelled = event(willow, local(2025, 4, 20), cancelled_at=local(2025, 4, 18))
    EventRSVPFactory(event=cancelled)
    EventRSVPFactory(event=event(willow, local(2025, 7, 1)))  # just after the quarter
    for day in (5, 25):
        elm_event = event(elm, local(2025, 4, day, 18))
        for family in elm_families:
            EventRSVPFactory(event=elm_event, user=family, guests=day // 5)
    ash_event = event(ash, local(2025, 3, 31, 23, 59))  # just before the quarter
    EventRSVPFactory(event=ash_event, attended=False)
    EventRSVPFactory(event=ash_event, attended=True)

    def question(forum, asked_at, asked_by=None, answered_at=None):
        made = ForumQuestion.objects.create(
            forum=forum,
            text="When can we visit?",
            anonymous=asked_by is None,
            asked_by=asked_by,
            answered_at=answered_at,
        )
        ForumQuestion.objects.filter(pk=made.pk).update(asked_at=asked_at)

    for index in range(7):
        asked = local(2025, 3 + index % 4, 1 + 4 * index)
        question(
            willow,
            asked,
            asked_by=None if index % 3 == 0 else both,
            answered_at=None if index % 2 else asked + timedelta(days=20 + index),
        )
    question(willow, local(2025, 5, 1), asked_by=both, answered_at=local(2025, 6, 1))
    question(elm, local(2025, 4, 30, 23, 59), asked_by=elm_families[0])
    question(elm, local(2025, 6, 30, 23), asked_by=None, answered_at=local(2025, 7, 1))
    question(ash, local(2024, 12, 1))


def test_forum_and_question_indicators_agree(services):
    build_forums(services)
    keys = keys_of("forums") + keys_of("questions")
    assert sorted(keys) == ["forum_event_attendance", "questions_asked", "questions_unanswered"]
    assert_agree(keys, services[:5])
    # Worked by hand, since both forms share one rule: Elm's two questions of the quarter, one
    # named and one anonymous (answered only at the first moment of July), are two people.
    elm = services[1]
    for key in ("questions_asked", "questions_unanswered"):
        assert get_indicator(key).for_services([elm], *PERIODS[0]) == {elm.pk: IndicatorValue(2, 2)}


def test_forum_and_question_indicators_ask_as_often_for_3_services_as_for_10(services):
    build_forums(services)
    for start, end in PERIODS[:1] + PERIODS[3:4]:
        assert_same_queries(keys_of("forums") + keys_of("questions"), services, start, end)


# --- Staff pulse and family survey: sealed, anonymous answers ---------------------------------


def build_pulse(services):
    """Rounds of the first three services: one of 12 answers closed early, one of 10 reaching
    its closing time, one of 9 (left out: under the floor), one ending on the first moment of
    July, one still open."""

    def pulse_round(service, opens_at, closes_at, closed_at=None, answers=0, seed=0):
        made = PulseRoundFactory(
            service=service, opens_at=opens_at, closes_at=closes_at, closed_at=closed_at
        )
        for index in range(answers):
            PulseResponse.objects.create(
                round=made,
                staff_group="care",
                safe_to_speak=1 + (index + seed) % 5,
                acted_on=(index * 2 + seed) % 6,
                dignity_seen=(index + seed) % 4 == 0,
            )
        return made

    willow, elm, ash = services[:3]
    pulse_round(willow, local(2025, 3, 20), local(2025, 5, 1), local(2025, 4, 15), 12)
    pulse_round(willow, local(2025, 5, 1), local(2025, 6, 1), None, 10, seed=3)
    pulse_round(willow, local(2025, 5, 1), local(2025, 6, 10), None, 9, seed=1)
    pulse_round(elm, local(2025, 6, 1), local(2025, 7, 1), None, 11, seed=2)
    pulse_round(elm, local(2025, 3, 1), local(2025, 4, 1), None, 10, seed=4)
    now = timezone.now()
    pulse_round(ash, now - timedelta(days=3), now + timedelta(days=3), None, 10)


def build_surveys(services):
    """Surveys of the first three services' forums: 6 answers, 5 answers, 4 (left out), one
    ending just after the quarter, one still open."""

    def survey(service, closes_at, closed_at=None, answers=(), forum=None):
        made = FamilySurveyFactory(
            forum=forum or FamilyForumFactory(service=service),
            opens_at=closes_at - timedelta(days=20),
            closes_at=closes_at,
            closed_at=closed_at,
        )
        for recommend in answers:
            answer(made, recommend)
        return made

    willow, elm, ash = services[:3]
    first = survey(willow, local(2025, 5, 20), local(2025, 4, 30, 23, 59), [10, 9, 3, 7, 8, 10])
    survey(willow, local(2025, 6, 30), None, [0, 1, 9, 9, 10], forum=first.forum)
    survey(willow, local(2025, 5, 10), None, [10, 10, 10, 10], forum=first.forum)
    survey(elm, local(2025, 7, 1), None, [6, 6, 9, 9, 9])
    now = timezone.now()
    survey(ash, now + timedelta(days=5), None, [10] * 6)


def test_pulse_and_survey_indicators_agree(services):
    build_pulse(services)
    build_surveys(services)
    keys = keys_of("pulse") + keys_of("surveys")
    assert len(keys) == 4
    assert_agree(keys, services[:5])
    # Worked by hand: in the quarter Willow's rounds of 12 and 10 answers count and its round
    # of 9 does not; Elm's round ending at the first moment of April counts, the one ending at
    # the first moment of July does not. Willow's surveys of 6 and 5 count, that of 4 not.
    willow, elm = services[:2]
    people = {
        service: figure.people
        for service, figure in get_indicator("staff_pulse_safe_to_speak")
        .for_services(services[:3], *PERIODS[0])
        .items()
    }
    assert people == {willow.pk: 22, elm.pk: 10, services[2].pk: 0}
    nps = get_indicator("family_nps").for_services(services[:3], *PERIODS[0])
    assert [nps[service.pk].people for service in services[:3]] == [11, 0, 0]


def test_small_rounds_and_surveys_stay_sealed_when_services_are_asked_together(services):
    """Three services with a round of 9 answers and a survey of 4 each: together they would
    pass the floors, but each round and survey is below its own, so no figure comes of them,
    asked one service at a time or all at once."""
    for service in services[:3]:
        made = PulseRoundFactory(
            service=service,
            opens_at=local(2025, 4, 1),
            closes_at=local(2025, 4, 20),
        )
        for _index in range(9):
            PulseResponse.objects.create(
                round=made, staff_group="care", safe_to_speak=5, acted_on=5, dignity_seen=False
            )
        survey = FamilySurveyFactory(
            forum=FamilyForumFactory(service=service),
            opens_at=local(2025, 4, 1),
            closes_at=local(2025, 4, 20),
        )
        for recommend in (10, 10, 9, 0):
            answer(survey, recommend)
    start, end = PERIODS[0]
    for key in keys_of("pulse") + keys_of("surveys"):
        figures = get_indicator(key).for_services(services[:3], start, end)
        assert set(figures.values()) == {IndicatorValue(None, 0)}, key


def test_pulse_and_survey_indicators_ask_as_often_for_3_services_as_for_10(services):
    build_pulse(services)
    build_surveys(services)
    assert_same_queries(keys_of("pulse") + keys_of("surveys"), services, *PERIODS[0])


# --- Co-production spaces and priority rounds -------------------------------------------------


def build_spaces(services):
    """Spaces of the first organisation: Willow's own, an organisation-wide one (counting for
    each of its four services) and Elm's own, where allies may vote; a space of the second
    organisation's first service. People in two spaces; items on the edges of the periods, a
    merged duplicate; rounds secret and not, closed early, reaching their closing time, still
    open; an inactive voter."""
    willow, elm = services[0], services[1]
    organisation = willow.organisation
    own = SpaceFactory(organisation=organisation, service=willow)
    everyone = SpaceFactory(organisation=organisation, service=None)
    elm_space = SpaceFactory(
        organisation=organisation, service=elm, allies_may_propose_and_vote=True
    )
    other = SpaceFactory(organisation=services[4].organisation, service=services[4])
    lead = space_with(SpaceRole.LEAD, own)
    members = [space_with(SpaceRole.MEMBER, own) for _ in range(4)]
    ally = space_with(SpaceRole.STAFF_ALLY, own)
    SpaceMembershipFactory(space=everyone, user=members[0], role=SpaceRole.MEMBER)
    SpaceMembershipFactory(space=everyone, user=ally, role=SpaceRole.LEAD)
    everyone_members = [space_with(SpaceRole.MEMBER, everyone) for _ in range(2)]
    SpaceMembershipFactory(space=elm_space, user=members[1], role=SpaceRole.STAFF_ALLY)
    elm_members = [space_with(SpaceRole.MEMBER, elm_space) for _ in range(3)]
    gone = space_with(SpaceRole.MEMBER, elm_space)
    gone.is_active = False
    gone.save()
    other_members = [space_with(SpaceRole.MEMBER, other) for _ in range(2)]

    def item(space, person, created_at, **fields):
        made = AgendaItemFactory(space=space, proposed_by=person, **fields)
        AgendaItem.objects.filter(pk=made.pk).update(created_at=created_at)
        return made

    kept = item(own, lead, local(2025, 4, 1))
    item(own, members[0], local(2025, 4, 30, 23, 59))
    item(own, members[0], local(2025, 5, 2), merged_into=kept)
    item(own, ally, local(2025, 6, 3))
    item(own, members[2], local(2025, 7, 1))
    item(everyone, ally, local(2025, 4, 12))
    item(everyone, everyone_members[0], local(2025, 5, 12))
    item(everyone, members[3], local(2025, 5, 13))  # not a member of this space
    item(elm_space, members[1], local(2025, 4, 22))
    item(elm_space, elm_members[0], local(2025, 6, 22))
    item(other, other_members[0], local(2025, 3, 31, 23, 59))
    item(other, other_members[1], local(2025, 4, 1))

    creator = UserFactory()

    def priority_round(space, closes_at, closed_at=None, secret=False, voters=()):
        made = PriorityRound.objects.create(
            space=space,
            title="What first?",
            opens_at=closes_at - timedelta(days=30),
            closes_at=closes_at,
            closed_at=closed_at,
            created_by=creator,
            secret=secret,
        )
        for voter in voters:
            if secret:
                SecretBallot.objects.create(round=made, voter_key=None)
            else:
                Ballot.objects.create(round=made, voter=voter)
        return made

    priority_round(own, local(2025, 5, 10), local(2025, 4, 20), voters=[lead, *members[:2]])
    priority_round(own, local(2025, 6, 1), voters=members)
    priority_round(everyone, local(2025, 4, 1), secret=True, voters=[1, 2])
    priority_round(everyone, local(2025, 7, 1), voters=everyone_members)
    priority_round(elm_space, local(2025, 5, 31, 23, 59), voters=elm_members[:1])
    priority_round(other, local(2025, 4, 15), voters=other_members)
    now = timezone.now()
    priority_round(own, now + timedelta(days=3), voters=members)  # still open


def test_space_and_round_indicators_agree(services):
    build_spaces(services)
    keys = keys_of("spaces") + keys_of("rounds")
    assert sorted(keys) == ["agenda_lived_experience_share", "round_turnout"]
    assert_agree(keys, services[:6])
    # Worked by hand for a service whose only space is the organisation-wide one: 2 of its 3
    # items in the quarter are by its lived-experience lead or members (the third by someone
    # not in that space), and 2 of its 4 voters voted in its secret round.
    ash = services[2]
    share = get_indicator("agenda_lived_experience_share").for_services([ash], *PERIODS[0])
    assert share == {ash.pk: IndicatorValue(66.7, 3)}
    turnout = get_indicator("round_turnout").for_services([ash], *PERIODS[0])
    assert turnout == {ash.pk: IndicatorValue(50.0, 4)}


def test_space_and_round_indicators_ask_as_often_for_3_services_as_for_10(services):
    build_spaces(services)
    assert_same_queries(keys_of("spaces") + keys_of("rounds"), services, *PERIODS[0])


# --- The tracker: actions, outcomes, repeated themes, feedback by channel and theme -----------


def build_tracker(services):
    """Actions of the first organisation's services: about a service, from a service's space,
    from the organisation-wide space (for each of its services), about one service from
    another's space; open across the periods and published on their edges; answers to
    outcomes; and feedback over channels and themes, some repeated."""
    willow, elm, ash = services[:3]
    organisation = willow.organisation
    own = SpaceFactory(organisation=organisation, service=willow)
    everyone = SpaceFactory(organisation=organisation, service=None)
    elsewhere = SpaceFactory(organisation=services[4].organisation, service=services[4])
    raiser, other_raiser = UserFactory(), UserFactory()

    def action(created_at, published_at=None, answer=None, responded_at=None, **where):
        made = Action.objects.create(
            organisation=organisation,
            title="Longer visiting hours",
            status=Action.Status.DONE if published_at else Action.Status.OPEN,
            outcome="Visiting is now until 9pm." if published_at else "",
            outcome_published_at=published_at,
            raised_by=where.pop("raised_by", raiser),
            **where,
        )
        Action.objects.filter(pk=made.pk).update(created_at=created_at)
        if answer:
            response = OutcomeResponse.objects.create(action=made, addressed=answer)
            OutcomeResponse.objects.filter(pk=response.pk).update(responded_at=responded_at)
        return made

    action(local(2025, 1, 5), local(2025, 4, 1), "yes", local(2025, 4, 2), service=willow)
    action(local(2025, 3, 5), local(2025, 7, 1), "no", local(2025, 7, 1), space=own)
    action(local(2025, 4, 5), local(2025, 5, 31, 23), "partly", local(2025, 6, 1), space=everyone)
    action(local(2025, 4, 9), None, space=everyone, raised_by=other_raiser)
    action(local(2025, 2, 1), local(2025, 3, 31, 23, 59), service=elm)
    action(local(2025, 4, 20), local(2025, 6, 2), "yes", local(2025, 6, 3), service=elm, space=own)
    action(local(2025, 5, 20), None, service=ash)
    action(local(2025, 6, 30, 23, 59), None, service=ash, raised_by=None)
    action(local(2025, 4, 1), local(2025, 4, 20), "yes", local(2025, 4, 21), space=elsewhere)
    action(local(2025, 4, 1), local(2025, 5, 20), "no", local(2025, 5, 21), service=services[5])

    def feedback(service, channel, received_on, *themes):
        feedback_record(
            channel=channel,
            giver_role="family",
            service=service,
            text="What was said.",
            themes=themes,
            received_on=received_on,
        )

    day = local(2025, 6, 30).date()
    for back, channel, themes in [
        (0, "forum", ("hm_not_listening", "harm_practice")),
        (10, "survey", ("hm_not_listening",)),
        (89, "concern", ("hm_not_listening", "harm_practice")),
        (90, "forum", ("harm_practice",)),
        (91, "speak_up", ("harm_practice", "hm_not_listening")),
        (30, "speak_up", ()),
        (61, "forum", ("harm_stigma",)),
    ]:
        feedback(willow, channel, day - timedelta(days=back), *themes)
    for back in range(4):
        feedback(elm, "forum", day - timedelta(days=back * 20), "harm_stigma")
    feedback(elm, "complaint", local(2025, 4, 1).date(), "harm_stigma")
    feedback(ash, "advocacy", local(2025, 4, 30).date(), "harm_practice")
    feedback(services[4], "forum", local(2025, 5, 1).date(), "hm_not_listening")


def tracker_keys():
    """The tracker's own indicators and a few of its channel and theme members."""
    keys = keys_of("tracker")
    assert {"action_closure_rate", "repeated_themes", "feedback_channel:forum"} <= set(keys)
    return keys


def test_tracker_indicators_agree(services):
    build_tracker(services)
    chosen = [
        "action_closure_rate",
        "action_days_to_outcome",
        "outcome_addressed_rate",
        "repeated_themes",
        "feedback_channel:forum",
        "feedback_channel:speak_up",
        "feedback_theme:hm_not_listening",
        "feedback_theme:harm_stigma",
    ]
    assert set(chosen) <= set(tracker_keys())
    assert_agree(chosen, services[:6])
    # Every channel and theme member has its set-based form and agrees where there is nothing.
    for key in tracker_keys():
        indicator = get_indicator(key)
        start, end = PERIODS[0]
        expected = {service.pk: indicator(service, start, end) for service in services[:4]}
        assert indicator.for_services(services[:4], start, end) == expected, key


def test_tracker_indicators_ask_as_often_for_3_services_as_for_10(services):
    build_tracker(services)
    for start, end in PERIODS[:1] + PERIODS[3:4]:
        assert_same_queries(tracker_keys(), services, start, end)
