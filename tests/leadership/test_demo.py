"""The leadership demo, after the whole of `load_demo`: two years of figures uploaded through
the importer, snapshots for every month, Elm Court sliding into a closed culture (flags from
several evidence streams and an open alert), Willow House healthy (no flag), Hawthorn Cottage
(6 beds, 8 staff) sliding and flagged without any small number shown, and a second load that adds
nothing."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from cms.organisations import demo as organisations_demo
from cms.organisations.models import Role, Service
from coproduction.concerns.models import Concern
from leadership import demo
from leadership.flags.evidence import ALERT_STREAMS
from leadership.flags.models import ClosedCultureAlert, RedFlag
from leadership.flags.services import alert_due, measure
from leadership.imports.models import (
    ComplaintsMonth,
    DataImport,
    HRMonth,
    OccupancyMonth,
    PracticeMonth,
    RestrictivePracticeEpisode,
    RotaWeek,
)
from leadership.snapshots.models import IndicatorSnapshot
from tests.cms.factories import member
from tests.loading import loaded_once_per_module, whole_demo

pytestmark = pytest.mark.django_db

Kind = DataImport.Kind
Month = IndicatorSnapshot.Period.MONTH
ROWS = {
    Kind.HR: HRMonth,
    Kind.ROTA: RotaWeek,
    Kind.OCCUPANCY: OccupancyMonth,
    Kind.COMPLAINTS: ComplaintsMonth,
    Kind.PRACTICE: PracticeMonth,
    Kind.RESTRICTIVE: RestrictivePracticeEpisode,
}


def test_the_summary_says_nothing_before_the_figures_are_there():
    # First in the module: the tests after it share the loaded demo.
    organisations_demo.load(io.StringIO())
    stdout = io.StringIO()
    demo.summary(stdout)
    assert stdout.getvalue() == ""


# The whole demo, as `make run` loads it; its value is what `load_demo` printed.
loaded = loaded_once_per_module(whole_demo)


def service(name):
    return Service.objects.get(organisation__slug=demo.ORGANISATION, name=name)


def months_before_this_one(count):
    return [demo.month_ago(months_ago) for months_ago in range(count, 0, -1)]


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


# --- The story ----------------------------------------------------------------------------------


def test_elm_court_shows_flags_from_several_streams_and_an_open_alert(loaded):
    elm = service(demo.ELM_COURT)
    active = list(RedFlag.objects.filter(service=elm, cleared_at=None))
    streams = {flag.stream for flag in active} & set(ALERT_STREAMS)
    assert len(active) >= 3
    assert len(streams) >= 2
    assert alert_due(active)[0]
    # The pattern: turnover rising, a small group on long weeks, the recommend score
    # falling, complaints left without a response; and (issue 12) restrictive practice rising
    # without debriefs, incident reports falling without safer care, supervision falling and
    # the registered manager changing.
    assert {
        "turnover_rising",
        "rota_long_hours",
        "recommend_falling",
        "complaints_unanswered",
        "restrictive_practice_rising",
        "restrictive_practice_without_debrief",
        "incident_reporting_falling",
        "supervision_falling",
        "manager_churn",
    } <= {flag.rule for flag in active}
    alert = ClosedCultureAlert.objects.get(service=elm, start=demo.month_ago(1))
    assert alert.open
    assert alert.flags.filter(cleared_at=None).count() >= 3
    assert len(alert.streams) >= 2
    assert alert.start == demo.month_ago(1)
    # Evaluated as the nightly run did: dated to the first night after the month.
    assert timezone.localtime(alert.raised_at).date() == demo.month_ago(0)
    assert "Elm Court" in loaded and "open closed-culture alert" in loaded


def test_elm_courts_alert_rests_on_the_practice_stream_too(loaded):
    elm = service(demo.ELM_COURT)
    alert = ClosedCultureAlert.objects.get(service=elm, start=demo.month_ago(1))
    assert "practice and outcomes" in alert.streams
    rules = set(alert.flags.values_list("rule", flat=True))
    assert {"restrictive_practice_rising", "restrictive_practice_without_debrief"} <= rules
    # The restrictive practice flags count as one indicator (measure), however many there are.
    restrictive = RedFlag.objects.filter(service=elm, rule__startswith="restrictive_practice")
    assert restrictive.count() == 4
    assert {measure(flag) for flag in restrictive} == {"restrictive_practice"}


def test_willow_house_and_home_care_show_no_flag(loaded):
    for name in (demo.WILLOW_HOUSE, demo.HOME_CARE):
        quiet = service(name)
        assert not RedFlag.objects.filter(service=quiet).exists(), name
        assert not ClosedCultureAlert.objects.filter(service=quiet).exists(), name


def test_willow_house_is_visited_regularly_and_elm_court_not_for_months(loaded):
    """The service visits demo: Willow House has a senior visit about every month, some at night
    or at weekends; Elm Court had none for five months and is flagged for it."""
    from leadership.visits.models import ServiceVisit

    willow, elm = service(demo.WILLOW_HOUSE), service(demo.ELM_COURT)
    visits = list(ServiceVisit.objects.filter(service=willow))
    assert len(visits) == 12 and all(visit.is_senior for visit in visits)
    assert sum(visit.is_out_of_hours for visit in visits) == 4
    assert visits[0].follow_ups.filter(done_at=None).exists()
    latest = ServiceVisit.objects.filter(service=elm).latest("started_at")
    assert (timezone.now() - latest.started_at).days > 120
    assert not any(visit.is_out_of_hours for visit in ServiceVisit.objects.filter(service=elm))
    last_month = demo.month_ago(1)
    days = {
        name: IndicatorSnapshot.objects.get(
            service=service(name),
            indicator="days_since_senior_visit",
            period=Month,
            start=last_month,
        ).value
        for name in (demo.WILLOW_HOUSE, demo.ELM_COURT)
    }
    assert days[demo.WILLOW_HOUSE] < 40 and days[demo.ELM_COURT] > 90
    flag = RedFlag.objects.get(service=elm, rule="senior_visit_overdue", cleared_at=None)
    assert flag.start == demo.month_ago(2) and flag.stream == "staff voice"


def test_elm_court_staff_feel_less_safe_to_speak_up_and_willow_house_do_not(loaded):
    """The staff pulse demo (coproduction/demo/pulse.py): Elm Court's last round falls and is
    flagged in the staff-voice stream, its dignity figure only as a pattern (6 of 24 is too few
    to show); Willow House's steady rounds raise nothing."""
    elm = service(demo.ELM_COURT)
    last_month = demo.month_ago(1)
    safe = IndicatorSnapshot.objects.filter(
        service=elm, indicator="staff_pulse_safe_to_speak", period=Month
    ).exclude(people=0)
    assert safe.count() == 4
    assert all(snapshot.people == 24 for snapshot in safe)
    assert safe.get(start=last_month).shown_value < 50
    flags = {
        flag.rule: flag
        for flag in RedFlag.objects.filter(service=elm, cleared_at=None, start=last_month)
    }
    assert {"pulse_safe_to_speak_falling", "pulse_dignity_seen"} <= set(flags)
    assert flags["pulse_safe_to_speak_falling"].stream == "staff voice"
    dignity = flags["pulse_dignity_seen"].summary
    assert "too few people to show" in dignity and "25" not in dignity
    first = RedFlag.objects.filter(service=elm, rule="pulse_safe_to_speak_falling")
    assert min(first.values_list("start", flat=True)) == last_month
    willow = service(demo.WILLOW_HOUSE)
    assert (
        IndicatorSnapshot.objects.filter(
            service=willow, indicator="staff_pulse_safe_to_speak", period=Month
        )
        .exclude(people=0)
        .count()
        == 4
    )
    assert not RedFlag.objects.filter(service=willow, rule__startswith="pulse_").exists()


