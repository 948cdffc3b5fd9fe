"""The snapshots part on the site: a "Figures" navigation item for the people who bring the
figures up to date (leaders and organisation admins)."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may


@hooks.register(NAVIGATION_HOOK)
def figures_navigation(request):
    if may(request.user, "leadership.refresh_snapshots"):
        return NavigationItem("Figures", reverse("leadership:figures"), DASHBOARDS)
    return None
