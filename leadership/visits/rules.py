"""Who sees and records service visits, composed from the host's predicates (cms.permissions).

Object: a Service, a ServiceVisit or a VisitFollowUp (read through its service). Visits are the
leaders' own record of going to see a service, so leaders hold them, as they hold the
dashboards: a leader of the whole organisation records visits to any of its services and sees
them all; a leader of one service (its registered manager, say) sees the visits to it, and may
mark a follow-up done, since the follow-ups are often theirs to do, but does not record visits:
the figures are about the people above the service coming to it. Organisation admins run the
organisation's set-up and do not see visit notes (as they do not see red flags). A visit note is
its visitor's own account: only they correct or delete it, while they are a leader. Everyone else
in the organisation is refused (403); to anyone outside it a service is "not found" (404, in the
views)."""

import rules

from cms.organisations.models import Role
from cms.permissions import is_leader, is_superuser, organisation_wide

may_view_visits = is_superuser | is_leader
rules.add_perm("leadership.view_servicevisit", may_view_visits)
rules.add_perm("leadership.add_servicevisit", is_superuser | organisation_wide(Role.LEADER))
rules.add_perm("leadership.change_visitfollowup", may_view_visits)


@rules.predicate
def is_visitor(user, visit):
    return visit is not None and visit.visitor_id == user.pk


rules.add_perm("leadership.change_servicevisit", is_leader & is_visitor)
rules.add_perm("leadership.delete_servicevisit", is_leader & is_visitor)
