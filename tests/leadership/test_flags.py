"""Red flags and closed-culture alerts: evaluating the rules over snapshots (raising, keeping and
clearing flags; alerts only at 3 indicators from 2 evidence streams; the suggested rung; one
email to the organisation's leaders and safeguarding leads), acknowledging an alert, assigning a
learning path from it, the rule settings, the pages, and who may do each of these."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.periods import add_months
from leadership.flags import learning, selectors, services
from leadership.flags.models import AlertPathAssignment, ClosedCultureAlert, FlagSetting, RedFlag
from leadership.flags.tasks import evaluate_flags
from learning.enrolment.models import Enrolment
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_flags import (
    MONTH,
    ClosedCultureAlertFactory,
    RedFlagFactory,
    snapshots,
    struggling,
)
from tests.learning.factories import LearningIndexPageFactory, LearningPathPageFactory

pytestmark = pytest.mark.django_db

Rung = ClosedCultureAlert.Rung
NEXT_MONTH = add_months(MONTH, 1)


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, name="Northbrook House", beds=30)


@pytest.fixture
def healthy(organisation):
    return ServiceFactory(organisation=organisation, name="Highfield House", beds=30)


@pytest.fixture
def safeguarding_lead(organisation):
    return member(Role.SAFEGUARDING_LEAD, organisation=organisation, first_name="Sam")


def _flags(service, **filters):
    return RedFlag.objects.filter(service=service, **filters)


def _evaluate(organisation=None, month=MONTH):
    return services.flags_evaluate(organisation=organisation, month=month)


def _stand(service, *rules):
    return [RedFlagFactory(service=service, rule=rule) for rule in rules]


# --- Evaluating -------------------------------------------------------------------------------


def test_evaluate_flags_the_struggling_service_and_not_the_healthy_one(
    organisation, service, healthy
):
    struggling(service)
    snapshots(healthy, "staff_turnover", [14.0] * 9)
    snapshots(healthy, "rota_hours", [2.0] * 9)
    snapshots(healthy, "family_nps", [40.0] * 9, people=12)
    snapshots(healthy, "complaints_responded", [100.0] * 9, people=6)

    done = _evaluate(organisation)

    assert set(_flags(service).values_list("rule", flat=True)) == {
        "turnover_high",
        "turnover_rising",
        "rota_long_hours",
        "recommend_falling",
        "complaints_unanswered",
    }
    assert not _flags(healthy).exists()
    assert done == {"raised": 5, "cleared": 0, "alerts": 1}
    flag = _flags(service).get(rule="turnover_high")
    assert flag.start == MONTH and flag.end == NEXT_MONTH and flag.active
    assert flag.stream == "workforce"
    assert flag.labels == {
        "pel": "Teamwork",
        "hull": "management and leadership",
        "cqc": "leadership oversight",
        "stream": "workforce",
    }
    # 40% a year of 30 staff is a month's 1 leaver, withheld on screen: the summary says the
    # pattern, not the 43.3% the rule read.
    assert "43.3" not in flag.summary and "above 24.2% a year" in flag.summary
    # Leavers with under a year's service were not imported: not shown beside it.
    assert {row["indicator"] for row in flag.evidence} == {"staff_turnover"}


def test_evaluating_again_changes_nothing(organisation, service):
    struggling(service)
    _evaluate(organisation)
    again = _evaluate(organisation)
    assert again == {"raised": 0, "cleared": 0, "alerts": 0}
    assert _flags(service).count() == 5
    assert ClosedCultureAlert.objects.count() == 1


def test_a_standing_flag_is_not_raised_again_next_month(organisation, service):
    struggling(service)
    _evaluate(organisation)
    struggling_next = [40.0, 44.0, 46.0, 45.0]
    snapshots(service, "staff_turnover", struggling_next, month=NEXT_MONTH)
    _evaluate(organisation, month=NEXT_MONTH)
    flag = _flags(service).get(rule="turnover_high")
    assert flag.start == MONTH and flag.active
    assert not _flags(service, start=NEXT_MONTH, rule="turnover_high").exists()


def test_flags_that_no_longer_hold_are_cleared_not_deleted(organisation, service):
    struggling(service)
    _evaluate(organisation)
    # The next month, turnover and the rota are back to normal; the other figures are missing,
    # so their rules say nothing and their flags stand.
    snapshots(service, "staff_turnover", [18.0] * 9, month=NEXT_MONTH)
    snapshots(service, "rota_hours", [4.0] * 9, month=NEXT_MONTH)

    done = _evaluate(organisation, month=NEXT_MONTH)

    assert done["cleared"] == 3
    cleared = _flags(service, cleared_at__isnull=False)
    assert set(cleared.values_list("rule", flat=True)) == {
        "turnover_high",
        "turnover_rising",
        "rota_long_hours",
    }
    assert _flags(service).count() == 5
    assert set(_flags(service, cleared_at__isnull=True).values_list("rule", flat=True)) == {
        "recommend_falling",
        "complaints_unanswered",
    }


def test_a_rule_with_no_usable_data_leaves_its_flag_standing(organisation, service):
    [flag] = _stand(service, "turnover_high")
    snapshots(service, "staff_turnover", [(80.0, 2)] * 3)  # withheld: says nothing
    _evaluate(organisation)
    flag.refresh_from_db()
    assert flag.active


def test_settings_switch_a_rule_off_and_change_its_threshold(organisation, service, leader):
    snapshots(service, "staff_turnover", [30.0] * 9)
    FlagSetting.objects.create(organisation=organisation, rule="turnover_high", threshold=35)
    _evaluate(organisation)
    assert not _flags(service, rule="turnover_high").exists()

    FlagSetting.objects.filter(rule="turnover_high").update(threshold=25)
    _evaluate(organisation)
    flag = _flags(service).get(rule="turnover_high")
    assert flag.active and "above 25% a year" in flag.summary

    FlagSetting.objects.filter(rule="turnover_high").update(enabled=False)
    done = _evaluate(organisation)
    flag.refresh_from_db()
    assert not flag.active and done["cleared"] == 1


def test_the_task_evaluates_one_organisation_or_all(organisation, service):
    other = ServiceFactory(name="Elsewhere House")
    snapshots(service, "staff_turnover", [30.0] * 3)
    snapshots(other, "staff_turnover", [30.0] * 3)
    evaluate_flags(organisation_id=organisation.pk, month=MONTH.isoformat())
    assert _flags(service).exists() and not _flags(other).exists()
    evaluate_flags(month=MONTH.isoformat())
    assert _flags(other).exists()


def test_evaluate_defaults_to_the_last_whole_month():
    today = timezone.localdate()
    assert services.last_whole_month(today) == add_months(today.replace(day=1), -1)
    assert services.last_whole_month(timezone.datetime(2026, 1, 15).date()).isoformat() == (
        "2025-12-01"
    )


# --- Alerts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "alert"),
    [
        # 3 indicators, 2 streams.
        (("turnover_high", "rota_long_hours", "recommend_falling"), True),
        # Only 2 indicators: turnover high and rising read the same one.
        (("turnover_high", "turnover_rising", "recommend_falling"), False),
        # 3 indicators from 1 stream.
        (("recommend_falling", "complaints_unanswered", "concerns_late"), False),
        # 2 indicators from 2 streams, and a learning flag that does not count.
        (("turnover_high", "recommend_falling", "learning_completion_low"), False),
        # 2 of the rota rules are one indicator; with 2 others from another stream: 3.
        (("rota_long_hours", "rota_concentration", "concerns_late", "bullying_reports_high"), True),
    ],
)
def test_an_alert_needs_3_indicators_from_2_streams(organisation, service, rules, alert):
    _stand(service, *rules)
    _evaluate(organisation)
    assert ClosedCultureAlert.objects.filter(service=service).exists() is alert


def test_cleared_flags_do_not_count_towards_an_alert(organisation, service):
    flags = _stand(service, "turnover_high", "rota_long_hours", "recommend_falling")
    RedFlag.objects.filter(pk=flags[0].pk).update(cleared_at=timezone.now())
    _evaluate(organisation)
    assert not ClosedCultureAlert.objects.exists()


def test_the_alert_lists_its_flags_streams_and_suggested_rung(organisation, service):
    flags = _stand(service, "turnover_high", "rota_long_hours", "recommend_falling")
    _evaluate(organisation)
    alert = ClosedCultureAlert.objects.get(service=service)
    assert alert.start == MONTH and alert.open
    assert set(alert.flags.all()) == set(flags)
    assert alert.streams == ["people and families", "workforce"]
    assert alert.suggested_rung == Rung.INFORMATION_SHARING


def test_three_streams_suggest_a_provider_concerns_visit(organisation, service):
    _stand(service, "turnover_high", "recommend_falling", "bullying_reports_high")
    _evaluate(organisation)
    alert = ClosedCultureAlert.objects.get(service=service)
    assert alert.suggested_rung == Rung.PROVIDER_CONCERNS_VISIT


def test_an_alert_in_each_of_the_last_3_months_is_level_3(organisation, service):
    _stand(service, "turnover_high", "rota_long_hours", "recommend_falling")
    ClosedCultureAlertFactory(service=service, start=add_months(MONTH, -2))
    ClosedCultureAlertFactory(service=service, start=add_months(MONTH, -1))
    _evaluate(organisation)
    alert = ClosedCultureAlert.objects.get(service=service, start=MONTH)
    assert alert.suggested_rung == Rung.ENHANCED_MONITORING


def test_the_alert_is_emailed_once_to_leaders_and_safeguarding_leads_of_its_service(
    organisation, service, healthy, leader, safeguarding_lead,
    django_capture_on_commit_callbacks, mailoutbox,
):  # fmt: skip
    service_lead = member(Role.SAFEGUARDING_LEAD, service=service)
    member(Role.LEADER, service=healthy)  # leads another service only
    for role in (Role.STAFF, Role.HR, Role.ORGANISATION_ADMIN, Role.SUPERVISOR):
        member(role, organisation=organisation)
    member(Role.LEADER, organisation=OrganisationFactory())
    gone = member(Role.LEADER, organisation=organisation)
    gone.is_active = False
    gone.save()
    struggling(service)

    with django_capture_on_commit_callbacks(execute=True):
        _evaluate(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        _evaluate(organisation)  # again: the alert is already claimed

    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == sorted([leader.email, safeguarding_lead.email, service_lead.email])
    message = mailoutbox[0]
    assert "Northbrook House" in message.subject
    assert "Staff turnover over the 3 months to March 2026 was above 24.2% a year" in message.body
    assert "43.3" not in message.body
    alert = ClosedCultureAlert.objects.get()
    assert f"http://testserver{services.alert_url(alert)}" in message.body
    assert alert.notified_at is not None
    # Services, never people: no one is named in the alert.
    assert leader.last_name not in message.body


def test_no_email_when_the_evaluation_does_not_commit(
    organisation, service, leader, django_capture_on_commit_callbacks, mailoutbox
):
    struggling(service)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _evaluate(organisation)
    assert len(callbacks) == 1 and mailoutbox == []


# --- Acknowledging ----------------------------------------------------------------------------


@pytest.fixture
def alert(service):
    flags = [
        RedFlagFactory(
            service=service,
            rule="turnover_high",
            evidence=[
                {
                    "indicator": "staff_turnover",
                    "label": "Staff turnover",
                    "unit": "% a year",
                    "month": "2026-03-01",
                    "month_label": "March 2026",
                    "role": "recent",
                    "value": None,
                    "people": None,
                    "withheld": True,
                    "min_people": 5,
                    "shown": "Withheld: fewer than 5 people",
                },
                {
                    "indicator": "staff_turnover",
                    "label": "Staff turnover",
                    "unit": "% a year",
                    "month": "2026-02-01",
                    "month_label": "February 2026",
                    "role": "recent",
                    "value": 41.5,
                    "people": 38,
                    "withheld": False,
                    "min_people": 5,
                    "shown": "41.5% a year",
                },
            ],
        ),
        RedFlagFactory(service=service, rule="rota_long_hours", summary="Long weeks."),
        RedFlagFactory(service=service, rule="recommend_falling", summary="Score falling."),
    ]
    return ClosedCultureAlertFactory(service=service, flags=flags)


def _url(name, alert, **kwargs):
    return reverse(
        f"leadership:{name}",
        kwargs={"slug": alert.service.organisation.slug, "alert_id": alert.pk, **kwargs},
    )


def test_acknowledging_needs_what_was_done_and_a_state(client, alert, leader):
    client.force_login(leader)
    response = client.post(_url("alert_acknowledge", alert), {"what_was_done": "  ", "state": ""})
    assert response.status_code == 400
    assert "Say what was done about the alert." in response.text
    assert "Choose which state fits what you found." in response.text
    alert.refresh_from_db()
    assert alert.open

    response = client.post(
        _url("alert_acknowledge", alert),
        {
            "what_was_done": "Visited at night; <b>shared</b> with the council.",
            "state": "avoidance",
        },
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert not alert.open and alert.acknowledged_by == leader
    assert alert.what_was_done == "Visited at night; shared with the council."
    assert alert.state == ClosedCultureAlert.State.AVOIDANCE


def test_an_alert_is_acknowledged_once(alert, leader, safeguarding_lead):
    services.alert_acknowledge(alert, leader, what_was_done="Visited.", state="none")
    with pytest.raises(services.ValidationError):
        services.alert_acknowledge(alert, safeguarding_lead, what_was_done="Again.", state="denial")
    alert.refresh_from_db()
    assert alert.acknowledged_by == leader and alert.state == "none"


def test_a_note_of_nothing_but_markup_is_refused(alert, leader):
    with pytest.raises(services.ValidationError):
        services.alert_acknowledge(
            alert, leader, what_was_done="<script>alert(1)</script>", state="none"
        )
    alert.refresh_from_db()
    assert alert.open and alert.what_was_done == ""


def test_a_safeguarding_lead_may_acknowledge(client, alert, safeguarding_lead):
    client.force_login(safeguarding_lead)
    response = client.post(
        _url("alert_acknowledge", alert), {"what_was_done": "Told the council.", "state": "none"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_by == safeguarding_lead


# --- Assigning a path -------------------------------------------------------------------------


@pytest.fixture
def paths(organisation):
    index = LearningIndexPageFactory(organisation=organisation)
    listening = LearningPathPageFactory(parent=index, title="Listening", slug="listening")
    red_flags = LearningPathPageFactory(parent=index, title="Red flags", slug="red-flags")
    return listening, red_flags


def test_the_red_flags_path_is_offered_first(client, alert, leader, paths):
    client.force_login(leader)
    response = client.get(_url("alert_detail", alert))
    form = response.context["assign_form"]
    assert form.fields["path"].initial == paths[1].pk
    assert [title for _pk, title in form.fields["path"].choices] == ["Listening", "Red flags"]


def test_assigning_a_path_enrols_the_service_staff_and_records_it(
    client, alert, service, healthy, leader, paths
):
    staff = member(Role.STAFF, service=service)
    supervisor = member(Role.SUPERVISOR, service=service)
    member(Role.STAFF, service=healthy)
    member(Role.FAMILY_MEMBER, service=service)
    due = timezone.localdate() + timedelta(days=30)
    client.force_login(leader)

    response = client.post(
        _url("alert_assign_path", alert), {"path": paths[1].pk, "due_on": due.isoformat()}
    )

    assert response.status_code == 302
    enrolments = Enrolment.objects.filter(path=paths[1])
    assert {enrolment.user for enrolment in enrolments} == {staff, supervisor}
    assert all(enrolment.due_on == due for enrolment in enrolments)
    assignment = AlertPathAssignment.objects.get()
    assert assignment.alert == alert and assignment.path_id == paths[1].pk
    assert assignment.path_title == "Red flags" and assignment.people_enrolled == 2
    assert assignment.assigned_by == leader
    page = client.get(_url("alert_detail", alert)).text
    assert "“Red flags”: 2 people enrolled" in page


def test_assigning_refuses_a_path_of_another_organisation_and_a_past_date(
    client, alert, leader, paths
):
    foreign = LearningPathPageFactory(
        parent=LearningIndexPageFactory(organisation=OrganisationFactory())
    )
    client.force_login(leader)
    response = client.post(
        _url("alert_assign_path", alert),
        {"path": foreign.pk, "due_on": (timezone.localdate() + timedelta(days=9)).isoformat()},
    )
    assert response.status_code == 400
    response = client.post(
        _url("alert_assign_path", alert),
        {"path": paths[0].pk, "due_on": (timezone.localdate() - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400 and "cannot be in the past" in response.text
    assert not AlertPathAssignment.objects.exists() and not Enrolment.objects.exists()


def test_a_safeguarding_lead_may_not_assign(client, alert, safeguarding_lead, paths):
    client.force_login(safeguarding_lead)
    assert client.get(_url("alert_detail", alert)).context["assign_form"] is None
    response = client.post(
        _url("alert_assign_path", alert),
        {"path": paths[1].pk, "due_on": (timezone.localdate() + timedelta(days=9)).isoformat()},
    )
    assert response.status_code == 403


def test_without_the_learning_plugin_no_path_is_offered(client, alert, leader, paths, monkeypatch):
    monkeypatch.setattr(learning, "available", lambda: False)
    assert learning.paths_for(alert.service.organisation) == []
    client.force_login(leader)
    response = client.get(_url("alert_detail", alert))
    assert response.context["assign_form"] is None
    assert "Assign a learning path" not in response.text
    response = client.post(_url("alert_assign_path", alert), {"path": paths[1].pk})
    assert response.status_code == 404


# --- Pages ------------------------------------------------------------------------------------


def test_the_alert_page_shows_the_evidence_without_withheld_values(client, alert, leader):
    client.force_login(leader)
    response = client.get(_url("alert_detail", alert))
    assert response.status_code == 200
    page = response.text
    assert "Level 1: information sharing" in page
    assert "Share what you know with the local authority" in page
    # 41.5% a year of 38 staff is a month's 1 leaver: withheld as the dashboards withhold it.
    assert "Withheld: fewer than 5 of 38" in page and ">38<" in page
    assert "41.5% a year" not in page
    assert "Withheld: fewer than 5 people" in page and "fewer than 5</td>" in page
    assert "Subculture: Teamwork" in page and "Evidence stream: workforce" in page
    assert "Acknowledge the alert" in page


def test_the_overview_shows_open_alerts_first_then_flags_by_service_and_history(
    client, organisation, service, healthy, alert, leader
):
    RedFlagFactory(service=healthy, rule="silence", summary="Nothing raised for 3 months.")
    old = ClosedCultureAlertFactory(service=service, start=add_months(MONTH, -4))
    services.alert_acknowledge(old, leader, what_was_done="Visited.", state="complacency")
    RedFlagFactory(
        service=service,
        rule="concerns_late",
        start=add_months(MONTH, -5),
        cleared_at=timezone.now(),
        summary="Concerns acknowledged late.",
    )
    client.force_login(leader)

    page = client.get(reverse("leadership:flags_overview", args=[organisation.slug])).text

    alerts = page.index("Closed-culture alerts waiting")
    standing = page.index("Flags standing now")
    history = page.index("History")
    assert alerts < page.index("Northbrook House: alert for March 2026") < standing
    assert standing < page.index("Highfield House") < page.index("Nothing raised") < history
    assert page.index("Complacency: no one looked") > history
    assert page.index("Concerns acknowledged late.") > history
    assert "Subculture: Reporting" in page


def test_the_overview_empty_states(client, organisation, leader):
    client.force_login(leader)
    page = client.get(reverse("leadership:flags_overview", args=[organisation.slug])).text
    assert "No alerts are waiting for a response." in page
    assert "No flags are standing. That is not proof that all is well" in page
    assert "No alerts have been acknowledged yet." in page


def test_history_is_paginated(client, organisation, service, leader):
    for back in range(25):
        RedFlagFactory(
            service=service,
            rule="turnover_high",
            start=add_months(MONTH, -back),
            cleared_at=timezone.now(),
        )
    client.force_login(leader)
    url = reverse("leadership:flags_overview", args=[organisation.slug])
    first = client.get(url)
    assert len(first.context["cleared"]["page_obj"]) == 20
    second = client.get(url, {"flags_page": 2})
    assert len(second.context["cleared"]["page_obj"]) == 5
    assert "?flags_page=2#cleared" in first.text


def test_a_leader_of_one_service_sees_only_its_flags(client, organisation, service, healthy):
    RedFlagFactory(service=service, summary="Northbrook turnover.")
    elsewhere = RedFlagFactory(service=healthy, summary="Highfield turnover.")
    one_service_leader = member(Role.LEADER, service=service)
    client.force_login(one_service_leader)
    page = client.get(reverse("leadership:flags_overview", args=[organisation.slug])).text
    assert "Northbrook turnover." in page and "Highfield turnover." not in page
    url = reverse("leadership:flag_detail", args=[organisation.slug, elsewhere.pk])
    assert client.get(url).status_code == 404


def test_another_organisations_flags_and_alerts_are_not_found(client, alert, service):
    other_leader = member(Role.LEADER, organisation=OrganisationFactory())
    client.force_login(other_leader)
    slug = service.organisation.slug
    assert client.get(reverse("leadership:flags_overview", args=[slug])).status_code == 404
    assert client.get(_url("alert_detail", alert)).status_code == 404
    response = client.post(
        _url("alert_acknowledge", alert), {"what_was_done": "x", "state": "none"}
    )
    assert response.status_code == 404
    # Even through their own organisation's address, another's alert is not found.
    own = other_leader.memberships.get().organisation.slug
    url = reverse("leadership:alert_detail", kwargs={"slug": own, "alert_id": alert.pk})
    assert client.get(url).status_code == 404


def test_the_flag_page_shows_its_evidence_and_the_internal_review(client, service, leader):
    flag = RedFlagFactory(service=service, summary="Turnover high.")
    client.force_login(leader)
    url = reverse("leadership:flag_detail", args=[service.organisation.slug, flag.pk])
    page = client.get(url).text
    assert "Turnover high." in page and "an internal review" in page
    assert "No figures were stored with this flag." in page


def test_navigation_and_home_panel(rf, organisation, alert, leader, safeguarding_lead):
    import leadership.flags.wagtail_hooks  # noqa: F401  (registers the hooks if not yet)
    from cms.pages.panels import home_panels, navigation_items

    item = ("Red flags", reverse("leadership:flags_home"))
    request = rf.get("/")
    # An organisation admin sets the flags' rules on that page (issue 14, point 7: the menu
    # offers every page a role uses), but sees no flag or alert.
    for person, offered, shown in (
        (leader, True, True),
        (safeguarding_lead, True, True),
        (member(Role.HR, organisation=organisation), False, False),
        (member(Role.ORGANISATION_ADMIN, organisation=organisation), True, False),
        (member(Role.STAFF, organisation=organisation), False, False),
        (AnonymousUser(), False, False),
    ):
        request.user = person
        assert (item in navigation_items(request)) is offered
        titles = [panel.title for panel in home_panels(request)]
        assert ("Closed-culture alerts" in titles) is shown

    request.user = leader
    panel = next(p for p in home_panels(request) if p.title == "Closed-culture alerts")
    assert [item.label for item in panel.items] == [
        "Northbrook House: closed-culture alert for March 2026"
    ]
    assert panel.items[0].url == services.alert_url(alert)
    services.alert_acknowledge(alert, leader, what_was_done="Visited.", state="none")
    panel = next(p for p in home_panels(request) if p.title == "Closed-culture alerts")
    assert panel.items == ()


def test_home_goes_straight_to_the_one_organisation(client, organisation, leader):
    client.force_login(leader)
    response = client.get(reverse("leadership:flags_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("leadership:flags_overview", args=[organisation.slug])


def test_home_lists_organisations_to_choose(client, organisation):
    other = OrganisationFactory(name="Birch Care")
    person = member(Role.LEADER, organisation=organisation)
    member(Role.ORGANISATION_ADMIN, organisation=other, email="admin-too@example.org")
    from tests.cms.factories import MembershipFactory

    MembershipFactory(user=person, organisation=other, role=Role.ORGANISATION_ADMIN)
    client.force_login(person)
    response = client.get(reverse("leadership:flags_home"))
    assert response.status_code == 200
    overview = reverse("leadership:flags_overview", args=[organisation.slug])
    assert f'href="{overview}"' in response.text
    assert f'href="{reverse("leadership:flags_overview", args=[other.slug])}"' not in response.text
    assert reverse("leadership:flag_settings", args=[other.slug]) in response.text


# --- Settings ---------------------------------------------------------------------------------


def _settings_data(**overrides):
    from leadership.flags.detectors import DETECTORS

    data = {f"{rule.key}_enabled": "on" for rule in DETECTORS}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_settings_are_saved_per_organisation(client, organisation, leader):
    client.force_login(leader)
    url = reverse("leadership:flag_settings", args=[organisation.slug])
    response = client.post(url, _settings_data(turnover_high_threshold="30", silence_enabled=None))
    assert response.status_code == 302
    saved = {s.rule: s for s in FlagSetting.objects.filter(organisation=organisation)}
    assert saved["turnover_high"].threshold == 30 and saved["turnover_high"].enabled
    assert not saved["silence"].enabled
    assert saved["rota_long_hours"].threshold is None  # empty: the default
    assert saved["turnover_high"].updated_by == leader
    settings = {s.rule.key: s for s in selectors.rule_settings(organisation)}
    assert settings["turnover_high"].effective_threshold == 30
    assert settings["rota_long_hours"].effective_threshold == 10
    assert not settings["silence"].enabled


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("turnover_high_threshold", "-4", "Enter 1% a year or more."),
        ("concerns_late_threshold", "140", "Enter 100% or less."),
        ("silence_threshold", "2.5", "Enter a whole number of months."),
        ("recommend_falling_threshold", "lots", "Enter a number, or leave it empty"),
    ],
)
def test_settings_are_validated(client, organisation, leader, field, value, error):
    client.force_login(leader)
    url = reverse("leadership:flag_settings", args=[organisation.slug])
    response = client.post(url, _settings_data(**{field: value}))
    assert response.status_code == 400
    assert error in response.text
    assert not FlagSetting.objects.exists()


def test_the_settings_service_refuses_a_threshold_out_of_range(organisation, leader):
    with pytest.raises(services.ValidationError):
        services.flag_settings_save(organisation, {"silence": (True, 40.0)}, leader)
    assert not FlagSetting.objects.exists()


def test_organisation_admins_change_settings_but_do_not_see_flags(client, organisation, alert):
    admin = member(Role.ORGANISATION_ADMIN, organisation=organisation)
    client.force_login(admin)
    url = reverse("leadership:flag_settings", args=[organisation.slug])
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("leadership:flags_overview", args=[organisation.slug])).status_code
        == 403
    )
    assert client.get(_url("alert_detail", alert)).status_code == 403


def test_the_alert_links_to_raising_a_safeguarding_concern(client, alert, leader):
    """Issue 14: "raise a safeguarding concern at once" is a link to do it, for this service."""
    client.force_login(leader)
    page = client.get(_url("alert_detail", alert)).text
    url = reverse("coproduction:concern_raise_for_service", args=[alert.service.pk])
    assert f'<a href="{url}">raise a safeguarding concern at once</a>' in page
