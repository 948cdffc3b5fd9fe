"""`{% forum_surveys forum %}`: the surveys and "what to expect" panel of a forum's page, so the
forums part need not know how surveys are read."""

from django import template

from coproduction.what_to_expect.selectors import index_for_service

from ..surveys import selectors

register = template.Library()


@register.inclusion_tag("coproduction/surveys/_forum_panel_body.html", takes_context=True)
def forum_surveys(context, forum):
    request = context["request"]
    user = request.user
    open_surveys = list(selectors.open_surveys(forum))
    last = selectors.last_finished_survey(forum)
    may_see_results = user.has_perm("coproduction.view_results_familysurvey", forum)
    index = index_for_service(forum.service)
    return {
        "request": request,
        "forum": forum,
        "open_surveys": open_surveys,
        "answered_ids": selectors.answered_survey_ids(user, open_surveys),
        "last_survey": last,
        # The score (an aggregate, from five answers up) is for everyone in the forum; the
        # comments are on the survey's page, for its hosts.
        "last_results": selectors.survey_results(last) if last else None,
        "may_see_results": may_see_results,
        "may_open_survey": user.has_perm("coproduction.add_familysurvey", forum),
        "what_to_expect": index if index is not None and index.live else None,
        "may_seed": index is None
        and user.has_perm("coproduction.seed_whattoexpect_familyforum", forum),
        "minimum": selectors.MIN_RESPONSES_SHOWN,
    }
