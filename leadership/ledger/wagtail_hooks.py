"""The ledger part on the site: an "Evidence ledger" navigation item for leaders."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may

from .selectors import VIEW_LEDGER


@hooks.register(NAVIGATION_HOOK)
def ledger_navigation(request):
    if may(request.user, VIEW_LEDGER):
        return NavigationItem("Evidence ledger", reverse("leadership:ledger_home"), DASHBOARDS)
    return None
