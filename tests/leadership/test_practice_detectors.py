"""The red-flag rules of issue 12 section 2 (leadership/flags/practice_detectors.py): restrictive
practice rising, without a debrief, on one person or one shift; incident reports falling without
safer care; manager churn; supervision falling; exit themes pointing at the culture. Each flags
when it should and not otherwise, uses its threshold, says nothing without enough data, and sees
a small service (6 beds, 8 staff) by reading thin months over three months, with no withheld
number in its summary. Then the alert counting a practice-stream flag as a stream, and the
settings page listing the new rules."""

import re

import pytest
from django.urls import reverse

from leadership.flags import services
from leadership.flags.detectors import DETECTORS, get_detector
from leadership.flags.evidence import (
    MEASURES,
    PRACTICE_AND_OUTCOMES,
    STAFF_VOICE,
    WORKFORCE,
    measure_of,
)
from leadership.flags.models import ClosedCultureAlert, FlagSetting, RedFlag
from leadership.flags.practice_detectors import DETECTORS as PRACTICE_DETECTORS
from tests.cms.factories import ServiceFactory
from tests.leadership.factories_flags import MONTH, RedFlagFactory, readings, series, snapshots

EARLIER = 6
SMALL_HOME = {"beds": 6}  # and 8 staff: HR figures rest on them (shown), others are thin


def check(rule_key, data, threshold=None):
    rule = get_detector(rule_key)
    return rule.check(data, rule.default_threshold if threshold is None else threshold)


def find(rule_key, data, threshold=None):
    """What the rule stores: the pattern in place of a summary resting on a withheld figure."""
    rule = get_detector(rule_key)
    return rule.find(data, rule.default_threshold if threshold is None else threshold)


def no_number(text, *hidden):
    """None of the `hidden` figures appears in `text` as a number of its own."""
    return not [
        value for value in hidden if re.search(rf"(?<![\d.]){re.escape(value)}(?!\d|\.\d)", text)
    ]


# --- Declared as INDICATORS.md puts them ----------------------------------------------------------


def test_each_rule_declares_its_stream_measure_window_pattern_and_where_to_look():
    streams = {rule.key: rule.stream for rule in PRACTICE_DETECTORS}
    assert streams == {
        "restrictive_practice_rising": PRACTICE_AND_OUTCOMES,
        "restrictive_practice_without_debrief": PRACTICE_AND_OUTCOMES,
        "restrictive_practice_one_person": PRACTICE_AND_OUTCOMES,
        "restrictive_practice_one_shift": PRACTICE_AND_OUTCOMES,
        "incident_reporting_falling": PRACTICE_AND_OUTCOMES,
        "manager_churn": WORKFORCE,
        "supervision_falling": WORKFORCE,
        "exit_themes_rising": STAFF_VOICE,  # INDICATORS.md E lists exit_themes in staff voice
        # INDICATORS.md C lists leader_presence with staff voice and speaking up.
        "senior_visit_overdue": STAFF_VOICE,
    }
    for rule in PRACTICE_DETECTORS:
        assert rule.window >= 1 and rule.look_at, rule.key
        # The pattern never carries a number: only the threshold and the months.
        assert not re.search(r"\d", rule.pattern.replace("12 months", "").replace("60 days", ""))
        assert "(design)" in rule.description, rule.key
    # The four restrictive practice rules are one measure: they count once for an alert.
    restrictive = {
        get_detector(key).measure for key in streams if key.startswith("restrictive_practice")
    }
    assert restrictive == {"restrictive_practice"}
    assert measure_of("long_term_segregation_days") == "restrictive_practice"
    assert measure_of("manager_vacancy_days") == "manager_stability"
    assert "incident_near_miss_share" in MEASURES["incident_reporting"]


# --- Restrictive practice rising ----------------------------------------------------------------


def test_restrictive_practice_rising_against_the_service_own_months_before():
    data = readings(restrictive_practice=series([2.0] * EARLIER + [4.0, 5.0, 6.0], people=8))
    finding = check("restrictive_practice_rising", data)
    assert finding.flagged and "up 150%" in finding.summary and "(2)" in finding.summary
    assert not check("restrictive_practice_rising", data, threshold=200).flagged


def test_steady_or_falling_restrictive_practice_is_not_flagged():
    steady = readings(restrictive_practice=series([3.0] * EARLIER + [3.5, 2.5, 3.0], people=8))
    assert not check("restrictive_practice_rising", steady).flagged
    falling = readings(restrictive_practice=series([6.0] * EARLIER + [3.0, 2.0, 1.0], people=8))
    assert not check("restrictive_practice_rising", falling).flagged


