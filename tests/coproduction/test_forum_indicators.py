"""The family forum indicators (event attendance, the recommend score, questions left
unanswered) and the concern indicators, with figures worked out by hand: period boundaries
(concerns and questions by whole calendar months, UK time), other services' data left out, and
the small-number rule."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from cms.indicators import MIN_PEOPLE, all_indicators, get_indicator
from cms.organisations.models import Service
from coproduction.concerns.indicators import whole_months
from coproduction.concerns.models import Concern
from coproduction.forums.models import EventRSVP
from coproduction.questions.models import ForumQuestion
from tests.cms.factories import ServiceFactory, UserFactory
from tests.coproduction.factories_concerns import ConcernFactory
from tests.coproduction.factories_forums import (
    EventRSVPFactory,
    FamilyForumFactory,
    ForumEventFactory,
    forum_family,
)
from tests.coproduction.factories_surveys import FamilySurveyFactory, answer

pytestmark = pytest.mark.django_db

CONCERN_KEYS = (
    "concerns_raised",
    "concerns_per_10_beds",
    "safeguarding_raised",
    "concerns_anonymous_share",
    "concern_hours_to_acknowledge",
    "concerns_acknowledged_on_time",
    "concern_days_to_outcome",
    "concerns_outcome_fed_back",
)
FORUM_KEYS = ("forum_event_attendance", "family_nps", "questions_unanswered", "questions_asked")


def local(year, month, day, hour=12, minute=0):
    """A moment in UK time (the site's time zone)."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


# April to June 2026, in UK time: British Summer Time, so each month starts at 23:00 UTC the
# day before.
Q2_START, Q2_END = local(2026, 4, 1, 0), local(2026, 7, 1, 0)


@pytest.fixture
def other_service(service):
    """Another service of the same organisation, whose data never counts for Willow House."""
    return ServiceFactory(organisation=service.organisation, name="Elm Court")


@pytest.fixture
def forum(service):
    return FamilyForumFactory(service=service)


def compute(key, service, start=Q2_START, end=Q2_END):
    return get_indicator(key)(service, start, end)


def figure(key, service, start=Q2_START, end=Q2_END):
    value = compute(key, service, start, end)
    return value.value, value.people, value.shown()


def test_each_indicator_is_registered_with_labels_and_a_description():
    registered = {indicator.key: indicator for indicator in all_indicators()}
    for key in CONCERN_KEYS + FORUM_KEYS:
        indicator = registered[key]
        assert indicator.description and indicator.source
        assert indicator.labels["stream"] in {"people and families", "practice and outcomes"}
        assert indicator.min_people == MIN_PEOPLE
    assert registered["family_nps"].labels["pel"] == "Caring"
    assert registered["concerns_raised"].good_direction == "either"
    assert registered["concerns_outcome_fed_back"].labels["pel"] == "Accountability"
    assert registered["safeguarding_raised"].labels == {
        "pel": "Reporting",
        "stream": "practice and outcomes",
    }


# --- Whole calendar months ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2026, 4, 1, 0), (2026, 7, 1, 0), ((2026, 4, 1, 0), (2026, 7, 1, 0), 3)),
        ((2026, 4, 15, 9), (2026, 7, 20, 9), ((2026, 5, 1, 0), (2026, 7, 1, 0), 2)),
        ((2025, 12, 1, 0), (2026, 1, 1, 0), ((2025, 12, 1, 0), (2026, 1, 1, 0), 1)),
        ((2026, 5, 10, 0), (2026, 5, 11, 0), None),  # a day
        ((2026, 4, 15, 0), (2026, 5, 14, 0), None),  # a month's length across two months
        ((2026, 4, 1, 0), (2026, 4, 30, 23), None),  # an hour short of April
    ],
)
def test_whole_months_inside_a_period(start, end, expected):
    months = whole_months(local(*start), local(*end))
    if expected is None:
        assert months is None
    else:
        first, last, count = expected
        assert months == (local(*first), local(*last), count)


# --- Concerns -------------------------------------------------------------------------------


def concern(service, raised, **fields):
    made = ConcernFactory(service=service, **fields)
    Concern.objects.filter(pk=made.pk).update(created_at=raised)
    return made


