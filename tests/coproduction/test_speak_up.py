"""Speaking up (Freedom to Speak Up) on the concerns part: a member of staff raises a concern as
a speak-up case with the national return's categories, professional group and detriment; it
goes to the speak-up lead, outside the line (not to leaders or forum hosts); once the outcome is
fed back the person who raised it says whether they would speak up again; an anonymous case
stays anonymous."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from cms.organisations.models import MFA_REQUIRED_ROLES, Role
from coproduction.concerns import selectors, services
from coproduction.concerns.models import Concern, SpeakUpCase
from coproduction.tracker.models import FeedbackItem
from tests.cms.factories import member
from tests.coproduction.factories_concerns import ConcernFactory, SpeakUpCaseFactory
from tests.coproduction.test_concern_anonymity import (
    ADDRESS,
    AGENT,
    assert_row_names_nobody,
    identifying,
)

pytestmark = pytest.mark.django_db

WHAT = "The deputy manager shouts at new carers in front of residents."


@pytest.fixture
def people(service):
    organisation = service.organisation
    return {
        "speak_up_lead": member(Role.SPEAK_UP_LEAD, organisation=organisation),
        "safeguarding": member(Role.SAFEGUARDING_LEAD, organisation=organisation),
        "leader": member(Role.LEADER, organisation=organisation),
        "host": member(Role.FORUM_HOST, service=service),
        "admin": member(Role.ORGANISATION_ADMIN, organisation=organisation),
    }


@pytest.fixture
def porter(service):
    return member(
        Role.STAFF,
        service=service,
        email="night.porter@example.org",
        first_name="Ottoline",
        last_name="Brackenbury",
    )


def details(service, **overrides):
    return {
        "step": "details",
        "service": str(service.pk),
        "at_risk_now": "no",
        "raiser_role": Concern.RaiserRole.STAFF,
        "what_happened": WHAT,
        "who_is_affected": "New carers on the day shift",
        "possible_safeguarding": "no",
        "speak_up": "on",
        "categories": ["bullying", "worker_safety"],
        "professional_group": SpeakUpCase.ProfessionalGroup.ESTATES_ANCILLARY,
        "detriment": "yes",
        **overrides,
    }


def raise_case(client, service, raiser, capture, **overrides):
    client.force_login(raiser)
    with capture(execute=True):
        response = client.post(
            reverse("coproduction:concern_raise"),
            details(service, **overrides),
            REMOTE_ADDR=ADDRESS,
            HTTP_USER_AGENT=AGENT,
        )
    return response


# --- Raising ----------------------------------------------------------------------------------


def test_a_porter_speaks_up_with_categories_group_and_detriment(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    response = raise_case(client, service, porter, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    concern = Concern.objects.get()
    case = concern.speak_up
    assert (case.bullying, case.worker_safety) == (True, True)
    assert not (case.patient_safety or case.attitudes or case.other_category)
    assert case.categories == ["Worker safety or wellbeing", "Bullying or harassment"]
    assert case.professional_group == SpeakUpCase.ProfessionalGroup.ESTATES_ANCILLARY
    assert case.detriment is True
    assert case.would_speak_up_again == ""
    # It goes to the speak-up lead, and only to them.
    assert concern.route == Concern.Route.SPEAK_UP
    assert [message.to for message in mail.outbox] == [[people["speak_up_lead"].email]]
    # The tracker hears that a speak-up case came in, not what it says.
    item = FeedbackItem.objects.get(pk=concern.feedback_item_id)
    assert item.channel == FeedbackItem.Channel.SPEAK_UP
    assert WHAT not in item.text and concern.reference in item.text


def test_no_detriment_is_stored_as_no(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    raise_case(client, service, porter, django_capture_on_commit_callbacks, detriment="no")
    assert SpeakUpCase.objects.get().detriment is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"categories": []}, "categories"),
        ({"professional_group": ""}, "professional_group"),
        ({"detriment": ""}, "detriment"),
        ({"raiser_role": Concern.RaiserRole.FAMILY}, "raiser_role"),
    ],
)
def test_speaking_up_needs_its_answers_and_is_for_staff(
    client, service, people, porter, django_capture_on_commit_callbacks, overrides, field
):
    response = raise_case(client, service, porter, django_capture_on_commit_callbacks, **overrides)
    assert response.status_code == 200  # the form again, with the error at the field
    assert response.context["form"].errors[field]
    assert not Concern.objects.exists()


def test_without_the_box_ticked_it_is_an_ordinary_concern(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    raise_case(client, service, porter, django_capture_on_commit_callbacks, speak_up="")
    concern = Concern.objects.get()
    assert not selectors.is_speak_up(concern)
    assert concern.route == Concern.Route.HOSTS


def test_a_possible_safeguarding_case_also_alerts_the_safeguarding_lead(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    raise_case(
        client, service, porter, django_capture_on_commit_callbacks, possible_safeguarding="yes"
    )
    concern = Concern.objects.get()
    assert concern.route == Concern.Route.SAFEGUARDING
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people["speak_up_lead"].email, people["safeguarding"].email]
    )


def test_without_a_speak_up_lead_the_alert_reaches_the_leaders(service, porter):
    leader = member(Role.LEADER, organisation=service.organisation)
    case = SpeakUpCaseFactory(concern__service=service)
    assert selectors.route_people(case.concern) == [leader]


# --- Who sees a speak-up case ------------------------------------------------------------------


def test_the_speak_up_lead_role_needs_a_second_step():
    assert Role.SPEAK_UP_LEAD in MFA_REQUIRED_ROLES


def test_the_speak_up_lead_sees_and_handles_the_case_and_the_line_does_not(client, service, people):
    case = SpeakUpCaseFactory(concern__service=service)
    ordinary = ConcernFactory(service=service)
    concern = case.concern
    lead = people["speak_up_lead"]
    assert list(selectors.visible_concerns(lead)) == [concern]
    client.force_login(lead)
    assert client.get(concern.get_absolute_url()).status_code == 200
    assert client.get(ordinary.get_absolute_url()).status_code == 404
    listed = client.get(reverse("coproduction:concern_list")).content.decode()
    assert concern.reference in listed and ordinary.reference not in listed
    response = client.post(reverse("coproduction:concern_acknowledge", args=[concern.pk]), {})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACKNOWLEDGED
    for who in ("leader", "host", "safeguarding", "admin"):
        client.force_login(people[who])
        assert concern not in selectors.visible_concerns(people[who]), who
        assert client.get(concern.get_absolute_url()).status_code == 404, who
        assert not people[who].has_perm("coproduction.change_concern", concern), who
    # The line still sees the ordinary concern.
    assert people["leader"].has_perm("coproduction.view_concern", ordinary)


def test_the_safeguarding_lead_sees_a_case_that_could_be_abuse(service, people):
    concern = SpeakUpCaseFactory(
        concern__service=service, concern__possible_safeguarding=True
    ).concern
    safeguarding = people["safeguarding"]
    assert safeguarding.has_perm("coproduction.view_concern", concern)
    assert concern in selectors.visible_concerns(safeguarding)
    assert not people["leader"].has_perm("coproduction.view_concern", concern)


def test_a_speak_up_lead_of_another_service_or_organisation_does_not_see_it(service, people):
    from tests.cms.factories import ServiceFactory

    concern = SpeakUpCaseFactory(concern__service=service).concern
    elsewhere = ServiceFactory(organisation=service.organisation, name="Elm Court")
    other_service_lead = member(Role.SPEAK_UP_LEAD, service=elsewhere)
    other_organisation_lead = member(Role.SPEAK_UP_LEAD)
    for lead in (other_service_lead, other_organisation_lead):
        assert not lead.has_perm("coproduction.view_concern", concern)
        assert concern not in selectors.visible_concerns(lead)
    assert member(Role.SPEAK_UP_LEAD, service=service).has_perm(
        "coproduction.view_concern", concern
    )


# --- Would you speak up again? ------------------------------------------------------------------


def shared(concern, by):
    services.concern_status_set(concern, Concern.Status.ACKNOWLEDGED, by)
    services.concern_status_set(
        concern, Concern.Status.OUTCOME_SHARED, by, outcome="The deputy manager has been spoken to."
    )
    concern.refresh_from_db()
    return concern


def test_the_raiser_says_whether_they_would_speak_up_again_once_fed_back(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    raise_case(client, service, porter, django_capture_on_commit_callbacks, detriment="no")
    concern = Concern.objects.get()
    url = reverse("coproduction:concern_speak_up_again", args=[concern.pk])
    # Not before the outcome is fed back.
    assert (
        "Tell us whether you would speak up again"
        not in client.get(reverse("coproduction:concern_mine")).content.decode()
    )
    assert client.post(url, {"answer": "yes"}).status_code == 400
    assert SpeakUpCase.objects.get().would_speak_up_again == ""
    shared(concern, people["speak_up_lead"])
    mine = client.get(reverse("coproduction:concern_mine")).content.decode()
    assert "Tell us whether you would speak up again" in mine
    assert client.post(url, {"answer": "maybe"}).status_code == 302
    assert SpeakUpCase.objects.get().would_speak_up_again == SpeakUpCase.Again.MAYBE
    # Once: a second answer changes nothing.
    client.post(url, {"answer": "yes"})
    assert SpeakUpCase.objects.get().would_speak_up_again == SpeakUpCase.Again.MAYBE
    assert (
        "You told us whether you would speak up again: Maybe"
        in client.get(reverse("coproduction:concern_mine")).content.decode()
    )
    # The speak-up lead sees the answer on the case.
    client.force_login(people["speak_up_lead"])
    assert "Maybe" in client.get(concern.get_absolute_url()).content.decode()


def test_nobody_else_answers_for_the_raiser(client, service, people, porter):
    concern = SpeakUpCaseFactory(concern__service=service, concern__raised_by=porter).concern
    shared(concern, people["speak_up_lead"])
    url = reverse("coproduction:concern_speak_up_again", args=[concern.pk])
    for who in ("speak_up_lead", "leader"):
        client.force_login(people[who])
        assert client.post(url, {"answer": "no"}).status_code == 404
    assert SpeakUpCase.objects.get().would_speak_up_again == ""


def test_an_anonymous_raiser_answers_with_the_tracking_code(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    response = raise_case(
        client, service, porter, django_capture_on_commit_callbacks, anonymous="on"
    )
    code = response.context["tracking_code"]
    concern = Concern.objects.get()
    shared(concern, people["speak_up_lead"])
    client.logout()
    track = reverse("coproduction:concern_track")
    page = client.post(track, {"reference": concern.reference, "code": code})
    assert "Would you speak up again?" in page.content.decode()
    wrong = client.post(
        track, {"step": "again", "reference": concern.reference, "code": "AAAA", "answer": "no"}
    )
    assert "could not find" in wrong.content.decode()
    assert SpeakUpCase.objects.get().would_speak_up_again == ""
    client.post(
        track, {"step": "again", "reference": concern.reference, "code": code, "answer": "no"}
    )
    assert SpeakUpCase.objects.get().would_speak_up_again == SpeakUpCase.Again.NO


# --- Anonymous stays anonymous ------------------------------------------------------------------


def test_an_attacker_reading_every_table_finds_nothing_naming_an_anonymous_speaker(
    client, service, people, porter, django_capture_on_commit_callbacks
):
    """An attacker with SQL access reads every row of every table the concern touches (and
    every text column of every table in the database) for the porter's id, email or name."""
    response = raise_case(
        client, service, porter, django_capture_on_commit_callbacks, anonymous="on"
    )
    code = response.context["tracking_code"]
    concern = Concern.objects.get()
    shared(concern, people["speak_up_lead"])
    events_before = concern.events.count()
    client.logout()
    client.post(
        reverse("coproduction:concern_track"),
        {"step": "again", "reference": concern.reference, "code": code, "answer": "no"},
    )
    case = SpeakUpCase.objects.get()
    assert case.would_speak_up_again == "no"
    assert concern.raised_by_id is None and concern.anonymous
    assert_row_names_nobody(concern, porter)
    assert_row_names_nobody(case, porter)
    for event in concern.events.all():
        if event.actor_id is None:  # the raising, routing and alerts
            assert_row_names_nobody(event, porter)
        else:  # the speak-up lead's own steps name the lead, never the porter
            assert event.actor_id == people["speak_up_lead"].pk
    # The case has no time of its own, and answering wrote no event.
    assert not any(
        field.get_internal_type() in ("DateTimeField", "DateField")
        for field in SpeakUpCase._meta.concrete_fields
    )
    assert concern.events.count() == events_before
    # Raw SQL over the speak-up table and the concern's rows: nothing that names the porter.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {SpeakUpCase._meta.db_table}")
        rows = cursor.fetchall()
        cursor.execute(f"SELECT * FROM {Concern._meta.db_table} WHERE id = %s", [concern.pk])
        rows += cursor.fetchall()
    text = " ".join(str(value) for row in rows for value in row)
    for value in identifying(porter):
        assert value not in text
