"""The red-flag rules' pure functions (leadership/flags/detectors.py): each flags when its pattern
shows and not otherwise, uses the threshold it is given (the organisation's setting), reads a
month resting on too few people over the three months ending with it (and not at all when even
those are too few), and says nothing without usable data. No database: the rules read
`Readings`."""

from datetime import date

from cms.indicators import get_indicator
from cms.periods import add_months, months_ending
from leadership.flags.detectors import DETECTORS, RED_FLAGS_COMPLETION, get_detector
from leadership.flags.evidence import ALERT_STREAMS, LEARNING_CULTURE
from tests.leadership.factories_flags import MONTH, readings, series

EARLIER, RECENT = 6, 3


def check(rule_key, data, threshold=None):
    rule = get_detector(rule_key)
    return rule.check(data, rule.default_threshold if threshold is None else threshold)


def find(rule_key, data, threshold=None):
    """What the rule stores: its finding, with no withheld number in the summary."""
    rule = get_detector(rule_key)
    return rule.find(data, rule.default_threshold if threshold is None else threshold)


def test_months_count_back_across_the_year():
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert add_months(date(2025, 11, 1), 3) == date(2026, 2, 1)
    assert months_ending(date(2026, 2, 1), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_every_rule_is_described_and_labelled():
    for rule in DETECTORS:
        assert rule.label and rule.description and rule.indicators
        assert set(rule.labels) == {"pel", "hull", "cqc", "stream"}
        assert rule.stream in (*ALERT_STREAMS, LEARNING_CULTURE)
        assert rule.threshold_min <= rule.default_threshold <= rule.threshold_max


def test_a_rule_with_no_data_says_nothing():
    for rule in DETECTORS:
        assert rule.check(readings(), rule.default_threshold) is None, rule.key


# --- Staff turnover ---------------------------------------------------------------------------


def test_turnover_high_flags_above_the_threshold():
    data = readings(staff_turnover=series([20.0, 30.0, 40.0]))
    finding = check("turnover_high", data)
    assert finding.flagged
    assert "30% a year" in finding.summary and "above 24.2% a year" in finding.summary
    assert [row["month"] for row in finding.evidence if row["indicator"] == "staff_turnover"] == [
        "2026-01-01",
        "2026-02-01",
        "2026-03-01",
    ]


def test_turnover_high_uses_the_threshold_it_is_given():
    data = readings(staff_turnover=series([20.0, 30.0, 40.0]))
    assert not check("turnover_high", data, threshold=35).flagged
    assert check("turnover_high", data, threshold=29.9).flagged


def test_turnover_high_does_not_flag_a_low_level():
    finding = check("turnover_high", readings(staff_turnover=series([10.0, 12.0, 14.0])))
    assert finding is not None and not finding.flagged


def test_turnover_high_reads_thin_months_over_three_months():
    # The first month rests on 3 people, with no month before it: too thin to read.
    data = readings(staff_turnover=series([(90.0, 3), 20.0, 20.0]))
    assert not check("turnover_high", data).flagged  # the thin 90% did not count
    # Two thin months rest on 7 people together: read as one figure, the number not shown.
    data = readings(staff_turnover=series([(90.0, 3), (90.0, 4), 20.0]))
    finding = find("turnover_high", data)
    assert finding.flagged and finding.withheld
    assert "90" not in finding.summary and "above 24.2% a year" in finding.summary


def test_turnover_rising_compares_with_the_service_own_months_before():
    data = readings(
        staff_turnover=series([20.0] * EARLIER + [30.0, 32.0, 34.0]),
        early_leavers=series([None, (50.0, 6), None]),
    )
    finding = check("turnover_rising", data)
    assert finding.flagged
    assert "up 12 points" in finding.summary and "(20% a year)" in finding.summary
    roles = [row["role"] for row in finding.evidence]
    assert roles == ["earlier"] * 6 + ["recent"] * 3 + ["beside"] * 3
    assert [row["shown"] for row in finding.evidence[-3:]] == ["No figure", "50%", "No figure"]


def test_an_indicator_with_no_figure_is_not_shown_beside():
    finding = check("turnover_high", readings(staff_turnover=series([30.0] * 3)))
    assert {row["indicator"] for row in finding.evidence} == {"staff_turnover"}


def test_turnover_rising_uses_its_threshold_and_needs_a_rise():
    data = readings(staff_turnover=series([20.0] * EARLIER + [30.0, 32.0, 34.0]))
    assert not check("turnover_rising", data, threshold=15).flagged
    steady = readings(staff_turnover=series([30.0] * EARLIER + [30.0, 31.0, 29.0]))
    assert not check("turnover_rising", steady).flagged


def test_turnover_rising_needs_four_earlier_months():
    data = readings(staff_turnover=series([None, None, None, 20.0, 20.0, 20.0, 40, 40, 40]))
    assert check("turnover_rising", data) is None


def test_turnover_rising_ignores_withheld_months_on_either_side():
    earlier = [20.0] * 4 + [(1.0, 2), (1.0, 2)]
    data = readings(staff_turnover=series(earlier + [(80.0, 4), 22.0, 24.0]))
    finding = check("turnover_rising", data)
    assert not finding.flagged  # 23 against 20: the withheld 80% and 1% did not count
    withheld = [row for row in finding.evidence if row["withheld"]]
    assert len(withheld) == 3
    assert all(row["value"] is None and row["people"] is None for row in withheld)
    assert all(row["shown"] == "Withheld: fewer than 5 people" for row in withheld)


# --- The clique pattern -----------------------------------------------------------------------


def test_long_hours_flags_when_the_share_reaches_the_threshold():
    data = readings(rota_hours=series([8.0, 10.0, 12.0]))
    assert check("rota_long_hours", data).flagged  # exactly 10% on average
    assert not check("rota_long_hours", data, threshold=15).flagged
    assert not check("rota_long_hours", readings(rota_hours=series([2.0, 3.0, 4.0]))).flagged


def test_long_hours_reads_thin_months_over_three_months_or_not_at_all():
    data = readings(rota_hours=series([(60.0, 4), None, 2.0]))
    assert check("rota_long_hours", data) is None  # 4 people, even over three months
    data = readings(rota_hours=series([(60.0, 4), (60.0, 4), 2.0]))
    assert find("rota_long_hours", data).flagged


def test_concentration_flags_a_small_group_holding_most_hours():
    data = readings(rota_top5_share=series([45.0, 50.0, 55.0], people=20))
    finding = check("rota_concentration", data)
    assert finding.flagged and "50%" in finding.summary
    assert not check("rota_concentration", data, threshold=60).flagged


def test_concentration_leaves_out_small_rotas():
    # In a rota of 10 the 5 busiest are half the team: their share says nothing.
    data = readings(rota_top5_share=series([70.0, 70.0, 70.0], people=10))
    assert check("rota_concentration", data) is None


# --- People and families ----------------------------------------------------------------------


def test_recommend_falling_flags_a_fall_against_earlier_surveys():
    values = [None, 40.0, None, None, 36.0, None, None, 20.0, None]
    data = readings(family_nps=series(values, people=12))
    finding = check("recommend_falling", data)
    assert finding.flagged and "down 18 points" in finding.summary
    assert not check("recommend_falling", data, threshold=20).flagged


def test_recommend_falling_ignores_a_rise_and_withheld_scores():
    rising = readings(family_nps=series([20.0] * EARLIER + [None, 30.0, None], people=12))
    assert not check("recommend_falling", rising).flagged
    few = readings(family_nps=series([40.0] * EARLIER + [None, (-50.0, 4), None], people=12))
    assert find("recommend_falling", few).flagged  # read with the survey before it
    alone = [40.0] * 4 + [None, None, None, (-50.0, 4), None]
    assert check("recommend_falling", readings(family_nps=series(alone, people=12))) is None


def test_concerns_late_flags_a_low_share_on_time():
    data = readings(concerns_acknowledged_on_time=series([None, 60.0, 70.0], people=8))
    finding = check("concerns_late", data)
    assert finding.flagged and "65%" in finding.summary
    assert not check("concerns_late", data, threshold=60).flagged
    good = readings(concerns_acknowledged_on_time=series([95.0, 100.0, 90.0], people=8))
    assert not check("concerns_late", good).flagged


def test_concerns_late_reads_thin_months_over_three_months_or_not_at_all():
    data = readings(concerns_acknowledged_on_time=series([(0.0, 2), None, (25.0, 2)]))
    assert check("concerns_late", data) is None
    data = readings(concerns_acknowledged_on_time=series([(0.0, 2), (25.0, 4), None]))
    finding = find("concerns_late", data)
    assert finding.flagged and "16.7" not in finding.summary


def test_complaints_unanswered_flags_complaints_closed_without_a_response():
    data = readings(complaints_responded=series([50.0, 60.0, 70.0], people=6))
    assert check("complaints_unanswered", data).flagged
    assert not check("complaints_unanswered", data, threshold=50).flagged
    # Three unanswered complaints a month: thin, read over three months (a small home).
    small = readings(complaints_responded=series([(0.0, 3), (0.0, 3), (0.0, 3)]))
    assert find("complaints_unanswered", small).flagged
    too_few = readings(complaints_responded=series([(0.0, 1), (0.0, 1), (0.0, 1)]))
    assert check("complaints_unanswered", too_few) is None


def _complaints_and_anonymous(complaints, anonymous):
    return readings(
        complaints_per_10_beds=series(complaints, people=8),
        concerns_anonymous_share=series(anonymous, people=10),
        hr_bullying=series([2.0] * 9, people=40, min_people=10),
        concerns_raised=series([(3.0, 3), 6.0, 7.0]),
    )


def test_complaints_falling_while_anonymous_concerns_rise():
    data = _complaints_and_anonymous(
        [4.0] * EARLIER + [1.5, 1.0, 1.5], [10.0] * EARLIER + [30.0] * 3
    )
    finding = check("complaints_falling_anonymous_rising", data)
    assert finding.flagged
    assert "complaints fell 66.7%" in finding.summary and "from 10% to 30%" in finding.summary
    # The fall is shown beside the staff-voice measures.
    assert {row["indicator"] for row in finding.evidence if row["role"] == "beside"} == {
        "hr_bullying",
        "concerns_raised",
    }
    assert not check("complaints_falling_anonymous_rising", data, threshold=70).flagged


def test_complaints_falling_alone_or_anonymous_rising_alone_does_not_flag():
    fall_only = _complaints_and_anonymous([4.0] * EARLIER + [1.0] * 3, [10.0] * 9)
    assert not check("complaints_falling_anonymous_rising", fall_only).flagged
    rise_only = _complaints_and_anonymous([4.0] * 9, [10.0] * EARLIER + [40.0] * 3)
    assert not check("complaints_falling_anonymous_rising", rise_only).flagged


def test_a_fall_into_thin_figures_is_read_with_the_months_before_it():
    # Complaints fell below 5 a month: each thin month is read over the three months ending
    # with it, which still hold the months before the fall, so no fall of half shows yet.
    data = _complaints_and_anonymous(
        [4.0] * EARLIER + [(0.5, 2), (0.3, 1), (0.0, 0)], [10.0] * EARLIER + [40.0] * 3
    )
    assert not check("complaints_falling_anonymous_rising", data).flagged


# --- Staff voice and learning -----------------------------------------------------------------


def test_bullying_reports_cluster():
    data = readings(hr_bullying=series([4.0, 6.0, 8.0], people=40, min_people=10))
    assert check("bullying_reports_high", data).flagged
    assert not check("bullying_reports_high", data, threshold=7).flagged


def test_bullying_reports_in_a_team_under_ten_are_read_over_three_months():
    data = readings(hr_bullying=series([None, None, 30.0], people=8, min_people=10))
    assert check("bullying_reports_high", data) is None
    data = readings(hr_bullying=series([30.0, 30.0, 30.0], people=8, min_people=10))
    finding = find("bullying_reports_high", data)
    assert finding.flagged and finding.withheld and "30" not in finding.summary


def test_learning_completion_low_reads_the_red_flags_path():
    data = readings(**{RED_FLAGS_COMPLETION: series([50.0, 60.0, 70.0], people=20)})
    finding = check("learning_completion_low", data)
    assert finding.flagged and "60%" in finding.summary and "red flags path" in finding.summary
    assert {row["indicator"] for row in finding.evidence} == {RED_FLAGS_COMPLETION}
    assert not check("learning_completion_low", data, threshold=55).flagged
    too_few = readings(**{RED_FLAGS_COMPLETION: series([(0.0, 1)] * 3)})
    assert check("learning_completion_low", too_few) is None


def test_learning_completion_low_ignores_learning_as_a_whole():
    # Low completion of all learning is not low completion of the red flags path: no figure
    # for that path, so the rule says nothing.
    data = readings(learning_completion_rate=series([10.0, 10.0, 10.0], people=20))
    assert check("learning_completion_low", data) is None
    assert get_detector("learning_completion_low").indicators == (RED_FLAGS_COMPLETION,)
    # The key the learning plugin registers for its bundled red flags path.
    assert get_indicator(RED_FLAGS_COMPLETION).labels["path"] == "red-flags"


# --- Silence ----------------------------------------------------------------------------------


def _silent(**extra):
    return readings(
        concerns_raised=series([(0.0, 0)] * 3),
        complaints_per_10_beds=series([(0.0, 0)] * 3),
        **extra,
    )


def test_silence_in_a_sizeable_service_flags():
    finding = check("silence", _silent())
    assert finding.flagged
    assert "the 3 months to March 2026" in finding.summary
    concerns = [row for row in finding.evidence if row["indicator"] == "concerns_raised"]
    assert [row["shown"] for row in concerns] == ["None", "None", "None"]


def test_silence_is_broken_by_anything_raised_even_below_the_floor():
    data = readings(
        concerns_raised=series([(0.0, 0), (2.0, 2), (0.0, 0)]),
        complaints_per_10_beds=series([(0.0, 0)] * 3),
    )
    finding = check("silence", data)
    assert not finding.flagged
    shown = [row["shown"] for row in finding.evidence if row["indicator"] == "concerns_raised"]
    # The count under the floor is never shown as a number.
    assert shown == ["None", "Withheld: fewer than 5 people", "None"]
    complaints = readings(
        concerns_raised=series([(0.0, 0)] * 3),
        complaints_per_10_beds=series([(0.0, 0), (0.7, 2), (0.0, 0)]),
    )
    assert not check("silence", complaints).flagged


def test_silence_needs_a_sizeable_service():
    small = readings(
        beds=8, concerns_raised=series([(0.0, 0)] * 3), complaints_per_10_beds=series([(0.0, 0)])
    )
    assert check("silence", small) is None
    home_care = readings(beds=None, people_supported=25, concerns_raised=series([(0.0, 0)] * 3))
    assert check("silence", home_care).flagged


def test_silence_uses_its_number_of_months():
    data = readings(concerns_raised=series([(4.0, 4)] + [(0.0, 0)] * 3))
    assert check("silence", data).flagged  # 3 months
    assert not check("silence", data, threshold=4).flagged


def test_silence_says_nothing_without_a_figure_for_concerns_every_month():
    data = readings(concerns_raised=series([(0.0, 0), None, (0.0, 0)]))
    assert check("silence", data) is None


def test_evidence_months_match_the_month_checked():
    finding = check("turnover_high", readings(staff_turnover=series([30.0] * 3)))
    assert finding.evidence[-1]["month_label"] == "March 2026"
    assert MONTH == date(2026, 3, 1)


def test_threshold_text_reads_naturally():
    assert get_detector("turnover_high").threshold_text() == "24.2% a year"
    assert get_detector("silence").threshold_text(4) == "4 months"
    assert get_detector("recommend_falling").threshold_text() == "10 points"
