"""Factories for the co-production plugin: spaces, their members and agenda items."""

from datetime import timedelta

import factory
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.rounds.models import PriorityRound
from coproduction.spaces.models import AgendaItem, CoproductionSpace, SpaceMembership, SpaceRole
from tests.cms.factories import MembershipFactory, OrganisationFactory, UserFactory

# The host role a person needs in the organisation before they can hold each space role.
HOST_ROLE_FOR_SPACE_ROLE = {
    SpaceRole.LEAD: Role.LIVED_EXPERIENCE_LEAD,
    SpaceRole.MEMBER: Role.LIVED_EXPERIENCE_MEMBER,
    SpaceRole.STAFF_ALLY: Role.STAFF,
    SpaceRole.OBSERVER: Role.STAFF,
}


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoproductionSpace

    organisation = factory.SubFactory(OrganisationFactory)
    service = None
    name = factory.Sequence(lambda n: f"Voices group {n}")
    slug = factory.Sequence(lambda n: f"voices-group-{n}")
    purpose = "We decide together what the service should change first."
    how_it_works = "We meet once a month. Anyone can raise an item."
    accessibility_notes = "Easy-read papers, a quiet room and breaks every 30 minutes."


class SpaceMembershipFactory(factory.django.DjangoModelFactory):
    """A person in a space. The person also gets a matching role in the space's organisation
    (lead -> lived-experience lead, member -> lived-experience member, ally/observer -> staff)
    unless `host_role=False` is passed."""

    class Meta:
        model = SpaceMembership
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory)
    user = factory.SubFactory(UserFactory)
    role = SpaceRole.MEMBER

    @factory.post_generation
    def host_role(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        role = extracted or HOST_ROLE_FOR_SPACE_ROLE[self.role]
        if not self.user.memberships.filter(organisation=self.space.organisation).exists():
            MembershipFactory(user=self.user, organisation=self.space.organisation, role=role)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    about = "Visiting hours are too short at weekends."
    why_it_matters = "Families who work in the week cannot visit."
    proposed_by = factory.LazyAttribute(
        lambda o: SpaceMembershipFactory(space=o.space, role=SpaceRole.MEMBER).user
    )
    status = AgendaItem.Status.PROPOSED


def space_with(role, space=None, **kwargs):
    """A new person holding `role` in `space` (a new space when none is given)."""
    membership = SpaceMembershipFactory(space=space or SpaceFactory(), role=role, **kwargs)
    return membership.user


__all__ = [
    "AgendaItemFactory",
    "SpaceFactory",
    "SpaceMembershipFactory",
    "space_with",
]


def open_dot_round(*, secret=False, title="A round"):
    """A dot-voting round open now over three shortlisted items, opened by the space's lead."""
    from coproduction.rounds import services

    space = SpaceFactory()
    lead = space_with(SpaceRole.LEAD, space)
    items = [AgendaItemFactory(space=space, status=AgendaItem.Status.SHORTLISTED) for _ in range(3)]
    now = timezone.now()
    return services.round_open(
        space,
        lead,
        title=title,
        method=PriorityRound.Method.DOT,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
        agenda_items=items,
        secret=secret,
        dots_per_voter=5,
        max_dots_per_item=3,
    )
