"""Small services must still be seen (issue 12, section 4). A 6-bed home with 8 staff has two or
three complaints a month: each month's figure is withheld, so rules reading the monthly figures
as shown never saw anything. Rules read the raw figures inside the system (the three months
ending with a month where that month is thin), while every screen, CSV file and PDF keeps the
small-number rules: the flag says what pattern was seen and where to look, never the hidden
number. The attacker reads every page about the small home and finds no withheld figure."""

import re

import pytest
from django.urls import reverse

from cms.organisations.models import Role
from cms.periods import Months, add_months
from leadership.flags import services
from leadership.flags.detectors import get_detector
from leadership.flags.models import ClosedCultureAlert, RedFlag
from leadership.reports import services as report_services
from leadership.reports.models import BoardReport
from tests.cms.factories import ServiceFactory, member
from tests.leadership.factories_dashboards import months_ago
from tests.leadership.factories_flags import readings, series, snapshots
from tests.leadership.test_suppression_attack import attack, pdf_words

pytestmark = pytest.mark.django_db

MONTH = months_ago(0)  # the last whole month, the dashboards' default period ends with it
EARLIER = 6


def check(rule_key, data, threshold=None):
    rule = get_detector(rule_key)
    return rule.find(data, rule.default_threshold if threshold is None else threshold)


# --- The rules read thin months over three months -----------------------------------------------


def test_thin_months_are_read_over_three_months():
    """Two or three complaints a month, a third of them answered: withheld each month, read over
    the three months ending with each month."""
    data = readings(complaints_responded=series([(33.3, 3), (0.0, 2), (0.0, 3)]))
    finding = check("complaints_unanswered", data)
    assert finding.flagged
    # The flag says the pattern and where to look, never the hidden number.
    assert "33.3" not in finding.summary and "12.5" not in finding.summary
    assert "below 80%" in finding.summary
    assert "too few people to show" in finding.summary
    assert all(row["value"] is None for row in finding.evidence)


def test_figures_too_thin_even_over_three_months_are_not_read():
    data = readings(complaints_responded=series([(0.0, 1), None, (0.0, 2)]))
    assert check("complaints_unanswered", data) is None


def test_a_figure_shown_on_screen_keeps_its_number_in_the_summary():
    data = readings(complaints_responded=series([50.0, 60.0, 70.0], people=10))
    finding = check("complaints_unanswered", data)
    assert finding.flagged and "60%" in finding.summary


# --- A 6-bed home with 8 staff --------------------------------------------------------------------


def small_home(organisation, name, *, slides):
    """A 6-bed home with 8 staff: monthly snapshots as the snapshot run computes them. One that
    slides: complaints (2 or 3 a month) left unanswered, a leaver a month, 2 of the 8 on the rota
    averaging over 48 hours a week. One that does not: complaints answered but one, no leaver in
    the last months, one person over 48 hours in one month."""
    home = ServiceFactory(organisation=organisation, name=name, beds=6)
    complaints = [(100.0, 2), (100.0, 3), (100.0, 2)] * 2
    turnover = [0.0, 0.0, 150.0, 0.0, 0.0, 0.0]
    long_hours = [0.0] * EARLIER
    if slides:
        complaints += [(33.3, 3), (0.0, 2), (0.0, 3)]
        turnover += [150.0, 150.0, 300.0]
        long_hours += [25.0, 25.0, 37.5]
    else:
        complaints += [(100.0, 3), (50.0, 2), (100.0, 3)]
        turnover += [0.0, 0.0, 0.0]
        long_hours += [0.0, 0.0, 12.5]
    snapshots(home, "complaints_responded", complaints, month=MONTH)
    snapshots(
        home,
        "complaints_per_10_beds",
        [(round(people * 10 / 6 * 3, 1), people) for _value, people in complaints],
        month=MONTH,
    )
    snapshots(home, "staff_turnover", turnover, people=8, month=MONTH)
    snapshots(home, "rota_hours", long_hours, people=8, month=MONTH)
    return home


