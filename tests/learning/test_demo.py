"""The learning demo: idempotent, every content module converted, the review workflow attached."""

import io

import pytest
from wagtail.models import WorkflowPage

from learning import demo
from learning.authoring.models import LearningIndexPage, LearningPathPage, ModulePage, ScenarioPage
from learning.learner.steps_and_checks import ScenarioContent
from learning.validation import scenario_errors
from tests.loading import loaded_once_per_module, whole_demo

pytestmark = pytest.mark.django_db


# The whole demo, as `make run` loads it (loaded once per test process).
loaded = loaded_once_per_module(whole_demo)


def test_load_is_idempotent(loaded):
    counts = (LearningPathPage.objects.count(), ModulePage.objects.count())
    demo.load(io.StringIO())
    assert (LearningPathPage.objects.count(), ModulePage.objects.count()) == counts


def test_each_demo_organisation_gets_the_paths_published_with_review(loaded):
    paths = demo.content_paths()
    assert paths, "no learning content yet"
    for index in LearningIndexPage.objects.all():
        assert index.organisation.slug in demo.DEMO_ORGANISATIONS
        assert index.live
        assert WorkflowPage.objects.get(page=index).workflow.tasks.get().specific.__class__
        live_paths = list(index.paths())
        assert [p.slug for p in live_paths] == [p["slug"] for p in paths]
        for path, data in zip(live_paths, paths, strict=True):
            assert [item.slug for item in path.items()] == [i["slug"] for i in data["items"]]
    assert LearningIndexPage.objects.count() == 2


def test_demo_scenarios_are_valid_graphs(loaded):
    for scenario in ScenarioPage.objects.all():
        assert scenario_errors([child.value for child in scenario.steps]) == {}, scenario.title
        assert ScenarioContent(scenario).best_route(), scenario.title


def test_the_converter_covers_the_whole_module_schema():
    body = demo.module_body(
        [
            ("text", "<p>Hello</p>"),
            ("key_fact", {"fact": "A fact.", "source": "MCA"}),
            ("quote", {"text": "Words.", "attribution": "Someone"}),
            ("reflection", "Think."),
            (
                "knowledge_check",
                {
                    "question": "Q?",
                    "multiple": True,
                    "options": [
                        {"text": "A", "correct": True, "explanation": "yes"},
                        {"text": "B", "correct": True, "explanation": "also"},
                    ],
                },
            ),
        ]
    )
    kinds = [kind for kind, _ in body]
    assert kinds == [
        "paragraph_block",
        "key_fact_block",
        "quote_block",
        "reflection",
        "knowledge_check",
    ]
    fact = body[1][1]
    assert fact["source"].startswith("Mental Capacity Act 2005")
    assert fact["source_url"].startswith("https://www.legislation.gov.uk/")
    steps = demo.scenario_steps(
        [
            {
                "key": "a",
                "situation": "S",
                "choices": [
                    {
                        "key": "x",
                        "text": "T",
                        "next": "b",
                        "feedback": "F",
                        "quality": "best",
                        "principles": ["listening"],
                    },
                ],
            },
            {"key": "b", "ending": True, "situation": "S", "outcome": "O"},
        ]
    )
    assert scenario_errors([value for _, value in steps]) == {}
    assert steps[1][1]["is_ending"] is True
