"""Issue 14 point 4 and issue 16: the organisation's learning and listening views lead with what
needs attention (what changed, what to ask), keep the per-service tables and charts behind
headings a leader opens, draw no chart for a series withheld in every month, and stay small
however many services the organisation has (the per-service detail comes a page at a time)."""

import re

import pytest
from django.urls import reverse

from cms.indicators import MIN_PEOPLE
from cms.periods import add_months
from leadership.dashboards import panels
from leadership.snapshots.models import IndicatorSnapshot
from tests.cms.factories import ServiceFactory
from tests.leadership.factories_dashboards import history, months_ago

pytestmark = pytest.mark.django_db

LEARNING_KEYS = (
    "learning_completion_rate",
    "learning_overdue_rate",
    "learning_reflection_rate",
    *(f"harmful_choice_rate:{p}" for p in ("speaking_up", "dignity", "mca_2", "listening")),
)
LISTENING_KEYS = (
    "concerns_raised",
    "family_nps",
    "questions_unanswered",
    "action_closure_rate",
    "concerns_acknowledged_on_time",
    "repeated_themes",
    *(f"feedback_theme:{t}" for t in ("hm_not_listening", "hm_isolation", "hm_staffing")),
    *(f"feedback_channel:{c}" for c in ("forum", "survey")),
)


def grow(organisation, count, keys, months=6, first=0):
    """`count` services with `months` months of every indicator of `keys`: steady figures from 20
    people, in one insert."""
    services = [
        ServiceFactory(organisation=organisation, name=f"Service {number:03}")
        for number in range(first, first + count)
    ]
    IndicatorSnapshot.objects.bulk_create(
        IndicatorSnapshot(
            service=service,
            indicator=key,
            period=IndicatorSnapshot.Period.MONTH,
            start=months_ago(offset),
            end=add_months(months_ago(offset), 1),
            value=50.0 + offset,
            people=20,
            min_people=MIN_PEOPLE,
        )
        for service in services
        for key in keys
        for offset in range(months)
    )
    return services


