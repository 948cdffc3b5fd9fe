"""Agenda items: proposing, supporting, commenting, statuses (set by space leads only), merging
duplicates, telling the proposer, and assisted participation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.spaces import services
from coproduction.spaces.models import AgendaItem, AgendaItemSupport, AgendaStatusChange, SpaceRole
from tests.cms.factories import member
from tests.coproduction.factories import (
    AgendaItemFactory,
    SpaceMembershipFactory,
    space_with,
)

pytestmark = pytest.mark.django_db
Status = AgendaItem.Status


def _propose(client, space, **extra):
    data = {"title": "Later visits", "about": "Visits end at 6.", "why_it_matters": "Work."}
    return client.post(reverse("coproduction:agenda_item_create", args=[space.pk]), data | extra)


def test_a_member_proposes_an_item(client, space):
    person = space_with(SpaceRole.MEMBER, space=space)
    client.force_login(person)
    response = _propose(client, space, title="<b>Later</b> visits")
    item = AgendaItem.objects.get()
    assert response["Location"] == item.get_absolute_url()
    assert item.proposed_by == person and item.status == Status.PROPOSED
    assert "<b>" not in item.title


@pytest.mark.parametrize("role", [SpaceRole.STAFF_ALLY, SpaceRole.OBSERVER])
def test_allies_and_observers_may_not_propose(client, space, role):
    client.force_login(space_with(role, space=space))
    assert _propose(client, space).status_code == 403
    assert not AgendaItem.objects.exists()


def test_an_ally_proposes_when_the_lead_allows_it(client, space):
    space.allies_may_propose_and_vote = True
    space.save()
    client.force_login(space_with(SpaceRole.STAFF_ALLY, space=space))
    assert _propose(client, space).status_code == 302


def test_support_is_once_per_person_and_toggles(client, space):
    item = AgendaItemFactory(space=space)
    person = space_with(SpaceRole.MEMBER, space=space)
    client.force_login(person)
    url = reverse("coproduction:agenda_item_support", args=[space.pk, item.pk])
    client.post(url)
    assert AgendaItemSupport.objects.filter(item=item, user=person).count() == 1
    assert "Take back my support" in client.get(item.get_absolute_url()).text
    client.post(url)
    assert not AgendaItemSupport.objects.filter(item=item).exists()


def test_observers_read_but_may_not_support_or_comment(client, space):
    item = AgendaItemFactory(space=space)
    client.force_login(space_with(SpaceRole.OBSERVER, space=space))
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200 and "I support this" not in response.text
    assert "Add my comment" not in response.text
    args = [space.pk, item.pk]
    assert client.post(reverse("coproduction:agenda_item_support", args=args)).status_code == 403
    response = client.post(reverse("coproduction:agenda_item_comment", args=args), {"body": "x"})
    assert response.status_code == 403


def test_staff_allies_comment_and_comments_are_sanitised(client, space):
    item = AgendaItemFactory(space=space)
    ally = space_with(SpaceRole.STAFF_ALLY, space=space)
    client.force_login(ally)
    url = reverse("coproduction:agenda_item_comment", args=[space.pk, item.pk])
    client.post(url, {"body": "Good idea <script>alert(1)</script>"})
    comment = item.comments.get()
    assert comment.author == ally and "<script>" not in comment.body
    assert "<script>alert" not in client.get(item.get_absolute_url()).text


def test_the_lead_moves_an_item_along_and_the_proposer_is_told(
    client, space, lead, mailoutbox, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(space=space)
    client.force_login(lead)
    url = reverse("coproduction:agenda_item_status", args=[space.pk, item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": Status.SHORTLISTED})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.SHORTLISTED
    change = AgendaStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        Status.PROPOSED,
        Status.SHORTLISTED,
        lead,
    )
    [message] = mailoutbox
    assert message.to == [item.proposed_by.email]
    assert "the item you raised changed status" in message.subject.lower()
    assert "Shortlisted" in message.body


def test_the_full_path_to_closed_needs_an_outcome(lead, space):
    item = AgendaItemFactory(space=space)
    for status in (Status.SHORTLISTED, Status.ON_AGENDA, Status.DISCUSSED, Status.ACTION_AGREED):
        services.status_set(item, status, lead)
    with pytest.raises(ValidationError, match="outcome"):
        services.status_set(item, Status.CLOSED, lead)
    services.status_set(item, Status.CLOSED, lead, "Visits now run until 8.")
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.status_reason == "Visits now run until 8."
    assert item.status_changes.count() == 5
    with pytest.raises(ValidationError, match="cannot move"):
        services.status_set(item, Status.PROPOSED, lead)


def test_skipping_a_step_is_refused_with_a_clear_error(client, lead, space):
    item = AgendaItemFactory(space=space)
    with pytest.raises(ValidationError, match="“Proposed” cannot move to “Discussed”"):
        services.status_set(item, Status.DISCUSSED, lead)
    assert not item.status_changes.exists()


def test_not_taken_forward_needs_a_reason_the_proposer_sees(
    client, space, lead, mailoutbox, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(space=space)
    client.force_login(lead)
    url = reverse("coproduction:agenda_item_status", args=[space.pk, item.pk])
    response = client.post(url, {"status": Status.NOT_TAKEN_FORWARD})
    assert response.status_code == 400 and "Give the reason" in response.text
    item.refresh_from_db()
    assert item.status == Status.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": Status.NOT_TAKEN_FORWARD, "reason": "Already changed."})
    client.force_login(item.proposed_by)
    assert "Already changed." in client.get(item.get_absolute_url()).text
    assert "Already changed." in mailoutbox[0].body


@pytest.mark.parametrize("role", [SpaceRole.STAFF_ALLY, SpaceRole.MEMBER, SpaceRole.OBSERVER])
def test_members_who_are_not_leads_cannot_set_a_status(client, space, role):
    item = AgendaItemFactory(space=space)
    client.force_login(space_with(role, space=space))
    url = reverse("coproduction:agenda_item_status", args=[space.pk, item.pk])
    assert client.post(url, {"status": Status.SHORTLISTED}).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


@pytest.mark.parametrize("host_role", [Role.ORGANISATION_ADMIN, Role.LEADER])
def test_organisation_admins_and_leaders_cannot_set_a_status(client, space, host_role):
    item = AgendaItemFactory(space=space)
    url = reverse("coproduction:agenda_item_status", args=[space.pk, item.pk])
    outsider = member(host_role, organisation=space.organisation)
    client.force_login(outsider)
    assert client.post(url, {"status": Status.SHORTLISTED}).status_code == 404
    # Even as a staff ally of the space, a leader may not set a status.
    SpaceMembershipFactory(space=space, user=outsider, role=SpaceRole.STAFF_ALLY)
    client.force_login(outsider)
    assert client.post(url, {"status": Status.SHORTLISTED}).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def test_merging_carries_supports_over_without_counting_anyone_twice(lead, space, client):
    a, b = AgendaItemFactory(space=space), AgendaItemFactory(space=space, title="Visits")
    both, only_a = (space_with(SpaceRole.MEMBER, space=space) for _ in range(2))
    for person in (both, only_a):
        AgendaItemSupport.objects.create(item=a, user=person)
    AgendaItemSupport.objects.create(item=b, user=both)
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:agenda_item_merge", args=[space.pk, a.pk]), {"target": b.pk}
    )
    assert response["Location"] == b.get_absolute_url()
    assert set(b.supports.values_list("user", flat=True)) == {both.pk, only_a.pk}
    a.refresh_from_db()
    assert a.status == Status.NOT_TAKEN_FORWARD and a.merged_into == b
    assert a.status_reason == "Merged into “Visits”."
    assert a.status_changes.get().reason == a.status_reason


def test_a_merge_needs_another_open_item_of_the_same_space(lead, space):
    a = AgendaItemFactory(space=space)
    with pytest.raises(ValidationError):
        services.item_merge(a, a, lead)
    with pytest.raises(ValidationError):
        services.item_merge(a, AgendaItemFactory(), lead)


def test_the_status_email_is_sent_once(lead, space, mailoutbox, django_capture_on_commit_callbacks):
    item = AgendaItemFactory(space=space)
    services.status_set(item, Status.SHORTLISTED, lead)
    change = item.status_changes.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.status_change_email_send(change.pk) is True
        assert services.status_change_email_send(change.pk) is False
    assert len(mailoutbox) == 1


def test_an_ally_submits_an_item_for_a_member_who_asked(client, space):
    ally = space_with(SpaceRole.STAFF_ALLY, space=space, user__first_name="Ana")
    person = space_with(SpaceRole.MEMBER, space=space)
    client.force_login(ally)
    url = reverse("coproduction:agenda_item_submit_for", args=[space.pk])
    data = {
        "member": person.pk,
        "title": "Quiet room",
        "about": "Noise.",
        "why_it_matters": "Calm.",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and not AgendaItem.objects.exists()  # consent needed
    client.post(url, data | {"consent_note": "Asked me at the May meeting."})
    item = AgendaItem.objects.get()
    assert item.proposed_by == person and item.submitted_with_support_from == ally
    assert item.consent_note == "Asked me at the May meeting."
    client.force_login(person)
    assert "submitted with support from Ana" in client.get(item.get_absolute_url()).text


def test_items_may_be_submitted_only_for_members_of_the_space(client, space):
    ally = space_with(SpaceRole.STAFF_ALLY, space=space)
    outsider = space_with(SpaceRole.MEMBER)
    observer = space_with(SpaceRole.OBSERVER, space=space)
    client.force_login(ally)
    url = reverse("coproduction:agenda_item_submit_for", args=[space.pk])
    for person in (outsider, observer):
        data = {
            "member": person.pk,
            "title": "t",
            "about": "a",
            "why_it_matters": "w",
            "consent_note": "asked",
        }
        assert client.post(url, data).status_code == 400
    assert not AgendaItem.objects.exists()