def test_restrictive_practice_rising_needs_four_earlier_months():
    data = readings(restrictive_practice=series([None] * 3 + [2.0] * 3 + [6.0] * 3, people=8))
    assert check("restrictive_practice_rising", data) is None


def test_restrictive_practice_rising_from_none():
    """Months with no use at all are none (0, resting on no one), not missing: a rise from
    none is seen."""
    none = [(0.0, 0)] * EARLIER
    data = readings(restrictive_practice=series(none + [3.0, 4.0, 5.0], people=6))
    finding = check("restrictive_practice_rising", data)
    assert finding.flagged and "up from none" in finding.summary
    quiet = readings(restrictive_practice=series(none + [(0.0, 0)] * 3))
    assert not check("restrictive_practice_rising", quiet).flagged


def test_a_small_home_with_rising_restrictive_practice_is_flagged_without_a_number():
    """Two or three people a month in a 6-bed home: every month withheld, read over three."""
    earlier = [(5.0, 2)] * EARLIER
    recent = [(15.0, 2), (20.0, 3), (25.0, 3)]
    data = readings(restrictive_practice=series(earlier + recent), **SMALL_HOME)
    finding = find("restrictive_practice_rising", data)
    assert finding.flagged and finding.withheld
    assert "rose by at least 50%" in finding.summary
    assert no_number(finding.summary, "15", "20", "25", "5", "18.3")
    # One person a month is too few even over three months: nothing is read.
    lone = readings(restrictive_practice=series([(5.0, 1)] * EARLIER + [(30.0, 1)] * 3))
    assert check("restrictive_practice_rising", lone) is None


# --- Without a debrief ----------------------------------------------------------------------------


def test_restrictive_practice_without_debrief_flags_a_high_share():
    data = readings(restrictive_practice_without_debrief=series([40.0, 50.0, 60.0], people=12))
    finding = check("restrictive_practice_without_debrief", data)
    assert finding.flagged and "50%" in finding.summary and "20%" in finding.summary
    assert not check("restrictive_practice_without_debrief", data, threshold=55).flagged
    debriefed = readings(restrictive_practice_without_debrief=series([0.0, 10.0, 0.0], people=12))
    assert not check("restrictive_practice_without_debrief", debriefed).flagged


def test_without_debrief_says_nothing_without_uses_and_sees_a_small_home():
    assert check("restrictive_practice_without_debrief", readings()) is None
    small = readings(
        restrictive_practice_without_debrief=series([(100.0, 2), (50.0, 2), (100.0, 2)]),
        **SMALL_HOME,
    )
    finding = find("restrictive_practice_without_debrief", small)
    assert finding.flagged and finding.withheld
    assert no_number(finding.summary, "100", "50", "83.3")
    too_few = readings(restrictive_practice_without_debrief=series([(100.0, 1), None, None]))
    assert check("restrictive_practice_without_debrief", too_few) is None


# --- On one person ------------------------------------------------------------------------------


def test_restrictive_practice_on_one_person_flags_concentration():
    data = readings(
        restrictive_practice_one_person=series([55.0, 60.0, 60.0], people=14),
        restrictive_practice=series([10.0, 11.0, 12.0], people=6),
    )
    finding = check("restrictive_practice_one_person", data)
    assert finding.flagged and "58.3%" in finding.summary and "never named" in finding.summary
    assert not check("restrictive_practice_one_person", data, threshold=70).flagged


def test_most_uses_on_one_of_two_people_is_no_pattern():
    """Half the uses on one of two people is an even spread, not concentration."""
    data = readings(
        restrictive_practice_one_person=series([50.0, 60.0, 50.0], people=10),
        restrictive_practice=series([(2.0, 2), (3.0, 2), (2.0, 2)]),
    )
    assert not check("restrictive_practice_one_person", data).flagged


def test_on_one_person_says_nothing_without_figures():
    assert check("restrictive_practice_one_person", readings()) is None
    only_share = readings(restrictive_practice_one_person=series([80.0] * 3, people=10))
    assert check("restrictive_practice_one_person", only_share) is None


