"""Learning pages: helper methods, the path form, the index template and who may view pages."""

import pytest

from learning.learner.steps_and_checks import ScenarioContent, knowledge_checks
from tests.learning.factories import (
    LearningIndexPageFactory,
    LearningPathPageFactory,
    ModulePageFactory,
    ScenarioPageFactory,
)

pytestmark = pytest.mark.django_db


def test_factories_build_a_published_tree():
    module = ModulePageFactory()
    path = module.get_parent().specific
    scenario = ScenarioPageFactory(parent=path)
    draft = ModulePageFactory(parent=path, live=False)
    assert module.live and scenario.live and not draft.live
    assert path.items() == [module, scenario]
    assert module.learning_path == path
    assert scenario.learning_path == path
    assert module.organisation == path.organisation == path.get_parent().specific.organisation
    assert len(knowledge_checks(module)) == 1
    assert knowledge_checks(module)[0].options[0]["correct"] is True


def test_scenario_content_reads_the_steps():
    content = ScenarioContent(ScenarioPageFactory())
    assert list(content.steps) == ["arrive", "ask", "dismissed", "good-end", "bad-end"]
    assert content.start.key == "arrive"
    assert [
        (step.key, choice.key if choice else None) for step, choice in content.best_route()
    ] == [
        ("arrive", "listen"),
        ("ask", "record"),
        ("good-end", None),
    ]
    assert content.step("ask").choice("wait").next_step == "dismissed"
    assert content.step("ask").choice("nope") is None


def test_pages_are_for_members_of_their_organisation(client):
    from cms.organisations.models import Role
    from tests.cms.factories import member, superuser

    scenario = ScenarioPageFactory()
    organisation = scenario.organisation
    response = client.get(scenario.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(member(Role.STAFF))  # another organisation
    assert client.get(scenario.url).status_code == 403
    client.force_login(member(Role.FAMILY_MEMBER, organisation=organisation))
    index = scenario.learning_index
    assert client.get(index.url).status_code == 200
    client.force_login(superuser())
    assert client.get(index.url).status_code == 200


def test_the_index_lists_live_paths_and_says_when_there_are_none(client):
    from cms.organisations.models import Role
    from tests.cms.factories import member

    index = LearningIndexPageFactory()
    client.force_login(member(Role.STAFF, organisation=index.organisation))
    assert "There are no learning paths here yet." in client.get(index.url).content.decode()
    LearningPathPageFactory(parent=index, title="Listening", estimated_minutes=45)
    LearningPathPageFactory(parent=index, title="Hidden draft", live=False)
    content = client.get(index.url).content.decode()
    assert "Listening" in content and "About 45 minutes" in content
    assert "Listen, understand and act on what is heard" in content
    assert "Hidden draft" not in content


def test_knowledge_check_and_reflection_blocks_render_without_a_form():
    module = ModulePageFactory(
        body=[
            ("reflection", "What did you notice?"),
            (
                "knowledge_check",
                {
                    "question": "Which apply?",
                    "multiple": True,
                    "options": [
                        {"text": "A", "correct": True, "explanation": "x"},
                        {"text": "B", "correct": True, "explanation": "y"},
                    ],
                },
            ),
        ]
    )
    reflection, check = list(module.body)
    html = check.render(context={"block_id": check.id})
    assert "<form" not in html
    assert f'name="check-{check.id}"' in html and 'type="checkbox"' in html
    assert 'value="0"' in html and 'value="1"' in html
    assert "<fieldset" in html and "<legend" in html
    assert "<aside" in reflection.render()
    single = next(b for b in ModulePageFactory().body if b.block_type == "knowledge_check")
    assert 'type="radio"' in single.render(context={"block_id": single.id})


def test_the_path_form_edits_audiences_as_roles_and_outcomes_one_per_line(client):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data

    from tests.cms.factories import superuser

    path = LearningPathPageFactory()
    client.force_login(superuser())
    url = reverse("wagtailadmin_pages:edit", args=[path.pk])
    page = client.get(url).content.decode()
    assert 'type="checkbox" name="audiences" value="lived_experience_lead"' in page
    data = nested_form_data(
        {
            "title": path.title,
            "slug": path.slug,
            "imperative": "lead",
            "summary": path.summary,
            "outcomes": "Ask what could happen here\n\n  Say how you would know  \n",
            "estimated_minutes": "40",
            "recertify_months": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
    )
    data["audiences"] = ["leader", "supervisor"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    path.refresh_from_db()
    draft = path.get_latest_revision_as_object()
    assert sorted(draft.audiences) == ["leader", "supervisor"]
    assert draft.outcomes == ["Ask what could happen here", "Say how you would know"]
    assert draft.get_audiences_display()
