"""The ledger pages at the scale of a Safeguarding Adults Board area (issue 13): their query
count does not grow with the number of services nor with history, and the organisation's summary,
worked out set-based across its services, gives each statement the status its service's own
ledger gives it.

Each count is compared between two sizes after a first request has warmed what a process caches
once (the site, permissions): a count that grows with services or months fails. The measured
request is for a ledger not yet in the cache (the evidence is gathered), never a cache hit."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from cms.periods import Months, add_months
from leadership.flags.models import RedFlag
from leadership.ledger import selectors
from leadership.ledger.selectors import organisation_summary, service_ledger
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.leadership.factories_flags import MONTH, snapshots

pytestmark = pytest.mark.django_db

FIRST = add_months(MONTH, -23)
PERIOD = {"from_month": f"{FIRST:%Y-%m}", "to_month": f"{MONTH:%Y-%m}"}
MONTHS = Months.between(FIRST, MONTH)


def _moment(month, day=10):
    return timezone.make_aware(timezone.datetime(month.year, month.month, day, 14))


def history(service, months):
    """`months` months of everything the ledger reads, ending with MONTH: snapshots of mapped
    figures, senior visits, concerns, feedback with themes and consent to quote, a red flag."""
    from coproduction.tracker.services import feedback_record
    from tests.coproduction.factories_concerns import ConcernFactory
    from tests.leadership.factories_visits import ServiceVisitFactory

    snapshots(service, "speakup_cases", [9.0] * months, people=9)
    snapshots(service, "staff_turnover", [12.0] * months, people=30)
    for back in range(months):
        month = add_months(MONTH, -back)
        ServiceVisitFactory(service=service, started_at=_moment(month))
        for _ in range(2):
            concern = ConcernFactory(service=service)
            type(concern).objects.filter(pk=concern.pk).update(created_at=_moment(month))
        feedback_record(
            channel="advocacy",
            giver_role="advocate",
            service=service,
            text=f"Nobody listened in {month:%B %Y}.",
            themes=["hm_not_listening"],
            received_on=month.replace(day=3),
            may_quote=True,
        )
        RedFlag.objects.create(
            service=service,
            rule="speakup_detriment",
            start=month,
            end=month,
            stream="staff voice",
            summary="More people say they suffered for speaking up.",
            cleared_at=_moment(month, 20) if back else None,
        )


def organisation_with(services, months=1, slug=None):
    organisation = OrganisationFactory(slug=slug) if slug else OrganisationFactory()
    made = [
        ServiceFactory(organisation=organisation, name=f"Service {number:02d}")
        for number in range(services)
    ]
    for service in made:
        if months:
            history(service, months)
    return organisation, made


def queries(client, url, params=PERIOD):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    sql = [q["sql"] for q in context.captured_queries]
    assert any('"coproduction_concern"' in query for query in sql), "a ledger from the cache"
    return len(sql), sql


def summary_url(organisation):
    return reverse("leadership:ledger_summary", args=[organisation.slug])


# Another period than the one measured: the first request warms what a process keeps once (the
# site, permissions) but leaves the measured ledger out of the cache (ledger/caching.py), so
# the measured request gathers its evidence afresh.
WARM_PERIOD = {"from_month": f"{add_months(FIRST, 1):%Y-%m}", "to_month": f"{MONTH:%Y-%m}"}


def warm(client, url):
    client.get(url, WARM_PERIOD)


def test_the_summary_costs_the_same_for_3_services_as_for_12(client):
    small, _ = organisation_with(3, slug="small-care")
    large, _ = organisation_with(12, slug="large-care")
    leader_small = member(Role.LEADER, organisation=small)
    leader_large = member(Role.LEADER, organisation=large)
    client.force_login(leader_small)
    warm(client, summary_url(small))
    few, _ = queries(client, summary_url(small))
    client.force_login(leader_large)
    warm(client, summary_url(large))
    many, sql = queries(client, summary_url(large))

    assert many == few, "\n".join(sql)


def test_the_summary_costs_the_same_with_1_month_of_history_as_with_24(client):
    short, _ = organisation_with(3, months=1, slug="short-care")
    long, _ = organisation_with(3, months=24, slug="long-care")
    client.force_login(member(Role.LEADER, organisation=short))
    warm(client, summary_url(short))
    brief, _ = queries(client, summary_url(short))
    client.force_login(member(Role.LEADER, organisation=long))
    warm(client, summary_url(long))
    lengthy, sql = queries(client, summary_url(long))

    assert lengthy == brief, "\n".join(sql)


@pytest.mark.parametrize("name", ["leadership:ledger_service", "leadership:ledger_service_csv"])
def test_a_service_ledger_costs_the_same_with_1_month_of_history_as_with_24(client, name):
    organisation, (elm,) = organisation_with(1, months=1)
    oak = ServiceFactory(organisation=organisation, name="Oak Lodge")
    history(oak, 24)
    client.force_login(member(Role.LEADER, organisation=organisation))
    warm(client, reverse(name, args=[organisation.slug, elm.pk]))
    brief, _ = queries(client, reverse(name, args=[organisation.slug, elm.pk]))
    warm(client, reverse(name, args=[organisation.slug, oak.pk]))
    lengthy, sql = queries(client, reverse(name, args=[organisation.slug, oak.pk]))

    assert lengthy == brief, "\n".join(sql)


@pytest.mark.parametrize("name", ["leadership:ledger_service", "leadership:ledger_service_csv"])
def test_a_service_ledger_costs_the_same_in_an_organisation_of_3_services_as_of_12(client, name):
    small, (first, *_) = organisation_with(3, slug="small-care")
    large, (one, *_) = organisation_with(12, slug="large-care")
    client.force_login(member(Role.LEADER, organisation=small))
    warm(client, reverse(name, args=["small-care", first.pk]))
    few, _ = queries(client, reverse(name, args=["small-care", first.pk]))
    client.force_login(member(Role.LEADER, organisation=large))
    warm(client, reverse(name, args=["large-care", one.pk]))
    many, sql = queries(client, reverse(name, args=["large-care", one.pk]))

    assert many == few, "\n".join(sql)


# --- The summary says what each service's ledger says ---------------------------------------


def test_each_summary_cell_is_the_status_of_that_services_own_ledger():
    """Set-based, the summary must still read each statement as the service's ledger does:
    withheld figures, counts from fewer than 5, old evidence, quotes, evidence from every
    plugin."""
    from coproduction.tracker.services import feedback_record
    from tests.coproduction.factories_concerns import ConcernFactory
    from tests.leadership.factories_visits import ServiceVisitFactory

    organisation = OrganisationFactory()
    rich, thin, old, empty = (
        ServiceFactory(organisation=organisation, name=name)
        for name in ("A rich", "B thin", "C old", "D empty")
    )
    history(rich, 6)
    # Thin: everything from fewer than the floor.
    snapshots(thin, "speakup_cases", [(3.0, 3)])
    for _ in range(3):
        concern = ConcernFactory(service=thin)
        type(concern).objects.filter(pk=concern.pk).update(created_at=_moment(MONTH))
    for number in range(4):
        feedback_record(
            channel="advocacy",
            giver_role="advocate",
            service=thin,
            text=f"Nobody listened ({number}).",
            themes=["hm_not_listening"],
            received_on=MONTH.replace(day=3),
        )
    # Old: evidence only from early in the period, of every kind.
    early = add_months(MONTH, -12)
    snapshots(old, "speakup_cases", [9.0], people=9, month=early)
    ServiceVisitFactory(service=old, started_at=_moment(early))
    for _ in range(5):
        concern = ConcernFactory(service=old)
        type(concern).objects.filter(pk=concern.pk).update(created_at=_moment(early))
    feedback_record(
        channel="advocacy",
        giver_role="advocate",
        service=old,
        text="Words from long ago.",
        received_on=early.replace(day=5),
        may_quote=True,
    )
    leader = member(Role.LEADER, organisation=organisation)
    services = [rich, thin, old, empty]

    rows = organisation_summary(organisation, services, MONTHS, leader)

    ledgers = [service_ledger(service, MONTHS, leader) for service in services]
    expected = [
        (entry.statement.pk, [ledger.statements[position].status for ledger in ledgers])
        for position, entry in enumerate(ledgers[0].statements)
    ]
    assert [(row.statement.pk, row.cells) for row in rows] == expected
    # The cases above reach every status, so a summary that read none would fail.
    statuses = {status for _pk, cells in expected for status in cells}
    assert statuses == {selectors.EVIDENCED, selectors.OLD, selectors.NONE}
    assert {cells[1] for _pk, cells in expected} == {selectors.NONE}  # thin: nothing shown


def plugin_evidence(organisation, services):
    """Evidence of the kinds `history` does not make: the family forum, co-production decisions
    (a space of one service and one of the whole organisation), learning completed and "you
    said, we did", above the floor in the first service and below it in the second."""
    from coproduction.tracker.models import Action
    from learning.enrolment.models import Enrolment
    from tests.coproduction.factories import SpaceFactory
    from tests.coproduction.factories_forums import EventRSVPFactory, ForumEventFactory
    from tests.coproduction.factories_meetings import AttendanceFactory, MeetingFactory
    from tests.learning.factories import LearningIndexPageFactory, LearningPathPageFactory

    index = LearningIndexPageFactory(organisation=organisation)
    path = LearningPathPageFactory(parent=index, slug="legal-literacy")
    for service, people in zip(services, (5, 2), strict=False):
        event = ForumEventFactory(forum__service=service, starts_at=_moment(MONTH, 12))
        for _ in range(people):
            EventRSVPFactory(event=event)
        meeting = MeetingFactory(
            space=SpaceFactory(organisation=organisation, service=service),
            starts_at=_moment(add_months(MONTH, -1)),
        )
        type(meeting).objects.filter(pk=meeting.pk).update(
            minutes_published_at=_moment(add_months(MONTH, -1), 20)
        )
        for _ in range(people):
            AttendanceFactory(meeting=meeting)
        for _ in range(people):
            staff = member(Role.STAFF, service=service)
            Enrolment.objects.create(
                user=staff,
                path=path,
                organisation=organisation,
                source=Enrolment.Source.SELF,
                completed_at=_moment(add_months(MONTH, -2)),
            )
        Action.objects.create(
            organisation=organisation,
            service=service,
            title="Night checks",
            outcome="We added a second night check.",
            status=Action.Status.DONE,
            outcome_published_at=_moment(add_months(MONTH, -4)),
        )
    whole = MeetingFactory(
        space=SpaceFactory(organisation=organisation), starts_at=_moment(add_months(MONTH, -6))
    )
    type(whole).objects.filter(pk=whole.pk).update(
        minutes_published_at=_moment(add_months(MONTH, -6), 20)
    )
    for _ in range(6):
        AttendanceFactory(meeting=whole)