def test_a_small_home_with_uses_on_one_person_is_flagged_without_a_number():
    data = readings(
        restrictive_practice_one_person=series([(70.0, 3), (80.0, 3), (75.0, 3)]),
        restrictive_practice=series([(20.0, 3)] * 3),
        **SMALL_HOME,
    )
    finding = find("restrictive_practice_one_person", data)
    assert finding.flagged and finding.withheld
    assert no_number(finding.summary, "70", "80", "75", "20")
    assert "on one person" in finding.summary


# --- On one shift -------------------------------------------------------------------------------


def test_restrictive_practice_on_one_shift_flags_concentration():
    data = readings(restrictive_practice_one_shift=series([70.0, 75.0, 80.0], people=12))
    finding = check("restrictive_practice_one_shift", data)
    assert finding.flagged and "75%" in finding.summary
    assert not check("restrictive_practice_one_shift", data, threshold=80).flagged
    spread = readings(restrictive_practice_one_shift=series([40.0, 45.0, 35.0], people=12))
    assert not check("restrictive_practice_one_shift", spread).flagged


def test_one_shift_is_not_read_from_uses_on_fewer_than_5_people():
    """One or two people's uses fall on whatever shifts they happen to: no shift pattern."""
    data = readings(restrictive_practice_one_shift=series([(100.0, 2), (100.0, 1), (100.0, 2)]))
    assert check("restrictive_practice_one_shift", data) is None


def test_a_small_home_with_uses_on_one_shift_is_flagged_without_a_number():
    """5 of 6 people, 6 uses, 4 of them on nights: the share stands for 4 uses, withheld."""
    data = readings(
        restrictive_practice_one_shift=series([None, None, (66.7, 6)]),
        **SMALL_HOME,
    )
    finding = find("restrictive_practice_one_shift", data)
    assert finding.flagged and finding.withheld
    assert no_number(finding.summary, "66.7", "4")


# --- Incident reporting -------------------------------------------------------------------------


def _incidents(recent, basic_care=None, **others):
    figures = {"incident_reporting": series([10.0] * EARLIER + recent, people=20)}
    if basic_care is not None:
        figures["basic_care"] = series(basic_care, people=8)
    figures.update(others)
    return readings(**figures)


def test_falling_incident_reports_while_harm_rises_is_flagged():
    data = _incidents([5.0, 5.0, 5.0], basic_care=[1.0] * EARLIER + [2.0, 2.0, 3.0])
    finding = check("incident_reporting_falling", data)
    assert finding.flagged
    assert "fell 50%" in finding.summary and "did not fall as far" in finding.summary
    assert not check("incident_reporting_falling", data, threshold=60).flagged
    # The harm figures are shown beside the evidence, not in the summary.
    assert {row["indicator"] for row in finding.evidence} >= {"incident_reporting", "basic_care"}


def test_falling_reports_with_no_harm_figure_is_not_good_news():
    finding = check("incident_reporting_falling", _incidents([4.0, 5.0, 6.0]))
    assert finding.flagged and "no figure for harm" in finding.summary


def test_falling_reports_beside_falling_harm_is_safer_care():
    data = _incidents([5.0, 5.0, 5.0], basic_care=[2.0] * EARLIER + [1.0, 1.0, 0.5])
    finding = check("incident_reporting_falling", data)
    assert not finding.flagged and "beside a fall in basic care" in finding.summary


def test_steady_reporting_is_not_flagged_and_too_few_months_say_nothing():
    assert not check("incident_reporting_falling", _incidents([10.0, 9.0, 11.0])).flagged
    short = readings(incident_reporting=series([None] * 4 + [10.0] * 2 + [2.0] * 3, people=20))
    assert check("incident_reporting_falling", short) is None


def test_a_small_home_whose_reports_fall_is_flagged_without_a_number():
    earlier = [(8.0, 3)] * EARLIER
    recent = [(2.5, 1), (2.5, 2), (2.5, 2)]
    data = readings(
        incident_reporting=series(earlier + recent),
        basic_care=series([(1.0, 1)] * EARLIER + [(3.0, 3)] * 3),
        **SMALL_HOME,
    )
    finding = find("incident_reporting_falling", data)
    assert finding.flagged and finding.withheld
    assert "fell by at least 30%" in finding.summary
    assert no_number(finding.summary, "8", "2.5", "4.8")


# --- Manager churn ------------------------------------------------------------------------------


def test_manager_churn_flags_repeated_change_or_a_long_vacancy():
    changes = readings(manager_stability=series([0.0, 1.0, 2.0]))
    finding = check("manager_churn", changes)
    assert finding.flagged and "changed 2 times" in finding.summary
    assert "March 2026" in finding.summary
    assert not check("manager_churn", changes, threshold=3).flagged
    vacant = readings(
        manager_stability=series([0.0, 0.0, 1.0]),
        manager_vacancy_days=series([30.0, 60.0, 90.0]),
    )
    assert check("manager_churn", vacant).flagged


