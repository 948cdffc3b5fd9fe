"""The forums part on the site: a "Family forum" navigation item for people in a forum."""

from django.urls import reverse
from wagtail import hooks

from cms import access
from cms.pages.panels import NAVIGATION_HOOK

from . import selectors


@hooks.register(NAVIGATION_HOOK)
def family_forum_navigation(request):
    # On every page: only a forum host or a family member can be in a forum, and the person's
    # roles are read once a request (cms.permissions.memberships), so anyone else costs no query.
    if not access.organisation_ids_where(request.user, *selectors.FORUM_ROLES):
        return None
    if not selectors.forums_for(request.user).exists():
        return None
    return ("Family forum", reverse("coproduction:forum_list"))
