"""Themes as part of handling: the people who handle a concern say what it is about (the
tracker's themes) on its page or when acknowledging it, which tags its feedback item and notes
who did it in the audit trail, never anything about an anonymous raiser; a host answering a
forum question can tag it the same way."""

import pytest
from django.db import models
from django.urls import reverse

from cms.organisations.models import Role
from coproduction.concerns import services
from coproduction.concerns.models import Concern, ConcernEvent
from coproduction.questions import services as question_services
from coproduction.questions.models import ForumQuestion
from coproduction.tracker.models import FeedbackItem, Theme
from tests.cms.factories import OrganisationFactory, member
from tests.coproduction.factories_concerns import ConcernFactory
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host

pytestmark = pytest.mark.django_db

Kind = ConcernEvent.Kind


@pytest.fixture
def people(service):
    organisation = service.organisation
    return {
        "lead": member(Role.SAFEGUARDING_LEAD, organisation=organisation, email="sl@birch.org"),
        "host": member(Role.FORUM_HOST, service=service, email="host@birch.org"),
        "family": member(
            Role.FAMILY_MEMBER,
            service=service,
            email="raiser@birch.org",
            first_name="Wilhelmina",
            last_name="Quist",
        ),
        "admin": member(Role.ORGANISATION_ADMIN, organisation=organisation),
        "stranger": member(Role.LEADER, organisation=OrganisationFactory(name="Far Care")),
    }


def theme(key):
    return Theme.objects.get(key=key)


def themes_data(*keys):
    """The theme checkboxes as a browser posts them: one field per group."""
    data = {"harm_themes": [], "hallmark_themes": []}
    for key in keys:
        chosen = theme(key)
        field = "harm_themes" if chosen.group == Theme.Group.HARM else "hallmark_themes"
        data[field].append(chosen.pk)
    return data


def raise_concern(service, user=None, anonymous=False, possible_safeguarding=True):
    concern, _code = services.concern_raise(
        service=service,
        user=user,
        raiser_role=Concern.RaiserRole.FAMILY,
        what_happened="Staff laughed at Mum when she asked for help to the toilet.",
        at_risk_now=False,
        possible_safeguarding=possible_safeguarding,
        anonymous=anonymous,
    )
    return concern


def themes_url(concern):
    return reverse("coproduction:concern_themes", args=[concern.pk])


def acknowledge_url(concern):
    return reverse("coproduction:concern_acknowledge", args=[concern.pk])


def theme_notes(concern):
    return list(concern.events.filter(kind=Kind.NOTE).order_by("pk"))


# --- Setting themes on a concern ------------------------------------------------------------


def test_the_concern_page_asks_what_it_is_about(client, service, people):
    concern = raise_concern(service)
    client.force_login(people["lead"])
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "What is this about?" in page
    assert "Serious misconduct or abuse by staff" in page
    assert "Not listening" in page
    # Recommendations are for actions, not for feedback.
    assert "Own the harm and put it right together" not in page


def test_a_handler_sets_the_themes_which_tag_the_feedback_item_with_an_audit_note(
    client, service, people
):
    concern = raise_concern(service)
    client.force_login(people["lead"])
    response = client.post(themes_url(concern), themes_data("harm_misconduct", "hm_not_listening"))
    assert response.status_code == 302
    assert response["Location"].startswith(concern.get_absolute_url())
    concern.refresh_from_db()
    assert set(concern.feedback_item.themes.values_list("key", flat=True)) == {
        "harm_misconduct",
        "hm_not_listening",
    }
    [note] = theme_notes(concern)
    assert note.actor == people["lead"]
    assert note.note.startswith("Themes set: ")
    assert "Serious misconduct or abuse by staff" in note.note and "Not listening" in note.note
    page = client.get(concern.get_absolute_url()).content.decode()
    assert "Themes set: " in page  # in the audit trail
    assert FeedbackItem.objects.filter(themes__key="harm_misconduct").get() == (
        concern.feedback_item
    )