def test_the_flags_build_up_over_the_months(loaded):
    """Workforce and practice flags first, the families' and staff's voice last. Restrictive
    practice rising without debriefs beside the workforce signs raises an alert in the first
    month evaluated, which stands each month since; concerns, few a month and read over three
    months, go late the month after, and the last whole month's alert rests on all four
    streams."""
    elm = service(demo.ELM_COURT)
    first_raised = {
        flag.rule: flag.start for flag in RedFlag.objects.filter(service=elm).order_by("start")
    }
    last_month = demo.month_ago(1)
    assert first_raised["rota_long_hours"] < last_month
    assert first_raised["turnover_high"] < last_month
    assert first_raised["recommend_falling"] == last_month
    alerts = list(ClosedCultureAlert.objects.filter(service=elm).order_by("start"))
    first_alert = alerts[0].start
    assert first_alert == demo.month_ago(demo.EVALUATED_MONTHS)
    assert first_raised["rota_long_hours"] == first_alert
    assert first_raised["restrictive_practice_rising"] == first_alert
    assert first_raised["restrictive_practice_without_debrief"] == first_alert
    assert alerts[0].streams == ["workforce", "practice and outcomes"]
    assert first_alert < first_raised["concerns_late"] < last_month
    assert first_raised["restrictive_practice_one_person"] < last_month
    assert [alert.start for alert in alerts] == [
        demo.month_ago(months_ago) for months_ago in range(len(alerts), 0, -1)
    ]
    assert alerts[-1].streams == [
        "people and families",
        "staff voice",
        "workforce",
        "practice and outcomes",
    ]


