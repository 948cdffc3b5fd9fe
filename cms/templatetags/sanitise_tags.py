"""Render stored user-written HTML without marking it safe by hand.

    {% load sanitise_tags %}
    {{ reflection.body|sanitised }}

The filter runs the value through `cms.sanitise.sanitise_html` again (cheap, and idempotent for
anything stored through a Sanitised field) and only then marks the result safe, so a value that
reached the database some other way -- a fixture, a raw SQL import, an older row -- is still
rendered under the house policy. Plain-text fields need no filter: Django's autoescaping is
enough, and they must never be marked safe.
"""

from django import template
from django.utils.safestring import mark_safe

from cms.sanitise import sanitise_html

register = template.Library()


@register.filter(name="sanitised")
def sanitised(value):
    if value is None:
        return ""
    # The output is what nh3 produced under the house policy: that is what makes it safe.
    return mark_safe(sanitise_html(value))
