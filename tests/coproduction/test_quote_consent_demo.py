"""Consent for quotes in the demo, after the whole of `load_demo`: the evidence ledger finds a
handful of quotes at Elm Court and at Willow House (not every piece of feedback: most people
said nothing, which is no), none of them a speak-up case's, and the demo family member sees
their own consented question with the button to take it back."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Service
from coproduction.demo import forums, history
from coproduction.tracker.models import FeedbackItem
from coproduction.tracker.selectors import QuoteSource, quotable_words
from tests.loading import loaded_once_per_module, whole_demo

pytestmark = pytest.mark.django_db

loaded = loaded_once_per_module(whole_demo)


def last_year(name):
    service = Service.objects.get(name=name, organisation__slug=history.ORGANISATION)
    today = timezone.localdate()
    return quotable_words(service, today - datetime.timedelta(days=366), today)


@pytest.mark.parametrize("name", [history.ELM_COURT, history.WILLOW_HOUSE])
def test_each_home_has_a_handful_of_quotes_from_more_than_one_source(loaded, name):
    quotes = last_year(name)
    assert 3 <= len(quotes) <= 15
    assert len({quote.source for quote in quotes}) >= 2
    words = FeedbackItem.objects.filter(service__name=name).count()
    assert len(quotes) < words / 2  # a handful, not all


def test_no_demo_quote_is_a_speak_up_case(loaded):
    assert not FeedbackItem.objects.filter(channel=FeedbackItem.Channel.SPEAK_UP, may_quote=True)
    quotes = last_year(history.ELM_COURT)
    assert {quote.source for quote in quotes} >= {QuoteSource.SURVEY, QuoteSource.CONCERN}


def test_the_demo_family_member_can_take_back_their_consent(loaded, client):
    family = get_user_model().objects.get(email=forums.FAMILY)
    forum = Service.objects.get(name=history.WILLOW_HOUSE).family_forum
    client.force_login(family)
    html = client.get(reverse("coproduction:forum_questions", args=[forum.pk])).content.decode()
    assert "You said we may quote this question in reports" in html
