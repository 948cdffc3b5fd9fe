"""Issue 14: a person cannot report their own post (the link is not offered, the page refuses);
others in the forum still can."""

import pytest
from django.urls import reverse

from coproduction.questions import services
from coproduction.questions.models import PostReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(forum, family):
    thread = services.thread_start(forum, family, title="Garden", body="Can we sit outside?")
    return thread.posts.get()


def report_url(post):
    return reverse("coproduction:forum_post_report", args=[post.pk])


def test_the_author_is_not_offered_a_report_link_and_is_refused(client, post, family):
    client.force_login(family)
    thread = client.get(reverse("coproduction:forum_thread_detail", args=[post.thread_id]))
    assert report_url(post) not in thread.content.decode()
    assert client.get(report_url(post)).status_code == 403
    assert client.post(report_url(post), {"reason": "Mine."}).status_code == 403
    assert not PostReport.objects.exists()


def test_another_family_may_report_it(client, post, other_family):
    client.force_login(other_family)
    thread = client.get(reverse("coproduction:forum_thread_detail", args=[post.thread_id]))
    assert report_url(post) in thread.content.decode()
    assert client.get(report_url(post)).status_code == 200
