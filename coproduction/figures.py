"""What the co-production plugin's indicators read, so the nightly snapshot run recomputes the
months a write can have changed (cms.figures). Loaded by the app config's `ready`.

Left out on purpose: the answers to the staff pulse and the family survey, and the ballots of a
priority round. They are written only while their round is open, and count in the month the
round ends, which is then the month under way or a later one (recomputed every night until it
has ended); so they need no mark, and an anonymous answer leaves no trace of when it was given.
The rounds themselves are marked (their closing dates decide the month).
"""

from datetime import timedelta

from django.db.models.signals import m2m_changed

from cms.figures.models import EVERY_MONTH
from cms.indicators import months_between, register_source, touched
from cms.organisations.models import Service

from .concerns.models import Concern, SpeakUpCase
from .forums.models import EventRSVP, ForumEvent
from .pulse.models import PulseRound
from .questions.models import ForumQuestion
from .rounds.models import PriorityRound
from .spaces.models import AgendaItem, CoproductionSpace, SpaceMembership
from .surveys.models import FamilySurvey
from .tracker.models import Action, FeedbackItem, OutcomeResponse
from .tracker.selectors import REPEAT_WINDOW_DAYS


def space_services(space_id):
    """The services whose figures read a space: its own, or every service of its organisation
    for an organisation-wide space (spaces.indicators.service_spaces)."""
    space = CoproductionSpace.objects.filter(pk=space_id).only("service_id", "organisation_id")
    space = space.first()
    if space is None:
        return []
    if space.service_id is not None:
        return [space.service_id]
    return Service.objects.filter(organisation_id=space.organisation_id)


def concern_months(concern):
    """Every date a concern's figures select it by (raised, acknowledgement due and made,
    outcome shared, closed)."""
    return [
        concern.created_at,
        concern.acknowledge_by,
        concern.acknowledged_at,
        concern.outcome_shared_at,
        concern.closed_at,
    ]


register_source(Concern, services=lambda concern: [concern.service_id], when=concern_months)
register_source(
    SpeakUpCase,
    services=lambda case: [case.concern.service_id],
    when=lambda case: concern_months(case.concern),
    uid="speak-up",
)
# Beds (concerns per 10 beds) are read by every period's figure.
register_source(
    Service,
    services=lambda service: [service.pk],
    when=lambda service: EVERY_MONTH,
    uid="beds",
    fields=("beds", "organisation_id"),
)

register_source(
    ForumEvent, services=lambda event: [event.forum.service_id], when=lambda e: e.starts_at
)
register_source(
    EventRSVP,
    services=lambda rsvp: [rsvp.event.forum.service_id],
    when=lambda rsvp: rsvp.event.starts_at,
    uid="rsvps",
)
# Unanswered at the end of every month from when it was asked to when it was answered.
register_source(
    ForumQuestion,
    services=lambda question: [question.forum.service_id],
    when=lambda question: months_between(question.asked_at, question.answered_at),
)


def _round_ends(priority_round):
    return [priority_round.closes_at, priority_round.closed_at]


register_source(
    PulseRound, services=lambda pulse: [pulse.service_id], when=_round_ends, uid="pulse"
)
register_source(FamilySurvey, services=lambda survey: [survey.forum.service_id], when=_round_ends)
register_source(
    PriorityRound, services=lambda round_: space_services(round_.space_id), when=_round_ends
)
register_source(
    AgendaItem, services=lambda item: space_services(item.space_id), when=lambda i: i.created_at
)
# A member's role in the space now decides who raised an item and who may vote, for every
# month.
register_source(
    SpaceMembership,
    services=lambda membership: space_services(membership.space_id),
    when=lambda membership: EVERY_MONTH,
    fields=("space_id", "user_id", "role"),
)
register_source(
    CoproductionSpace,
    services=lambda space: space_services(space.pk),
    when=lambda space: EVERY_MONTH,
    uid="space",
    fields=("service_id", "organisation_id"),
)


def action_services(action):
    """The services an action counts for (tracker.indicators._service_actions)."""
    if action.service_id is not None:
        return [action.service_id]
    if action.space_id is not None:
        return space_services(action.space_id)
    return []


# Open in every month from when it was raised to when its outcome was published.
register_source(
    Action,
    services=action_services,
    when=lambda action: months_between(action.created_at, action.outcome_published_at),
)
register_source(
    OutcomeResponse,
    services=lambda response: action_services(response.action),
    when=lambda response: response.responded_at,
    uid="responses",
)
# Counted in its month, and among the repeated themes at the end of the months of the window
# that follows it.
register_source(
    FeedbackItem, services=lambda item: [item.service_id], when=lambda item: feedback_months(item)
)


def feedback_months(item):
    return months_between(item.received_on, item.received_on + timedelta(days=REPEAT_WINDOW_DAYS))


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A piece of feedback tagged with a theme, or untagged, changes the repeated themes of the
    months its window covers (tagging happens after the item is saved, so its own marks do not
    cover it)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        items = [instance]
    elif pk_set:
        items = FeedbackItem.objects.filter(pk__in=pk_set)
    else:
        items = instance.feedback_items.all()
    for item in items:
        touched([item.service_id], feedback_months(item))


m2m_changed.connect(
    _themes_changed,
    sender=FeedbackItem.themes.through,
    weak=False,
    dispatch_uid="figures:coproduction.FeedbackItem.themes",
)
