"""The lived-experience review: authors submit, only a lived-experience lead of the page's own
organisation approves or rejects, a rejection's comment reaches the author."""

import copy

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from cms.organisations.models import Membership, Role
from learning.authoring.groups import author_group_name
from learning.authoring.models import LivedExperienceReviewTask
from learning.authoring.services import attach_review_workflow
from learning.learner.steps_and_checks import ScenarioContent
from tests.cms.factories import OrganisationFactory, member, superuser
from tests.learning.factories import (
    SCENARIO_STEPS,
    LearningIndexPageFactory,
    LearningPathPageFactory,
    ScenarioPageFactory,
    scenario_edit_form_data,
)

pytestmark = pytest.mark.django_db

NEW_SITUATION = "A resident's daughter stops you in the corridor."


@pytest.fixture
def setup():
    organisation = OrganisationFactory()
    index = LearningIndexPageFactory(organisation=organisation)
    attach_review_workflow(index)
    path = LearningPathPageFactory(parent=index)
    scenario = ScenarioPageFactory(parent=path)
    author = member(Role.LEADER, organisation=organisation)
    lead = member(Role.LIVED_EXPERIENCE_LEAD, organisation=organisation)
    return organisation, scenario, author, lead


def changed_steps():
    steps = copy.deepcopy(SCENARIO_STEPS)
    steps[0]["situation"] = NEW_SITUATION
    return steps


def submit(client, author, scenario, action="action-submit"):
    client.force_login(author)
    data = {**scenario_edit_form_data(scenario, changed_steps()), action: "on"}
    response = client.post(reverse("wagtailadmin_pages:edit", args=[scenario.pk]), data)
    client.logout()
    return response


def live_situation(scenario):
    scenario.refresh_from_db()
    return ScenarioContent(scenario).start.situation


def task_state(scenario):
    return TaskState.objects.get(
        workflow_state__object_id=str(scenario.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def act(client, user, scenario, action, comment=""):
    client.force_login(user)
    state = task_state(scenario)
    url = reverse("wagtailadmin_pages:workflow_action", args=[scenario.pk, action, state.pk])
    response = client.post(url, {"comment": comment})
    client.logout()
    return response


def test_authors_of_the_organisation_get_page_permissions_the_wagtail_way(setup):
    organisation, scenario, author, lead = setup
    assert author.groups.filter(name=author_group_name(organisation)).exists()
    permissions = scenario.permissions_for_user(author)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not scenario.permissions_for_user(lead).can_edit()
    other_author = member(Role.LEADER)
    assert not scenario.permissions_for_user(other_author).can_edit()
    # Losing the role takes the permission away.
    Membership.objects.filter(user=author).delete()
    assert not scenario.permissions_for_user(type(author).objects.get(pk=author.pk)).can_edit()


def test_an_author_cannot_publish_until_a_lead_of_the_organisation_approves(client, setup):
    organisation, scenario, author, lead = setup
    old = live_situation(scenario)

    submit(client, author, scenario, action="action-publish")
    assert live_situation(scenario) == old

    response = submit(client, author, scenario)
    assert response.status_code == 302
    assert live_situation(scenario) == old
    assert task_state(scenario).task.specific.__class__ is LivedExperienceReviewTask

    response = act(client, lead, scenario, "approve")
    assert response.status_code == 302
    assert live_situation(scenario) == NEW_SITUATION
    assert not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists()


@pytest.mark.parametrize(
    "who",
    ["lead_elsewhere", "staff", "leader", "organisation_admin", "lived_experience_member"],
)
def test_only_a_lead_of_the_same_organisation_can_approve(client, setup, who):
    organisation, scenario, author, lead = setup
    old = live_situation(scenario)
    submit(client, author, scenario)
    if who == "lead_elsewhere":
        user = member(Role.LIVED_EXPERIENCE_LEAD)
    else:
        user = member(Role(who), organisation=organisation)
    task = task_state(scenario).task.specific
    assert task.get_actions(scenario, user) == []
    assert not task.get_task_states_user_can_moderate(user).exists()

    response = act(client, user, scenario, "approve")

    assert response.status_code in (302, 403)
    assert task_state(scenario).status == TaskState.STATUS_IN_PROGRESS
    assert live_situation(scenario) == old


def test_the_lead_sees_the_review_and_may_open_the_editor(client, setup):
    organisation, scenario, author, lead = setup
    submit(client, author, scenario)
    task = task_state(scenario).task.specific
    assert list(task.get_task_states_user_can_moderate(lead)) == [task_state(scenario)]
    assert task.user_can_access_editor(scenario, lead)
    client.force_login(lead)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[scenario.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_rejection_carries_the_comment_back_to_the_author(client, setup, settings):
    organisation, scenario, author, lead = setup
    old = live_situation(scenario)
    submit(client, author, scenario)
    mail.outbox.clear()

    act(client, lead, scenario, "reject", comment="Say how the resident feels, not only the risk.")

    state = TaskState.objects.get(workflow_state__object_id=str(scenario.pk))
    assert state.status == TaskState.STATUS_REJECTED
    assert state.comment == "Say how the resident feels, not only the risk."
    assert live_situation(scenario) == old
    to_author = [message for message in mail.outbox if author.email in message.to]
    assert to_author, [message.to for message in mail.outbox]
    assert "Say how the resident feels, not only the risk." in to_author[0].body


def test_a_superuser_can_approve(client, setup):
    organisation, scenario, author, lead = setup
    submit(client, author, scenario)
    act(client, superuser(), scenario, "approve")
    assert live_situation(scenario) == NEW_SITUATION


def test_the_task_describes_itself():
    assert "lived-experience lead" in str(LivedExperienceReviewTask.get_description())
    assert str(LivedExperienceReviewTask._meta.verbose_name) == "Lived-experience review"


def test_submitting_emails_the_lived_experience_leads_of_the_organisation_only(
    client, setup, django_capture_on_commit_callbacks
):
    organisation, scenario, author, lead = setup
    second_lead = member(Role.LIVED_EXPERIENCE_LEAD, organisation=organisation)
    elsewhere = member(Role.LIVED_EXPERIENCE_LEAD)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, author, scenario)

    review_emails = [m for m in mail.outbox if "review" in m.subject]
    assert sorted(address for m in review_emails for address in m.to) == sorted(
        [lead.email, second_lead.email]
    )
    assert elsewhere.email not in {address for m in mail.outbox for address in m.to}
    assert scenario.title in review_emails[0].subject
    assert f"/admin/pages/{scenario.pk}/edit/" in review_emails[0].body
