"""Who may do what with the feedback tracker, actions and "you said, we did".

The tracker (feedback items, their CSV, re-tagging them, actions on feedback) is for the
organisation's leaders, admins, safeguarding leads and forum hosts. Actions on an agenda item
are the space lead's, and so are actions answering a priority round's result, once the results
are published. "You said, we did" for a space is read by its members; for a service, by anyone
in the organisation. Only the person who raised an item answers whether its outcome addressed
it. The object is the organisation (tracker), a FeedbackItem, an AgendaItem, a PriorityRound, an
Action, a CoproductionSpace or a Service."""

import rules

from cms.organisations.models import Role
from cms.permissions import has_role, roles
from coproduction.rounds.rules import round_results_published
from coproduction.spaces.models import AgendaItem, CoproductionSpace
from coproduction.spaces.rules import is_space_lead, is_space_member

from .models import Action, FeedbackItem

TRACKER_ROLES = (Role.LEADER, Role.ORGANISATION_ADMIN, Role.SAFEGUARDING_LEAD, Role.FORUM_HOST)
is_tracker_staff = has_role(*TRACKER_ROLES)


def tracker_organisation(obj):
    """The organisation whose tracker an object is in (an organisation is its own)."""
    if isinstance(obj, FeedbackItem):
        return obj.service.organisation
    if isinstance(obj, Action | CoproductionSpace):
        return obj.organisation
    if isinstance(obj, AgendaItem):
        return obj.space.organisation
    return obj


@rules.predicate
def is_tracker_reader(user, obj=None):
    """A leader, admin, safeguarding lead or forum host anywhere in the object's organisation
    (anywhere at all without an object)."""
    return is_tracker_staff.test(user, tracker_organisation(obj))


@rules.predicate
def action_has_space(user, action):
    return action is not None and action.space_id is not None


@rules.predicate
def is_in_service_organisation(user, service):
    return service is not None and bool(roles(user, organisation=service.organisation))


@rules.predicate
def raised_done_action(user, action):
    return (
        user.is_authenticated
        and action is not None
        and action.is_done
        and action.raised_by_id == user.pk
    )


rules.add_perm("coproduction.view_feedbackitem", is_tracker_reader)
rules.add_perm("coproduction.add_feedbackitem", is_tracker_reader)
rules.add_perm("coproduction.export_feedbackitem", is_tracker_reader)
rules.add_perm("coproduction.change_themes_feedbackitem", is_tracker_reader)
# An action on an agenda item (obj: the AgendaItem), on feedback (obj: the FeedbackItem) or
# answering a round's result (obj: the PriorityRound).
rules.add_perm("coproduction.add_action_for_agendaitem", is_space_lead)
rules.add_perm("coproduction.add_action_for_feedbackitem", is_tracker_reader)
rules.add_perm("coproduction.add_action_for_priorityround", is_space_lead & round_results_published)
# Changing and completing an action: the space's lead, or the tracker staff for other actions.
rules.add_perm(
    "coproduction.change_action",
    (action_has_space & is_space_lead) | (~action_has_space & is_tracker_reader),
)
rules.add_perm("coproduction.respond_action", raised_done_action)
rules.add_perm("coproduction.view_space_you_said_we_did", is_space_member)
rules.add_perm("coproduction.view_service_you_said_we_did", is_in_service_organisation)
