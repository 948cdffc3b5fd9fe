"""Module feedback: learners who completed a module rate it once (and may change it); the
organisation's authors and lived-experience leads read it beside the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.organisations.models import Role
from learning.learner import selectors, services
from learning.learner.models import ModuleCompletion, ModuleFeedback
from tests.cms.factories import ServiceFactory, member
from tests.learning.rows_learner import learning_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    service = ServiceFactory()
    _path, module, _scenario = learning_pages(service.organisation)
    return service, module, member(Role.STAFF, service=service)


def test_feedback_needs_a_completed_module(setting, client):
    _service, module, staff = setting
    client.force_login(staff)
    url = reverse("learning:module_feedback", args=[module.pk])
    response = client.post(url, {"clarity": 4, "relevance": 3})
    assert response.status_code == 302
    assert not ModuleFeedback.objects.exists()


def test_feedback_is_saved_sanitised_and_can_be_changed(setting, client):
    _service, module, staff = setting
    ModuleCompletion.objects.create(user=staff, module=module)
    client.force_login(staff)
    url = reverse("learning:module_feedback", args=[module.pk])

    response = client.post(
        url, {"clarity": 4, "relevance": 3, "comment": "Good <img src=x onerror=alert(1)>read"}
    )
    assert response.status_code == 302
    feedback = ModuleFeedback.objects.get()
    assert (feedback.clarity, feedback.relevance, feedback.comment) == (4, 3, "Good read")

    client.post(url, {"clarity": 5, "relevance": 5, "comment": ""})
    feedback = ModuleFeedback.objects.get()
    assert (feedback.clarity, feedback.relevance, feedback.comment) == (5, 5, "")


def test_bad_scores_are_refused_at_the_field(setting, client):
    _service, module, staff = setting
    ModuleCompletion.objects.create(user=staff, module=module)
    client.force_login(staff)
    response = client.post(reverse("learning:module_feedback", args=[module.pk]), {"clarity": 9})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in page or "from 1 to 5" in page
    assert "Choose how useful the module was, from 1 to 5." in page
    assert not ModuleFeedback.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.feedback_save(staff, module, 0, 3)
    assert list(refused.value.message_dict) == ["clarity"]


def test_authors_and_lived_experience_leads_read_the_feedback(setting, client):
    service, module, staff = setting
    services.feedback_save(staff, module, 4, 2, "Too <b>long</b>")
    services.feedback_save(member(Role.STAFF, service=service), module, 2, 4)
    summary = selectors.feedback_for_page(module)
    assert (summary.count, summary.clarity, summary.relevance) == (2, 3.0, 3.0)

    url = reverse("learning:feedback_list", args=[module.pk])
    organisation = service.organisation
    for role, status in (
        (Role.LEADER, 200),
        (Role.ORGANISATION_ADMIN, 200),
        (Role.LIVED_EXPERIENCE_LEAD, 200),
        (Role.STAFF, 403),
        (Role.SUPERVISOR, 403),
    ):
        client.force_login(member(role, organisation=organisation))
        response = client.get(url)
        assert response.status_code == status, role
    client.force_login(member(Role.LEADER))  # a leader of another organisation
    assert client.get(url).status_code == 403

    client.force_login(member(Role.LIVED_EXPERIENCE_LEAD, organisation=organisation))
    page = client.get(url).content.decode()
    assert "Too long" in page and "<b>" not in page
    assert staff.email not in page  # ratings are not shown against names


def test_the_admin_links_a_module_to_its_feedback(setting):
    from learning.learner.wagtail_hooks import module_feedback_button

    service, module, staff = setting
    leader = member(Role.LEADER, organisation=service.organisation)
    buttons = list(module_feedback_button(module, leader, "edit"))
    assert [b.url for b in buttons] == [reverse("learning:feedback_list", args=[module.pk])]
    assert list(module_feedback_button(module, staff, "edit")) == []
    assert list(module_feedback_button(module.get_parent(), leader, "edit")) == []
