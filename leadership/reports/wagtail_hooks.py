"""The reports part on the site: a "Board reports" navigation item for the leaders of an
organisation."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may

from .selectors import REQUEST_REPORT


@hooks.register(NAVIGATION_HOOK)
def board_reports_navigation(request):
    # Without an object the rule asks whether the person leads any organisation as a whole.
    if may(request.user, REQUEST_REPORT):
        return NavigationItem("Board reports", reverse("leadership:board_reports"), DASHBOARDS)
    return None
