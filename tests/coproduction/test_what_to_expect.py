"""The "what to expect" pages of a service: seeded once (seeding again adds nothing), with the
five topics and the facts and sources they rest on, public to read, and created from the forum
page by its hosts or the organisation's admins."""

import pytest
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.what_to_expect.models import WhatToExpectIndexPage, WhatToExpectPage
from coproduction.what_to_expect.selectors import index_for_service
from coproduction.what_to_expect.services import seed_for_service
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories_forums import FamilyForumFactory, forum_host

pytestmark = pytest.mark.django_db

Topic = WhatToExpectPage.Topic


def _pages(index):
    return {page.topic: page for page in WhatToExpectPage.objects.child_of(index).live()}


def test_seeding_makes_an_index_and_the_five_topics_published(service):
    index = seed_for_service(service)
    assert index.live and index.service == service
    assert index.get_parent().specific_class.__name__ == "HomePage"
    assert set(_pages(index)) == set(Topic.values)


def test_seeding_again_adds_nothing_and_fills_gaps(service):
    index = seed_for_service(service)
    seed_for_service(service)
    assert WhatToExpectIndexPage.objects.filter(service=service).count() == 1
    assert WhatToExpectPage.objects.child_of(index).count() == 5
    _pages(index)[Topic.ADVOCACY].delete()
    seed_for_service(service)
    assert set(_pages(index)) == set(Topic.values)
    assert WhatToExpectPage.objects.child_of(index).count() == 5


def test_two_services_get_their_own_pages(service):
    other = ServiceFactory(name="Willow House")
    assert seed_for_service(service).pk != seed_for_service(other).pk
    assert index_for_service(other).service == other


@pytest.mark.parametrize(
    ("topic", "facts"),
    [
        (Topic.GOOD_CARE, ["regulation 9A", "Mental Capacity Act 2005", "closed culture"]),
        (Topic.FEES, ["Competition and Markets Authority", "fair and clear"]),
        (
            Topic.CONCERNS,
            ["Local Government and Social Care Ombudsman", "regulation 16", "12 months", "999"],
        ),
        (Topic.ADVOCACY, ["Care Act 2014, sections 67 and 68", "Independent Mental Capacity"]),
        (Topic.REGULATOR, ["Give feedback on care", "cqc.org.uk/give-feedback-on-care"]),
    ],
)
def test_each_page_has_its_facts_and_names_its_sources(client, service, topic, facts):
    page = _pages(seed_for_service(service))[topic]
    response = client.get(page.url)
    assert response.status_code == 200
    text = response.text
    for fact in facts:
        assert fact in text, fact
    assert text.count("Source:") >= 1
    assert page.summary in text or page.summary.replace("'", "&#x27;") in text


def test_the_service_is_named_and_the_index_lists_the_topics(client, service):
    index = seed_for_service(service)
    assert "Willow House" in _pages(index)[Topic.REGULATOR].summary
    response = client.get(index.url)
    assert response.status_code == 200
    for page in _pages(index).values():
        assert page.url in response.text


def test_a_host_creates_the_pages_from_the_forum(client):
    forum = FamilyForumFactory(service__name="Oak Lodge")
    client.force_login(forum_host(forum))
    url = reverse("coproduction:what_to_expect_seed", args=[forum.pk])
    response = client.post(url)
    index = index_for_service(forum.service)
    assert response.status_code == 302 and response["Location"] == index.url
    assert client.post(url)["Location"] == index.url
    assert WhatToExpectIndexPage.objects.count() == 1
    assert client.get(url).status_code == 405


def test_an_organisation_admin_outside_the_forum_may_create_them(client):
    forum = FamilyForumFactory()
    client.force_login(member(Role.ORGANISATION_ADMIN, organisation=forum.service.organisation))
    response = client.post(reverse("coproduction:what_to_expect_seed", args=[forum.pk]))
    assert response.status_code == 302
    assert index_for_service(forum.service) is not None


def test_another_organisations_admin_may_not(client):
    forum = FamilyForumFactory()
    client.force_login(member(Role.ORGANISATION_ADMIN))
    response = client.post(reverse("coproduction:what_to_expect_seed", args=[forum.pk]))
    assert response.status_code == 404
    assert index_for_service(forum.service) is None


# --- Facts no bundled source supports: marked for an author ------------------------------


def test_seeded_pages_carry_their_facts_to_check_and_the_editor_warns(service):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory
    from wagtail import hooks

    from coproduction.what_to_expect.services import FACTS_TO_CHECK
    from coproduction.what_to_expect.wagtail_hooks import warn_of_facts_to_check

    assert warn_of_facts_to_check in hooks.get_hooks("before_edit_page")
    pages = _pages(seed_for_service(service))
    assert {topic: page.facts_to_check for topic, page in pages.items()} == FACTS_TO_CHECK

    def warnings(page):
        request = RequestFactory().get("/admin/")
        request.session = {}
        request._messages = FallbackStorage(request)
        warn_of_facts_to_check(request, page.get_latest_revision_as_object())
        return [str(message) for message in get_messages(request)]

    fees = pages[Topic.FEES]
    assert "Check before relying on this page" in warnings(fees)[0]
    fees.facts_to_check = ""
    fees.save_revision().publish()
    assert warnings(fees) == []


def test_the_migration_marks_pages_seeded_before_it_and_keeps_an_authors_own_list(service):
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Revision

    from coproduction.what_to_expect.services import FACTS_TO_CHECK

    migration = import_module("coproduction.migrations.0008_what_to_expect_facts_to_check")
    pages = _pages(seed_for_service(service))
    for page in pages.values():  # as a site seeded before the box existed has them
        WhatToExpectPage.objects.filter(pk=page.pk).update(facts_to_check="")
        revision = Revision.objects.get(pk=page.latest_revision_id)
        revision.content.pop("facts_to_check")
        revision.save()
    WhatToExpectPage.objects.filter(pk=pages[Topic.FEES].pk).update(facts_to_check="Checked: X")

    migration.mark_existing_pages(apps, None)

    for topic, page in pages.items():
        page.refresh_from_db()
        expected = "Checked: X" if topic == Topic.FEES else FACTS_TO_CHECK[topic]
        assert page.facts_to_check == expected
        if topic != Topic.FEES:
            assert page.get_latest_revision_as_object().facts_to_check == expected
