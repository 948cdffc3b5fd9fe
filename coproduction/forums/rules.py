"""Who is in a family forum (predicates the questions, surveys and "what to expect" parts
compose), and who may do what with forums, families joining, events and RSVPs.

A forum belongs to one service. Its hosts are the people with the host role "forum host" for
that service (or the whole organisation); its families, the people with the host role "family
member" for it. Every forum object (event, RSVP, question, thread, post, report, survey) leads to
its forum through `forum_of`.

A forum and its events are seen by its hosts and families only (to anyone else they are "not
found"). Organisation admins, and forum hosts of a service that has none, create a service's
forum. Hosts run it: its join code, inviting families, the list of families, events, their
RSVPs (with access needs), cancelling, notes, who came and the actions. Families say whom they
visit and answer RSVPs. The object is a FamilyForum or a ForumEvent; a Service (or nothing) to
create a forum."""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role, roles

from .models import FamilyForum


def forum_of(obj):
    """The FamilyForum an object belongs to, or None."""
    for _hop in range(4):
        if obj is None or isinstance(obj, FamilyForum):
            return obj
        for attribute in ("forum", "thread", "event", "post", "survey"):
            parent = getattr(obj, attribute, None)
            if parent is not None:
                obj = parent
                break
        else:
            return None
    return None


def forum_roles(user, obj):
    """The host roles `user` holds for the service of the object's forum."""
    forum = forum_of(obj)
    if forum is None or not user.is_authenticated:
        return set()
    return roles(user, service=forum.service)


@rules.predicate
def is_forum_host(user, obj):
    return Role.FORUM_HOST in forum_roles(user, obj)


@rules.predicate
def is_forum_family(user, obj):
    return Role.FAMILY_MEMBER in forum_roles(user, obj)


is_in_forum = is_forum_host | is_forum_family
may_create_forum = has_role(Role.ORGANISATION_ADMIN, Role.FORUM_HOST)

rules.add_perm("coproduction.add_familyforum", may_create_forum)
rules.add_perm("coproduction.view_familyforum", is_in_forum)
rules.add_perm("coproduction.manage_familyforum", is_forum_host)
rules.add_perm("coproduction.join_familyforum", is_forum_family)
rules.add_perm("coproduction.view_forumevent", is_in_forum)
rules.add_perm("coproduction.add_forumevent", is_forum_host)
rules.add_perm("coproduction.manage_forumevent", is_forum_host)
rules.add_perm("coproduction.rsvp_forumevent", is_forum_family)
