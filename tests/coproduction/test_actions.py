"""Actions and "you said, we did": creating actions from agenda items and feedback, completing
them with an outcome, the once-only email to the person who raised it, their answer, and who
may do each of these."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.spaces.models import SpaceRole
from coproduction.tracker import services, tasks
from coproduction.tracker.models import Action, OutcomeResponse
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, space_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    """A space of one service (the shared `space` belongs to none)."""
    service = ServiceFactory(name="Oak House")
    return SpaceFactory(organisation=service.organisation, service=service)


@pytest.fixture
def item(space):
    return AgendaItemFactory(space=space, title="Weekend visiting")


@pytest.fixture
def action(item, lead):
    return services.action_create_from_agenda_item(
        item, title="Longer weekend visiting hours", owner=lead, recommendation_themes=["rec_risk"]
    )


def test_action_from_agenda_item_records_its_raiser(action, item, space):
    assert action.raised_by == item.proposed_by
    assert (action.space, action.organisation, action.service) == (
        space,
        space.organisation,
        space.service,
    )
    assert action.status == Action.Status.OPEN
    assert [theme.key for theme in action.recommendation_themes.all()] == ["rec_risk"]


def test_action_from_feedback_has_no_raiser(space):
    feedback = services.feedback_record(
        channel="concern", giver_role="family", service=space.service, text="Visits cut short."
    )
    action = services.action_create_from_feedback(feedback, title="Review visiting")
    assert action.raised_by is None and action.feedback_item == feedback
    assert action.service == space.service and action.space is None


def test_an_action_has_at_most_one_source(action, space):
    feedback = services.feedback_record(
        channel="forum", giver_role="family", service=space.service, text="Hello"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(feedback_item=feedback)


def test_done_needs_an_outcome(action):
    with pytest.raises(ValidationError):
        services.action_complete(action, outcome="   ")
    with pytest.raises(ValidationError):
        services.action_update(action, status=Action.Status.DONE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(status=Action.Status.DONE)
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_complete_publishes_and_emails_the_raiser_once(
    action, item, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.action_complete(action, outcome="Visiting is now 10am to 8pm <b>every</b> day.")
    action.refresh_from_db()
    assert action.is_done and action.outcome_published_at is not None
    assert action.outcome == "Visiting is now 10am to 8pm every day."
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [item.proposed_by.email]
    assert "Weekend visiting" in message.subject
    assert reverse("coproduction:action_respond", args=[action.pk]) in message.body

    # The task may run twice (a retry, a second worker): still one email.
    assert tasks.send_outcome_email(action.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        services.action_complete(action, outcome="Visiting is now 10am to 8pm every day.")
    assert len(mailoutbox) == 1


def test_no_email_without_a_raiser(space, django_capture_on_commit_callbacks, mailoutbox):
    feedback = services.feedback_record(
        channel="speak_up", giver_role="staff", service=space.service, text="Rota unfair."
    )
    action = services.action_create_from_feedback(feedback, title="Review the rota")
    with django_capture_on_commit_callbacks(execute=True):
        services.action_complete(action, outcome="Shifts are shared out fairly now.")
    assert mailoutbox == []


def test_only_the_raiser_answers_and_the_answer_is_shown(action, item, lead, client):
    services.action_complete(action, outcome="Visiting is longer now.")
    url = reverse("coproduction:action_respond", args=[action.pk])
    other_member = space_with(SpaceRole.MEMBER, action.space)
    for person in (lead, other_member):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"addressed": "no"}).status_code == 403
    with pytest.raises(ValidationError):
        services.outcome_respond(action, lead, addressed="yes")

    client.force_login(item.proposed_by)
    response = client.post(url, {"addressed": "partly", "comment": "Better, not on <i>Sundays</i>"})
    assert response.status_code == 302
    answer = OutcomeResponse.objects.get(action=action)
    assert (answer.addressed, answer.comment) == ("partly", "Better, not on Sundays")

    page = client.get(reverse("coproduction:space_you_said_we_did", args=[action.space_id]))
    content = page.content.decode()
    assert "Visiting is longer now." in content
    assert "Addressed it: partly" in content and "Better, not on Sundays" in content

    service_page = client.get(
        reverse("coproduction:service_you_said_we_did", args=[action.space.service_id])
    )
    assert "Addressed it: partly" in service_page.content.decode()


def test_the_raiser_cannot_answer_before_it_is_done(action, item, client):
    client.force_login(item.proposed_by)
    assert client.get(reverse("coproduction:action_respond", args=[action.pk])).status_code == 403


def test_lead_creates_edits_and_completes_through_the_pages(item, lead, client):
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:action_create_from_agenda_item", args=[item.pk]),
        {"title": "Ask families which hours suit", "owner": lead.pk, "due_on": "2026-12-31"},
    )
    action = Action.objects.get()
    assert response.status_code == 302 and action.raised_by == item.proposed_by

    edit = reverse("coproduction:action_edit", args=[action.pk])
    response = client.post(edit, {"title": "Ask families", "status": "in_progress"})
    action.refresh_from_db()
    assert (action.title, action.status) == ("Ask families", "in_progress")
    # "Done" is not offered on the edit form: it needs an outcome.
    response = client.post(edit, {"title": "Ask families", "status": "done"})
    assert response.status_code == 400 and "status" in response.context["form"].errors

    complete = reverse("coproduction:action_complete", args=[action.pk])
    response = client.post(complete, {"outcome": ""})
    assert response.status_code == 400 and "outcome" in response.context["form"].errors
    response = client.post(complete, {"outcome": "We asked 20 families; visiting is longer."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_done


def test_who_may_act_on_a_space_action(action, space, client):
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    leader = member(Role.LEADER, organisation=space.organisation)
    elsewhere_lead = space_with(SpaceRole.LEAD)
    for person in (ally, leader, elsewhere_lead):
        client.force_login(person)
        for name in ("action_edit", "action_complete"):
            assert client.get(reverse(f"coproduction:{name}", args=[action.pk])).status_code == 403
        item_url = reverse(
            "coproduction:action_create_from_agenda_item", args=[action.agenda_item_id]
        )
        assert client.get(item_url).status_code == 403
    # A member of another space of the organisation does not see this space's page.
    client.force_login(elsewhere_lead)
    url = reverse("coproduction:space_you_said_we_did", args=[space.pk])
    assert client.get(url).status_code == 403


def test_tracker_people_of_another_organisation_are_refused(space, client):
    feedback = services.feedback_record(
        channel="forum", giver_role="family", service=space.service, text="Hello"
    )
    action = services.action_create_from_feedback(feedback, title="Review")
    outsider = member(Role.LEADER, service=ServiceFactory())
    client.force_login(outsider)
    for url in (
        reverse("coproduction:action_create_from_feedback", args=[feedback.pk]),
        reverse("coproduction:action_edit", args=[action.pk]),
        reverse("coproduction:action_complete", args=[action.pk]),
        reverse("coproduction:service_you_said_we_did", args=[space.service_id]),
    ):
        assert client.get(url).status_code == 403, url
    # Their own tracker shows nothing of this organisation.
    response = client.get(reverse("coproduction:feedback_list"))
    assert response.status_code == 200 and "Hello" not in response.content.decode()
    response = client.get(
        reverse("coproduction:feedback_list"), {"organisation": space.organisation_id}
    )
    assert response.status_code == 403


def test_indicators_closure_time_and_addressed_rate(space, lead):
    from datetime import timedelta

    from django.utils import timezone

    from cms.indicators import get_indicator

    now = timezone.now()
    start, end = now - timedelta(days=30), now + timedelta(minutes=1)
    actions = []
    for number in range(6):
        item = AgendaItemFactory(space=space)
        actions.append(services.action_create_from_agenda_item(item, title=f"Action {number}"))
    for action, answer in zip(actions[:5], ("yes", "yes", "yes", "partly", "no"), strict=True):
        services.action_complete(action, outcome="Done.")
        services.outcome_respond(action, action.raised_by, addressed=answer)

    closure = get_indicator("action_closure_rate")(space.service, start, end)
    assert (closure.value, closure.people) == (83.3, 6)
    addressed = get_indicator("outcome_addressed_rate")(space.service, start, end)
    assert (addressed.value, addressed.people) == (60.0, 5)
    days = get_indicator("action_days_to_outcome")(space.service, start, end)
    assert days.people == 5 and days.value is not None and days.value < 1
    other = get_indicator("action_closure_rate")(ServiceFactory(), start, end)
    assert (other.value, other.shown()) == (None, None)


def test_actions_of_an_organisation_wide_space_count_for_each_of_its_services(space):
    from datetime import timedelta

    from django.utils import timezone

    from cms.indicators import get_indicator

    whole_organisation = SpaceFactory(organisation=space.organisation, service=None)
    now = timezone.now()
    start, end = now - timedelta(days=30), now + timedelta(minutes=1)
    for number in range(5):
        item = AgendaItemFactory(space=whole_organisation)
        action = services.action_create_from_agenda_item(item, title=f"Action {number}")
        if number < 4:
            services.action_complete(action, outcome="Done.")

    sister_service = ServiceFactory(organisation=space.organisation)
    for service in (space.service, sister_service):
        closure = get_indicator("action_closure_rate")(service, start, end)
        assert (closure.value, closure.people) == (80.0, 5)
    elsewhere = get_indicator("action_closure_rate")(ServiceFactory(), start, end)
    assert elsewhere.people == 0
