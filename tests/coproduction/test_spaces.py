"""Spaces and their members: creating a space, privacy, adding and removing people, allies."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from cms.organisations.models import Role
from cms.pages.panels import home_panels, navigation_items
from coproduction.spaces import services
from coproduction.spaces.models import CoproductionSpace, SpaceMembership, SpaceRole
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory, member
from tests.coproduction.factories import (
    AgendaItemFactory,
    SpaceFactory,
    SpaceMembershipFactory,
    space_with,
)

pytestmark = pytest.mark.django_db


def test_a_lived_experience_lead_creates_a_space_and_leads_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    service = ServiceFactory(organisation=organisation)
    lead = member(Role.LIVED_EXPERIENCE_LEAD, organisation=organisation)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coproduction:space_create"),
            {
                "organisation": organisation.pk,
                "name": "Voices of Willow House",
                "purpose": "We choose what changes first.",
                "how_it_works": "Monthly meetings.",
                "accessibility_notes": "Easy read.",
                "service": service.pk,
                "lead": lead.pk,
            },
        )
    space = CoproductionSpace.objects.get()
    assert response.status_code == 302 and response["Location"] == space.get_absolute_url()
    assert space.slug == "voices-of-willow-house" and space.service == service
    assert space.members.get().user == lead and space.members.get().role == SpaceRole.LEAD
    [message] = mailoutbox
    assert message.to == [lead.email] and "Voices of Willow House" in message.subject


def test_an_organisation_admin_creates_a_space_for_a_lead_of_their_organisation(client):
    organisation = OrganisationFactory()
    admin = member(Role.ORGANISATION_ADMIN, organisation=organisation)
    lead = member(Role.LIVED_EXPERIENCE_LEAD, organisation=organisation)
    outsider_lead = member(Role.LIVED_EXPERIENCE_LEAD)
    client.force_login(admin)
    data = {"organisation": organisation.pk, "name": "Speak up", "purpose": "Us."}
    response = client.post(reverse("coproduction:space_create"), {**data, "lead": outsider_lead.pk})
    assert response.status_code == 400 and not CoproductionSpace.objects.exists()
    response = client.post(reverse("coproduction:space_create"), {**data, "lead": lead.pk})
    space = CoproductionSpace.objects.get()
    # The admin is not in the space, so they go back to the list.
    assert response["Location"] == reverse("coproduction:space_list")
    assert list(space.members.values_list("user", "role")) == [(lead.pk, SpaceRole.LEAD)]


def test_slugs_are_unique_within_an_organisation():
    lead = member(Role.LIVED_EXPERIENCE_LEAD)
    organisation = lead.memberships.get().organisation
    first = services.space_create(
        organisation=organisation, name="Our voice", purpose="x", lead=lead
    )
    second = services.space_create(
        organisation=organisation, name="Our voice", purpose="x", lead=lead
    )
    assert (first.slug, second.slug) == ("our-voice", "our-voice-2")


def test_the_space_list_shows_only_my_spaces_and_an_empty_state(client):
    mine = SpaceMembershipFactory(role=SpaceRole.MEMBER)
    SpaceFactory(name="Someone else's space")
    client.force_login(mine.user)
    response = client.get(reverse("coproduction:space_list"))
    assert mine.space.name in response.text and "Someone else" not in response.text
    client.force_login(UserFactory())
    assert "not in a co-production space yet" in client.get(reverse("coproduction:space_list")).text


def test_the_space_page_is_private_to_its_members(client):
    membership = SpaceMembershipFactory(role=SpaceRole.OBSERVER)
    space = membership.space
    url = space.get_absolute_url()
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    admin = member(Role.ORGANISATION_ADMIN, organisation=space.organisation)
    client.force_login(admin)
    assert client.get(url).status_code == 404
    client.force_login(membership.user)
    response = client.get(url)
    assert response.status_code == 200
    for text in (space.purpose, space.how_it_works, space.accessibility_notes):
        assert text in response.text


def test_the_lead_adds_people_of_the_organisation_only_and_each_gets_an_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    lead = SpaceMembershipFactory(role=SpaceRole.LEAD)
    space = lead.space
    colleague = member(Role.STAFF, organisation=space.organisation)
    stranger = member(Role.STAFF)
    client.force_login(lead.user)
    url = reverse("coproduction:space_members", args=[space.pk])
    response = client.post(url, {"user": stranger.pk, "role": SpaceRole.MEMBER})
    assert response.status_code == 400 and not space.members.filter(user=stranger).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"user": colleague.pk, "role": SpaceRole.STAFF_ALLY})
    assert response.status_code == 302
    assert space.members.get(user=colleague).role == SpaceRole.STAFF_ALLY
    [message] = mailoutbox
    assert message.to == [colleague.email] and space.get_absolute_url() in message.body


def test_the_welcome_email_is_sent_once(mailoutbox, django_capture_on_commit_callbacks):
    membership = SpaceMembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.welcome_email_send(membership.pk) is True
        assert services.welcome_email_send(membership.pk) is False
    assert len(mailoutbox) == 1


def test_the_lead_removes_a_member_after_confirming(client):
    lead = SpaceMembershipFactory(role=SpaceRole.LEAD)
    other = SpaceMembershipFactory(space=lead.space, role=SpaceRole.MEMBER)
    client.force_login(lead.user)
    url = reverse("coproduction:space_member_remove", args=[lead.space.pk, other.pk])
    response = client.get(url)
    assert "Yes, remove them" in response.text
    assert SpaceMembership.objects.filter(pk=other.pk).exists()
    client.post(url)
    assert not SpaceMembership.objects.filter(pk=other.pk).exists()


def test_the_last_lead_cannot_be_removed(client):
    lead = SpaceMembershipFactory(role=SpaceRole.LEAD)
    client.force_login(lead.user)
    url = reverse("coproduction:space_member_remove", args=[lead.space.pk, lead.pk])
    response = client.post(url)
    assert "at least one lead" in response.text
    assert SpaceMembership.objects.filter(pk=lead.pk).exists()
    with pytest.raises(ValidationError):
        services.member_add(lead.space, lead.user, SpaceRole.MEMBER)


def test_only_the_lead_toggles_whether_allies_may_propose(client):
    lead = SpaceMembershipFactory(role=SpaceRole.LEAD)
    space = lead.space
    ally = space_with(SpaceRole.STAFF_ALLY, space=space)
    assert not ally.has_perm("coproduction.add_agendaitem", space)
    url = reverse("coproduction:space_allies", args=[space.pk])
    client.force_login(ally)
    assert client.post(url, {"allies_may_propose_and_vote": "on"}).status_code == 403
    client.force_login(lead.user)
    client.post(url, {"allies_may_propose_and_vote": "on"})
    space.refresh_from_db()
    assert space.allies_may_propose_and_vote
    ally = type(ally).objects.get(pk=ally.pk)
    assert ally.has_perm("coproduction.add_agendaitem", space)
    client.post(url, {})
    space.refresh_from_db()
    assert not space.allies_may_propose_and_vote


def test_navigation_and_home_panel_only_for_people_in_a_space(client):

    item_owner = SpaceMembershipFactory(role=SpaceRole.MEMBER)

    AgendaItemFactory(space=item_owner.space, proposed_by=item_owner.user, title="More walks")
    request = RequestFactory().get("/")
    request.user = item_owner.user
    assert ("Co-production", reverse("coproduction:space_list")) in navigation_items(request)
    [panel] = [p for p in home_panels(request) if p.title == "Your co-production spaces"]
    assert "More walks: Proposed" in panel.items[0].label
    request.user = UserFactory()
    assert ("Co-production", reverse("coproduction:space_list")) not in navigation_items(request)
    assert not [p for p in home_panels(request) if p.title == "Your co-production spaces"]
