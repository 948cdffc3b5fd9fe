"""The closed-culture alert rule as INDICATORS.md E defines it (issue 12, section 5): three or
more indicators from two or more evidence streams, each indicator (measure) counted once; a flag
whose evidence has become withheld, or is older than its rule's window, stops counting towards a
new alert; the alert page lists the streams and the figures it rests on, never a withheld one."""

import pytest
from django.urls import reverse

from cms.periods import add_months
from leadership.flags import services
from leadership.flags.detectors import DETECTORS, get_detector
from leadership.flags.evidence import ALERT_STREAMS, MEASURES, measure_of
from leadership.flags.models import ClosedCultureAlert, RedFlag
from tests.cms.factories import ServiceFactory
from tests.leadership.factories_flags import MONTH, RedFlagFactory, snapshots

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, name="Northbrook House", beds=30)


def _stand(service, *rules, start=MONTH):
    return [RedFlagFactory(service=service, rule=rule, start=start) for rule in rules]


def _alerted(organisation, service, month=MONTH):
    services.flags_evaluate(organisation=organisation, month=month)
    return ClosedCultureAlert.objects.filter(service=service, start=month).exists()


# --- Measures: one indicator counted once -------------------------------------------------------


def test_the_two_complaints_figures_are_one_measure():
    assert measure_of("complaints_responded") == measure_of("complaints_per_10_beds")
    assert (
        get_detector("complaints_unanswered").measure
        == get_detector("complaints_falling_anonymous_rising").measure
    )


def test_every_detector_declares_its_stream_measure_and_window():
    for rule in DETECTORS:
        assert rule.stream in (*ALERT_STREAMS, "learning culture"), rule.key
        # A rule's measure is the INDICATORS.md indicator its first figure belongs to.
        assert rule.measure == measure_of(rule.indicators[0]), rule.key
        assert rule.window >= 1, rule.key
        # What its flag says when a figure behind it is withheld, and where to look.
        assert "{span}" in rule.pattern and rule.look_at, rule.key
    # No indicator belongs to two measures.
    keys = [key for members in MEASURES.values() for key in members]
    assert len(keys) == len(set(keys))


def test_duplicate_measures_count_once(organisation, service):
    """Complaints left unanswered and complaints falling are one measure: with staff turnover,
    two indicators, not three."""
    _stand(service, "complaints_unanswered", "complaints_falling_anonymous_rising", "turnover_high")
    assert not _alerted(organisation, service)


def test_three_flags_in_one_stream_raise_no_alert(organisation, service):
    _stand(service, "turnover_high", "turnover_rising", "rota_long_hours")
    assert not _alerted(organisation, service)


def test_two_indicators_in_two_streams_raise_no_alert(organisation, service):
    _stand(service, "turnover_high", "complaints_unanswered")
    assert not _alerted(organisation, service)


def test_three_indicators_in_two_streams_raise_an_alert(organisation, service):
    _stand(service, "turnover_high", "rota_long_hours", "complaints_unanswered")
    assert _alerted(organisation, service)


# --- Evidence that no longer stands -------------------------------------------------------------


def test_expired_evidence_does_not_count(organisation, service):
    """Flags raised in October on figures nobody has been able to read since: a January alert
    built on them would mislead."""
    october = add_months(MONTH, -5)
    january = add_months(october, 3)
    _stand(service, "turnover_high", "rota_long_hours", "complaints_unanswered", start=october)
    assert not _alerted(organisation, service, month=january)
    # Still within the window in December: the same flags raise one.
    assert _alerted(organisation, service, month=add_months(october, 2))


def test_a_flag_whose_rule_still_holds_stays_current(organisation, service):
    """A flag raised in October whose rule holds again in January is January's evidence."""
    october = add_months(MONTH, -3)
    _stand(service, "turnover_high", "rota_long_hours", "complaints_unanswered", start=october)
    snapshots(service, "staff_turnover", [40.0, 44.0, 46.0])
    snapshots(service, "rota_hours", [20.0, 22.0, 25.0])
    snapshots(service, "complaints_responded", [50.0, 40.0, 30.0], people=6)
    assert _alerted(organisation, service)
    flag = RedFlag.objects.get(service=service, rule="turnover_high")
    assert flag.start == october and flag.end == add_months(MONTH, 1)


def test_withheld_evidence_does_not_count(organisation, service):
    """Complaints were corrected down to one or two in three months: too few to read even over
    three months, so the complaints flag stands but no longer counts."""
    _stand(service, "turnover_high", "rota_long_hours", "complaints_unanswered")
    snapshots(service, "staff_turnover", [40.0, 44.0, 46.0])
    snapshots(service, "rota_hours", [20.0, 22.0, 25.0])
    snapshots(service, "complaints_responded", [(0.0, 1), None, (0.0, 1)])
    assert not _alerted(organisation, service)
    assert RedFlag.objects.get(rule="complaints_unanswered").cleared_at is None


# --- The alert page -----------------------------------------------------------------------------


def test_the_alert_page_lists_streams_and_the_figures_it_rests_on(
    client, organisation, service, leader
):
    snapshots(service, "staff_turnover", [18.0] * 6 + [40.0, 44.0, 46.0])
    snapshots(service, "rota_hours", [5.0] * 6 + [20.0, 22.0, 25.0])
    snapshots(
        service, "complaints_responded", [90.0] * 6 + [(33.3, 3), (0.0, 2), (0.0, 3)], people=6
    )
    assert _alerted(organisation, service)
    alert = ClosedCultureAlert.objects.get(service=service)
    client.force_login(leader)
    page = client.get(
        reverse("leadership:alert_detail", kwargs={"slug": organisation.slug, "alert_id": alert.pk})
    ).text
    assert "What the alert rests on" in page
    for stream in ("Workforce", "People and families"):
        assert stream in page
    assert "Complaints responded to" in page and "Staff turnover" in page
    assert "rests on figures too small to show" in page
    assert "33.3" not in page and "12.5%" not in page
