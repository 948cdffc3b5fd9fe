"""The tracker in the site: a "Feedback tracker" navigation item for the people who read it
(leaders, organisation admins, safeguarding leads and forum hosts)."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import NAVIGATION_HOOK


@hooks.register(NAVIGATION_HOOK)
def feedback_tracker_navigation(request):
    if request.user.has_perm("coproduction.view_feedbackitem"):
        return ("Feedback tracker", reverse("coproduction:feedback_list"))
    return None
