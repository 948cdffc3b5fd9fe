"""The demo learners: loaded through the services, idempotent, mixed progress, and enough people
at Willow House for the learning indicators to show a figure."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.indicators import MIN_PEOPLE, get_indicator
from cms.organisations import demo as organisations_demo
from cms.organisations.models import Membership, Service
from cms.pages import demo as pages_demo
from learning import demo, demo_learners
from learning.enrolment.models import Certificate, Enrolment, EnrolmentRule
from learning.learner.models import (
    ChoiceEvent,
    ModuleCompletion,
    ModuleFeedback,
    Reflection,
    ReflectionReply,
    ScenarioAttempt,
)
from learning.learner.selectors import path_progress
from learning.principles import ChoiceQuality
from tests.loading import loaded_once_per_module, whole_demo

pytestmark = pytest.mark.django_db

RECORDS = [
    get_user_model(),
    Membership,
    EnrolmentRule,
    Enrolment,
    Certificate,
    ModuleCompletion,
    ScenarioAttempt,
    ChoiceEvent,
    Reflection,
    ReflectionReply,
    ModuleFeedback,
]


def load_all():
    for module in (organisations_demo, pages_demo, demo):
        module.load(io.StringIO())


def counts():
    return {model.__name__: model.objects.count() for model in RECORDS}


# The whole demo, as `make run` loads it (loaded once per test process, the certificates of
# completed paths issued on commit as when `load_demo` commits).
loaded = loaded_once_per_module(whole_demo)


def test_loading_twice_adds_nothing(loaded):
    before = counts()
    load_all()
    assert counts() == before
    assert before["Enrolment"] >= 20


def test_learners_at_both_care_homes(loaded):
    for name in ("Willow House", "Elm Court"):
        service = Service.objects.get(organisation__slug="riverside", name=name)
        learners = Membership.objects.filter(
            service=service, user__email__startswith="learner"
        ).count()
        assert 8 <= learners <= 12, name


def test_progress_is_mixed(loaded):
    enrolments = Enrolment.objects.filter(organisation__slug="riverside")
    assert {"rule", "assignment", "self"} <= set(enrolments.values_list("source", flat=True))
    completed = enrolments.completed()
    assert 1 <= completed.count() <= 8
    assert Certificate.objects.filter(enrolment__in=completed).count() == completed.count()
    assert enrolments.overdue().exists()
    part_way = [
        enrolment
        for enrolment in enrolments.open().select_related("path", "user")
        if 0 < path_progress(enrolment.user, enrolment.path.specific).completed
    ]
    assert len(part_way) >= 10
    qualities = set(ChoiceEvent.objects.values_list("quality", flat=True))
    assert qualities == set(ChoiceQuality.values)
    assert ScenarioAttempt.objects.filter(finished_at__isnull=True).exists()  # part-played
    assert Reflection.objects.filter(shared_with_supervisor_at__isnull=False).exists()
    assert Reflection.objects.filter(shared_with_supervisor_at__isnull=True).exists()
    assert ModuleFeedback.objects.exists()


def test_the_demo_staff_sign_in_is_half_way_through_their_assigned_path(loaded):
    staff = get_user_model().objects.get(email=demo_learners.STAFF_EMAIL)
    enrolment = Enrolment.objects.open().get(user=staff)
    assert enrolment.source == Enrolment.Source.RULE
    assert enrolment.path.slug == "listening"
    progress = path_progress(staff, enrolment.path.specific)
    assert 0 < progress.completed < progress.total
    shared = Reflection.objects.get(author=staff, shared_with_supervisor_at__isnull=False)
    assert shared.replies.get().author.email == demo_learners.SUPERVISOR_EMAIL


def test_learning_indicators_show_figures_for_willow_house(loaded):
    service = Service.objects.get(organisation__slug="riverside", name="Willow House")
    now = timezone.now()
    start, end = now - timedelta(days=60), now + timedelta(days=1)
    for key in (
        "learning_completion_rate",
        "learning_overdue_rate",
        "learning_feedback_score",
        "learning_reflection_rate",
    ):
        value = get_indicator(key)(service, start, end)
        assert value.people >= MIN_PEOPLE, key
        assert value.shown() is not None, key
    # The healthy service does its learning on time (issue 14: it read 0% on time, 100% late).
    assert get_indicator("learning_completion_rate")(service, start, end).value >= 60
    assert get_indicator("learning_overdue_rate")(service, start, end).value <= 40


def test_no_one_writes_the_same_reflection_twice(loaded):
    """Issue 14: the demo's journals (and a supervisor's list of shared reflections) repeated the
    same words; each person's reflections now differ."""
    texts = {}
    for author_id, text in Reflection.objects.values_list("author_id", "text"):
        texts.setdefault(author_id, []).append(text)
    assert texts, "the demo writes reflections"
    for written in texts.values():
        assert len(written) == len(set(written))
