"""The snapshots part on the site: a "Figures" navigation item for the people who bring the
figures up to date (leaders and organisation admins)."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import NAVIGATION_HOOK


@hooks.register(NAVIGATION_HOOK)
def figures_navigation(request):
    if request.user.has_perm("leadership.refresh_snapshots"):
        return ("Figures", reverse("leadership:figures"))
    return None