@pytest.fixture
def homes(organisation):
    return (
        small_home(organisation, "Hawthorn Cottage", slides=True),
        small_home(organisation, "Rowan Cottage", slides=False),
    )


def test_a_small_home_that_slides_is_flagged_and_one_that_does_not_is_not(organisation, homes):
    sliding, steady = homes
    services.flags_evaluate(organisation=organisation, month=MONTH)
    rules = set(RedFlag.objects.filter(service=sliding).values_list("rule", flat=True))
    assert {"complaints_unanswered", "turnover_high", "rota_long_hours"} <= rules
    assert ClosedCultureAlert.objects.filter(service=sliding, start=MONTH).exists()
    assert not RedFlag.objects.filter(service=steady).exists()
    assert not ClosedCultureAlert.objects.filter(service=steady).exists()


# --- The attacker -----------------------------------------------------------------------------

# Every figure behind the sliding home's flags that the screens withhold: the months' complaint
# shares and counts, the three-month share the rule read, and turnover and long-hours rates that
# stand for fewer than 5 people.
HIDDEN = ("33.3", "12.5", "150%", "300%", "37.5", "25%", "31.2", "291.7")


def _texts(client, organisation, sliding, leader):
    client.force_login(leader)
    pages = [reverse("leadership:flags_overview", args=[organisation.slug])]
    pages += [
        reverse("leadership:flag_detail", args=[organisation.slug, flag.pk])
        for flag in RedFlag.objects.filter(service=sliding)
    ]
    pages += [
        reverse("leadership:alert_detail", args=[organisation.slug, alert.pk])
        for alert in ClosedCultureAlert.objects.filter(service=sliding)
    ]
    texts = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.text
    for name in ("dashboard_overview", "dashboard_overview_csv"):
        url = reverse(f"leadership:{name}", args=[organisation.slug])
        texts[url] = client.get(url).getvalue().decode()
    for name in ("dashboard_service", "dashboard_service_csv"):
        url = reverse(f"leadership:{name}", args=[organisation.slug, sliding.pk])
        texts[url] = client.get(url).getvalue().decode()
    months = Months.between(add_months(MONTH, -8), MONTH)
    report = BoardReport.objects.create(
        organisation=organisation, start=months.first, end=months.end, requested_by=leader
    )
    texts["board report"] = " ".join(pdf_words(report_services.report_pdf(report)))
    return texts


def test_nobody_reading_every_page_about_the_small_home_finds_a_withheld_number(
    client, organisation, homes, leader
):
    sliding, _steady = homes
    services.flags_evaluate(organisation=organisation, month=MONTH)
    assert ClosedCultureAlert.objects.filter(service=sliding).exists()
    texts = _texts(client, organisation, sliding, leader)
    found = [
        f"{hidden} in {where}"
        for where, text in texts.items()
        for hidden in HIDDEN
        if re.search(rf"(?<![\d.]){re.escape(hidden)}", text)
    ]
    assert not found, found
    # The pattern is there all the same: the flag names it and says where to look.
    alert_pages = [text for url, text in texts.items() if "/alerts/" in url]
    assert alert_pages and all("Complaints are closed without a response" in t for t in alert_pages)
    assert all("Where to look" in t for t in alert_pages)


def test_the_dashboards_give_no_hidden_count_of_the_small_home_away(client, organisation, homes):
    services.flags_evaluate(organisation=organisation, month=MONTH)
    leaks = attack(client, organisation, Months.between(add_months(MONTH, -2), MONTH))
    assert not leaks, "\n".join(leaks)


def test_a_safeguarding_lead_reads_the_flag_without_the_number(client, organisation, homes):
    sliding, _steady = homes
    services.flags_evaluate(organisation=organisation, month=MONTH)
    lead = member(Role.SAFEGUARDING_LEAD, organisation=organisation)
    flag = RedFlag.objects.get(service=sliding, rule="complaints_unanswered")
    client.force_login(lead)
    page = client.get(reverse("leadership:flag_detail", args=[organisation.slug, flag.pk])).text
    assert "Where to look" in page and "33.3" not in page