def test_concerns_raised_are_counted_by_whole_months_in_uk_time(service, other_service):
    # 00:30 on 1 April in UK time (23:30 UTC the day before): April.
    concern(service, datetime(2026, 3, 31, 23, 30, tzinfo=UTC), anonymous=True)
    concern(service, local(2026, 4, 20), possible_safeguarding=True)
    concern(service, local(2026, 5, 10), anonymous=True)
    concern(service, local(2026, 5, 10, 15), raised_by=UserFactory())
    concern(service, local(2026, 6, 2), possible_safeguarding=True, at_risk_now=True)
    # 23:59 on 30 June in UK time: June.
    concern(service, datetime(2026, 6, 30, 22, 59, tzinfo=UTC))
    # Not in the quarter: 23:30 on 31 March and midnight on 1 July, UK time.
    concern(service, datetime(2026, 3, 31, 22, 30, tzinfo=UTC), anonymous=True)
    concern(service, datetime(2026, 6, 30, 23, 0, tzinfo=UTC), anonymous=True)
    # Another service's concerns.
    for _ in range(3):
        concern(other_service, local(2026, 5, 10), anonymous=True, possible_safeguarding=True)

    assert figure("concerns_raised", service) == (6, 6, 6)
    assert figure("concerns_anonymous_share", service) == (33.3, 6, 33.3)
    # Two possible safeguarding concerns: a figure, but too few to show.
    assert figure("safeguarding_raised", service) == (2, 2, None)
    # 6 concerns in a quarter, 30 beds: 2 per 10 beds a quarter.
    assert figure("concerns_per_10_beds", service) == (2.0, 6, 2.0)
    # January to June: the 6, the one of 31 March, and one in February; 8 per 30 beds in 6
    # months is 8 * 10 / 30 * 3 / 6 = 1.33 per 10 beds a quarter.
    concern(service, local(2026, 2, 14))
    assert figure("concerns_per_10_beds", service, local(2026, 1, 1, 0)) == (1.3, 8, 1.3)

    assert figure("concerns_raised", other_service) == (3, 3, None)
    assert figure("concerns_anonymous_share", other_service) == (100.0, 3, None)


def test_a_period_across_parts_of_months_counts_only_the_whole_months(service):
    concern(service, local(2026, 4, 20), anonymous=True)  # April: only part of it is inside
    for day in (3, 9, 17, 25, 31):
        concern(service, local(2026, 5, day), anonymous=day == 9)
    concern(service, local(2026, 6, 5), anonymous=True)  # June: only part of it is inside

    assert figure("concerns_raised", service, local(2026, 4, 15), local(2026, 6, 15)) == (5, 5, 5)
    share = figure("concerns_anonymous_share", service, local(2026, 4, 15), local(2026, 6, 15))
    assert share == (20.0, 5, 20.0)


def test_no_concern_indicator_can_single_out_a_day(service):
    """A day with an anonymous concern among plenty of others: asking for that day alone, or
    for anything short of a whole month, gives no figure at all."""
    for hour in range(10, 16):
        raised = local(2026, 5, 12, hour)
        concern(
            service,
            raised,
            anonymous=hour == 10,
            possible_safeguarding=True,
            acknowledge_by=raised + timedelta(hours=24),
            acknowledged_at=raised + timedelta(hours=1),
            status=Concern.Status.CLOSED,
            outcome="We changed the night rota.",
            outcome_shared_at=raised + timedelta(hours=2),
            closed_at=raised + timedelta(hours=3),
        )
    periods = [
        (local(2026, 5, 12, 0), local(2026, 5, 13, 0)),
        (local(2026, 5, 1, 0), local(2026, 5, 31, 0)),
        (local(2026, 5, 2, 0), local(2026, 6, 1, 0)),
    ]
    for key in CONCERN_KEYS:
        for start, end in periods:
            assert figure(key, service, start, end) == (None, 0, None), (key, start)
        # The whole of May gives every figure.
        assert compute(key, service, local(2026, 5, 1, 0), local(2026, 6, 1, 0)).people == 6


def test_a_service_without_beds_has_no_rate_per_bed(service):
    home_care = ServiceFactory(
        organisation=service.organisation, kind=Service.Kind.HOME_CARE, beds=None
    )
    for day in range(1, 7):
        concern(home_care, local(2026, 5, day))
    assert figure("concerns_per_10_beds", home_care) == (None, 0, None)
    assert figure("concerns_raised", home_care) == (6, 6, 6)


