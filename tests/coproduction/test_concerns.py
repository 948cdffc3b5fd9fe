"""Concerns: raising one (public, guided, at-risk guidance first), stored first then routed,
acknowledgement deadlines, the sweeper's re-alerts and escalation, statuses with an outcome and an
audit trail, the raiser's side (my concerns, tracking by code), and who may see what."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.concerns import selectors, services, tasks
from coproduction.concerns.models import Concern, ConcernEvent
from coproduction.forums.models import FamilyForum
from coproduction.tracker.models import FeedbackItem
from tests.cms.factories import OrganisationFactory, ServiceFactory, UserFactory, member
from tests.coproduction.factories_concerns import ConcernContactsFactory, ConcernFactory

pytestmark = pytest.mark.django_db

Status = Concern.Status
RAISE = reverse("coproduction:concern_raise")
TRACK = reverse("coproduction:concern_track")
WHAT = "Dad was left in wet clothes all morning and staff shouted at him."


@pytest.fixture
def service():
    return ServiceFactory(name="Oak House", organisation=OrganisationFactory(name="Oak Care"))


@pytest.fixture
def people(service):
    organisation = service.organisation
    return {
        "lead": member(Role.SAFEGUARDING_LEAD, organisation=organisation, email="sl@example.org"),
        "host": member(Role.FORUM_HOST, service=service, email="host@example.org"),
        "leader": member(Role.LEADER, organisation=organisation, email="boss@example.org"),
        "family": member(Role.FAMILY_MEMBER, service=service, email="fam@example.org"),
        "admin": member(Role.ORGANISATION_ADMIN, organisation=organisation),
    }


def details(service, **overrides):
    data = {
        "step": "details",
        "service": str(service.pk),
        "at_risk_now": "no",
        "raiser_role": Concern.RaiserRole.FAMILY,
        "what_happened": WHAT,
        "who_is_affected": "Dad, room 12",
        "possible_safeguarding": "yes",
    }
    return {**data, **overrides}


def raise_concern(client, service, capture, **overrides):
    with capture(execute=True):
        return client.post(RAISE, details(service, **overrides))


# --- Raising --------------------------------------------------------------------------------


def test_at_risk_now_shows_what_to_do_before_the_rest_of_the_form(client, service):
    ConcernContactsFactory(service=service)
    response = client.post(
        RAISE, {"step": "start", "service": str(service.pk), "at_risk_now": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "call 999" in html
    assert "Northshire Adult Safeguarding" in html and "0300 765 4321" in html
    assert html.index("call 999") < html.index("What happened?")
    assert response.context["form"].initial["possible_safeguarding"] == "yes"


def test_without_configured_contacts_the_guidance_names_999_and_the_council(client, service):
    response = client.post(
        reverse("coproduction:concern_raise_for_service", args=[service.pk]),
        {"step": "start", "service": str(service.pk), "at_risk_now": "yes"},
    )
    html = response.content.decode()
    assert "call 999" in html and "adult social care team of the local council" in html


def test_not_at_risk_shows_no_emergency_guidance(client, service):
    response = client.post(
        RAISE, {"step": "start", "service": str(service.pk), "at_risk_now": "no"}
    )
    assert "call 999" not in response.content.decode()
    assert "What happened?" in response.content.decode()


def test_the_first_step_needs_a_service_and_an_answer(client, service):
    response = client.post(RAISE, {"step": "start"})
    assert response.context["form"].errors == {
        "service": ["Choose the service."],
        "at_risk_now": ["Say whether anyone is at risk of harm now."],
    }


def test_a_visitor_raises_a_concern_stored_routed_and_given_a_tracking_code(
    client, service, people, django_capture_on_commit_callbacks
):
    response = raise_concern(
        client, service, django_capture_on_commit_callbacks, contact_email="me@example.net"
    )
    assert response.status_code == 200
    concern = Concern.objects.get()
    code = response.context["tracking_code"]
    assert concern.reference in response.content.decode() and code in response.content.decode()
    assert len(code.replace("-", "")) == 20
    assert concern.tracking_code_hash == services.hash_tracking_code(code)
    assert code not in concern.tracking_code_hash
    assert concern.raised_by is None and concern.contact_email == "me@example.net"
    assert concern.feedback_item.channel == FeedbackItem.Channel.CONCERN
    assert concern.feedback_item.giver_role == FeedbackItem.GiverRole.FAMILY
    assert concern.feedback_item.recorded_by is None
    # Possible safeguarding: the details stay with the safeguarding leads, not in the tracker.
    assert WHAT not in concern.feedback_item.text
    assert list(concern.events.values_list("kind", flat=True)) == ["raised", "routed", "alerted"]
    assert concern.route == Concern.Route.SAFEGUARDING
    assert concern.acknowledge_by - concern.routed_at == datetime.timedelta(hours=24)
    [alert] = mail.outbox
    assert alert.to == ["sl@example.org"]
    assert concern.reference in alert.subject
    assert concern.get_absolute_url() in alert.body
    assert WHAT not in alert.body and "room 12" not in alert.body


def test_at_risk_now_makes_it_a_safeguarding_concern(
    client, service, people, django_capture_on_commit_callbacks
):
    raise_concern(
        client,
        service,
        django_capture_on_commit_callbacks,
        at_risk_now="yes",
        possible_safeguarding="no",
    )
    concern = Concern.objects.get()
    assert concern.at_risk_now and concern.possible_safeguarding
    assert concern.route == Concern.Route.SAFEGUARDING


def test_a_bad_answer_is_shown_at_the_field_and_nothing_is_lost(client, service):
    response = client.post(RAISE, details(service, what_happened="", who_is_affected="Dad"))
    form = response.context["form"]
    assert form.errors["what_happened"] == ["Say what happened."]
    assert "Dad</textarea>" in response.content.decode()
    assert not Concern.objects.exists()


def test_anonymous_concerns_take_no_contact_details(client, service):
    response = client.post(RAISE, details(service, anonymous="on", contact_email="me@example.net"))
    assert "contact_email" in response.context["form"].errors
    assert not Concern.objects.exists()


def test_a_signed_in_family_member_raises_one_with_their_name_and_no_code(
    client, service, people, django_capture_on_commit_callbacks
):
    client.force_login(people["family"])
    start = client.post(RAISE, {"step": "start", "service": str(service.pk), "at_risk_now": "no"})
    assert start.context["form"].initial["raiser_role"] == Concern.RaiserRole.FAMILY
    response = raise_concern(
        client, service, django_capture_on_commit_callbacks, possible_safeguarding="no"
    )
    concern = Concern.objects.get()
    assert concern.raised_by == people["family"]
    assert response.context["tracking_code"] is None and concern.tracking_code_hash == ""
    # Not a safeguarding concern: it goes to the forum hosts, whose tracker shows the text.
    assert concern.route == Concern.Route.HOSTS
    assert [m.to for m in mail.outbox] == [["host@example.org"]]
    assert concern.feedback_item.text == WHAT


def test_the_concern_is_confirmed_even_when_the_queue_is_down(
    client, service, people, django_capture_on_commit_callbacks
):
    with mock.patch.object(
        tasks.route_concern, "delay_on_commit", side_effect=OSError("broker down")
    ):
        response = raise_concern(client, service, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Your concern is sent" in response.content.decode()
    concern = Concern.objects.get()
    # The web process routes it at once and sends the alert; nothing is left for the sweeper.
    assert concern.routed_at is not None
    assert [m.to for m in mail.outbox] == [["sl@example.org"]]
    assert services.concerns_sweep()["routed"] == 0
    assert len(mail.outbox) == 1


# --- Routing and the sweeper ----------------------------------------------------------------


def test_a_duplicated_routing_task_sends_once(service, people, django_capture_on_commit_callbacks):
    concern = ConcernFactory(service=service, possible_safeguarding=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.route_concern(concern.pk) == 1
        assert tasks.route_concern(concern.pk) == 0
    assert len(mail.outbox) == 1
    assert concern.events.filter(kind=ConcernEvent.Kind.ROUTED).count() == 1


def test_other_concerns_are_to_be_acknowledged_in_five_working_days(service, people):
    concern = ConcernFactory(service=service)
    friday = datetime.datetime(2026, 6, 5, 10, 0, tzinfo=datetime.UTC)
    services.concern_route(concern.pk, now=friday)
    concern.refresh_from_db()
    assert concern.acknowledge_by == datetime.datetime(2026, 6, 12, 10, 0, tzinfo=datetime.UTC)


def test_with_nobody_on_the_route_the_leaders_are_alerted(
    service, django_capture_on_commit_callbacks
):
    leader = member(Role.LEADER, organisation=service.organisation, email="only@example.org")
    concern = ConcernFactory(service=service, possible_safeguarding=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_route(concern.pk)
    assert [m.to for m in mail.outbox] == [[leader.email]]


def test_the_concern_history_counts_one_person_in_the_singular(
    service, django_capture_on_commit_callbacks
):
    """Issue 14: "Alert emailed to 1 people"."""
    member(Role.LEADER, organisation=service.organisation, email="only@example.org")
    concern = ConcernFactory(service=service, possible_safeguarding=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_route(concern.pk)
    notes = list(
        concern.events.filter(kind=ConcernEvent.Kind.ALERTED).values_list("note", flat=True)
    )
    assert notes == ["Alert emailed to 1 person."]


def test_the_sweeper_realerts_hourly_then_escalates_until_acknowledged(
    service, people, django_capture_on_commit_callbacks
):
    concern = ConcernFactory(service=service, possible_safeguarding=True)
    start = timezone.now() - datetime.timedelta(days=3)
    late = start + datetime.timedelta(hours=25)

    def sweep(now):
        with django_capture_on_commit_callbacks(execute=True):
            services.concerns_sweep(now=now)

    with django_capture_on_commit_callbacks(execute=True):
        services.concern_route(concern.pk, now=start)
    mail.outbox.clear()

    sweep(late)
    sweep(late + datetime.timedelta(minutes=15))  # too soon: nothing
    assert [m.to for m in mail.outbox] == [["sl@example.org"]]
    sweep(late + datetime.timedelta(hours=1))
    assert len(mail.outbox) == 2
    sweep(late + datetime.timedelta(hours=2))
    assert mail.outbox[-1].to == ["boss@example.org"]
    assert "Escalated" in mail.outbox[-1].subject
    concern.refresh_from_db()
    assert concern.escalated_at is not None
    assert concern.events.filter(kind=ConcernEvent.Kind.ESCALATED).count() == 1

    services.concern_acknowledge(concern, people["lead"])
    count = len(mail.outbox)
    sweep(late + datetime.timedelta(hours=5))
    assert len(mail.outbox) == count


def test_the_sweep_task_is_registered_for_the_beat():
    assert tasks.sweep_concerns.name == "coproduction.concerns.tasks.sweep_concerns"


# --- Statuses and the outcome ---------------------------------------------------------------


def test_statuses_move_forward_only_and_closing_needs_an_outcome_shared(service, people):
    family = people["family"]
    concern = ConcernFactory(service=service, raised_by=family)
    lead = people["lead"]
    services.concern_acknowledge(concern, lead)
    with pytest.raises(Exception, match="Share the outcome"):
        services.concern_status_set(concern, Status.CLOSED, lead)
    with pytest.raises(Exception, match="moves forward only"):
        services.concern_status_set(concern, Status.RECEIVED, lead)
    with pytest.raises(Exception, match="Write the outcome"):
        services.concern_status_set(concern, Status.OUTCOME_SHARED, lead)
    services.concern_status_set(concern, Status.LOOKING_INTO, lead, note="Called the manager.")
    services.concern_status_set(concern, Status.OUTCOME_SHARED, lead, outcome="We retrained.")
    services.concern_status_set(concern, Status.CLOSED, lead)
    concern.refresh_from_db()
    assert concern.status == Status.CLOSED and concern.closed_at is not None
    steps = list(
        concern.events.filter(kind="status").values_list("from_status", "to_status", "actor")
    )
    assert steps == [
        ("received", "acknowledged", lead.pk),
        ("acknowledged", "looking_into", lead.pk),
        ("looking_into", "outcome_shared", lead.pk),
        ("outcome_shared", "closed", lead.pk),
    ]


def test_the_outcome_is_emailed_once_to_a_raiser_with_an_account(
    client, service, people, django_capture_on_commit_callbacks
):
    concern = ConcernFactory(
        service=service, raised_by=people["family"], status=Status.LOOKING_INTO
    )
    client.force_login(people["host"])
    url = reverse("coproduction:concern_status", args=[concern.pk])
    response = client.post(url, {"status": "outcome_shared"})
    assert response.context["form"].errors["outcome"] == [
        "Write the outcome to the person who raised the concern."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "outcome_shared", "outcome": "Bells fixed."})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["fam@example.org"]]
    assert "Bells fixed." not in mail.outbox[0].body
    assert tasks.send_concern_outcome_email(concern.pk) == 0
    client.force_login(people["family"])
    mine = client.get(reverse("coproduction:concern_mine")).content.decode()
    assert concern.reference in mine and "Bells fixed." in mine


def test_the_outcome_is_emailed_to_a_visitors_contact_address(
    service, people, django_capture_on_commit_callbacks
):
    concern = ConcernFactory(
        service=service, contact_email="me@example.net", status=Status.LOOKING_INTO
    )
    services.concern_status_set(concern, Status.OUTCOME_SHARED, people["lead"], outcome="Done.")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_concern_outcome_email(concern.pk) == 1
    assert mail.outbox[-1].to == ["me@example.net"]


def test_acknowledging_through_the_page(client, service, people):
    concern = ConcernFactory(service=service)
    client.force_login(people["host"])
    url = reverse("coproduction:concern_acknowledge", args=[concern.pk])
    assert "Yes, acknowledge it" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    concern.refresh_from_db()
    assert concern.status == Status.ACKNOWLEDGED and concern.acknowledged_at is not None
    detail = client.get(concern.get_absolute_url()).content.decode()
    assert people["host"].email in detail or people["host"].get_full_name() in detail
    assert "already been acknowledged" in client.get(url).content.decode()


# --- Who sees what --------------------------------------------------------------------------


def test_forum_hosts_do_not_see_safeguarding_concerns(client, service, people):
    safeguarding = ConcernFactory(service=service, possible_safeguarding=True)
    other = ConcernFactory(service=service)
    client.force_login(people["host"])
    assert client.get(safeguarding.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 200
    listed = client.get(reverse("coproduction:concern_list")).context["page_obj"]
    assert [concern.pk for concern in listed] == [other.pk]


@pytest.mark.parametrize("who", ["family", "admin"])
def test_families_and_admins_do_not_see_concerns(client, service, people, who):
    concern = ConcernFactory(service=service)
    client.force_login(people[who])
    assert client.get(concern.get_absolute_url()).status_code == 404
    assert client.get(reverse("coproduction:concern_list")).status_code == 403


def test_other_organisations_and_services_are_refused(client, service, people):
    concern = ConcernFactory(service=service)
    elsewhere = ServiceFactory()
    for person in (
        member(Role.LEADER, organisation=elsewhere.organisation),
        member(Role.SAFEGUARDING_LEAD, organisation=elsewhere.organisation),
        member(Role.FORUM_HOST, service=ServiceFactory(organisation=service.organisation)),
    ):
        client.force_login(person)
        assert client.get(concern.get_absolute_url()).status_code == 404
        assert (
            client.post(reverse("coproduction:concern_acknowledge", args=[concern.pk])).status_code
            == 404
        )
    assert client.get(reverse("coproduction:concern_list")).context["page_obj"].paginator.count == 0
    concern.refresh_from_db()
    assert concern.status == Status.RECEIVED


def test_the_list_filters_by_status_and_flags_overdue_ones(client, service, people):
    late = ConcernFactory(
        service=service,
        routed_at=timezone.now() - datetime.timedelta(days=9),
        acknowledge_by=timezone.now() - datetime.timedelta(days=2),
    )
    ConcernFactory(service=service, status=Status.ACKNOWLEDGED)
    client.force_login(people["leader"])
    response = client.get(reverse("coproduction:concern_list"), {"status": "received"})
    assert [concern.pk for concern in response.context["page_obj"]] == [late.pk]
    assert "Overdue" in response.content.decode()
    assert selectors.is_overdue(late)


def test_the_list_is_empty_with_a_message(client, people):
    client.force_login(people["lead"])
    assert (
        "No concerns have been raised."
        in client.get(reverse("coproduction:concern_list")).content.decode()
    )


# --- Tracking by code -----------------------------------------------------------------------


def test_tracking_with_the_right_code_shows_status_and_outcome(service):
    code = services.new_tracking_code()
    concern = ConcernFactory(
        service=service,
        tracking_code_hash=services.hash_tracking_code(code),
        status=Status.OUTCOME_SHARED,
        outcome="We changed the night rota.",
        outcome_shared_at=timezone.now(),
    )
    from django.test import Client

    response = Client().post(TRACK, {"reference": concern.reference.lower(), "code": code.lower()})
    html = response.content.decode()
    assert "Outcome shared" in html and "We changed the night rota." in html


def test_a_wrong_code_gets_the_same_answer_whether_the_reference_exists_or_not(client, service):
    code = services.new_tracking_code()
    concern = ConcernFactory(service=service, tracking_code_hash=services.hash_tracking_code(code))
    wrong = client.post(TRACK, {"reference": concern.reference, "code": "AAAA-BBBB"})
    missing = client.post(TRACK, {"reference": "C-NOSUCH", "code": "AAAA-BBBB"})
    assert wrong.context["error"] == missing.context["error"]
    assert "could not find" in wrong.context["error"]
    assert wrong.context["concern"] is None
    assert concern.what_happened not in wrong.content.decode()


def test_tracking_guesses_are_rate_limited(client, service):
    code = services.new_tracking_code()
    concern = ConcernFactory(service=service, tracking_code_hash=services.hash_tracking_code(code))
    for _ in range(10):
        client.post(TRACK, {"reference": concern.reference, "code": "WRONG"})
    response = client.post(TRACK, {"reference": concern.reference, "code": code})
    assert response.context["concern"] is None
    assert "Too many tries" in response.context["error"]


def test_my_concerns_leaves_out_anonymous_ones(client, service):
    family = UserFactory()
    ConcernFactory(service=service, raised_by=family, reference="C-MINE01")
    ConcernFactory(service=service, anonymous=True, reference="C-ANON01")
    client.force_login(family)
    html = client.get(reverse("coproduction:concern_mine")).content.decode()
    assert "C-MINE01" in html and "C-ANON01" not in html


def test_the_forum_panel_links_to_raising_a_concern_for_its_service(service):
    forum = FamilyForum(service=service, name="Oak House families")
    html = render_to_string("coproduction/concerns/_forum_panel.html", {"forum": forum})
    assert reverse("coproduction:concern_raise_for_service", args=[service.pk]) in html


# --- Navigation and home panels -------------------------------------------------------------


def _request(user):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def test_concerns_navigation_and_home_panel_for_the_people_who_handle_them(service, people):
    from cms.pages.panels import home_panels, navigation_items

    late = ConcernFactory(
        service=service,
        possible_safeguarding=True,
        acknowledge_by=timezone.now() - datetime.timedelta(hours=1),
    )
    concerns = ("Concerns", reverse("coproduction:concern_list"))
    assert concerns in navigation_items(_request(people["lead"]))
    assert concerns not in navigation_items(_request(people["family"]))
    assert concerns not in navigation_items(_request(None))
    [panel] = [p for p in home_panels(_request(people["lead"])) if "acknowledge" in p.title]
    assert [item.label for item in panel.items] == [
        f"Concern {late.reference} (Oak House) – overdue"
    ]
    # Forum hosts do not see a safeguarding concern, even in the panel.
    [panel] = [p for p in home_panels(_request(people["host"])) if "acknowledge" in p.title]
    assert panel.items == ()


def test_a_raiser_sees_their_concerns_on_the_home_page(service, people):
    from cms.pages.panels import home_panels

    ConcernFactory(service=service, raised_by=people["family"], reference="C-HOME01")
    titles = {p.title: p for p in home_panels(_request(people["family"]))}
    assert titles["Concerns you raised"].items[0].label == "Concern C-HOME01: Received"
