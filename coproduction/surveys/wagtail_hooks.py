"""The surveys part on the site: a home panel for families with a survey waiting for them."""

from django.utils import timezone
from wagtail import hooks

from cms.pages.panels import HOME_PANEL_HOOK, HomePanel

from . import selectors


def _item(survey):
    closes_on = timezone.localtime(survey.closes_at)
    label = f"{survey.title} ({survey.forum.name}), open until {closes_on:%-d %B %Y}"
    return (label, survey.get_absolute_url())


@hooks.register(HOME_PANEL_HOOK)
def survey_home_panel(request):
    surveys = selectors.surveys_waiting_for(request.user)
    if not surveys:
        return None
    return HomePanel(title="A survey for families", items=[_item(survey) for survey in surveys])
