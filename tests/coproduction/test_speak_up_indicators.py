"""Speak-up indicators (coproduction/concerns/indicators.py) and the two speak-up red-flag rules
(leadership/flags/detectors.py): cases, the share reporting detriment and the share who would
speak up again, withheld under the floor; the rules flag detriment above the national share and
few who would speak up again, in the staff-voice stream, and say only the pattern when a figure
behind them is withheld."""

from datetime import datetime

import pytest
from django.utils import timezone

from cms.indicators import get_indicator
from coproduction.concerns.models import Concern, SpeakUpCase
from leadership.flags.detectors import get_detector
from leadership.flags.evidence import STAFF_VOICE, measure_of
from tests.coproduction.factories_concerns import ConcernFactory, SpeakUpCaseFactory
from tests.leadership.factories_flags import readings, series

START = timezone.make_aware(datetime(2026, 4, 1))
END = timezone.make_aware(datetime(2026, 5, 1))


def in_april(made, field="created_at", day=10):
    Concern.objects.filter(pk=made.pk).update(
        **{field: timezone.make_aware(datetime(2026, 4, day, 11))}
    )
    return made


@pytest.mark.django_db
def test_speak_up_figures_count_cases_detriment_and_would_speak_up_again(service):
    for number in range(6):
        in_april(SpeakUpCaseFactory(concern__service=service, detriment=number < 3))
    ConcernFactory(service=service)  # an ordinary concern is not a speak-up case
    cases = get_indicator("speakup_cases")(service, START, END)
    assert (cases.value, cases.people) == (6, 6)
    detriment = get_indicator("speakup_detriment_share")(service, START, END)
    assert (detriment.value, detriment.people) == (50.0, 6)
    for number, case in enumerate(SpeakUpCase.objects.all()):
        case.would_speak_up_again = ["yes", "no", "maybe", "yes", "dont_know", ""][number]
        case.save()
        in_april(case.concern, "outcome_shared_at", day=20)
    again = get_indicator("speakup_again_share")(service, START, END)
    assert (again.value, again.people) == (40.0, 5)  # 2 of the 5 who answered


@pytest.mark.django_db
def test_speak_up_figures_are_withheld_under_the_floor(service):
    for _ in range(3):
        in_april(SpeakUpCaseFactory(concern__service=service, detriment=True))
    for key in ("speakup_cases", "speakup_detriment_share"):
        figure = get_indicator(key)(service, START, END)
        assert figure.people == 3 and figure.shown() is None, key


def test_the_speak_up_indicators_are_staff_voice_and_one_measure():
    for key in ("speakup_cases", "speakup_detriment_share", "speakup_again_share"):
        assert get_indicator(key).labels["stream"] == STAFF_VOICE
        assert measure_of(key) == "speakup_cases"


def test_detriment_above_the_national_share_is_flagged():
    rule = get_detector("speakup_detriment")
    assert rule.stream == STAFF_VOICE and rule.default_threshold == 3.9
    flagged = rule.find(readings(speakup_detriment_share=series([10.0, 20.0, 12.0])), 3.9)
    assert flagged.flagged and "above 3.9%" in flagged.summary
    calm = rule.find(readings(speakup_detriment_share=series([0.0, 0.0, 3.0])), 3.9)
    assert not calm.flagged


def test_few_who_would_speak_up_again_is_flagged():
    rule = get_detector("speakup_again_low")
    assert rule.stream == STAFF_VOICE
    low = rule.find(readings(speakup_again_share=series([50.0, 40.0, 60.0])), 75)
    assert low.flagged and "below 75%" in low.summary
    high = rule.find(readings(speakup_again_share=series([90.0, 80.0, 85.0])), 75)
    assert not high.flagged


def test_a_flag_resting_on_a_withheld_month_says_the_pattern_not_the_number():
    """A small home: 2 cases a month, 1 of them with detriment. Read over three months (6
    cases) the rule sees it; what it says has no figure."""
    rule = get_detector("speakup_detriment")
    thin = series([(50.0, 2), (50.0, 2), (50.0, 2)])
    finding = rule.find(readings(speakup_detriment_share=thin), 3.9)
    assert finding.flagged and finding.withheld
    assert "50" not in finding.summary
    assert "suffered detriment for speaking up was above 3.9%" in finding.summary
    assert rule.look_at


def test_no_speak_up_figures_say_nothing():
    for key in ("speakup_detriment", "speakup_again_low"):
        rule = get_detector(key)
        assert rule.check(readings(), rule.default_threshold) is None
