"""Who may do what with a space's meetings, their agenda, papers, attendance and minutes.

A meeting and its papers are seen by the members of its space, any role (papers are served only
through a view that asks this). The space's lived-experience leads plan, change and cancel
meetings, upload and remove papers, record attendance and write the minutes; members read the
minutes once they are published. Every member sees who came and who sent apologies, as minutes
would say; who did not come and how long each person gave (what payments use) are for the
leads. The object is the Meeting, or the CoproductionSpace to plan one."""

import rules

from coproduction.spaces.rules import is_space_lead, is_space_member


@rules.predicate
def meeting_minutes_published(user, meeting):
    return meeting is not None and getattr(meeting, "minutes_published_at", None) is not None


rules.add_perm("coproduction.view_meeting", is_space_member)
rules.add_perm("coproduction.add_meeting", is_space_lead)
rules.add_perm("coproduction.change_meeting", is_space_lead)
# Papers, attendance, minutes and cancelling.
rules.add_perm("coproduction.manage_meeting", is_space_lead)
rules.add_perm(
    "coproduction.view_minutes_meeting",
    is_space_lead | (is_space_member & meeting_minutes_published),
)
