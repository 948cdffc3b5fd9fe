"""Factories for learning pages, built under the home page and published.

    index = LearningIndexPageFactory(organisation=org)
    path = LearningPathPageFactory(parent=index)
    module = ModulePageFactory(parent=path)        # one single-answer knowledge check
    scenario = ScenarioPageFactory(parent=path)    # five steps, two endings (SCENARIO_STEPS)

Pass `live=False` to leave a page as a draft. Each factory builds its missing parents.
"""

import copy

import factory
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from learning.authoring.models import LearningIndexPage, LearningPathPage, ModulePage, ScenarioPage
from tests.cms.factories import OrganisationFactory

KNOWLEDGE_CHECK = {
    "question": "A resident says they do not want a bath tonight. What do you do first?",
    "multiple": False,
    "options": [
        {
            "text": "Ask them what they would like instead, and record their choice.",
            "correct": True,
            "explanation": "People with capacity decide for themselves (MCA principle 1).",
        },
        {
            "text": "Bath them anyway: the rota says it is bath night.",
            "correct": False,
            "explanation": "The rota does not override a person's choice.",
        },
    ],
}

MODULE_BODY = [
    ("paragraph_block", "<p>Listening means acting on what you hear.</p>"),
    ("knowledge_check", KNOWLEDGE_CHECK),
]


def _choice(key, next_step, quality, principles=("listening",)):
    return {
        "key": key,
        "text": f"Choice {key}",
        "next_step": next_step,
        "feedback": f"Feedback for {key}.",
        "quality": quality,
        "principles": list(principles),
    }


def _step(key, choices=(), ending=False, outcome=""):
    return {
        "key": key,
        "situation": f"The situation at {key}.",
        "person_says": "",
        "is_ending": ending,
        "outcome": outcome,
        "choices": list(choices),
    }


# arrive -> ask -> good-end is the best route; dismissed can go back to ask or to bad-end.
SCENARIO_STEPS = [
    _step(
        "arrive",
        [_choice("listen", "ask", "best"), _choice("dismiss", "dismissed", "harmful", ["values"])],
    ),
    _step(
        "ask",
        [
            _choice("record", "good-end", "best", ["recording"]),
            _choice("wait", "dismissed", "risky"),
        ],
    ),
    _step(
        "dismissed",
        [_choice("return", "ask", "acceptable"), _choice("leave", "bad-end", "harmful")],
    ),
    _step("good-end", ending=True, outcome="The person is heard and their choice is recorded."),
    _step("bad-end", ending=True, outcome="The person stops telling anyone what is wrong."),
]


def steps_stream(steps):
    """Raw StreamField data for a ScenarioPage from a list of step dicts."""
    return [("step", copy.deepcopy(step)) for step in steps]


def home_page():
    return Page.objects.get(depth=2)


class PageFactory(factory.Factory):
    """Adds the page under `parent` and publishes it (unless `live=False`)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **kwargs):
        page = model_class(**kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page

    @classmethod
    def _build(cls, model_class, parent=None, live=True, **kwargs):
        return model_class(**kwargs)


class LearningIndexPageFactory(PageFactory):
    class Meta:
        model = LearningIndexPage

    parent = factory.LazyFunction(home_page)
    title = factory.Sequence(lambda n: f"Learning {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class LearningPathPageFactory(PageFactory):
    class Meta:
        model = LearningPathPage

    parent = factory.SubFactory(LearningIndexPageFactory)
    title = factory.Sequence(lambda n: f"Path {n}")
    imperative = "listen"
    audiences = factory.LazyFunction(lambda: ["staff"])
    summary = "Hear what people tell you, and act on it."
    outcomes = factory.LazyFunction(lambda: ["Notice what a person is telling you."])
    estimated_minutes = 30
    recertify_months = 12


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    parent = factory.SubFactory(LearningPathPageFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "Why listening matters."
    body = factory.LazyFunction(lambda: copy.deepcopy(MODULE_BODY))


class ScenarioPageFactory(PageFactory):
    class Meta:
        model = ScenarioPage

    parent = factory.SubFactory(LearningPathPageFactory)
    title = factory.Sequence(lambda n: f"Scenario {n}")
    summary = "A resident tells you something is wrong."
    steps = factory.LazyFunction(lambda: steps_stream(SCENARIO_STEPS))
    reflection_prompt = "What would you do differently next time?"


# --- Posting the Wagtail admin edit form of a scenario --------------------------------------


def choice_form(choices):
    return {
        "count": str(len(choices)),
        **{
            str(i): {
                "value": {k: v for k, v in choice.items() if k != "principles"},
                "deleted": "",
                "order": str(i),
                "id": f"c{i}",
            }
            for i, choice in enumerate(choices)
        },
    }


def scenario_edit_form_data(page, step_list):
    """The edit form as the admin posts it (nested_form_data would flatten the principles
    list into separate keys, so they are added as one multi-valued key afterwards)."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "reflection_prompt": page.reflection_prompt,
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            **{k: v for k, v in step.items() if k != "choices"},
                            "is_ending": "on" if step["is_ending"] else "",
                            "choices": choice_form(step["choices"]),
                        },
                    )
                    for step in step_list
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    for i, step in enumerate(step_list):
        for j, choice in enumerate(step["choices"]):
            data[f"steps-{i}-value-choices-{j}-value-principles"] = choice["principles"]
    return data
