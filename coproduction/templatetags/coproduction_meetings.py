"""`{% space_meetings space %}`: the meetings panel of a space's page, so the spaces part need not
know how meetings are read."""

from django import template

from ..meetings import selectors

register = template.Library()

UPCOMING_SHOWN = 10
PAST_SHOWN = 5


@register.inclusion_tag("coproduction/meetings/_space_meetings.html", takes_context=True)
def space_meetings(context, space):
    request = context["request"]
    return {
        "request": request,
        "space": space,
        "may_plan_meeting": request.user.has_perm("coproduction.add_meeting", space),
        "upcoming": selectors.upcoming_meetings(space)[:UPCOMING_SHOWN],
        "past": selectors.past_meetings(space)[:PAST_SHOWN],
    }
