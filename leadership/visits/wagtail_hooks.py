"""The visits part on the site: "Service visits" in the navigation for leaders, beside the
dashboards."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import NAVIGATION_HOOK

from .selectors import VIEW_VISITS


@hooks.register(NAVIGATION_HOOK)
def visits_navigation(request):
    """From the person's roles alone (cached on them): no query on every page."""
    if request.user.has_perm(VIEW_VISITS):
        return ("Service visits", reverse("leadership:visits_index"))
    return None