def page(client, leader, name, organisation, query=""):
    client.force_login(leader)
    response = client.get(reverse(f"leadership:{name}", args=[organisation.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def section(html, section_id):
    return html.split(f'<section class="dashboard-section" id="{section_id}"')[1].split(
        '<section class="dashboard-section"'
    )[0]


def h2s(html):
    return re.findall(r'<h2 id="[^"]+-heading">([^<]+)</h2>', html)


@pytest.fixture
def alder(organisation):
    return ServiceFactory(organisation=organisation, name="Alder House")


@pytest.fixture
def birch(organisation):
    return ServiceFactory(organisation=organisation, name="Birch House")


def test_learning_leads_with_what_moved_and_what_to_ask(client, organisation, alder, birch, leader):
    history(alder, "learning_completion_rate", [80, 80, 78, 80, 50])  # fell: worse
    history(birch, "learning_completion_rate", [70, 71, 70, 70, 70])  # steady
    history(birch, "harmful_choice_rate:speaking_up", [20, 20, 21, 45], people=60)  # rose

    html = page(client, leader, "dashboard_learning", organisation)

    assert h2s(html)[:3] == ["What changed", "What to ask", "Completion by service"]
    changed = section(html, "changed")
    service_url = reverse("leadership:dashboard_service", args=[organisation.slug, alder.pk])
    # To the chart on the service's page, its group shown month by month.
    group = panels.group_id("learning_completion_rate")
    assert f'href="{service_url}?show={group}#chart-{alder.pk}-learning_completion_rate"' in changed
    assert "Alder House: Learning completed on time down: worse" in changed
    assert "Birch House: Learning" not in changed  # steady
    assert "Harmful choices: Speaking up: moved at Birch House" in changed
    ask = section(html, "ask")
    assert panels.ASK["learning_completion_rate"] in ask
    assert panels.ASK[panels.HARMFUL_PREFIX] in ask
    assert panels.ASK["learning_overdue_rate"] not in ask  # nothing moved there
    # The per-service tables and charts are behind headings a leader opens.
    for section_id in ("by-service", "by-path", "by-role", "harmful-choices"):
        detail = section(html, section_id)
        assert '<details class="dashboard-more">' in detail, section_id
    by_service = section(html, "by-service")
    assert by_service.index("<details") < by_service.index('id="by-service-table"')
    harmful = section(html, "harmful-choices")
    assert harmful.index("<details") < harmful.index(f'id="chart-harmful-{birch.pk}"')


def test_a_quiet_organisation_has_nothing_listed_as_changed(client, organisation, alder, leader):
    history(alder, "learning_completion_rate", [70, 70, 70, 70])

    html = page(client, leader, "dashboard_learning", organisation)

    assert "No figure moved the wrong way in the latest month." in section(html, "changed")
    assert section(html, "ask").count("<li>") == 1  # only the board's own question
    assert panels.ASK_DEFAULT in section(html, "ask")


def test_listening_leads_with_what_moved_and_links_to_its_group(
    client, organisation, alder, birch, leader
):
    history(alder, "concerns_acknowledged_on_time", [100, 95, 100, 98, 60])
    history(birch, "concerns_acknowledged_on_time", [90, 90, 90, 90, 90])
    history(alder, "feedback_theme:hm_not_listening", [5, 5, 6, 5, 20])

    html = page(client, leader, "dashboard_listening", organisation)

    assert h2s(html)[:3] == ["What changed", "What to ask", "Feedback across channels"]
    changed = section(html, "changed")
    assert (
        '<a href="#concern-timeliness">Alder House: Concerns acknowledged on time down: worse'
        in changed
    )
    assert "Birch House" not in changed
    assert '<a href="#themes">Feedback by theme: Not listening: moved at Alder House' in changed
    ask = section(html, "ask")
    assert panels.ASK["concerns_acknowledged_on_time"] in ask
    assert panels.ASK[panels.THEME_PREFIX] in ask
    for section_id in ("channels", "themes", "you-said-we-did", "concern-timeliness"):
        assert '<details class="dashboard-more">' in section(html, section_id), section_id


def test_a_series_withheld_in_every_month_gets_no_chart(client, organisation, alder, leader):
    history(alder, "concerns_acknowledged_on_time", [90, 95, 100])
    history(alder, "concerns_outcome_fed_back", [(50, 3), (60, 2), (40, 4)])
    history(alder, "harmful_choice_rate:dignity", [(40, 3), (50, 4)])

    listening = page(client, leader, "dashboard_listening", organisation, f"?service={alder.pk}")
    learning = page(client, leader, "dashboard_learning", organisation)

    assert f'id="chart-{alder.pk}-concerns_acknowledged_on_time"' in listening
    assert f'id="chart-{alder.pk}-concerns_outcome_fed_back"' not in listening
    assert (
        "Not shown, resting on too few people in every month: Concerns closed with the outcome "
        "fed back. No figures in this period: Hours to acknowledge a concern;" in listening
    )
    assert f'id="chart-harmful-{alder.pk}"' not in learning


@pytest.mark.parametrize("name", ["dashboard_learning", "dashboard_listening"])
def test_the_page_does_not_grow_with_the_number_of_services(client, organisation, leader, name):
    """Every service moves (so "what changed" is as long as it gets) and has every figure. Page
    1 with 40 services may hold 5 more services' detail than with 10 (a page is 15) and the page
    links: under 50 KB more, and under issue 16's 200 KB. Without pages it grew by ~75 KB for
    each 10 services (181 KB at 30 on the learning view)."""
    services = grow(organisation, 10, LEARNING_KEYS + LISTENING_KEYS)
    small = len(page(client, leader, name, organisation).encode())
    services += grow(organisation, 30, LEARNING_KEYS + LISTENING_KEYS, first=10)
    large_html = page(client, leader, name, organisation)
    large = len(large_html.encode())

    assert large - small < 50_000, (small, large)
    assert large < 200_000
    # What changed lists the 10 services with most moved, and says how many moved in all.
    assert "40 services have a figure that moved" in section(large_html, "changed")
    assert section(large_html, "changed").count("<li>") <= panels.ATTENTION_SERVICES + 3
    assert "Service 039" not in large_html.split('id="changed"')[1]  # not on page 1
    assert 'aria-label="Pages of results"' in large_html


def test_a_later_page_opens_its_detail_and_the_csv_has_every_service(client, organisation, leader):
    grow(organisation, 40, LEARNING_KEYS)

    html = page(client, leader, "dashboard_learning", organisation, "?page=3")
    client.force_login(leader)
    csv_url = reverse("leadership:dashboard_learning_csv", args=[organisation.slug])
    lines = b"".join(client.get(csv_url).streaming_content).decode()

    by_service = section(html, "by-service")
    assert '<details class="dashboard-more" open>' in by_service
    assert "Services 31 to 40 of 40" in by_service
    assert ">Service 039<" in by_service and ">Service 000<" not in by_service
    assert "Service 000" in lines and "Service 039" in lines
