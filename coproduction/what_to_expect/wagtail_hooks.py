"""The "what to expect" part in the admin: a page that still carries facts to check says so to
whoever opens it, at the top of the editor, until an author has checked them and emptied the
box (models.WhatToExpectPage.facts_to_check)."""

from django.contrib import messages
from wagtail import hooks

from .models import WhatToExpectPage


def facts_to_check_message(page):
    """The warning for `page` (latest revision), or "" when it has nothing left to check."""
    if not isinstance(page, WhatToExpectPage) or not page.facts_to_check.strip():
        return ""
    return (
        "Check before relying on this page: it states facts that no source bundled with the "
        "platform supports (listed under “Facts an author must check”). Check each against "
        "the source it names, correct or remove it, then empty that box."
    )


@hooks.register("before_edit_page")
def warn_of_facts_to_check(request, page):
    if request.method == "GET" and (message := facts_to_check_message(page)):
        messages.warning(request, message)