def test_saving_the_same_themes_notes_nothing_and_unticking_all_clears_them(
    client, service, people
):
    concern = raise_concern(service)
    client.force_login(people["lead"])
    client.post(themes_url(concern), themes_data("harm_culture"))
    client.post(themes_url(concern), themes_data("harm_culture"))
    assert len(theme_notes(concern)) == 1
    response = client.post(themes_url(concern), {})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert not concern.feedback_item.themes.exists()
    assert [event.note for event in theme_notes(concern)][-1] == "Themes cleared."


def test_a_concern_without_a_feedback_item_gets_one_when_tagged(service, people):
    concern = ConcernFactory(service=service, raiser_role=Concern.RaiserRole.STAFF)
    assert concern.feedback_item is None
    services.concern_set_themes(concern, ["harm_practice"], people["lead"])
    concern.refresh_from_db()
    item = concern.feedback_item
    assert item.channel == FeedbackItem.Channel.CONCERN
    assert item.giver_role == FeedbackItem.GiverRole.STAFF
    assert item.recorded_by is None
    assert list(item.themes.values_list("key", flat=True)) == ["harm_practice"]


def test_a_recommendation_is_not_a_theme_of_feedback(client, service, people):
    concern = raise_concern(service)
    client.force_login(people["lead"])
    response = client.post(themes_url(concern), {"harm_themes": [theme("rec_restorative").pk]})
    assert response.status_code == 400
    assert "harm_themes" in response.context["form"].errors
    assert not concern.feedback_item.themes.exists()
    assert theme_notes(concern) == []


# --- When acknowledging ---------------------------------------------------------------------


def test_themes_can_be_set_when_acknowledging(client, service, people):
    concern = raise_concern(service)
    client.force_login(people["lead"])
    page = client.get(acknowledge_url(concern)).content.decode()
    assert "Tag what it is about now (optional)" in page
    response = client.post(acknowledge_url(concern), themes_data("harm_misconduct"))
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACKNOWLEDGED
    assert list(concern.feedback_item.themes.values_list("key", flat=True)) == ["harm_misconduct"]
    status, note = concern.events.filter(kind__in=[Kind.STATUS, Kind.NOTE]).order_by("pk")
    assert (status.kind, status.actor) == (Kind.STATUS, people["lead"])
    assert (note.kind, note.actor) == (Kind.NOTE, people["lead"])


def test_acknowledging_keeps_themes_already_set(client, service, people):
    concern = raise_concern(service)
    services.concern_set_themes(concern, ["hm_no_compassion"], people["lead"])
    client.force_login(people["lead"])
    form = client.get(acknowledge_url(concern)).context["form"]
    assert [t.key for t in form["hallmark_themes"].initial] == ["hm_no_compassion"]
    # The checkboxes come back ticked as they were: acknowledging changes no theme.
    client.post(acknowledge_url(concern), themes_data("hm_no_compassion"))
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACKNOWLEDGED
    assert list(concern.feedback_item.themes.values_list("key", flat=True)) == ["hm_no_compassion"]
    assert len(theme_notes(concern)) == 1


# --- Only the people who handle the concern -------------------------------------------------


@pytest.mark.parametrize("who", ["host", "family", "admin", "stranger"])
def test_only_handlers_may_set_themes(client, service, people, who):
    # A possible safeguarding concern: for safeguarding leads and leaders, not forum hosts.
    concern = raise_concern(service, possible_safeguarding=True)
    client.force_login(people[who])
    assert client.get(themes_url(concern)).status_code == 404
    assert client.post(themes_url(concern), themes_data("harm_misconduct")).status_code == 404
    assert not concern.feedback_item.themes.exists()
    assert theme_notes(concern) == []


def test_a_forum_host_handles_the_themes_of_a_concern_that_goes_to_hosts(client, service, people):
    concern = raise_concern(service, possible_safeguarding=False)
    client.force_login(people["host"])
    assert client.post(themes_url(concern), themes_data("harm_bureaucracy")).status_code == 302
    assert concern.feedback_item.themes.get().key == "harm_bureaucracy"
    assert theme_notes(concern)[0].actor == people["host"]


