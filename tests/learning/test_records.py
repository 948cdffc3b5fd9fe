"""Learning records are history: choice events and completions are appended, never changed or
deleted, and an attempt keeps playing the revision the learner saw."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.organisations.models import Role
from learning.learner import selectors, services
from learning.learner.models import AppendOnlyError, ChoiceEvent, ModuleCompletion, Reflection
from tests.cms.factories import ServiceFactory, member
from tests.learning.factories import SCENARIO_STEPS, steps_stream
from tests.learning.rows_learner import learning_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    service = ServiceFactory()
    _path, module, scenario = learning_pages(service.organisation)
    return module, scenario, member(Role.STAFF, service=service)


def test_a_choice_event_cannot_be_changed_or_deleted(setting):
    _module, scenario, staff = setting
    attempt = services.attempt_start(staff, scenario)
    event = services.attempt_choose(attempt, "listen")

    event.choice_key = "dismiss"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ChoiceEvent.objects.filter(pk=event.pk).update(choice_key="dismiss")
    with pytest.raises(AppendOnlyError):
        ChoiceEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ChoiceEvent.objects.bulk_update([event], ["choice_key"])

    assert ChoiceEvent.objects.get().choice_key == "listen"


def test_a_module_completion_cannot_be_changed_or_deleted(setting):
    module, _scenario, staff = setting
    completion = ModuleCompletion.objects.create(user=staff, module=module)
    with pytest.raises(AppendOnlyError):
        completion.save()
    with pytest.raises(AppendOnlyError):
        ModuleCompletion.objects.filter(user=staff).delete()
    assert ModuleCompletion.objects.count() == 1


def test_the_order_of_choices_is_unique_in_an_attempt(setting):
    from django.db import IntegrityError, transaction

    _module, scenario, staff = setting
    attempt = services.attempt_start(staff, scenario)
    services.attempt_choose(attempt, "listen")
    with pytest.raises(IntegrityError), transaction.atomic():
        ChoiceEvent.objects.create(
            attempt=attempt,
            order=1,
            step_key="x",
            choice_key="y",
            next_step_key="z",
            quality="best",
        )


def test_a_publish_mid_attempt_does_not_change_what_the_learner_plays_or_chose(setting, client):
    _module, scenario, staff = setting
    attempt = services.attempt_start(staff, scenario)
    services.attempt_choose(attempt, "listen")

    # The author rewrites the "ask" step and renames a choice, then publishes.
    edited = [dict(step) for step in SCENARIO_STEPS]
    edited[1] = {
        **edited[1],
        "situation": "A rewritten situation.",
        "choices": [{**edited[1]["choices"][0], "key": "write-it-down"}, edited[1]["choices"][1]],
    }
    scenario.steps = steps_stream(edited)
    scenario.save_revision().publish()
    scenario.refresh_from_db()
    assert scenario.live_revision_id != attempt.revision_id

    client.force_login(staff)
    page = client.get(reverse("learning:attempt_play", args=[attempt.pk])).content.decode()
    assert "The situation at ask." in page and "A rewritten situation." not in page
    services.attempt_choose(attempt, "record")  # the old key, valid in the stored revision

    summary = selectors.attempt_summary(attempt)
    assert [(i.event.step_key, i.event.choice_key) for i in summary.route] == [
        ("arrive", "listen"),
        ("ask", "record"),
    ]
    assert summary.route[1].step.situation == "The situation at ask."

    # A new attempt plays the new version.
    retry = services.attempt_start(staff, scenario)
    assert retry.revision_id == scenario.live_revision_id
    assert services.attempt_current_step(retry).key == "arrive"
    services.attempt_choose(retry, "listen")
    assert services.attempt_current_step(retry).situation == "A rewritten situation."


def test_reflections_and_replies_are_stored_sanitised(setting):
    module, _scenario, staff = setting
    reflection = services.reflection_write(
        staff, module, "I learned <script>alert(1)</script>to <b>ask</b> first & listen."
    )
    reflection.refresh_from_db()
    assert reflection.text == "I learned to ask first & listen."
    with pytest.raises(ValidationError):
        services.reflection_write(staff, module, "<script>alert(1)</script>")
    assert Reflection.objects.count() == 1
