"""`{% forum_question_counts forum as counts %}`: what the forum page's questions panel
(coproduction/questions/_forum_panel.html) shows, so the forums part need not know how
questions, threads and reports are read."""

from django import template

from ..questions import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_question_counts(context, forum):
    user = context["request"].user
    is_host = user.has_perm("coproduction.answer_forumquestion", forum)
    return {
        "may_ask": user.has_perm("coproduction.add_forumquestion", forum),
        "is_host": is_host,
        "unanswered": selectors.unanswered_count(forum) if is_host else None,
        "open_reports": selectors.open_report_count(forum) if is_host else None,
        "threads": selectors.threads_of(forum).count(),
    }
