"""The visits part on the site: "Service visits" in the navigation for leaders, beside the
dashboards."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may

from .selectors import VIEW_VISITS


@hooks.register(NAVIGATION_HOOK, order=-10)
def visits_navigation(request):
    """From the person's roles alone (cached on them): no query on every page."""
    if may(request.user, VIEW_VISITS):
        return NavigationItem("Service visits", reverse("leadership:visits_index"), DASHBOARDS)
    return None
