"""Issue 14, point 4: a leader's service page leads with what needs attention (the flags, what
changed, what to ask) and keeps the rest behind headings the leader opens; a series whose every
month is withheld gets no chart; the jargon the pages borrow is explained where it appears."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from leadership.dashboards import glossary, panels
from leadership.flags.models import ClosedCultureAlert, RedFlag
from tests.cms.factories import ServiceFactory
from tests.leadership.factories_dashboards import history, months_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def alder(organisation):
    return ServiceFactory(organisation=organisation, name="Alder House", beds=30)


def service_page(client, leader, service, **query):
    client.force_login(leader)
    url = reverse("leadership:dashboard_service", args=[service.organisation.slug, service.pk])
    return client.get(url, query).content.decode()


def test_what_needs_attention_comes_first_and_the_detail_is_behind_headings(
    client, organisation, alder, leader
):
    # Turnover climbs in the last month: worse against the service's own months.
    history(alder, "staff_turnover", [20, 20, 21, 20, 45], people=400)
    history(alder, "occupancy", [90, 91, 90, 90, 90])
    RedFlag.objects.create(
        service=alder,
        rule="turnover_high",
        start=months_ago(0),
        end=months_ago(0),
        stream="workforce",
        summary="Staff turnover is high.",
    )

    page = service_page(client, leader, alder)

    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", page)
    assert headings[:4] == [
        "Active flags",
        "What changed",
        "What to ask",
        "Month by month, side by side",
    ]
    changed = page.split('id="changed"')[1].split("</section>")[0]
    # Each link opens the figure's group month by month, at its chart.
    group = panels.group_id("staff_turnover")
    turnover_link = f'href="?show={group}#chart-{alder.pk}-staff_turnover"'
    assert "Staff turnover" in changed and turnover_link in changed
    assert "Occupancy" not in changed  # steady
    ask = page.split('id="ask"')[1].split("</section>")[0]
    assert "leavers" in ask  # where the turnover flag says to look
    # The month-by-month table and the charts are behind a heading the leader opens.
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    assert "<details" in timeline and "<summary>Show month by month" in timeline
    assert page.count('<details class="dashboard-more">') >= 2


def test_a_series_withheld_in_every_month_gets_no_chart(client, organisation, alder, leader):
    history(alder, "staff_turnover", [20, 22, 21], people=400)
    history(alder, "hr_bullying", [(4.0, 3), (2.0, 2)], min_people=10)

    page = service_page(client, leader, alder, show=panels.SHOW_ALL)

    assert f'id="chart-{alder.pk}-staff_turnover"' in page
    assert f'id="chart-{alder.pk}-hr_bullying"' not in page
    assert (
        "Not shown, resting on too few people in every month: Bullying and grievance reports "
        "per 100 staff." in page
    )


def test_the_pel_subculture_is_explained_with_its_source(client, organisation, alder, leader):
    history(alder, "staff_turnover", [20, 22, 21], people=400)

    page = service_page(client, leader, alder)

    assert "Teamwork (PEL subculture)" in page
    assert escape(glossary.PEL.meaning) in page and glossary.PEL.source in page


def test_a_flags_labels_and_an_alerts_rung_are_explained(client, organisation, alder, leader):
    flag = RedFlag.objects.create(
        service=alder,
        rule="turnover_high",
        start=months_ago(0),
        end=months_ago(0),
        stream="workforce",
        labels={"pel": "Teamwork", "hull": "management and leadership", "cqc": "leadership"},
        summary="Staff turnover is high.",
    )
    alert = ClosedCultureAlert.objects.create(
        service=alder,
        start=months_ago(0),
        end=months_ago(0),
        suggested_rung=ClosedCultureAlert.Rung.PROVIDER_CONCERNS_VISIT,
        streams=["workforce"],
    )
    alert.flags.add(flag)
    client.force_login(leader)

    detail = client.get(
        reverse("leadership:flag_detail", args=[organisation.slug, flag.pk])
    ).content.decode()
    assert "What the labels mean" in detail
    assert escape(glossary.HULL.meaning) in detail and glossary.CQC_FEATURE.url in detail
    alert_page = client.get(
        reverse("leadership:alert_detail", args=[organisation.slug, alert.pk])
    ).content.decode()
    assert "Level 2: provider concerns visit" in alert_page
    assert escape(glossary.PROVIDER_CONCERNS.meaning) in alert_page
