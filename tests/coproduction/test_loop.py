"""Closing the loop: actions agreed from a priority round's result, the agenda item moving to
"action agreed" when an action is agreed, editing a space, and re-tagging feedback; with who
may and may not do each."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.rounds import services as round_services
from coproduction.spaces import services as space_services
from coproduction.spaces.models import AgendaItem, AgendaStatusChange, SpaceRole
from coproduction.tracker import services
from coproduction.tracker.models import Action
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, space_with

pytestmark = pytest.mark.django_db

Status = AgendaItem.Status


@pytest.fixture
def space():
    """A space of one service, Oak House (the shared `space` belongs to none)."""
    service = ServiceFactory(name="Oak House")
    return SpaceFactory(organisation=service.organisation, service=service)


def _round(space, lead, *, publish=True, title="What first?"):
    items = [
        AgendaItemFactory(space=space, status=Status.SHORTLISTED, title=f"Item {n}")
        for n in range(2)
    ]
    now = timezone.now()
    priority_round = round_services.round_open(
        space,
        lead,
        title=title,
        method="approval",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        agenda_items=items,
    )
    if publish:
        round_services.round_close_and_publish(priority_round, lead, early=True)
        priority_round.refresh_from_db()
    return priority_round


def _action_url(priority_round, round_item=None):
    round_item = round_item or priority_round.items.order_by("pk").first()
    return reverse(
        "coproduction:action_create_from_round_result", args=[priority_round.pk, round_item.pk]
    )


# --- Actions from a round's result ----------------------------------------------------------


def test_the_lead_agrees_an_action_from_a_result_row(client, space, lead):
    priority_round = _round(space, lead, title="Spring priorities")
    round_item = priority_round.items.order_by("pk").first()
    client.force_login(lead)

    page = client.get(priority_round.get_absolute_url()).content.decode()
    assert _action_url(priority_round, round_item) in page
    assert "Agree an action" in page

    url = _action_url(priority_round, round_item)
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert "From the priority round “Spring priorities”" in form_page.content.decode()

    response = client.post(url, {"title": "Ask families which hours suit", "owner": lead.pk})
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("coproduction:action_edit", args=[action.pk])
    assert action.priority_round == priority_round
    assert action.agenda_item == round_item.agenda_item
    assert action.raised_by == round_item.agenda_item.proposed_by
    assert (action.space, action.owner) == (space, lead)

    # The round page lists the action on its row.
    page = client.get(priority_round.get_absolute_url()).content.decode()
    assert "Ask families which hours suit" in page

    # "You said, we did" says where the action came from, while open and once done.
    you_said = reverse("coproduction:space_you_said_we_did", args=[space.pk])
    assert "from the priority round “Spring priorities”" in client.get(you_said).content.decode()
    services.action_complete(action, outcome="Visiting is now 10am to 8pm.")
    content = client.get(you_said).content.decode()
    assert "From the priority round “Spring priorities”" in content
    service_page = reverse("coproduction:service_you_said_we_did", args=[space.service_id])
    assert (
        "From the priority round “Spring priorities”" in client.get(service_page).content.decode()
    )


def test_a_form_error_is_shown_at_its_field(client, space, lead):
    priority_round = _round(space, lead)
    client.force_login(lead)
    response = client.post(_action_url(priority_round), {"title": "", "due_on": "not a date"})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"title", "due_on"}
    assert not Action.objects.exists()


def test_no_action_from_a_round_that_is_not_published(client, space, lead):
    priority_round = _round(space, lead, publish=False)
    client.force_login(lead)
    assert client.get(_action_url(priority_round)).status_code == 404
    assert client.post(_action_url(priority_round), {"title": "Too soon"}).status_code == 404
    assert "Agree an action" not in client.get(priority_round.get_absolute_url()).content.decode()
    assert not Action.objects.exists()
    with pytest.raises(ValidationError):
        services.action_create_from_agenda_item(
            priority_round.items.first().agenda_item,
            title="Too soon",
            priority_round=priority_round,
        )


def test_the_round_item_must_be_of_that_round(client, space, lead):
    first, second = _round(space, lead), _round(space, lead)
    client.force_login(lead)
    url = _action_url(first, second.items.first())
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError):
        services.action_create_from_agenda_item(
            second.items.first().agenda_item, title="Mixed up", priority_round=first
        )


def test_an_action_from_a_round_names_its_item():
    """The database refuses an action that says it answers a round but names no item."""
    action = services.action_create_from_feedback(
        services.feedback_record(
            channel="forum", giver_role="family", service=ServiceFactory(), text="Hello"
        ),
        title="Review",
    )
    space = SpaceFactory()
    priority_round = _round(space, space_with(SpaceRole.LEAD, space))
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(priority_round=priority_round)


@pytest.mark.parametrize("role", [SpaceRole.MEMBER, SpaceRole.STAFF_ALLY, SpaceRole.OBSERVER])
def test_members_who_are_not_the_lead_are_refused(client, space, lead, role):
    priority_round = _round(space, lead)
    person = space_with(role, space)
    client.force_login(person)
    assert "Agree an action" not in client.get(priority_round.get_absolute_url()).content.decode()
    assert client.get(_action_url(priority_round)).status_code == 403
    assert client.post(_action_url(priority_round), {"title": "Mine"}).status_code == 403
    assert not Action.objects.exists()


def test_people_outside_the_space_do_not_find_it(client, space, lead):
    priority_round = _round(space, lead)
    url = _action_url(priority_round)
    other_lead = space_with(SpaceRole.LEAD)  # a lead of a space of another organisation
    admin = member(Role.ORGANISATION_ADMIN, organisation=space.organisation)
    for person in (other_lead, admin):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Not mine"}).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Action.objects.exists()


# --- The item moves to "action agreed" ------------------------------------------------------


def _walk(item, lead, *statuses):
    for status in statuses:
        space_services.status_set(item, status, lead)
    item.refresh_from_db()
    return item


def test_agreeing_an_action_on_a_discussed_item_moves_it_on(
    space, lead, mailoutbox, django_capture_on_commit_callbacks
):
    item = _walk(
        AgendaItemFactory(space=space), lead, Status.SHORTLISTED, Status.ON_AGENDA, Status.DISCUSSED
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.action_create_from_agenda_item(item, title="Longer visits", by=lead)
    item.refresh_from_db()
    assert item.status == Status.ACTION_AGREED
    change = item.status_changes.order_by("pk").last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        Status.DISCUSSED,
        Status.ACTION_AGREED,
        lead,
    )
    assert change.reason == "An action was agreed: Longer visits"
    # The proposer is told, as of every change.
    assert [message.to for message in mailoutbox] == [[item.proposed_by.email]]
    assert "An action was agreed: Longer visits" in mailoutbox[0].body

    # A second action leaves it where it is, with no new change.
    services.action_create_from_agenda_item(item, title="And a leaflet", by=lead)
    assert item.status_changes.count() == 4


@pytest.mark.parametrize(
    "path", [(), (Status.SHORTLISTED,), (Status.SHORTLISTED, Status.ON_AGENDA)]
)
def test_an_item_earlier_in_the_flow_is_left_where_it_is(space, lead, path):
    item = _walk(AgendaItemFactory(space=space), lead, *path)
    before = item.status
    action = services.action_create_from_agenda_item(item, title="Longer visits", by=lead)
    item.refresh_from_db()
    assert action.pk and item.status == before
    assert item.status_changes.count() == len(path)


def test_without_an_acting_lead_the_status_is_not_touched(space, lead):
    item = _walk(
        AgendaItemFactory(space=space), lead, Status.SHORTLISTED, Status.ON_AGENDA, Status.DISCUSSED
    )
    services.action_create_from_agenda_item(item, title="Seeded")
    item.refresh_from_db()
    assert item.status == Status.DISCUSSED


def test_the_page_says_whether_the_item_moved_on(client, space, lead):
    discussed = _walk(
        AgendaItemFactory(space=space, title="Visits"),
        lead,
        Status.SHORTLISTED,
        Status.ON_AGENDA,
        Status.DISCUSSED,
    )
    proposed = AgendaItemFactory(space=space, title="Garden")
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:action_create_from_agenda_item", args=[discussed.pk]),
        {"title": "Longer visits"},
        follow=True,
    )
    assert "“Visits” is now “Action agreed”." in response.content.decode()
    discussed.refresh_from_db()
    assert discussed.status == Status.ACTION_AGREED

    response = client.post(
        reverse("coproduction:action_create_from_agenda_item", args=[proposed.pk]),
        {"title": "Plant a garden"},
        follow=True,
    )
    assert "“Garden” is still “Proposed”" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == Status.PROPOSED


def test_an_action_from_a_round_leaves_a_shortlisted_item_shortlisted(client, space, lead):
    priority_round = _round(space, lead)
    round_item = priority_round.items.order_by("pk").first()
    client.force_login(lead)
    response = client.post(_action_url(priority_round, round_item), {"title": "Go"}, follow=True)
    assert "is still “Shortlisted”" in response.content.decode()
    assert not AgendaStatusChange.objects.filter(item=round_item.agenda_item).exists()


# --- Editing a space ------------------------------------------------------------------------


def _edit_data(**overrides):
    return {
        "name": "Oak House voices",
        "purpose": "We decide what changes <b>first</b>.",
        "how_it_works": "Monthly, on Tuesdays.",
        "accessibility_notes": "Quiet room.",
        "service": "",
        **overrides,
    }


def test_the_lead_edits_the_space(client, space, lead):
    slug = space.slug
    client.force_login(lead)
    detail = client.get(space.get_absolute_url()).content.decode()
    url = reverse("coproduction:space_edit", args=[space.pk])
    assert url in detail

    form = client.get(url).context["form"]
    assert form["name"].value() == space.name and form["service"].value() == space.service_id

    other_service = ServiceFactory(organisation=space.organisation, name="Elm Lodge")
    response = client.post(url, _edit_data(service=other_service.pk))
    assert response.status_code == 302 and response["Location"] == space.get_absolute_url()
    space.refresh_from_db()
    assert (space.name, space.purpose, space.how_it_works, space.accessibility_notes) == (
        "Oak House voices",
        "We decide what changes first.",
        "Monthly, on Tuesdays.",
        "Quiet room.",
    )
    assert space.service == other_service and space.slug == slug

    client.post(url, _edit_data())
    space.refresh_from_db()
    assert space.service is None  # a space for the whole organisation


def test_bad_input_is_shown_at_its_field_and_nothing_changes(client, space, lead):
    client.force_login(lead)
    url = reverse("coproduction:space_edit", args=[space.pk])
    elsewhere = ServiceFactory()
    response = client.post(url, _edit_data(name="", service=elsewhere.pk))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "service"}
    assert "Monthly, on Tuesdays." in response.content.decode()  # what was typed is kept
    before = space.name
    space.refresh_from_db()
    assert space.name == before and space.service.name == "Oak House"
    with pytest.raises(ValidationError):
        space_services.space_update(space, service=elsewhere)


@pytest.mark.parametrize("role", [SpaceRole.MEMBER, SpaceRole.STAFF_ALLY, SpaceRole.OBSERVER])
def test_other_members_may_not_edit(client, space, lead, role):
    person = space_with(role, space)
    client.force_login(person)
    url = reverse("coproduction:space_edit", args=[space.pk])
    assert url not in client.get(space.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url, _edit_data()).status_code == 403
    space.refresh_from_db()
    assert space.name != "Oak House voices"


def test_people_outside_the_space_may_not_edit(client, space, lead):
    url = reverse("coproduction:space_edit", args=[space.pk])
    for person in (
        space_with(SpaceRole.LEAD),  # another organisation's lead
        member(Role.ORGANISATION_ADMIN, organisation=space.organisation),
        member(Role.LIVED_EXPERIENCE_LEAD, organisation=space.organisation),
    ):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, _edit_data()).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    space.refresh_from_db()
    assert space.name != "Oak House voices"


# --- Re-tagging feedback --------------------------------------------------------------------


@pytest.fixture
def feedback(space):
    return services.feedback_record(
        channel="forum",
        giver_role="family",
        service=space.service,
        text="Nobody listens when we raise things.",
        themes=["hm_not_listening"],
    )


def _theme_pks(*keys):
    from coproduction.tracker.models import Theme

    return [theme.pk for theme in Theme.objects.filter(key__in=keys)]


def test_a_leader_changes_the_themes(client, space, feedback):
    leader = member(Role.LEADER, organisation=space.organisation)
    client.force_login(leader)
    listing = client.get(reverse("coproduction:feedback_list")).content.decode()
    url = reverse("coproduction:feedback_themes", args=[feedback.pk])
    assert url in listing

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["themes"].value() == _theme_pks("hm_not_listening")

    response = client.post(url, {"themes": _theme_pks("hm_no_compassion", "harm_practice")})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?organisation={space.organisation_id}")
    assert {theme.key for theme in feedback.themes.all()} == {"hm_no_compassion", "harm_practice"}

    # Unticking every theme clears them.
    client.post(url, {})
    assert not feedback.themes.exists()


def test_a_recommendation_is_not_a_feedback_theme(client, space, feedback):
    client.force_login(member(Role.FORUM_HOST, service=space.service))
    url = reverse("coproduction:feedback_themes", args=[feedback.pk])
    response = client.post(url, {"themes": _theme_pks("rec_risk")})
    assert response.status_code == 400 and "themes" in response.context["form"].errors
    assert [theme.key for theme in feedback.themes.all()] == ["hm_not_listening"]


def test_others_may_not_change_the_themes(client, space, lead, feedback):
    url = reverse("coproduction:feedback_themes", args=[feedback.pk])
    for person in (
        member(Role.LEADER, service=ServiceFactory()),  # another organisation's leader
        lead,  # the space's lead: not a tracker person
        member(Role.STAFF, organisation=space.organisation, service=space.service),
    ):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"themes": _theme_pks("hm_no_compassion")}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert [theme.key for theme in feedback.themes.all()] == ["hm_not_listening"]
