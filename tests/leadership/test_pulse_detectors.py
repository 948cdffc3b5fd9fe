"""The staff pulse red flags (leadership/flags/detectors.py, stream "staff voice"): staff feel
less safe to speak up than in the service's earlier rounds; staff have seen people treated
without dignity. Both read figures withheld below 10 answers, say nothing without a round, and
never put a withheld number in their summary."""

from leadership.flags.detectors import get_detector
from leadership.flags.evidence import STAFF_VOICE, measure_of
from tests.leadership.factories_flags import readings, series

SAFE = "pulse_safe_to_speak_falling"
DIGNITY = "pulse_dignity_seen"


def check(rule_key, data, threshold=None):
    rule = get_detector(rule_key)
    return rule.check(data, rule.default_threshold if threshold is None else threshold)


def find(rule_key, data, threshold=None):
    rule = get_detector(rule_key)
    return rule.find(data, rule.default_threshold if threshold is None else threshold)


def pulse(values, people=14):
    return series(values, people=people, min_people=10)


def test_the_rules_are_staff_voice_with_their_measures():
    for key in (SAFE, DIGNITY):
        rule = get_detector(key)
        assert rule.stream == STAFF_VOICE
        assert rule.pattern and rule.look_at and rule.window >= 1
        assert not any(character.isdigit() for character in rule.pattern)
    assert get_detector(SAFE).measure == "raising_concerns_score"
    assert measure_of("staff_pulse_acted_on") == "raising_concerns_score"
    assert get_detector(DIGNITY).measure == "staff_pulse_dignity_seen"


def test_a_fall_in_feeling_safe_to_speak_up_flags():
    # Quarterly rounds: 80%, 78%, then 55% in the recent months.
    data = readings(
        staff_pulse_safe_to_speak=pulse([None, 80.0, None, None, 78.0, None, None, 55.0, None])
    )
    finding = check(SAFE, data)
    assert finding.flagged and "down 24 points" in finding.summary
    assert not check(SAFE, data, threshold=25).flagged


def test_a_steady_or_rising_score_does_not_flag_and_no_round_says_nothing():
    steady = readings(
        staff_pulse_safe_to_speak=pulse([None, 80.0, None, None, 78.0, None, None, 79.0, None])
    )
    assert not check(SAFE, steady).flagged
    assert check(SAFE, readings()) is None
    only_recent = readings(staff_pulse_safe_to_speak=pulse([None] * 7 + [50.0, None]))
    assert check(SAFE, only_recent) is None


def test_a_round_under_ten_answers_is_not_read():
    # The recent round rests on 9 people (its own page withholds it): not evidence of a fall.
    data = readings(
        staff_pulse_safe_to_speak=pulse([None, 80.0, None, None, 78.0, None, None, (20.0, 9), None])
    )
    assert check(SAFE, data) is None


def test_dignity_seen_flags_at_the_threshold_without_showing_a_small_number():
    data = readings(staff_pulse_dignity_seen=pulse([None, 21.4, None]))
    finding = find(DIGNITY, data)
    assert finding.flagged
    # 21.4% of 14 is 3 people: the dashboards withhold it, so the summary is the pattern.
    assert finding.withheld and "21.4" not in finding.summary
    assert "15%" in finding.summary
    assert not check(DIGNITY, data, threshold=25).flagged
    none_seen = readings(staff_pulse_dignity_seen=pulse([None, 0.0, None]))
    assert not check(DIGNITY, none_seen).flagged
    larger = readings(staff_pulse_dignity_seen=pulse([None, 40.0, None], people=30))
    shown = find(DIGNITY, larger)
    assert shown.flagged and not shown.withheld and "40%" in shown.summary
