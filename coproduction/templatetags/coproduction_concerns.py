"""Template filters for concerns."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.timezone import localtime

register = template.Library()


@register.filter
def concern_moment(moment, concern):
    """A moment in a concern's history for the people handling it: to the minute, but only the
    day for an anonymous concern, whose exact times (when it was raised, and the deadlines and
    audit entries that follow from that) could point to who was on the premises."""
    if moment is None:
        return ""
    return format_date(localtime(moment), "j F Y" if concern.anonymous else "j F Y, H:i")
