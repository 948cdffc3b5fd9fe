"""Feedback by theme and by channel, as indicators for the listening dashboard: one indicator per
channel and per theme of the taxonomy, counting a service's feedback by whole calendar months
only (anonymous channels must not be placed on a day), each piece standing for one voice."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.indicators import MIN_PEOPLE, all_indicators, get_indicator
from coproduction.tracker.models import FeedbackItem, Theme
from coproduction.tracker.seeds import THEMES
from coproduction.tracker.services import feedback_record
from tests.cms.factories import ServiceFactory

pytestmark = pytest.mark.django_db

THEME_KEYS = {key for entries in THEMES.values() for key, _label in entries}


def local(year, month, day, hour=0):
    """A moment in UK time (the site's time zone)."""
    return timezone.make_aware(datetime(year, month, day, hour))


# April to June 2026, in UK time.
Q2_START, Q2_END = local(2026, 4, 1), local(2026, 7, 1)


def record(service, received_on, channel="forum", themes=("hm_not_listening",)):
    return feedback_record(
        channel=channel,
        giver_role=FeedbackItem.GiverRole.FAMILY,
        service=service,
        text="Nobody called me back.",
        themes=themes,
        received_on=received_on,
    )


def figure(key, service, start=Q2_START, end=Q2_END):
    value = get_indicator(key)(service, start, end)
    return value.value, value.people, value.shown()


def test_the_theme_constant_matches_the_seeded_themes():
    # The registry takes its keys from code at import time; the migration seeds the rows.
    assert set(Theme.objects.values_list("key", flat=True)) == THEME_KEYS


def test_one_indicator_per_channel_and_per_theme():
    registered = {indicator.key: indicator for indicator in all_indicators()}
    channel_keys = {key for key in registered if key.startswith("feedback_channel:")}
    theme_keys = {key for key in registered if key.startswith("feedback_theme:")}
    assert channel_keys == {f"feedback_channel:{c.value}" for c in FeedbackItem.Channel}
    assert theme_keys == {f"feedback_theme:{key}" for key in THEME_KEYS}
    stigma = registered["feedback_theme:harm_stigma"]
    assert stigma.label == "Feedback by theme: Stigma and discrimination"
    assert stigma.good_direction == "either"
    assert stigma.labels["stream"] == "people and families" and stigma.labels["pel"]
    assert registered["feedback_channel:forum"].label == "Feedback by channel: Family forum"
    assert registered["feedback_channel:forum"].min_people == MIN_PEOPLE
    # Speak-up is staff voice: a higher floor (INDICATORS.md section G).
    assert registered["feedback_channel:speak_up"].min_people == 10


def test_counts_per_channel_and_per_theme_in_the_period(service):
    other = ServiceFactory(organisation=service.organisation)
    for day in (date(2026, 4, 1), date(2026, 5, 9), date(2026, 6, 30)):
        record(service, day, "forum", ["hm_not_listening", "harm_stigma"])
    record(service, date(2026, 5, 20), "forum", ["hm_not_listening"])
    record(service, date(2026, 5, 21), "survey", ["hm_not_listening"])
    record(service, date(2026, 6, 2), "speak_up", ["harm_stigma"])
    record(service, date(2026, 6, 3), "complaint", [])
    # Outside the quarter: the day before and the day after.
    record(service, date(2026, 3, 31), "forum", ["hm_not_listening"])
    record(service, date(2026, 7, 1), "survey", ["hm_not_listening"])
    # Another service of the same organisation.
    for _ in range(4):
        record(other, date(2026, 5, 10), "forum", ["hm_not_listening"])

    assert figure("feedback_channel:forum", service) == (4, 4, None)
    assert figure("feedback_channel:survey", service) == (1, 1, None)
    assert figure("feedback_channel:speak_up", service) == (1, 1, None)
    assert figure("feedback_channel:complaint", service) == (1, 1, None)
    assert figure("feedback_channel:advocacy", service) == (0, 0, None)
    # 3 forum + 1 forum + 1 survey; a piece tagged twice counts once for each of its themes.
    assert figure("feedback_theme:hm_not_listening", service) == (5, 5, 5)
    assert figure("feedback_theme:harm_stigma", service) == (4, 4, None)
    assert figure("feedback_theme:rec_advocacy", service) == (0, 0, None)
    assert figure("feedback_channel:forum", other) == (4, 4, None)
    assert figure("feedback_theme:hm_not_listening", other) == (4, 4, None)


def test_only_whole_calendar_months_count(service):
    record(service, date(2026, 4, 3))
    record(service, date(2026, 5, 2))
    record(service, date(2026, 5, 31))
    record(service, date(2026, 6, 15))
    # 15 April to 20 July holds May and June only: the April piece is left out.
    may_and_june = figure(
        "feedback_channel:forum", service, local(2026, 4, 15, 9), local(2026, 7, 20)
    )
    assert may_and_june[:2] == (3, 3)
    # A single day, or a month's length across two months, holds no whole month: no figure.
    for start, end in (
        (local(2026, 5, 2), local(2026, 5, 3)),
        (local(2026, 4, 15), local(2026, 5, 14)),
    ):
        assert figure("feedback_channel:forum", service, start, end) == (None, 0, None)
        assert figure("feedback_theme:hm_not_listening", service, start, end) == (None, 0, None)
    # May exactly.
    may = figure("feedback_theme:hm_not_listening", service, local(2026, 5, 1), local(2026, 6, 1))
    assert may[:2] == (2, 2)


def test_each_figure_is_one_query(service):
    record(service, date(2026, 5, 2))
    for key in ("feedback_channel:forum", "feedback_theme:hm_not_listening"):
        with CaptureQueriesContext(connection) as queries:
            get_indicator(key)(service, Q2_START, Q2_END)
        assert len(queries) == 1