def test_hours_to_acknowledge_for_concerns_acknowledged_in_the_period(service, other_service):
    for raised, hours in [
        (local(2026, 4, 2, 9), 2),
        (local(2026, 4, 30, 20), 4),  # acknowledged on 1 May
        (local(2026, 5, 10, 8), 10),
        (local(2026, 3, 31, 12), 30),  # raised in March, acknowledged on 1 April
        (local(2026, 6, 20, 9), 100),
    ]:
        concern(service, raised, acknowledged_at=raised + timedelta(hours=hours))
    # Not counted: acknowledged on 1 July; never acknowledged; another service's.
    concern(service, local(2026, 6, 30, 20), acknowledged_at=local(2026, 7, 1, 1))
    concern(service, local(2026, 5, 10))
    concern(other_service, local(2026, 5, 10), acknowledged_at=local(2026, 5, 20, 12))

    # The median of 2, 4, 10, 30 and 100 hours.
    assert figure("concern_hours_to_acknowledge", service) == (10.0, 5, 10.0)
    assert figure("concern_hours_to_acknowledge", other_service) == (240.0, 1, None)


def test_acknowledged_on_time_for_concerns_due_in_the_period(service):
    due = local(2026, 5, 15, 9)
    concern(service, local(2026, 5, 14), acknowledge_by=due, acknowledged_at=local(2026, 5, 14, 13))
    concern(service, local(2026, 5, 14), acknowledge_by=due, acknowledged_at=due)  # just in time
    concern(service, local(2026, 5, 14), acknowledge_by=due, acknowledged_at=local(2026, 5, 15, 10))
    concern(service, local(2026, 5, 14), acknowledge_by=due)  # never acknowledged
    concern(
        service,
        local(2026, 4, 1, 1),
        acknowledge_by=local(2026, 4, 2, 1),
        acknowledged_at=local(2026, 4, 1, 2),
    )
    # Due on 1 July: not in the quarter, although raised in it.
    concern(service, local(2026, 6, 30, 10), acknowledge_by=local(2026, 7, 1, 10))
    # Not routed yet, so not yet due.
    concern(service, local(2026, 6, 30, 10))

    # 3 of 5 on time.
    assert figure("concerns_acknowledged_on_time", service) == (60.0, 5, 60.0)


def test_acknowledgements_not_yet_due_do_not_count(service):
    now = timezone.now()
    start = timezone.make_aware(datetime(now.year, now.month, 1)) - timedelta(days=40)
    end = now + timedelta(days=70)
    for _ in range(5):
        concern(service, now - timedelta(hours=30), acknowledge_by=now - timedelta(hours=1))
    concern(service, now - timedelta(hours=2), acknowledge_by=now + timedelta(hours=1))
    # 5 were due and none acknowledged; the sixth has an hour yet.
    assert figure("concerns_acknowledged_on_time", service, start, end) == (0.0, 5, 0.0)


def test_days_to_outcome_for_outcomes_shared_in_the_period(service):
    for raised, days in [
        (local(2026, 4, 5), 1),
        (local(2026, 4, 20), 2.5),
        (local(2026, 3, 28), 4),  # raised in March, outcome shared on 1 April
        (local(2026, 5, 1), 9),
        (local(2026, 5, 31), 30),  # outcome shared on 30 June
    ]:
        concern(
            service,
            raised,
            status=Concern.Status.OUTCOME_SHARED,
            outcome="What we found and what we did.",
            outcome_shared_at=raised + timedelta(days=days),
        )
    # Shared on 1 July: not counted; no outcome yet: not counted.
    concern(
        service,
        local(2026, 6, 25),
        status=Concern.Status.OUTCOME_SHARED,
        outcome="What we found.",
        outcome_shared_at=local(2026, 7, 1, 9),
    )
    concern(service, local(2026, 5, 5), status=Concern.Status.LOOKING_INTO)

    # The median of 1, 2.5, 4, 9 and 30 days.
    assert figure("concern_days_to_outcome", service) == (4.0, 5, 4.0)


def closed(service, closed_at, **fields):
    return concern(
        service,
        local(2026, 4, 1),
        status=Concern.Status.CLOSED,
        outcome="What we found and what we changed.",
        outcome_shared_at=local(2026, 4, 3),
        closed_at=closed_at,
        **fields,
    )


