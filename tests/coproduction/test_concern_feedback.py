"""Issue 14, point 5: safeguarding actions say what they did. Acknowledging a concern and moving
its status show a confirmation in the layout's status region, the "acknowledge by" deadline goes
once it is met, and the outcome box says when it is needed instead of calling itself optional."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.concerns.models import Concern
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories_concerns import ConcernFactory

pytestmark = pytest.mark.django_db

Status = Concern.Status


@pytest.fixture
def service():
    return ServiceFactory(name="Oak House", organisation=OrganisationFactory(name="Oak Care"))


@pytest.fixture
def lead(service):
    return member(Role.SAFEGUARDING_LEAD, organisation=service.organisation, email="sl@example.org")


def status_region(html):
    """The text of the layout's status region (Django messages that are not errors)."""
    match = re.search(r'<div class="messages" role="status">(.*?)</div>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""


def test_acknowledging_confirms_it_and_the_deadline_goes(client, service, lead):
    concern = ConcernFactory(
        service=service, acknowledge_by=timezone.now() + timezone.timedelta(hours=20)
    )
    client.force_login(lead)
    before = client.get(concern.get_absolute_url()).content.decode()
    assert "<dt>Acknowledge by</dt>" in before

    url = reverse("coproduction:concern_acknowledge", args=[concern.pk])
    page = client.post(url, follow=True).content.decode()

    assert f"Done: Concern {concern.reference} is acknowledged." in status_region(page)
    assert "<dt>Acknowledge by</dt>" not in page
    assert "<dt>Acknowledged</dt>" in page


def test_a_status_change_is_confirmed(client, service, lead):
    concern = ConcernFactory(service=service, status=Status.ACKNOWLEDGED)
    client.force_login(lead)
    url = reverse("coproduction:concern_status", args=[concern.pk])

    page = client.post(url, {"status": "looking_into"}, follow=True).content.decode()

    assert f"Concern {concern.reference} is now “Being looked into”." in status_region(page)


def test_sharing_the_outcome_is_confirmed_with_who_hears_of_it(client, service, lead):
    concern = ConcernFactory(service=service, status=Status.LOOKING_INTO)
    client.force_login(lead)
    url = reverse("coproduction:concern_status", args=[concern.pk])

    page = client.post(
        url, {"status": "outcome_shared", "outcome": "The call bells were fixed."}, follow=True
    ).content.decode()

    region = status_region(page)
    assert "is now “Outcome shared”" in region
    assert "shared with the person who raised it" in region


def test_the_outcome_box_says_when_it_is_needed_and_why(client, service, lead):
    concern = ConcernFactory(service=service, status=Status.LOOKING_INTO)
    client.force_login(lead)
    page = client.get(reverse("coproduction:concern_status", args=[concern.pk])).content.decode()

    label = re.search(r'<label[^>]*for="id_outcome"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert "(needed to share the outcome)" in label
    assert "optional" not in label
    assert "never closed until its outcome is fed back" in page


def test_an_outcome_written_with_another_status_is_not_dropped_silently(client, service, lead):
    concern = ConcernFactory(service=service, status=Status.ACKNOWLEDGED)
    client.force_login(lead)
    url = reverse("coproduction:concern_status", args=[concern.pk])

    response = client.post(url, {"status": "looking_into", "outcome": "We retrained staff."})

    assert response.status_code == 400
    assert "kept only when you choose “Outcome shared”" in response.content.decode()
    concern.refresh_from_db()
    assert concern.status == Status.ACKNOWLEDGED


def test_once_the_outcome_is_shared_there_is_no_outcome_box(client, service, lead):
    concern = ConcernFactory(service=service, status=Status.OUTCOME_SHARED, outcome="Fixed.")
    client.force_login(lead)
    url = reverse("coproduction:concern_status", args=[concern.pk])

    assert 'name="outcome"' not in client.get(url).content.decode()
    page = client.post(url, {"status": "closed"}, follow=True).content.decode()
    assert f"Concern {concern.reference} is now “Closed”." in status_region(page)
