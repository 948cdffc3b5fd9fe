"""The imports part on the site: a "Data imports" navigation item for people who upload HR,
rota, occupancy and complaints figures."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may

from .selectors import IMPORT_PERMISSION


@hooks.register(NAVIGATION_HOOK)
def data_imports_navigation(request):
    # Without an object the rule asks whether the person imports for any organisation.
    if may(request.user, IMPORT_PERMISSION):
        return NavigationItem("Data imports", reverse("leadership:imports"), DASHBOARDS)
    return None