def test_each_evidence_kind_gives_the_latest_its_single_service_form_gives():
    """The set-based form of every registered kind against its one-service form."""
    from cms.evidence import all_evidence_kinds
    from leadership.ledger.models import EvidenceLink

    organisation = OrganisationFactory()
    services = [ServiceFactory(organisation=organisation) for _ in range(3)]
    history(services[0], 6)
    history(services[1], 1)
    plugin_evidence(organisation, services)
    leader = member(Role.LEADER, organisation=organisation)
    start = selectors._moment(MONTHS.first)
    end = selectors._moment(MONTHS.end)
    params = {
        (
            link.key,
            tuple(
                sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in link.params.items())
            ),
        )
        for link in EvidenceLink.objects.filter(kind="evidence")
    }
    kinds = {kind.key: kind for kind in all_evidence_kinds()}
    checked, found = 0, set()
    for key, items in params:
        kind = kinds[key]
        given = {name: list(value) if isinstance(value, tuple) else value for name, value in items}
        many = kind.latest_of(services, start, end, leader, **given)
        one = {s.pk: kind(s, start, end, leader, **given).latest for s in services}
        assert many == one, key
        checked += 1
        found.update(key for value in one.values() if value is not None)
    assert checked >= len(kinds) - 1
    # Each kind found something for some service, so agreeing on nothing would fail.
    assert found == set(kinds)


