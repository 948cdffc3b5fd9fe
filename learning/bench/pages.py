"""The learning plugin's pages for `make bench`: what a learner opens every day, and the
organisation's xAPI export (see cms/bench/pages.py)."""

from django.urls import reverse

from cms.bench.pages import EXPORT, LEARNER, OTHER, register


def _enrolled_pages(facts, model):
    """Live pages of `model` in the paths the learner is enrolled in, in tree order."""
    from learning.authoring.models import LearningPathPage

    learner = facts.user("learner")
    paths = LearningPathPage.objects.live().filter(enrolments__user=learner).distinct()
    pages = model.objects.none()
    for path in paths:
        pages = pages | model.objects.live().descendant_of(path)
    return pages.order_by("path")


def module_page(facts):
    from learning.authoring.models import ModulePage

    page = _enrolled_pages(facts, ModulePage).first() or ModulePage.objects.live().first()
    return page and page.get_url()


def scenario_step(facts):
    """The step the learner is on in their latest attempt (an open one if they have one)."""
    from learning.learner.models import ScenarioAttempt

    attempts = ScenarioAttempt.objects.filter(user=facts.user("learner"))
    attempt = attempts.filter(finished_at__isnull=True).first() or attempts.first()
    return attempt and reverse("learning:attempt_play", args=[attempt.pk])


def xapi_export(facts):
    return reverse("learning:xapi_export") + f"?organisation={facts.organisation.slug}"


register(
    "my learning",
    role="learner",
    url=lambda facts: reverse("learning:my_learning"),
    kind=LEARNER,
    url_name="learning:my_learning",
)
# A module page is a Wagtail page (no URL name).
register("module page", role="learner", url=module_page, kind=LEARNER)
register(
    "scenario step",
    role="learner",
    url=scenario_step,
    kind=LEARNER,
    url_name="learning:attempt_play",
)
register(
    "reflection journal",
    role="learner",
    url=lambda facts: reverse("learning:journal"),
    kind=LEARNER,
    url_name="learning:journal",
)
register(
    "learning records (xAPI page)",
    role="org_admin",
    url=lambda facts: reverse("learning:learning_records"),
    kind=OTHER,
    url_name="learning:learning_records",
)
register(
    "xAPI export",
    role="org_admin",
    url=xapi_export,
    kind=EXPORT,
    url_name="learning:xapi_export",
)
