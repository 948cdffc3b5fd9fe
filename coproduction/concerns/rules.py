"""Who may see and act on a concern, and keep a service's safeguarding contacts.

Raising a concern and following it by tracking code are public (no rule). The staff side: the
organisation's leaders see and move on every concern of the organisation; safeguarding leads
every concern of their services (one not marked as possible abuse may still be one); forum hosts
the concerns of their services that are not possible safeguarding concerns. Organisation admins
are not in this: a concern's details are for the people who act on it. The object is the
Concern; "list_concern" takes none (the list shows only what the person may see, through
coproduction.concerns.selectors.visible_concerns, which mirrors these rules).

Speak-up cases (a staff concern raised through the speak-up route, SpeakUpCase) go outside the
line: the speak-up leads of their services (Freedom to Speak Up guardians) see and handle them,
and their safeguarding leads too when the person said it could be abuse or neglect (a
safeguarding duty is never routed round); leaders and forum hosts do not see them (they see
the figures: indicators, the board report). The person who raised a named case answers "would
you speak up again?" from "My concerns" (an anonymous one does so on the tracking page, with
its code). The quarterly return (figures only, withheld below 5) is for speak-up leads and
organisation admins holding the role for the whole organisation.

Safeguarding contacts (ConcernContacts: what a person at risk now should do, per service) are
kept by organisation admins in the Wagtail admin, for the services they administer (the object
is the ConcernContacts, whose service decides), like the host's organisation screens."""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role, is_organisation_admin, is_superuser, organisation_wide
from coproduction.concerns.selectors import is_speak_up


@rules.predicate
def concern_possible_safeguarding(user, concern):
    return concern is not None and concern.possible_safeguarding


@rules.predicate
def concern_is_speak_up(user, concern):
    return concern is not None and is_speak_up(concern)


@rules.predicate
def is_raiser_asked_again(user, concern):
    """The signed-in person who raised a named speak-up case (anonymous ones name nobody)."""
    return (
        concern is not None
        and user.is_authenticated
        and not concern.anonymous
        and concern.raised_by_id == user.pk
        and is_speak_up(concern)
    )


is_concern_overseer = has_role(Role.LEADER, Role.SAFEGUARDING_LEAD)
is_service_forum_host = has_role(Role.FORUM_HOST)
is_speak_up_lead = has_role(Role.SPEAK_UP_LEAD)
may_see_ordinary = is_concern_overseer | (is_service_forum_host & ~concern_possible_safeguarding)
may_see_speak_up = is_speak_up_lead | (
    has_role(Role.SAFEGUARDING_LEAD) & concern_possible_safeguarding
)
may_see_concern = (~concern_is_speak_up & may_see_ordinary) | (
    concern_is_speak_up & may_see_speak_up
)

rules.add_perm(
    "coproduction.list_concern",
    has_role(Role.LEADER, Role.SAFEGUARDING_LEAD, Role.FORUM_HOST, Role.SPEAK_UP_LEAD),
)
rules.add_perm("coproduction.answer_speakupcase", is_raiser_asked_again)
# The quarterly return holds every service's figures: whole-organisation roles only.
SPEAK_UP_RETURN_ROLES = (Role.SPEAK_UP_LEAD, Role.ORGANISATION_ADMIN)
rules.add_perm(
    "coproduction.view_speakupreturn",
    is_superuser | organisation_wide(*SPEAK_UP_RETURN_ROLES),
)
rules.add_perm("coproduction.view_concern", may_see_concern)
# Changing a concern includes its themes ("What is this about?") on its feedback item.
rules.add_perm("coproduction.change_concern", may_see_concern)

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"coproduction.{action}_concerncontacts", is_superuser | is_organisation_admin)
