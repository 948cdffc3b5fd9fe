"""The learner's place in the site: navigation items, home page panels, and a link from a
module's admin screens to what learners said about it."""

from django.urls import reverse
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms import access
from cms.organisations.models import Role
from cms.pages.panels import (
    HOME_PANEL_HOOK,
    LEARNING,
    NAVIGATION_HOOK,
    PAGES,
    HomePanel,
    NavigationItem,
    person_cached,
)
from cms.permissions import roles

from ..authoring.models import LearningIndexPage, ModulePage
from ..enrolment.selectors import WORKFORCE_ROLES
from . import selectors


def _learning_index_for(user):
    organisation_ids = access.member_organisation_ids(user)
    if not organisation_ids:
        return None
    return (
        LearningIndexPage.objects.live()
        .filter(organisation_id__in=organisation_ids)
        .order_by("path")
        .first()
    )


def _learning_index_url(request):
    """The URL of the person's learning index, "" for none: for the workforce only, whom the
    learning is for (see my_learning_navigation), and kept per person (person_cached)."""
    if not roles(request.user) & set(WORKFORCE_ROLES):
        return ""

    def url():
        index = _learning_index_for(request.user)
        return index.url if index is not None else ""

    return person_cached(request, "learning_index", url, depends_on=(PAGES,))


@hooks.register(NAVIGATION_HOOK)
def learning_navigation_item(request):
    url = _learning_index_url(request)
    return NavigationItem("Learning", url, LEARNING) if url else None


@hooks.register(NAVIGATION_HOOK)
def supervision_navigation_item(request):
    if Role.SUPERVISOR not in roles(request.user):
        return None
    return NavigationItem("Supervision", reverse("learning:supervision"), LEARNING)


@hooks.register(HOME_PANEL_HOOK)
def reflections_panel(request):
    if not _learning_index_url(request):
        return None
    reflections = selectors.reflections_of(request.user)[:3]
    return HomePanel(
        title="Your reflections",
        items=[
            (
                f"{r.page.title} ({date_format(r.created_at, 'j F Y')})",
                reverse("learning:reflection_detail", args=[r.pk]),
            )
            for r in reflections
        ],
        link=("Your reflection journal", reverse("learning:journal")),
        empty="You have not written a reflection yet.",
    )


@hooks.register(HOME_PANEL_HOOK)
def supervision_panel(request):
    if Role.SUPERVISOR not in roles(request.user):
        return None
    shared = selectors.supervision_list(request.user)[:5]
    return HomePanel(
        title="Shared with you for supervision",
        items=[
            (
                f"{r.author.get_full_name() or r.author.email}: {r.page.title}",
                reverse("learning:reflection_detail", args=[r.pk]),
            )
            for r in shared
        ],
        link=("All reflections shared with you", reverse("learning:supervision")),
        empty="Nobody has shared a reflection with you yet.",
    )


@hooks.register("register_page_header_buttons")
def module_feedback_button(page, user, view_name=None, next_url=None):
    if issubclass(page.specific_class or type(None), ModulePage) and user.has_perm(
        "learning.view_modulefeedback", page
    ):
        yield Button(
            "Learner feedback",
            reverse("learning:feedback_list", args=[page.pk]),
            icon_name="comment",
            priority=80,
        )
