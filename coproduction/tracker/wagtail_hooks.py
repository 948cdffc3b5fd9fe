"""The tracker in the site: a "Feedback tracker" navigation item for the people who read it
(leaders, organisation admins, safeguarding leads and forum hosts)."""

from django.urls import reverse
from wagtail import hooks

from cms import access
from cms.pages.panels import LISTENING, NAVIGATION_HOOK, NavigationItem
from cms.permissions import may

from .rules import TRACKER_ROLES


@hooks.register(NAVIGATION_HOOK)
def feedback_tracker_navigation(request):
    # The tracker opens on an organisation where the person holds one of these roles: a site
    # administrator holding none would be refused, so is not offered it.
    user = request.user
    if access.organisation_ids_where(user, *TRACKER_ROLES) and may(
        user, "coproduction.view_feedbackitem"
    ):
        return NavigationItem("Feedback tracker", reverse("coproduction:feedback_list"), LISTENING)
    return None
