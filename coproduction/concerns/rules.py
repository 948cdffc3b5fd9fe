"""Who may see and act on a concern, and keep a service's safeguarding contacts.

Raising a concern and following it by tracking code are public (no rule). The staff side: the
organisation's leaders see and move on every concern of the organisation; safeguarding leads
every concern of their services (one not marked as possible abuse may still be one); forum hosts
the concerns of their services that are not possible safeguarding concerns. Organisation admins
are not in this: a concern's details are for the people who act on it. The object is the
Concern; "list_concern" takes none (the list shows only what the person may see, through
coproduction.concerns.selectors.visible_concerns, which mirrors these rules).

Safeguarding contacts (ConcernContacts: what a person at risk now should do, per service) are
kept by organisation admins in the Wagtail admin, for the services they administer (the object
is the ConcernContacts, whose service decides), like the host's organisation screens."""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role, is_organisation_admin, is_superuser


@rules.predicate
def concern_possible_safeguarding(user, concern):
    return concern is not None and concern.possible_safeguarding


is_concern_overseer = has_role(Role.LEADER, Role.SAFEGUARDING_LEAD)
is_service_forum_host = has_role(Role.FORUM_HOST)
may_see_concern = is_concern_overseer | (is_service_forum_host & ~concern_possible_safeguarding)

rules.add_perm(
    "coproduction.list_concern", has_role(Role.LEADER, Role.SAFEGUARDING_LEAD, Role.FORUM_HOST)
)
rules.add_perm("coproduction.view_concern", may_see_concern)
# Changing a concern includes its themes ("What is this about?") on its feedback item.
rules.add_perm("coproduction.change_concern", may_see_concern)

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"coproduction.{action}_concerncontacts", is_superuser | is_organisation_admin)
