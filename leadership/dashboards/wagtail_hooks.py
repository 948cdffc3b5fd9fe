"""The dashboards on the site: a "Dashboards" navigation item for leaders and safeguarding
leads, and a home panel with the red flags that stand in their organisations."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import DASHBOARDS, HOME_PANEL_HOOK, NAVIGATION_HOOK, HomePanel, NavigationItem
from cms.permissions import may

from . import selectors
from .selectors import VIEW_DASHBOARDS, VIEW_LISTENING


@hooks.register(NAVIGATION_HOOK, order=-30)  # first of the "Dashboards" section
def dashboards_navigation(request):
    if may(request.user, VIEW_LISTENING):
        return NavigationItem("Dashboards", reverse("leadership:dashboards"), DASHBOARDS)
    return None


@hooks.register(HOME_PANEL_HOOK)
def dashboards_home_panel(request):
    user = request.user
    if not user.has_perm(VIEW_LISTENING):
        return None
    link = ("Open the dashboards", reverse("leadership:dashboards"))
    organisations = selectors.dashboard_organisations(user, VIEW_DASHBOARDS)
    if not organisations:
        return HomePanel(
            title="Listening",
            items=["What people and families raise, repeated themes and concern timeliness."],
            link=link,
        )
    items = []
    for organisation in organisations:
        services = selectors.visible_services(user, organisation)
        flags = sum(selectors.active_flag_counts([service.pk for service in services]).values())
        url = reverse("leadership:dashboard_overview", args=[organisation.slug])
        text = f"{organisation.name}: {flags} active red flag{'' if flags == 1 else 's'}"
        items.append((text, url))
    return HomePanel(title="Leadership dashboards", items=items, link=link)
