"""Reads of the spaces part: the spaces a person is in, members, agenda items and their history."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef

from cms.organisations.models import Membership
from coproduction.spaces.models import (
    AgendaItem,
    AgendaItemSupport,
    CoproductionSpace,
    SpaceMembership,
    SpaceRole,
)


def spaces_for(user):
    """The spaces `user` belongs to, each with `my_role` (their role in it)."""
    if not user.is_authenticated:
        return CoproductionSpace.objects.none()
    role = SpaceMembership.objects.filter(space=OuterRef("pk"), user=user).values("role")[:1]
    return (
        CoproductionSpace.objects.filter(members__user=user)
        .select_related("organisation", "service")
        .annotate(my_role=role, item_count=Count("agenda_items", distinct=True))
    )


def members_of(space):
    return space.members.select_related("user").order_by("role", "user__first_name", "user__email")


def people_who_may_join(space):
    """People holding any role in the space's organisation (the choices for adding a member)."""
    user_ids = Membership.objects.filter(organisation=space.organisation).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .order_by("first_name", "last_name", "email")
    )


def members_who_may_propose(space):
    """Members for whom a lead or staff ally may submit an item (leads and members)."""
    return (
        get_user_model()
        .objects.filter(
            space_memberships__space=space,
            space_memberships__role__in=[SpaceRole.LEAD, SpaceRole.MEMBER],
        )
        .order_by("first_name", "last_name", "email")
    )


def items_of(space, user=None):
    """The space's agenda items with their support count (and whether `user` supports each)."""
    items = (
        AgendaItem.objects.filter(space=space)
        .select_related("proposed_by", "submitted_with_support_from", "merged_into")
        .annotate(support_count=Count("supports", distinct=True))
    )
    if user is not None and user.is_authenticated:
        items = items.annotate(
            supported_by_me=Exists(AgendaItemSupport.objects.filter(item=OuterRef("pk"), user=user))
        )
    return items


def item_detail(space, item_id, user):
    return items_of(space, user).get(pk=item_id)


def open_items_to_merge_into(item):
    from .services import FINAL_STATUSES

    return (
        AgendaItem.objects.filter(space_id=item.space_id)
        .exclude(pk=item.pk)
        .exclude(status__in=FINAL_STATUSES)
        .order_by("title")
    )


def status_history(item):
    return item.status_changes.select_related("changed_by")


def comments_on(item):
    return item.comments.select_related("author")


def my_proposed_items(user, limit=5):
    """The items `user` raised that are still moving (or changed last), newest change first."""
    return (
        AgendaItem.objects.filter(proposed_by=user)
        .select_related("space")
        .order_by("-updated_at")[:limit]
    )