def test_outcome_fed_back_is_the_outcome_reaching_the_raiser(service):
    emailed = local(2026, 4, 3, 1)
    closed(service, local(2026, 4, 10), raised_by=UserFactory(), outcome_email_sent_at=emailed)
    closed(service, local(2026, 4, 10), raised_by=UserFactory())  # the email was never sent
    closed(
        service,
        local(2026, 5, 10),
        contact_name="Sam",
        contact_email="sam@example.org",
        outcome_email_sent_at=emailed,
    )
    closed(service, local(2026, 5, 10), contact_email="pat@example.org")  # never sent
    # No way to email them: the outcome on the tracking page is how they read it.
    closed(service, local(2026, 6, 10), anonymous=True)
    closed(service, local(2026, 6, 10), raiser_role=Concern.RaiserRole.VISITOR)
    # Closed on 1 July: not counted.
    closed(service, local(2026, 7, 1, 0), raised_by=UserFactory())

    # 4 of 6 reached the person who raised them.
    assert figure("concerns_outcome_fed_back", service) == (66.7, 6, 66.7)


# --- Family recommend score -----------------------------------------------------------------


def survey(forum, *, closes_at, closed_at=None, answers=()):
    made = FamilySurveyFactory(
        forum=forum,
        opens_at=local(2026, 1, 5),
        closes_at=closes_at,
        closed_at=closed_at,
    )
    for recommend in answers:
        answer(made, recommend)
    return made


def test_recommend_score_of_surveys_that_ended_in_the_period(forum, other_service):
    # Ended at its closing time: promoters 3, passives 1, detractors 2.
    survey(forum, closes_at=local(2026, 5, 10), answers=[10, 9, 9, 8, 3, 6])
    # Due to close in August, closed early by a host in June: promoters 3, detractors 1.
    survey(
        forum, closes_at=local(2026, 8, 1), closed_at=local(2026, 6, 20), answers=[10, 7, 0, 9, 10]
    )
    # Due to close at 23:00 on 30 June and closed by the sweeper in July: it ended in June.
    survey(
        forum,
        closes_at=local(2026, 6, 30, 23),
        closed_at=local(2026, 7, 1, 0, 5),
        answers=[9, 9, 9, 9, 9],
    )
    # Not counted: too few responses to count at all; ended in July; another service's.
    survey(forum, closes_at=local(2026, 5, 20), answers=[0, 0, 0])
    survey(forum, closes_at=local(2026, 7, 2), answers=[0, 0, 0, 0, 0, 0])
    elm_forum = FamilyForumFactory(service=other_service)
    survey(elm_forum, closes_at=local(2026, 5, 10), answers=[0, 1, 2, 3, 4])

    # 11 promoters and 3 detractors of 16 responses: 69% - 19% = 50.
    assert figure("family_nps", forum.service) == (50, 16, 50)
    assert figure("family_nps", other_service) == (-100, 5, -100)


def test_recommend_score_with_only_a_small_survey_is_no_figure(forum):
    survey(forum, closes_at=local(2026, 5, 20), answers=[10, 10, 9, 2])
    survey(forum, closes_at=local(2026, 6, 20), answers=[10, 9, 8, 7, 6])
    assert figure("family_nps", forum.service, Q2_START, local(2026, 6, 1, 0)) == (None, 0, None)
    # 2 promoters, 1 detractor of 5: 20.
    assert figure("family_nps", forum.service) == (20, 5, 20)


def test_a_survey_still_open_does_not_count(forum):
    survey(forum, closes_at=timezone.now() + timedelta(days=30), answers=[10] * 6)
    end = timezone.now() + timedelta(days=60)
    assert figure("family_nps", forum.service, Q2_START, end) == (None, 0, None)


# --- Event attendance -----------------------------------------------------------------------


def event(forum, starts_at, **fields):
    return ForumEventFactory(forum=forum, starts_at=starts_at, **fields)


def rsvp(event, user, answer=EventRSVP.Answer.YES, guests=0, attended=None):
    return EventRSVPFactory(event=event, user=user, answer=answer, guests=guests, attended=attended)