def test_a_stable_manager_is_not_flagged_and_no_figure_says_nothing():
    stable = readings(
        manager_stability=series([0.0, 0.0, 1.0]), manager_vacancy_days=series([0.0, 0.0, 10.0])
    )
    assert not check("manager_churn", stable).flagged
    assert check("manager_churn", readings()) is None


def test_a_small_home_whose_manager_keeps_changing_is_flagged():
    """8 staff: the figure rests on them and may be shown; with 4 it is withheld."""
    home = readings(manager_stability=series([1.0, 2.0, 2.0], people=8), **SMALL_HOME)
    finding = find("manager_churn", home)
    assert finding.flagged and not finding.withheld
    tiny = readings(manager_stability=series([4.0, 4.0, 4.0], people=4), beds=4)
    finding = find("manager_churn", tiny)
    assert finding.flagged and finding.withheld and no_number(finding.summary, "4")


# --- Supervision --------------------------------------------------------------------------------


def test_supervision_falling_against_the_months_before_or_low():
    falling = readings(supervision_rate=series([92.0] * EARLIER + [80.0, 75.0, 80.0], people=20))
    finding = check("supervision_falling", falling)
    assert finding.flagged and "down 13.7 points" in finding.summary
    assert not check("supervision_falling", falling, threshold=15).flagged
    low = readings(supervision_rate=series([None, 70.0, 68.0], people=20))
    finding = check("supervision_falling", low)
    assert finding.flagged and "below 75%" in finding.summary


def test_steady_supervision_is_not_flagged_and_one_month_says_nothing():
    steady = readings(supervision_rate=series([92.0] * 9, people=20))
    assert not check("supervision_falling", steady).flagged
    assert check("supervision_falling", readings(supervision_rate=series([50.0]))) is None


def test_a_small_home_with_supervision_slipping_is_flagged_without_a_number():
    earlier = [90.0] * EARLIER
    data = readings(
        supervision_rate=series(earlier + [(50.0, 4), (50.0, 4), (50.0, 4)], people=6),
        **SMALL_HOME,
    )
    finding = find("supervision_falling", data)
    assert finding.flagged and finding.withheld
    assert no_number(finding.summary, "50", "40", "90")


# --- Exit themes ----------------------------------------------------------------------------------


def _exits(values):
    return readings(exit_themes=series(values, people=12, min_people=10))


def test_exit_themes_rising_flags_leavers_pointing_at_the_culture():
    data = _exits([20.0] * EARLIER + [50.0, 60.0, 70.0])
    finding = check("exit_themes_rising", data)
    assert finding.flagged and "up 40 points" in finding.summary
    assert not check("exit_themes_rising", data, threshold=45).flagged
    assert not check("exit_themes_rising", _exits([30.0] * 9)).flagged


def test_exit_themes_need_ten_interviewed_leavers_even_over_three_months():
    few = readings(exit_themes=series([(50.0, 2)] * 9, min_people=10))
    assert check("exit_themes_rising", few) is None


def test_a_small_home_whose_leavers_point_at_the_culture_is_flagged_without_a_number():
    values = [(15.0, 4)] * EARLIER + [(60.0, 4), (75.0, 4), (50.0, 4)]
    data = readings(exit_themes=series(values, min_people=10), **SMALL_HOME)
    finding = find("exit_themes_rising", data)
    assert finding.flagged and finding.withheld
    assert no_number(finding.summary, "60", "75", "50", "15", "61.7", "46.7")


# --- The alert counts the practice and outcomes stream -------------------------------------------


@pytest.fixture
def home(organisation):
    return ServiceFactory(organisation=organisation, name="Elm Court", beds=28)


def _alerted(organisation, service, *rules):
    for rule in rules:
        RedFlagFactory(service=service, rule=rule, start=MONTH)
    services.flags_evaluate(organisation=organisation, month=MONTH)
    return ClosedCultureAlert.objects.filter(service=service, start=MONTH).first()


@pytest.mark.django_db
def test_a_practice_flag_counts_as_a_stream_of_its_own(organisation, home):
    alert = _alerted(
        organisation, home, "restrictive_practice_rising", "turnover_high", "rota_long_hours"
    )
    assert alert is not None
    assert alert.streams == ["workforce", "practice and outcomes"]


