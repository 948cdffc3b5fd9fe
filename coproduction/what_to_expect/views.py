"""Seeding a forum's service's "what to expect" pages, from the forum's page. A forum the
person is not in is "not found" (404); someone in it who may not seed is "forbidden" (403)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from cms.views import done
from coproduction.forums.models import FamilyForum

from .selectors import index_for_service
from .services import seed_for_service


@require_POST
@login_required
def what_to_expect_seed(request, forum_id):
    forum = get_object_or_404(FamilyForum.objects.select_related("service"), pk=forum_id)
    user = request.user
    may_seed = user.has_perm("coproduction.seed_whattoexpect_familyforum", forum)
    if not (may_seed or user.has_perm("coproduction.view_surveys_familyforum", forum)):
        raise Http404("Not found.")
    if not may_seed:
        raise PermissionDenied
    index = index_for_service(forum.service)
    if index is not None:
        return redirect(index.get_url(request))
    index = seed_for_service(forum.service)
    return done(
        request,
        "The “what to expect” pages are published. Check and edit them.",
        index.get_url(request),
    )
