"""The forums part on the site: a "Family forum" navigation item for people in a forum."""

from django.urls import reverse
from wagtail import hooks

from cms import access
from cms.pages.panels import LISTENING, NAVIGATION_HOOK, NavigationItem, person_cached

from . import selectors
from .receivers import FORUMS_PART


@hooks.register(NAVIGATION_HOOK)
def family_forum_navigation(request):
    # On every page: only a forum host or a family member can be in a forum, and the person's
    # roles are read once a request (cms.permissions.memberships), so anyone else costs no query;
    # whether they have a forum is kept per person (receivers.py forgets it when forums change).
    user = request.user
    if not access.organisation_ids_where(user, *selectors.FORUM_ROLES):
        return None
    if not person_cached(request, FORUMS_PART, lambda: selectors.forums_for(user).exists()):
        return None
    return NavigationItem("Family forum", reverse("coproduction:forum_list"), LISTENING)