def test_each_evidence_kind_asked_for_everything_the_map_asks_gives_what_each_asked_alone_gives():
    """A kind asked once for every set of parameters the map links (feedback by theme, learning
    by path) answers each as it would alone: nothing of one set leaks into another."""
    from cms.evidence import all_evidence_kinds
    from leadership.ledger.models import EvidenceLink

    organisation = OrganisationFactory()
    services = [ServiceFactory(organisation=organisation) for _ in range(3)]
    history(services[0], 6)
    history(services[1], 1)
    plugin_evidence(organisation, services)
    _completed_elsewhere(organisation, services[0])
    leader = member(Role.LEADER, organisation=organisation)
    start = selectors._moment(MONTHS.first)
    end = selectors._moment(MONTHS.end)
    each_of = {}
    for link in EvidenceLink.objects.filter(kind="evidence").order_by("pk"):
        asked = each_of.setdefault(link.key, [])
        if link.params not in asked:
            asked.append(link.params)
    batched = 0
    for kind in all_evidence_kinds():
        each = each_of.get(kind.key, [{}])
        for service in services:
            together = kind.collect_all(service, start, end, leader, each)
            alone = [kind(service, start, end, leader, **params) for params in each]
            assert together == alone, kind.key
        together = kind.latest_all(services, start, end, leader, each)
        alone = [
            {s.pk: kind(s, start, end, leader, **params).latest for s in services}
            for params in each
        ]
        assert together == alone, kind.key
        if kind.collect_each and len(each) > 1:
            batched += 1
            # The sets differ in what they find, so answering every set alike would fail.
            assert len({repr(evidence) for evidence in alone}) > 1, kind.key
    assert batched >= 2  # feedback by theme and learning by path


