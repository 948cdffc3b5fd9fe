"""Who may do what in the co-production plugin, composed from the host's predicates
(cms.permissions) and the space roles. Each part of the plugin adds its own section."""


# --- spaces: spaces, their members and agenda items (coproduction.spaces) -------------------
# A space is private to its members: every rule below asks first for a membership of the space.
# Only the space's lived-experience leads change it, manage its members and set an item's
# status; organisation admins and leaders hold no power inside a space they are not a lead of.
# Lived-experience leads and members propose and support items; staff allies comment, and
# propose and support only when the lead allows it; observers read.

import rules as _spaces_rules  # noqa: E402

from cms.organisations.models import Role as _SpacesHostRole  # noqa: E402
from cms.permissions import has_role as _spaces_has_role  # noqa: E402


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
        from .models import SpaceMembership

        cache[space.pk] = (
            SpaceMembership.objects.filter(space_id=space.pk, user=user)
            .values_list("role", flat=True)
            .first()
        )
    return cache[space.pk]


def forget_space_roles(user):
    """Drop the cached space roles after they change within one request."""
    user.__dict__.pop("_coproduction_space_roles", None)


@_spaces_rules.predicate
def is_space_member(user, obj):
    return space_role(user, space_of(obj)) is not None


def has_space_role(*wanted):
    """A predicate: the user holds one of `wanted` in the object's space."""
    wanted = frozenset(wanted)

    @_spaces_rules.predicate(name="has_space_role:" + ",".join(sorted(wanted)))
    def predicate(user, obj):
        return space_role(user, space_of(obj)) in wanted

    return predicate


@_spaces_rules.predicate
def allies_may_propose_and_vote(user, obj):
    space = space_of(obj)
    return space is not None and space.allies_may_propose_and_vote


is_space_lead = has_space_role("lead")
is_space_staff_ally = has_space_role("staff_ally")
may_propose_in_space = has_space_role("lead", "member") | (
    is_space_staff_ally & allies_may_propose_and_vote
)
may_create_space = _spaces_has_role(
    _SpacesHostRole.LIVED_EXPERIENCE_LEAD, _SpacesHostRole.ORGANISATION_ADMIN
)

_spaces_rules.add_perm("coproduction.add_coproductionspace", may_create_space)
_spaces_rules.add_perm("coproduction.view_coproductionspace", is_space_member)
_spaces_rules.add_perm("coproduction.change_coproductionspace", is_space_lead)
_spaces_rules.add_perm("coproduction.manage_spacemembership", is_space_lead)
_spaces_rules.add_perm("coproduction.view_agendaitem", is_space_member)
_spaces_rules.add_perm("coproduction.add_agendaitem", may_propose_in_space)
_spaces_rules.add_perm("coproduction.submit_for_agendaitem", has_space_role("lead", "staff_ally"))
_spaces_rules.add_perm("coproduction.support_agendaitem", may_propose_in_space)
_spaces_rules.add_perm(
    "coproduction.comment_agendaitem", has_space_role("lead", "member", "staff_ally")
)
_spaces_rules.add_perm("coproduction.set_status_agendaitem", is_space_lead)
_spaces_rules.add_perm("coproduction.merge_agendaitem", is_space_lead)


# --- rounds: priority rounds, ballots and results (coproduction.rounds) ---------------------
# A round is seen by the members of its space only. Its space's lived-experience leads open,
# close and publish it. Lived-experience leads and members vote (staff allies too when the lead
# allows it); whether the round is open right now is the service's business, so the voter gets
# a clear message rather than a refusal. Results are read by the space's members once published;
# before that nobody sees them, not even the lead (who sees turnout only).


@_spaces_rules.predicate
def round_results_published(user, priority_round):
    return priority_round is not None and priority_round.results_published_at is not None


may_vote_in_space = may_propose_in_space

_spaces_rules.add_perm("coproduction.add_priorityround", is_space_lead)
_spaces_rules.add_perm("coproduction.view_priorityround", is_space_member)
_spaces_rules.add_perm("coproduction.vote_priorityround", may_vote_in_space)
_spaces_rules.add_perm("coproduction.close_priorityround", is_space_lead)
_spaces_rules.add_perm(
    "coproduction.view_results_priorityround", is_space_member & round_results_published
)
_spaces_rules.add_perm("coproduction.view_turnout_priorityround", is_space_lead)


# --- tracker: feedback tracker, actions and "you said, we did" (coproduction.tracker) ------
# The tracker (feedback items, their CSV, actions on feedback) is for the organisation's
# leaders, admins, safeguarding leads and forum hosts. Actions on an agenda item are the space
# lead's. "You said, we did" for a space is read by its members; for a service, by anyone in
# the organisation. Only the person who raised an item answers whether its outcome addressed it.
# The object is the organisation (tracker), a FeedbackItem, an AgendaItem, an Action, a
# CoproductionSpace or a Service.

import rules as _tracker_rules  # noqa: E402

from cms.organisations.models import Role as _TrackerRole  # noqa: E402
from cms.permissions import has_role as _tracker_has_role  # noqa: E402
from cms.permissions import roles as _tracker_roles  # noqa: E402

is_tracker_staff = _tracker_has_role(
    _TrackerRole.LEADER,
    _TrackerRole.ORGANISATION_ADMIN,
    _TrackerRole.SAFEGUARDING_LEAD,
    _TrackerRole.FORUM_HOST,
)


def _tracker_organisation(obj):
    from .models import Action, AgendaItem, CoproductionSpace, FeedbackItem

    if isinstance(obj, FeedbackItem):
        return obj.service.organisation
    if isinstance(obj, Action | CoproductionSpace):
        return obj.organisation
    if isinstance(obj, AgendaItem):
        return obj.space.organisation
    return obj


