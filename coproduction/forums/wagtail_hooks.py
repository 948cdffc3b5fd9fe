"""The forums part on the site: a "Family forum" navigation item for people in a forum."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import NAVIGATION_HOOK

from . import selectors


@hooks.register(NAVIGATION_HOOK)
def family_forum_navigation(request):
    if not selectors.forums_for(request.user).exists():
        return None
    return ("Family forum", reverse("coproduction:forum_list"))