@pytest.mark.django_db
def test_the_restrictive_practice_rules_count_once(organisation, home):
    """Rising, without debrief, on one person and on one shift are one measure: with staff
    turnover, two indicators, not five."""
    assert (
        _alerted(
            organisation,
            home,
            "restrictive_practice_rising",
            "restrictive_practice_without_debrief",
            "restrictive_practice_one_person",
            "restrictive_practice_one_shift",
            "turnover_high",
        )
        is None
    )


@pytest.mark.django_db
def test_practice_alone_is_one_stream(organisation, home):
    assert (
        _alerted(
            organisation,
            home,
            "restrictive_practice_rising",
            "incident_reporting_falling",
            "restrictive_practice_without_debrief",
        )
        is None
    )


@pytest.mark.django_db
def test_practice_workforce_and_staff_voice_make_three_streams(organisation, home):
    alert = _alerted(
        organisation, home, "incident_reporting_falling", "manager_churn", "exit_themes_rising"
    )
    assert alert.streams == ["staff voice", "workforce", "practice and outcomes"]


# --- The settings page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_page_lists_the_new_rules_with_their_thresholds(client, organisation, leader):
    client.force_login(leader)
    url = reverse("leadership:flag_settings", args=[organisation.slug])
    page = client.get(url).text
    for rule in PRACTICE_DETECTORS:
        assert rule.label in page, rule.key
        assert f"Leave empty for the default: {rule.threshold_text()}." in page, rule.key
        assert f'name="{rule.key}_threshold"' in page, rule.key
    data = {f"{rule.key}_enabled": "on" for rule in DETECTORS if rule.key != "manager_churn"}
    data["restrictive_practice_without_debrief_threshold"] = "10"
    response = client.post(url, data)
    assert response.status_code == 302
    saved = {s.rule: s for s in FlagSetting.objects.filter(organisation=organisation)}
    assert saved["restrictive_practice_without_debrief"].threshold == 10
    assert not saved["manager_churn"].enabled
    # A whole number of changes only.
    data.update(manager_churn_enabled="on", manager_churn_threshold="1.5")
    assert "Enter a whole number of times." in client.post(url, data).text


# --- A 6-bed home with 8 staff, end to end ------------------------------------------------------


@pytest.mark.django_db
def test_a_small_home_sliding_into_restrictive_practice_is_flagged_and_no_page_shows_a_number(
    client, organisation, leader
):
    """Two or three people a month, more and more uses, fewer debriefs, incident reports falling
    while harm does not: every monthly figure withheld; flagged, and the flag's page shows the
    pattern and where to look, never the hidden figures."""
    home = ServiceFactory(organisation=organisation, name="Hawthorn Cottage", beds=6)
    steady = ServiceFactory(organisation=organisation, name="Rowan Cottage", beds=6)
    snapshots(
        home, "restrictive_practice", [(5.5, 2)] * EARLIER + [(16.5, 2), (22.1, 3), (27.6, 3)]
    )
    snapshots(home, "restrictive_practice_without_debrief", [(50.0, 2), (66.7, 3), (66.7, 3)])
    snapshots(home, "incident_reporting", [(13.8, 5)] * EARLIER + [(5.5, 2)] * 3)
    snapshots(home, "basic_care", [(1.7, 1)] * EARLIER + [(3.3, 2), (5.0, 3), (5.0, 3)])
    snapshots(steady, "restrictive_practice", [(5.5, 2)] * 9)
    snapshots(steady, "restrictive_practice_without_debrief", [(0.0, 2)] * 3)
    services.flags_evaluate(organisation=organisation, month=MONTH)

    rules = set(RedFlag.objects.filter(service=home).values_list("rule", flat=True))
    assert {
        "restrictive_practice_rising",
        "restrictive_practice_without_debrief",
        "incident_reporting_falling",
    } <= rules
    assert not RedFlag.objects.filter(service=steady).exists()
    client.force_login(leader)
    for flag in RedFlag.objects.filter(service=home):
        page = client.get(reverse("leadership:flag_detail", args=[organisation.slug, flag.pk])).text
        assert "too few people to show" in flag.summary, flag.rule
        assert get_detector(flag.rule).look_at.split(":")[0][:30] in page.replace("&#x27;", "’")
        hidden = ("5.5", "16.5", "22.1", "27.6", "66.7", "9.3", "12.4", "10.1", "3.3")
        assert no_number(page, *hidden), flag.rule