@_tracker_rules.predicate
def is_tracker_reader(user, obj=None):
    """A leader, admin, safeguarding lead or forum host anywhere in the object's organisation."""
    if obj is None:
        return is_tracker_staff.test(user)
    return bool(
        _tracker_roles(user, organisation=_tracker_organisation(obj))
        & {
            _TrackerRole.LEADER,
            _TrackerRole.ORGANISATION_ADMIN,
            _TrackerRole.SAFEGUARDING_LEAD,
            _TrackerRole.FORUM_HOST,
        }
    )


@_tracker_rules.predicate
def action_has_space(user, action):
    return action is not None and action.space_id is not None


@_tracker_rules.predicate
def is_in_service_organisation(user, service):
    return service is not None and bool(_tracker_roles(user, organisation=service.organisation))


@_tracker_rules.predicate
def raised_done_action(user, action):
    return (
        user.is_authenticated
        and action is not None
        and action.is_done
        and action.raised_by_id == user.pk
    )


_tracker_rules.add_perm("coproduction.view_feedbackitem", is_tracker_reader)
_tracker_rules.add_perm("coproduction.add_feedbackitem", is_tracker_reader)
_tracker_rules.add_perm("coproduction.export_feedbackitem", is_tracker_reader)
# An action on an agenda item (obj: the AgendaItem) or on feedback (obj: the FeedbackItem).
_tracker_rules.add_perm("coproduction.add_action_for_agendaitem", is_space_lead)
_tracker_rules.add_perm("coproduction.add_action_for_feedbackitem", is_tracker_reader)
# Changing and completing an action: the space's lead, or the tracker staff for other actions.
_tracker_rules.add_perm(
    "coproduction.change_action",
    (action_has_space & is_space_lead) | (~action_has_space & is_tracker_reader),
)
_tracker_rules.add_perm("coproduction.respond_action", raised_done_action)
_tracker_rules.add_perm("coproduction.view_space_you_said_we_did", is_space_member)
_tracker_rules.add_perm("coproduction.view_service_you_said_we_did", is_in_service_organisation)
# Assisted participation: a lead or staff ally may submit a ballot for a member who asked them to.
_spaces_rules.add_perm("coproduction.vote_for_priorityround", has_space_role("lead", "staff_ally"))


# --- loop: email preferences, actions from a round's result, re-tagging feedback ------------
# Anyone signed in chooses their own co-production emails (the page only touches their own).
# An action answering a priority round's result is agreed by the space's lead, once the results
# are published (obj: the PriorityRound). Re-tagging a piece of feedback is for the tracker's
# people of its organisation (obj: the FeedbackItem). Editing a space is
# "coproduction.change_coproductionspace" (spaces section): its leads.

import rules as _loop_rules  # noqa: E402

_loop_rules.add_perm("coproduction.change_emailpreferences", _loop_rules.is_authenticated)
_loop_rules.add_perm(
    "coproduction.add_action_for_priorityround", is_space_lead & round_results_published
)
_loop_rules.add_perm("coproduction.change_themes_feedbackitem", is_tracker_reader)


# --- payments: involvement rates and records (coproduction.payments) ------------------------
# Finance is for the organisation's admins only (not its leaders): the records name people and
# what they are paid. They set the hourly rate, see every record of their organisation, mark
# records paid or declined and download the CSV. A space's lived-experience leads record the
# time given in their space (from a meeting's attendance, or content reviews and other agreed
# work). Only lived-experience leads and members are paid; everyone sees their own record.
# The object is an Organisation or an InvolvementRecord (finance), a CoproductionSpace or a
# Meeting (recording).

import rules as _payments_rules  # noqa: E402

from cms.permissions import is_organisation_admin as _payments_org_admin  # noqa: E402

_payments_rules.add_perm("coproduction.change_involvementrate", _payments_org_admin)
_payments_rules.add_perm("coproduction.view_finance_involvementrecord", _payments_org_admin)
_payments_rules.add_perm("coproduction.pay_involvementrecord", _payments_org_admin)
_payments_rules.add_perm("coproduction.record_involvement_meeting", is_space_lead)
_payments_rules.add_perm("coproduction.view_space_involvementrecord", is_space_lead)
_payments_rules.add_perm("coproduction.add_involvementrecord", is_space_lead)
_payments_rules.add_perm("coproduction.receive_involvementrecord", has_space_role("lead", "member"))
_payments_rules.add_perm(
    "coproduction.view_own_involvementrecord", _payments_rules.is_authenticated
)


# --- meetings: meetings, their agenda, papers, attendance and minutes (coproduction.meetings) -
# A meeting and its papers are seen by the members of its space, any role (papers are served
# only through a view that asks this). The space's lived-experience leads plan, change and
# cancel meetings, upload and remove papers, record attendance and write the minutes; members
# read the minutes once they are published. Every member sees who came and who sent apologies,
# as minutes would say; who did not come and how long each person gave (what payments use) are
# for the leads. The object is the Meeting, or the CoproductionSpace to plan one.

import rules as _meetings_rules  # noqa: E402


@_meetings_rules.predicate
def meeting_minutes_published(user, meeting):
    return meeting is not None and getattr(meeting, "minutes_published_at", None) is not None


_meetings_rules.add_perm("coproduction.view_meeting", is_space_member)
_meetings_rules.add_perm("coproduction.add_meeting", is_space_lead)
_meetings_rules.add_perm("coproduction.change_meeting", is_space_lead)
# Papers, attendance, minutes and cancelling.
_meetings_rules.add_perm("coproduction.manage_meeting", is_space_lead)
_meetings_rules.add_perm(
    "coproduction.view_minutes_meeting",
    is_space_lead | (is_space_member & meeting_minutes_published),
)
