"""Scenario graph validation: the plain functions over steps data, the StreamField block, and the
real Wagtail admin edit form refusing to save with the message at the step."""

import copy
import html
import json

import pytest
from django.urls import reverse

from learning.blocks import ScenarioStepsBlock
from learning.learner.steps_and_checks import ScenarioContent
from learning.validation import scenario_errors
from tests.cms.factories import superuser
from tests.learning.factories import (
    SCENARIO_STEPS,
    ScenarioPageFactory,
    scenario_edit_form_data,
    steps_stream,
)


def steps(**changes):
    """The factory's valid scenario, as dicts, with `changes` applied to steps by key."""
    data = copy.deepcopy(SCENARIO_STEPS)
    for step in data:
        step.update(changes.get(step["key"].replace("-", "_"), {}))
    return data


def messages(errors):
    return [message for found in errors.values() for message in found]


def test_the_factory_scenario_is_valid():
    assert scenario_errors(SCENARIO_STEPS) == {}


def test_no_steps():
    assert scenario_errors([]) == {
        None: ["A scenario needs at least one step, and at least one ending."]
    }


def test_a_next_step_that_does_not_exist_names_the_step_and_choice():
    data = steps()
    data[1]["choices"][1]["next_step"] = "nowhere"
    errors = scenario_errors(data)
    assert errors[1] == ["Step “ask”, choice “wait”: the next step “nowhere” does not exist."]


def test_an_unreachable_step():
    data = steps()
    data.insert(3, {**copy.deepcopy(data[3]), "key": "orphan-end"})
    errors = scenario_errors(data)
    assert errors == {3: ["Step “orphan-end” cannot be reached from the start step."]}


def test_a_step_that_cannot_reach_an_ending():
    data = steps()
    # dismissed now only loops back to itself and to ask; ask only goes to dismissed.
    data[1]["choices"][0]["next_step"] = "dismissed"
    data[2]["choices"][1]["next_step"] = "dismissed"
    errors = scenario_errors(data)
    assert "Step “ask” cannot lead to any ending: every route from it loops." in errors[1]
    assert "Step “dismissed” cannot lead to any ending: every route from it loops." in errors[2]
    assert "Step “good-end” cannot be reached from the start step." in errors[3]


def test_a_non_ending_without_choices():
    errors = scenario_errors(steps(dismissed={"choices": []}))
    assert errors[2] == ["Step “dismissed” is not an ending, so it needs at least one choice."]


def test_an_ending_with_choices_or_without_outcome():
    data = steps(good_end={"outcome": ""})
    data[4]["choices"] = [copy.deepcopy(data[0]["choices"][0])]
    errors = scenario_errors(data)
    assert errors[3] == ["Step “good-end” is an ending: say what happened (outcome)."]
    assert errors[4] == ["Step “bad-end” is an ending, so it cannot offer choices."]


def test_duplicate_step_keys():
    data = steps()
    data.append({**copy.deepcopy(data[4])})
    errors = scenario_errors(data)
    assert errors[5] == ["Step “bad-end”: another step already has this key."]


def test_duplicate_choice_keys():
    data = steps()
    data[0]["choices"][1]["key"] = "listen"
    errors = scenario_errors(data)
    assert "Step “arrive”: 2 choices have the key “listen”" in messages(errors)[0]


def test_no_ending_at_all():
    data = [step for step in steps() if not step["is_ending"]]
    for step in data:
        for choice in step["choices"]:
            choice["next_step"] = "ask"
    errors = scenario_errors(data)
    assert errors[None] == ["A scenario needs at least one ending step."]


def test_the_block_raises_at_the_offending_step():
    from wagtail.blocks.stream_block import StreamBlockValidationError

    block = ScenarioStepsBlock()
    data = steps()
    data[1]["choices"][1]["next_step"] = "nowhere"
    value = block.to_python([{"type": "step", "value": step} for step in data])
    with pytest.raises(StreamBlockValidationError) as raised:
        block.clean(value)
    assert set(raised.value.block_errors) == {1}
    assert (
        "“nowhere” does not exist"
        in raised.value.block_errors[1].non_block_errors.as_data()[0].message
    )
    good = block.to_python([{"type": "step", "value": step} for step in steps()])
    assert len(block.clean(good)) == 5


# --- The Wagtail admin refuses to save ---------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    client.force_login(superuser())
    return client


def test_the_admin_refuses_a_broken_scenario_and_shows_the_message_at_the_step(admin_client):
    page = ScenarioPageFactory()
    revisions = page.revisions.count()
    data = steps()
    data[2]["choices"][0]["next_step"] = "nowhere"

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), scenario_edit_form_data(page, data)
    )

    assert response.status_code == 200
    error = response.context["form"].errors["steps"].as_data()[0]
    assert set(error.block_errors) == {2}
    message = "Step “dismissed”, choice “return”: the next step “nowhere” does not exist."
    assert error.block_errors[2].non_block_errors.as_data()[0].message == message
    content = html.unescape(response.content.decode())
    assert json.dumps(message)[1:-1] in content or message in content
    assert page.revisions.count() == revisions
    page.refresh_from_db()
    assert [child.value["key"] for child in page.steps] == [s["key"] for s in SCENARIO_STEPS]


def test_the_admin_saves_a_valid_scenario(admin_client):
    page = ScenarioPageFactory()
    data = steps(arrive={"situation": "A new situation."})
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), scenario_edit_form_data(page, data)
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert ScenarioContent(draft).start.situation == "A new situation."
    assert list(ScenarioContent(draft).start.choices[1].principles) == ["values"]


def test_steps_stream_round_trips():
    assert [item[0] for item in steps_stream(SCENARIO_STEPS)] == ["step"] * 5
