"""Who may do what in the co-production plugin, composed from the host's predicates
(cms.permissions) and the space roles. Each part of the plugin adds its own section."""


# --- spaces: spaces, their members and agenda items (coproduction.spaces) -------------------
# A space is private to its members: every rule below asks first for a membership of the space.
# Only the space's lived-experience leads change it, manage its members and set an item's
# status; organisation admins and leaders hold no power inside a space they are not a lead of.
# Lived-experience leads and members propose and support items; staff allies comment, and
# propose and support only when the lead allows it; observers read.

import rules as _spaces_rules

from cms.organisations.models import Role as _SpacesHostRole
from cms.permissions import has_role as _spaces_has_role


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


# --- family forums: who is in a forum (shared by forums, questions, concerns, surveys) ------
# A forum belongs to one service. Its hosts are the people with the host role "forum host" for
# that service (or the whole organisation); its families, the people with the host role
# "family member" for it. Every forum object (event, RSVP, question, thread, post, report,
# survey) leads to its forum through `forum_of`. Each part adds its own section below.

import rules as _forum_rules  # noqa: E402

from cms.permissions import roles as _forum_roles  # noqa: E402


def forum_of(obj):
    """The FamilyForum an object belongs to, or None."""
    from .models import FamilyForum

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
    return _forum_roles(user, service=forum.service)


@_forum_rules.predicate
def is_forum_host(user, obj):
    return _SpacesHostRole.FORUM_HOST in forum_roles(user, obj)


@_forum_rules.predicate
def is_forum_family(user, obj):
    return _SpacesHostRole.FAMILY_MEMBER in forum_roles(user, obj)


is_in_forum = is_forum_host | is_forum_family


# --- questions: questions ahead of events, and discussion threads (coproduction.questions) --
# Questions and threads are seen by the forum's families and hosts only; to anyone else they are
# "not found". Families ask questions; hosts answer them. Families and hosts start threads,
# reply and report posts. Hosts hide a post (with a reason its author is told) and deal with
# reports. A hidden post's own words stay readable by the hosts and its author. The object is
# the FamilyForum, or a ForumQuestion, ForumThread, ForumPost or PostReport of it.

import rules as _questions_rules  # noqa: E402


@_questions_rules.predicate
def is_post_author(user, post):
    return user.is_authenticated and getattr(post, "author_id", None) == user.pk


_questions_rules.add_perm("coproduction.view_forumquestion", is_in_forum)
_questions_rules.add_perm("coproduction.add_forumquestion", is_forum_family)
_questions_rules.add_perm("coproduction.answer_forumquestion", is_forum_host)
_questions_rules.add_perm("coproduction.view_forumthread", is_in_forum)
_questions_rules.add_perm("coproduction.add_forumthread", is_in_forum)
_questions_rules.add_perm("coproduction.add_forumpost", is_in_forum)
_questions_rules.add_perm("coproduction.hide_forumpost", is_forum_host)
_questions_rules.add_perm("coproduction.view_hidden_forumpost", is_forum_host | is_post_author)
_questions_rules.add_perm("coproduction.add_postreport", is_in_forum)
_questions_rules.add_perm("coproduction.resolve_postreport", is_forum_host)


# --- forums: forums, families joining, events and RSVPs (coproduction.forums) ---------------
# A forum and its events are seen by its hosts and families only (to anyone else they are "not
# found"). Organisation admins, and forum hosts of a service that has none, create a service's
# forum. Hosts run it: its join code, inviting families, the list of families, events, their
# RSVPs (with access needs), cancelling, notes, who came and the actions. Families say whom they
# visit and answer RSVPs. The object is a FamilyForum or a ForumEvent; a Service (or nothing) to
# create a forum.

import rules as _forums_rules  # noqa: E402

from cms.permissions import has_role as _forums_has_role  # noqa: E402

may_create_forum = _forums_has_role(_SpacesHostRole.ORGANISATION_ADMIN, _SpacesHostRole.FORUM_HOST)