def test_hawthorn_cottage_is_small_and_slides_and_is_flagged(loaded):
    hawthorn = service(demo.HAWTHORN)
    assert hawthorn.beds == 6
    assert HRMonth.objects.filter(service=hawthorn, month=demo.month_ago(1)).get().headcount == 8
    # Every month's complaints rest on fewer than 5: withheld on every screen.
    complaints = IndicatorSnapshot.objects.filter(
        service=hawthorn, indicator="complaints_responded", period=Month
    )
    assert complaints.count() == demo.MONTHS
    assert all(snapshot.shown_value is None for snapshot in complaints)
    active = list(RedFlag.objects.filter(service=hawthorn, cleared_at=None))
    assert {"complaints_unanswered", "rota_long_hours", "turnover_high"} <= {
        flag.rule for flag in active
    }
    assert alert_due(active, demo.month_ago(1))[0]
    assert ClosedCultureAlert.objects.filter(
        service=hawthorn, start=demo.month_ago(1), acknowledged_at=None
    ).exists()
    assert "Hawthorn Cottage" in loaded


def test_hawthorn_cottage_pages_show_the_pattern_and_no_withheld_number(client, loaded):
    hawthorn = service(demo.HAWTHORN)
    organisation = hawthorn.organisation
    client.force_login(member(Role.LEADER, organisation=organisation))
    flag = RedFlag.objects.get(service=hawthorn, rule="complaints_unanswered", cleared_at=None)
    alert = ClosedCultureAlert.objects.get(service=hawthorn, start=demo.month_ago(1))
    pages = [
        client.get(reverse("leadership:flag_detail", args=[organisation.slug, flag.pk])).text,
        client.get(reverse("leadership:alert_detail", args=[organisation.slug, alert.pk])).text,
    ]
    hidden = set()
    for snapshot in IndicatorSnapshot.objects.filter(
        service=hawthorn, indicator="complaints_responded", period=Month, value__isnull=False
    ):
        hidden.add(f"{snapshot.value:g}%")
    for page in pages:
        assert "Where to look" in page and "complaints log" in page
        assert "Withheld: fewer than 5 people" in page
        leaked = [text for text in hidden if re.search(rf"(?<![\d.]){re.escape(text)}", page)]
        assert not leaked, leaked
    assert "below 80%" in flag.summary and "too few people to show" in flag.summary


# --- Where the figures come from ----------------------------------------------------------------


def test_the_figures_were_uploaded_through_the_importer(loaded):
    imports = DataImport.objects.filter(organisation__slug=demo.ORGANISATION)
    for kind in Kind:
        of_kind = imports.filter(kind=kind)
        assert of_kind.count() == demo.MONTHS, kind
        assert set(of_kind.values_list("uploaded_by__email", flat=True)) == {demo.HR}
    starts = sorted(imports.filter(kind=Kind.HR).values_list("period_start", flat=True))
    assert starts == months_before_this_one(demo.MONTHS)
    for kind, model in ROWS.items():
        stated = sum(imports.filter(kind=kind).values_list("row_count", flat=True))
        assert model.objects.filter(data_import__in=imports).count() == stated > 0, kind
    # Occupancy for the services with beds only; people on the rota by code, never by name.
    assert set(OccupancyMonth.objects.values_list("service__name", flat=True)) == {
        demo.WILLOW_HOUSE,
        demo.ELM_COURT,
        demo.HAWTHORN,
    }
    codes = set(RotaWeek.objects.values_list("person_code", flat=True))
    assert all(re.fullmatch(r"(AGY-)?[A-Z]{2}B?\d{2,4}", code) for code in codes)


def test_every_service_has_snapshots_for_the_last_24_months(loaded):
    expected = months_before_this_one(24)
    for name in (demo.WILLOW_HOUSE, demo.ELM_COURT, demo.HOME_CARE, demo.HAWTHORN):
        snapshots = IndicatorSnapshot.objects.filter(service=service(name), period=Month)
        assert sorted(set(snapshots.values_list("start", flat=True))) == expected, name
        turnover = snapshots.filter(indicator="staff_turnover", value__isnull=False)
        assert turnover.count() == 24, name


def snapshot_values(service_name, indicator):
    """The monthly figures that can be shown, oldest first."""
    snapshots = IndicatorSnapshot.objects.filter(
        service=service(service_name), indicator=indicator, period=Month
    ).order_by("start")
    return [snapshot.shown_value for snapshot in snapshots if snapshot.shown_value is not None]


