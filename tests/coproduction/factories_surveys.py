"""Factories for the surveys part: a family survey of a forum, and anonymous responses."""

from datetime import timedelta

import factory
from django.utils import timezone

from coproduction.surveys.models import FamilySurvey, SurveyReceipt, SurveyResponse
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host


class FamilySurveyFactory(factory.django.DjangoModelFactory):
    """A survey that opened an hour ago and closes in two weeks, opened by a new host."""

    class Meta:
        model = FamilySurvey

    forum = factory.SubFactory(FamilyForumFactory)
    title = factory.Sequence(lambda n: f"Family survey {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    created_by = factory.LazyAttribute(lambda o: forum_host(o.forum))


def answer(survey, recommend, good="", better="", user=None):
    """A family's answer, written the way the service writes it: a receipt and a response."""
    user = user or forum_family(survey.forum)
    SurveyReceipt.objects.create(survey=survey, user=user)
    return SurveyResponse.objects.create(
        survey=survey, recommend=recommend, what_is_good=good, what_could_be_better=better
    )


__all__ = ["FamilySurveyFactory", "answer"]