def test_signing_in_is_needed(client, service):
    concern = raise_concern(service)
    response = client.post(themes_url(concern), themes_data("harm_misconduct"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not concern.feedback_item.themes.exists()


# --- Anonymous stays anonymous --------------------------------------------------------------


def assert_names_nobody(instance, person):
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.ForeignKey) and field.related_model is type(person):
            assert value != person.pk, f"{instance._meta.label}.{field.name} names the raiser"
        for text in (person.email, person.first_name, person.last_name):
            assert text not in str(value), f"{instance._meta.label}.{field.name} has {text!r}"


def test_tagging_an_anonymous_concern_names_only_the_handler(client, service, people):
    raiser = people["family"]
    concern = raise_concern(service, user=raiser, anonymous=True)
    client.force_login(people["lead"])
    client.post(acknowledge_url(concern), themes_data("harm_misconduct"))
    client.post(themes_url(concern), themes_data("harm_misconduct", "hm_defensive_leadership"))
    concern.refresh_from_db()
    notes = theme_notes(concern)
    assert len(notes) == 2
    assert {note.actor for note in notes} == {people["lead"]}
    for event in concern.events.all():
        assert_names_nobody(event, raiser)
    assert_names_nobody(concern.feedback_item, raiser)
    assert concern.feedback_item.recorded_by is None
    assert_names_nobody(concern, raiser)
    page = client.get(concern.get_absolute_url()).content.decode()
    for text in (raiser.email, raiser.first_name, raiser.last_name):
        assert text not in page


# --- Questions ------------------------------------------------------------------------------


@pytest.fixture
def forum(service):
    return FamilyForumFactory(service=service, name="Birch House family forum")


def answer_url(question):
    return reverse("coproduction:forum_question_answer", args=[question.forum_id, question.pk])


def test_a_host_tags_a_question_when_answering_it(client, forum):
    host, family = forum_host(forum), forum_family(forum)
    question = question_services.question_ask(forum, family, text="Why is the lounge locked?")
    client.force_login(host)
    page = client.get(answer_url(question)).content.decode()
    assert "Tag what the question is about (optional)" in page
    response = client.post(
        answer_url(question),
        {"answer": "It should not be; we have changed it.", **themes_data("hm_risk_avoidance")},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "It should not be; we have changed it."
    assert list(question.feedback_item.themes.values_list("key", flat=True)) == [
        "hm_risk_avoidance"
    ]
    # Changing the answer shows the themes ticked as they are, and saves what is ticked.
    form = client.get(answer_url(question)).context["form"]
    assert [t.key for t in form["hallmark_themes"].initial] == ["hm_risk_avoidance"]
    client.post(
        answer_url(question),
        {"answer": "It is open all day now.", **themes_data("harm_culture")},
    )
    assert list(question.feedback_item.themes.values_list("key", flat=True)) == ["harm_culture"]


def test_tagging_an_anonymous_question_names_nobody(client, forum):
    host, family = forum_host(forum), forum_family(forum, email="asker@birch.org")
    question = question_services.question_ask(
        forum, family, text="Are staff allowed to shout?", anonymous=True
    )
    client.force_login(host)
    client.post(answer_url(question), {"answer": "No.", **themes_data("harm_practice")})
    question = ForumQuestion.objects.get(pk=question.pk)
    assert question.asked_by is None
    assert question.feedback_item.recorded_by is None
    assert question.feedback_item.themes.get().key == "harm_practice"
    assert_names_nobody(question.feedback_item, family)


def test_families_cannot_tag_questions(client, forum):
    family = forum_family(forum)
    question = question_services.question_ask(forum, family, text="When is the next forum?")
    client.force_login(family)
    response = client.post(answer_url(question), {"answer": "Soon", **themes_data("harm_stigma")})
    assert response.status_code in (403, 404)
    assert not question.feedback_item.themes.exists()
