"""The questions part on the site: a home panel for forum hosts with the questions waiting for
an answer and the reported posts to look at, per forum they host."""

from django.urls import reverse
from wagtail import hooks

from cms.pages.panels import HOME_PANEL_HOOK, HomePanel

from . import selectors


def _waiting(forum):
    items = []
    unanswered = selectors.unanswered_count(forum)
    if unanswered:
        items.append(
            (
                f"{forum.name}: {unanswered} question{'s' if unanswered != 1 else ''} "
                "waiting for an answer",
                reverse("coproduction:forum_questions", args=[forum.pk]),
            )
        )
    reports = selectors.open_report_count(forum)
    if reports:
        items.append(
            (
                f"{forum.name}: {reports} reported post{'s' if reports != 1 else ''} to look at",
                reverse("coproduction:forum_reports", args=[forum.pk]),
            )
        )
    return items


@hooks.register(HOME_PANEL_HOOK)
def forum_questions_home_panel(request):
    forums = list(selectors.forums_hosted_by(request.user))
    if not forums:
        return None
    return HomePanel(
        title="Family forum questions",
        items=[item for forum in forums for item in _waiting(forum)],
        empty="Every question has an answer, and no posts are reported.",
    )
