"""Factories for the forums part: a service's family forum, its families, events and RSVPs.

Other parts (questions, threads, surveys, concerns) import `FamilyForumFactory`, `forum_host`
and `forum_family` from here."""

from datetime import timedelta

import factory
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.forums.models import EventRSVP, FamilyForum, ForumEvent, ForumFamily
from tests.cms.factories import ServiceFactory, member


class FamilyForumFactory(factory.django.DjangoModelFactory):
    """The family forum of a new care home service (join code made by the model default)."""

    class Meta:
        model = FamilyForum

    service = factory.SubFactory(ServiceFactory)
    name = factory.LazyAttribute(lambda o: f"{o.service.name} family forum")
    welcome = "A friendly meeting for families, with tea and a guest speaker."


def forum_host(forum, **user_fields):
    """A new person holding the forum host role for the forum's service."""
    return member(Role.FORUM_HOST, service=forum.service, **user_fields)


def forum_family(forum, visits="Mary", **user_fields):
    """A new family member of the forum's service who has said whom they visit."""
    user = member(Role.FAMILY_MEMBER, service=forum.service, **user_fields)
    ForumFamily.objects.create(forum=forum, user=user, visits=visits)
    return user


class ForumFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumFamily

    forum = factory.SubFactory(FamilyForumFactory)
    user = factory.LazyAttribute(lambda o: member(Role.FAMILY_MEMBER, service=o.forum.service))
    visits = "Mary"


class ForumEventFactory(factory.django.DjangoModelFactory):
    """A forum event a week from now, at the home, set up by a new host of the forum."""

    class Meta:
        model = ForumEvent

    forum = factory.SubFactory(FamilyForumFactory)
    title = factory.Sequence(lambda n: f"Family forum {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    duration_minutes = 90
    place = "The lounge, Willow House"
    online_link = ""
    guest_speaker = "A dementia nurse"
    topic = "What good dementia care looks like"
    refreshments = "Tea, coffee and cake"
    access_notes = "Step-free entrance; hearing loop in the lounge."
    created_by = factory.LazyAttribute(lambda o: forum_host(o.forum))


class EventRSVPFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRSVP

    event = factory.SubFactory(ForumEventFactory)
    user = factory.LazyAttribute(lambda o: forum_family(o.event.forum))
    answer = EventRSVP.Answer.YES
    guests = 0
    access_needs = ""


__all__ = [
    "EventRSVPFactory",
    "FamilyForumFactory",
    "ForumEventFactory",
    "ForumFamilyFactory",
    "forum_family",
    "forum_host",
]