def test_attendance_per_event_held_in_the_period(forum, other_service):
    ann, bea, cal, dot, eve, fay, gus, hal, ivy = (forum_family(forum) for _ in range(9))
    # The host recorded who came: Ann (with 2 guests) and Cal (who said maybe): 4 people.
    recorded = event(forum, local(2026, 4, 16, 18))
    rsvp(recorded, ann, guests=2, attended=True)
    rsvp(recorded, bea, guests=1, attended=False)
    rsvp(recorded, cal, EventRSVP.Answer.MAYBE, attended=True)
    rsvp(recorded, dot, EventRSVP.Answer.NO, attended=False)
    # Not recorded: those who said yes, with their guests: Ann (and 1), Eve, Hal, Ivy: 5.
    unrecorded = event(forum, local(2026, 5, 21, 18))
    rsvp(unrecorded, ann, guests=1)
    rsvp(unrecorded, eve)
    rsvp(unrecorded, hal)
    rsvp(unrecorded, ivy)
    rsvp(unrecorded, fay, EventRSVP.Answer.MAYBE)
    rsvp(unrecorded, gus, EventRSVP.Answer.NO)
    # Held, and nobody answered: none.
    event(forum, local(2026, 6, 18, 18))
    # Not counted: cancelled; held on 1 July; another service's event.
    cancelled = event(forum, local(2026, 6, 4, 18), cancelled_at=local(2026, 6, 1))
    rsvp(cancelled, gus, guests=3)
    later = event(forum, local(2026, 7, 1, 0))
    rsvp(later, gus, guests=3)
    elm_forum = FamilyForumFactory(service=other_service)
    rsvp(event(elm_forum, local(2026, 5, 21, 18)), forum_family(elm_forum), guests=4)

    # (4 + 5 + 0) people at 3 events; 5 different families came (Ann, Cal, Eve, Hal, Ivy).
    assert figure("forum_event_attendance", forum.service) == (3.0, 5, 3.0)
    assert figure("forum_event_attendance", other_service) == (5.0, 1, None)


def test_attendance_with_no_event_held_is_no_figure(forum):
    # An event yet to come, in a period that runs on past it.
    rsvp(event(forum, timezone.now() + timedelta(days=7)), forum_family(forum))
    end = timezone.now() + timedelta(days=30)
    assert figure("forum_event_attendance", forum.service, Q2_START, end) == (None, 0, None)
    assert figure("forum_event_attendance", forum.service) == (None, 0, None)


# --- Questions left unanswered --------------------------------------------------------------


def question(forum, asked_at, asked_by=None, answered_at=None):
    made = ForumQuestion.objects.create(
        forum=forum,
        text="When will the garden be open again?",
        anonymous=asked_by is None,
        asked_by=asked_by,
        answer="In May." if answered_at else "",
        answered_at=answered_at,
    )
    ForumQuestion.objects.filter(pk=made.pk).update(asked_at=asked_at)
    return made


def test_questions_unanswered_at_the_end_of_the_last_whole_month(forum, other_service):
    ann, bea = forum_family(forum), forum_family(forum)
    question(forum, local(2026, 3, 1), ann)  # long unanswered
    question(forum, local(2026, 6, 30, 23), ann, answered_at=local(2026, 7, 2))  # answered after
    question(forum, local(2026, 5, 5))  # anonymous
    question(forum, local(2026, 6, 10))  # anonymous
    # Not counted: answered in time; asked after the end of June; another service's.
    question(forum, local(2026, 5, 6), answered_at=local(2026, 6, 1))
    question(forum, local(2026, 4, 8), bea, answered_at=local(2026, 6, 30, 23, 59))
    question(forum, local(2026, 7, 1, 0, 30), bea)
    elm_forum = FamilyForumFactory(service=other_service)
    question(elm_forum, local(2026, 5, 5))

    # 4 questions, from Ann and two anonymous askers (each counted as one person).
    assert figure("questions_unanswered", forum.service) == (4, 3, None)
    # A period ending in mid-July is counted at the end of June all the same.
    assert figure("questions_unanswered", forum.service, Q2_START, local(2026, 7, 14)) == (
        4,
        3,
        None,
    )
    # No whole month in the period: no figure.
    assert figure("questions_unanswered", forum.service, local(2026, 6, 3), Q2_END) == (
        None,
        0,
        None,
    )
    assert figure("questions_unanswered", other_service) == (1, 1, None)

    # Asked in the quarter: Ann's, Bea's and three anonymous ones (answered or not), each
    # anonymous one counted as one person; March's, July's and Elm's are outside.
    assert figure("questions_asked", forum.service) == (5, 5, 5)
    assert figure("questions_asked", forum.service, local(2026, 6, 3), Q2_END) == (None, 0, None)


def test_anonymous_questions_count_one_person_each(forum):
    for day in range(1, 6):
        question(forum, local(2026, 5, day))
    assert figure("questions_unanswered", forum.service) == (5, 5, 5)
