"""Who may do what in a co-production space, and the space predicates every part of the plugin
composes (rounds, meetings, payments and the tracker import them from here).

A space is private to its members: every rule asks first for a membership of the space. Only the
space's lived-experience leads change it, manage its members and set an item's status;
organisation admins and leaders hold no power inside a space they are not a lead of.
Lived-experience leads and members propose and support items; staff allies comment, and propose
and support only when the lead allows it; observers read. Whether an item or a comment may be
quoted in reports is for the person who wrote it alone."""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role

from .models import SpaceMembership


def space_of(obj):
    """The space an object (a space, a membership, an agenda item, ...) belongs to."""
    if obj is None:
        return None
    space = getattr(obj, "space", None)
    return space if space is not None else obj


def space_role(user, space):
    """The user's role in `space`, or None; cached on the user for the request."""
    if not user.is_authenticated or space is None or space.pk is None:
        return None
    cache = user.__dict__.setdefault("_coproduction_space_roles", {})
    if space.pk not in cache:
        cache[space.pk] = (
            SpaceMembership.objects.filter(space_id=space.pk, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[space.pk]


def forget_space_roles(user):
    """Drop the cached space roles after they change within one request."""
    user.__dict__.pop("_coproduction_space_roles", None)


@rules.predicate
def is_space_member(user, obj):
    return space_role(user, space_of(obj)) is not None


def has_space_role(*wanted):
    """A predicate: the user holds one of `wanted` in the object's space."""
    wanted = frozenset(wanted)

    @rules.predicate(name="has_space_role:" + ",".join(sorted(wanted)))
    def predicate(user, obj):
        return space_role(user, space_of(obj)) in wanted

    return predicate


@rules.predicate
def allies_may_propose_and_vote(user, obj):
    space = space_of(obj)
    return space is not None and space.allies_may_propose_and_vote


@rules.predicate
def is_item_proposer(user, item):
    return user.is_authenticated and getattr(item, "proposed_by_id", None) == user.pk


@rules.predicate
def is_comment_author(user, comment):
    return user.is_authenticated and getattr(comment, "author_id", None) == user.pk


is_space_lead = has_space_role("lead")
is_space_staff_ally = has_space_role("staff_ally")
may_propose_in_space = has_space_role("lead", "member") | (
    is_space_staff_ally & allies_may_propose_and_vote
)
may_create_space = has_role(Role.LIVED_EXPERIENCE_LEAD, Role.ORGANISATION_ADMIN)

rules.add_perm("coproduction.add_coproductionspace", may_create_space)
rules.add_perm("coproduction.view_coproductionspace", is_space_member)
rules.add_perm("coproduction.change_coproductionspace", is_space_lead)
rules.add_perm("coproduction.manage_spacemembership", is_space_lead)
rules.add_perm("coproduction.view_agendaitem", is_space_member)
rules.add_perm("coproduction.add_agendaitem", may_propose_in_space)
rules.add_perm("coproduction.submit_for_agendaitem", has_space_role("lead", "staff_ally"))
rules.add_perm("coproduction.support_agendaitem", may_propose_in_space)
rules.add_perm("coproduction.comment_agendaitem", has_space_role("lead", "member", "staff_ally"))
rules.add_perm("coproduction.set_status_agendaitem", is_space_lead)
rules.add_perm("coproduction.merge_agendaitem", is_space_lead)
# Consent for quotes: only the person whose words they are (the proposer of an item, the
# author of a comment) gives it or takes it back. The object is the AgendaItem; for a comment,
# the AgendaComment (its view first checks the person is in the comment's space).
rules.add_perm("coproduction.quote_consent_agendaitem", is_space_member & is_item_proposer)
rules.add_perm("coproduction.quote_consent_agendacomment", is_comment_author)