_forums_rules.add_perm("coproduction.add_familyforum", may_create_forum)
_forums_rules.add_perm("coproduction.view_familyforum", is_in_forum)
_forums_rules.add_perm("coproduction.manage_familyforum", is_forum_host)
_forums_rules.add_perm("coproduction.join_familyforum", is_forum_family)
_forums_rules.add_perm("coproduction.view_forumevent", is_in_forum)
_forums_rules.add_perm("coproduction.add_forumevent", is_forum_host)
_forums_rules.add_perm("coproduction.manage_forumevent", is_forum_host)
_forums_rules.add_perm("coproduction.rsvp_forumevent", is_forum_family)


# --- surveys: family surveys and "what to expect" pages (coproduction.surveys) --------------
# A survey is seen by the people in its forum (hosts and families); anyone else is told it is
# "not found". Forum hosts open and close surveys and read the results (a score and comments
# only from five responses up: coproduction.surveys.selectors). Families answer, once each.
# The "what to expect" pages are public Wagtail pages; a forum's hosts and the organisation's
# admins create them for the forum's service. The object is a FamilyForum or a FamilySurvey.

import rules as _surveys_rules  # noqa: E402

from cms.permissions import is_organisation_admin as _surveys_org_admin  # noqa: E402

_surveys_rules.add_perm("coproduction.view_surveys_familyforum", is_in_forum)
_surveys_rules.add_perm("coproduction.add_familysurvey", is_forum_host)
_surveys_rules.add_perm("coproduction.view_familysurvey", is_in_forum)
_surveys_rules.add_perm("coproduction.respond_familysurvey", is_forum_family)
_surveys_rules.add_perm("coproduction.view_results_familysurvey", is_forum_host)
_surveys_rules.add_perm("coproduction.close_familysurvey", is_forum_host)
_surveys_rules.add_perm(
    "coproduction.seed_whattoexpect_familyforum", is_forum_host | _surveys_org_admin
)


# --- concerns: raised by anyone, routed, acknowledged and answered (coproduction.concerns) --
# Raising a concern and following it by tracking code are public (no rule). The staff side: the
# organisation's leaders see and move on every concern of the organisation; safeguarding leads
# every concern of their services (one not marked as possible abuse may still be one); forum
# hosts the concerns of their services that are not possible safeguarding concerns. Organisation
# admins are not in this: a concern's details are for the people who act on it. The object is the
# Concern; "list_concern" takes none (the list shows only what the person may see, through
# coproduction.concerns.selectors.visible_concerns, which mirrors these rules).

import rules as _concerns_rules  # noqa: E402

from cms.permissions import has_role as _concerns_has_role  # noqa: E402


@_concerns_rules.predicate
def concern_possible_safeguarding(user, concern):
    return concern is not None and concern.possible_safeguarding


is_concern_overseer = _concerns_has_role(_SpacesHostRole.LEADER, _SpacesHostRole.SAFEGUARDING_LEAD)
may_see_concern = is_concern_overseer | (
    _concerns_has_role(_SpacesHostRole.FORUM_HOST) & ~concern_possible_safeguarding
)

_concerns_rules.add_perm(
    "coproduction.list_concern",
    _concerns_has_role(
        _SpacesHostRole.LEADER, _SpacesHostRole.SAFEGUARDING_LEAD, _SpacesHostRole.FORUM_HOST
    ),
)
_concerns_rules.add_perm("coproduction.view_concern", may_see_concern)
# Changing a concern includes its themes ("What is this about?") on its feedback item.
_concerns_rules.add_perm("coproduction.change_concern", may_see_concern)

# Safeguarding contacts (ConcernContacts: what a person at risk now should do, per service) are
# kept by organisation admins in the Wagtail admin, for the services they administer (the object
# is the ConcernContacts, whose service decides), like the host's organisation screens.
from cms.permissions import is_organisation_admin as _concerns_org_admin  # noqa: E402

for _action in ("view", "add", "change", "delete"):
    _concerns_rules.add_perm(
        f"coproduction.{_action}_concerncontacts",
        _concerns_rules.is_superuser | _concerns_org_admin,
    )