def test_elm_court_slides_in_every_stream_while_willow_house_holds_steady(loaded):
    elm_score = snapshot_values(demo.ELM_COURT, "family_nps")
    assert len(elm_score) >= 8
    assert elm_score[0] >= 40 and elm_score[-1] < 0
    willow_score = snapshot_values(demo.WILLOW_HOUSE, "family_nps")
    assert len(willow_score) >= 8
    assert min(willow_score) >= willow_score[0] - 5
    assert snapshot_values(demo.ELM_COURT, "rota_top5_share")[-1] >= 40
    assert max(snapshot_values(demo.WILLOW_HOUSE, "rota_hours")) == 0
    elm_occupancy = snapshot_values(demo.ELM_COURT, "occupancy")
    assert elm_occupancy[-1] < elm_occupancy[0] - 15


def test_concerns_at_elm_court_go_anonymous_and_late_while_willow_house_answers_on_time(loaded):
    last_month = demo.month_ago(1)
    elm_recent = Concern.objects.filter(
        service=service(demo.ELM_COURT), created_at__date__gte=last_month
    ).filter(created_at__date__lt=demo.month_ago(0))
    assert elm_recent.count() >= 5
    assert elm_recent.filter(anonymous=True).count() > elm_recent.count() / 2
    late = [c for c in elm_recent if c.acknowledged_at and c.acknowledged_at > c.acknowledge_by]
    assert len(late) >= 3
    willow_history = Concern.objects.filter(
        service=service(demo.WILLOW_HOUSE), created_at__date__lt=demo.month_ago(4)
    )
    assert willow_history.count() >= 5
    assert not willow_history.filter(anonymous=True).exists()
    assert all(c.acknowledged_at <= c.acknowledge_by for c in willow_history)


# --- Running it again ---------------------------------------------------------------------------


def test_a_second_load_adds_nothing(loaded):
    before = counts()
    stdout = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", stdout=stdout)
    assert counts() == before
    assert "Leadership demo for Riverside: already there." in stdout.getvalue()


def test_the_summary_names_the_sign_ins_to_try(loaded):
    stdout = io.StringIO()
    demo.summary(stdout)
    text = stdout.getvalue()
    assert demo.LEADER in text and "Elm Court" in text
    assert demo.HR in text and "imports" in text
    # `load_demo` prints it after every load.
    assert text.strip() in loaded


# --- Practice and outcomes (issue 12) -----------------------------------------------------------


def raw_values(service_name, indicator):
    """The monthly figures as the red-flag rules read them (withheld or not), oldest first."""
    snapshots = IndicatorSnapshot.objects.filter(
        service=service(service_name), indicator=indicator, period=Month
    ).order_by("start")
    return [snapshot.value for snapshot in snapshots if snapshot.value is not None]


def average(values):
    return sum(values) / len(values)


def test_elm_court_restrictive_practice_rises_without_debriefs_and_willow_houses_does_not(
    loaded,
):
    elm = raw_values(demo.ELM_COURT, "restrictive_practice")
    assert len(elm) == demo.MONTHS
    assert average(elm[-3:]) > 3 * average(elm[:12])
    elm_without = raw_values(demo.ELM_COURT, "restrictive_practice_without_debrief")
    assert max(elm_without[:12]) == 0 and min(elm_without[-3:]) >= 60
    assert raw_values(demo.ELM_COURT, "restrictive_practice_one_person")[-1] >= 50
    # Shown on the screens in the last months: used on 5 people or more.
    assert snapshot_values(demo.ELM_COURT, "restrictive_practice")[-1] == elm[-1]
    # Incident reporting falls while basic care outcomes rise: less reporting, not safer care.
    incidents = raw_values(demo.ELM_COURT, "incident_reporting")
    assert average(incidents[-3:]) < average(incidents[:12]) / 2
    basic_care = raw_values(demo.ELM_COURT, "basic_care")
    assert average(basic_care[-3:]) > 2 * average(basic_care[:12])
    assert raw_values(demo.ELM_COURT, "supervision_rate")[-1] < 60
    assert raw_values(demo.ELM_COURT, "manager_stability")[-1] == 2

    willow = raw_values(demo.WILLOW_HOUSE, "restrictive_practice")
    assert len(willow) == demo.MONTHS
    assert max(willow[-6:]) <= 2 * average(willow[:12])
    assert max(raw_values(demo.WILLOW_HOUSE, "restrictive_practice_without_debrief")) == 0
    # Used on fewer than 5 people a month: never shown, only read by the rules.
    assert snapshot_values(demo.WILLOW_HOUSE, "restrictive_practice") == []
    assert raw_values(demo.WILLOW_HOUSE, "manager_stability")[-1] == 0
    # No person or shift code is a name; every episode has a month, never a date.
    codes = set(RestrictivePracticeEpisode.objects.values_list("person_code", flat=True))
    assert all(re.fullmatch(r"[A-Z]{3}\d{2}", code) for code in codes)
