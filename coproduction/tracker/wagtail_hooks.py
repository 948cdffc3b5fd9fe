"""The tracker in the site: a "Feedback tracker" navigation item for the people who read it
(leaders, organisation admins, safeguarding leads and forum hosts)."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import LISTENING, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may


@hooks.register(NAVIGATION_HOOK)
def feedback_tracker_navigation(request):
    if may(request.user, "coproduction.view_feedbackitem"):
        return NavigationItem("Feedback tracker", reverse("coproduction:feedback_list"), LISTENING)
    return None