def _completed_elsewhere(organisation, service):
    """A second path, not the map's legal literacy, completed later by five of `service`'s
    staff: learning asked about every path then differs from learning asked about that one."""
    from learning.authoring.models import LearningIndexPage
    from learning.enrolment.models import Enrolment
    from tests.learning.factories import LearningPathPageFactory

    path = LearningPathPageFactory(
        parent=LearningIndexPage.objects.get(organisation=organisation), slug="listening"
    )
    for _ in range(5):
        Enrolment.objects.create(
            user=member(Role.STAFF, service=service),
            path=path,
            organisation=organisation,
            source=Enrolment.Source.SELF,
            completed_at=_moment(MONTH),
        )


def test_the_service_ledger_asks_each_evidence_kind_once():
    organisation = OrganisationFactory()
    service = ServiceFactory(organisation=organisation)
    history(service, 2)
    leader = member(Role.LEADER, organisation=organisation)
    service_ledger(service, MONTHS, leader)
    with CaptureQueriesContext(connection) as queries:
        service_ledger(service, MONTHS, leader)
    themed = [q["sql"] for q in queries if 'FROM "coproduction_feedbackitem_themes"' in q["sql"]]
    # The default map links feedback themes to eight statements, each with its own themes.
    assert len(themed) == 1, themed


def test_the_summary_of_many_services_is_paged_with_every_service_reachable(client):
    organisation = OrganisationFactory(slug="big-care")
    for number in range(selectors.SUMMARY_SERVICES_PER_PAGE + 2):
        ServiceFactory(organisation=organisation, name=f"Home {number:03d}")
    client.force_login(member(Role.LEADER, organisation=organisation))
    url = summary_url(organisation)

    first = client.get(url, PERIOD).content.decode()
    second = client.get(url, {**PERIOD, "page": 2}).content.decode()

    assert "Home 000" in first and f"Home {selectors.SUMMARY_SERVICES_PER_PAGE:03d}" not in first
    assert f"Home {selectors.SUMMARY_SERVICES_PER_PAGE + 1:03d}" in second
    assert "Home 000" not in second
    # The period is kept when moving between pages.
    assert re.search(r'href="\?[^"]*from_month=' + f"{FIRST:%Y-%m}", first)


def test_a_visit_just_before_the_period_is_not_evidence():
    organisation = OrganisationFactory()
    service = ServiceFactory(organisation=organisation)
    from tests.leadership.factories_visits import ServiceVisitFactory

    ServiceVisitFactory(service=service, started_at=_moment(FIRST) - timedelta(days=15))
    leader = member(Role.LEADER, organisation=organisation)
    rows = organisation_summary(organisation, [service], MONTHS, leader)
    assert {row.cells[0] for row in rows} == {selectors.NONE}


def test_the_summary_says_first_how_many_statements_each_service_evidences(client):
    organisation, (rich, empty) = organisation_with(2, months=0, slug="two-care")
    history(rich, 6)
    client.force_login(member(Role.LEADER, organisation=organisation))

    page = client.get(summary_url(organisation), PERIOD).content.decode()

    rows = organisation_summary(organisation, [rich, empty], MONTHS, None)
    evidenced = sum(1 for row in rows if row.cells[0] == selectors.EVIDENCED)
    assert evidenced > 0
    totals = re.search(r"Statements with evidence in this period, of 34</th>(.*?)</tr>", page, re.S)
    assert re.findall(r"<td>(\d+)", totals[1]) == [str(evidenced), "0"]
    # Before the long table: the totals row is the table's first.
    assert page.index("Statements with evidence in this period") < page.index("Well-led:")
