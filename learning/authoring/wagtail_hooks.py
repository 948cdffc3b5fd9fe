"""Learning pages are for the people of their organisation: anyone else is sent to sign in
(anonymous) or refused (403). Superusers may read every organisation's learning."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .models import LearningIndexPage, LearningPathPage, ModulePage, ScenarioPage

LEARNING_PAGE_TYPES = (LearningIndexPage, LearningPathPage, ModulePage, ScenarioPage)


@hooks.register("before_serve_page")
def only_members_read_learning(page, request, serve_args, serve_kwargs):
    if not isinstance(page, LEARNING_PAGE_TYPES):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("learning.view_learning_page", page):
        raise PermissionDenied
    return None
