"""The ledger part on the site: an "Evidence ledger" navigation item for leaders."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import NAVIGATION_HOOK

from .selectors import VIEW_LEDGER


@hooks.register(NAVIGATION_HOOK)
def ledger_navigation(request):
    if request.user.has_perm(VIEW_LEDGER):
        return ("Evidence ledger", reverse("leadership:ledger_home"))
    return None
