"""The flags part on the site: a "Red flags" navigation item for leaders and safeguarding leads,
and a home panel with the closed-culture alerts waiting for a response."""

from django.urls import reverse
from django.utils.formats import date_format
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, HOME_PANEL_HOOK, NAVIGATION_HOOK, HomePanel, NavigationItem
from cms.permissions import may

from . import selectors, services


@hooks.register(NAVIGATION_HOOK, order=-20)
def red_flags_navigation(request):
    # Without an object the rule asks whether the person sees flags anywhere.
    user = request.user
    # Organisation admins set the flags' rules there, without seeing the flags themselves.
    if may(user, selectors.VIEW_FLAGS) or may(user, selectors.CHANGE_SETTINGS):
        return NavigationItem("Red flags", reverse("leadership:flags_home"), DASHBOARDS)
    return None


@hooks.register(HOME_PANEL_HOOK)
def open_alerts_home_panel(request):
    if not request.user.has_perm(selectors.VIEW_FLAGS):
        return None
    items = [
        (
            f"{alert.service.name}: closed-culture alert for {date_format(alert.start, 'F Y')}",
            services.alert_url(alert),
        )
        for alert in selectors.open_alerts_for(request.user)
    ]
    return HomePanel(
        title="Closed-culture alerts",
        items=items,
        link=("See the red flags", reverse("leadership:flags_home")),
        empty="No closed-culture alerts are waiting for a response.",
    )
