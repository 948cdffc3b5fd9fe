"""Consent for quotes: wherever people write feedback in words they can say whether their words
may be quoted in reports, without their name; the answer is no unless they tick the box. The
evidence ledger reads the quotes through one selector, `quotable_words`, which returns only
consented words, never a speak-up case's, never a name or an id, and the month, not the day.
A person who agreed can take it back where they see their own words; nobody else can change it.
"""

import dataclasses
import datetime
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.concerns import services as concern_services
from coproduction.concerns.models import Concern
from coproduction.forms import QUOTE_FOR_SOMEONE_LABEL, QUOTE_LABEL
from coproduction.questions import services as question_services
from coproduction.questions.models import ForumPost, ForumQuestion
from coproduction.spaces import services as space_services
from coproduction.spaces.models import AgendaComment, AgendaItem, SpaceRole
from coproduction.surveys import services as survey_services
from coproduction.surveys.models import SurveyResponse
from coproduction.tracker.models import FeedbackItem
from coproduction.tracker.selectors import QuotableWords, QuoteSource, quotable_words
from coproduction.tracker.services import feedback_record
from tests.cms.factories import member
from tests.coproduction.factories import SpaceFactory, space_with
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family
from tests.coproduction.factories_surveys import FamilySurveyFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"coproduction:{name}", args=args)


def texts(service, start=None, end=None):
    today = timezone.localdate()
    return {
        quote.text
        for quote in quotable_words(
            service, start or today - timedelta(days=400), end or today + timedelta(days=1)
        )
    }


def box(html):
    """The consent checkbox's input tag in a page (the form's, not a button's hidden value)."""
    start = html.index('id="id_may_quote"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


@pytest.fixture
def space(forum):
    """A co-production space of the forum's service, so its words are the service's."""
    return SpaceFactory(organisation=forum.service.organisation, service=forum.service)


@pytest.fixture
def lived_member(space):
    return space_with(SpaceRole.MEMBER, space, user__first_name="Lena", user__last_name="Lake")


# --- Each form shows the box, unticked, and stores the answer -------------------------------


def test_each_form_shows_the_box_unticked_with_who_reads_the_reports(
    client, forum, family, host, space, lived_member
):
    survey = FamilySurveyFactory(forum=forum)
    thread = question_services.thread_start(forum, family, title="Menus", body="More fruit.")
    item = space_services.item_propose(
        space, lived_member, title="Visits", about="Longer hours.", why_it_matters="Work."
    )
    lead = space_with(SpaceRole.LEAD, space)
    pages = {
        family: [
            url("forum_question_ask", forum.pk),
            url("forum_thread_create", forum.pk),
            thread.get_absolute_url(),
            survey.get_absolute_url(),
        ],
        lived_member: [url("agenda_item_create", space.pk), item.get_absolute_url()],
    }
    for person, urls in pages.items():
        client.force_login(person)
        for address in urls:
            html = client.get(address).content.decode()
            assert QUOTE_LABEL in html, address
            assert "checked" not in box(html), address
            assert "leaders and inspectors" in html and "Optional" in html, address
    # Staff entering someone's words record that the person agreed.
    for person, address in (
        (lead, url("agenda_item_submit_for", space.pk)),
        (member(Role.FORUM_HOST, service=forum.service), url("feedback_add")),
    ):
        client.force_login(person)
        html = client.get(address).content.decode()
        assert QUOTE_FOR_SOMEONE_LABEL in html and "checked" not in box(html), address
    # The concern form's second step, for anyone (no account needed).
    client.logout()
    html = client.post(
        url("concern_raise"),
        {"step": "start", "service": str(forum.service.pk), "at_risk_now": "no"},
    ).content.decode()
    assert QUOTE_LABEL in html and "checked" not in box(html)
    assert "never quote a concern that could be abuse or neglect" in html


def test_nothing_is_quotable_unless_the_person_says_so(forum, family, space, lived_member):
    """Every service writes no when it is not told yes."""
    question = question_services.question_ask(forum, family, text="When is the next meeting?")
    thread = question_services.thread_start(forum, family, title="Menus", body="More fruit.")
    item = space_services.item_propose(
        space, lived_member, title="Visits", about="Longer hours.", why_it_matters="Work."
    )
    comment = space_services.comment_add(item, lived_member, "Yes please.")
    concern, _code = concern_services.concern_raise(
        service=forum.service,
        raiser_role=Concern.RaiserRole.FAMILY,
        what_happened="The lounge was cold.",
        at_risk_now=False,
        possible_safeguarding=False,
        anonymous=True,
    )
    tracked = feedback_record(
        channel="advocacy", giver_role="advocate", service=forum.service, text="Not believed."
    )
    survey = FamilySurveyFactory(forum=forum)
    survey_services.survey_respond(survey, family, recommend=8, what_is_good="Kind staff.")
    survey_services.survey_close(survey)
    stored = [
        question,
        question.feedback_item,
        thread.posts.get(),
        item,
        comment,
        concern,
        concern.feedback_item,
        tracked,
        SurveyResponse.objects.get(),
        FeedbackItem.objects.get(channel=FeedbackItem.Channel.SURVEY),
    ]
    for row in stored:
        row.refresh_from_db()
        assert row.may_quote is False, row
    assert texts(forum.service) == set()


def test_the_forms_store_the_answer_and_it_travels_to_the_tracker(
    client, forum, family, host, space, lived_member
):
    service = forum.service
    client.force_login(family)
    client.post(
        url("forum_question_ask", forum.pk), {"text": "Can we bring a dog?", "may_quote": "on"}
    )
    client.post(url("forum_question_ask", forum.pk), {"text": "Who cooks?"})
    asked = {question.text: question for question in ForumQuestion.objects.all()}
    assert (
        asked["Can we bring a dog?"].may_quote
        and asked["Can we bring a dog?"].feedback_item.may_quote
    )
    assert not asked["Who cooks?"].may_quote and not asked["Who cooks?"].feedback_item.may_quote

    client.post(
        url("forum_thread_create", forum.pk),
        {"title": "Garden", "body": "The garden is lovely.", "may_quote": "on"},
    )
    thread = forum.threads.get()
    client.post(url("forum_post_reply", thread.pk), {"body": "I agree.", "may_quote": "on"})
    client.post(url("forum_post_reply", thread.pk), {"body": "Private thought."})
    assert dict(ForumPost.objects.values_list("body", "may_quote")) == {
        "The garden is lovely.": True,
        "I agree.": True,
        "Private thought.": False,
    }

    survey = FamilySurveyFactory(forum=forum)
    client.post(
        url("survey_respond", survey.pk),
        {"recommend": "9", "what_is_good": "Warm welcome.", "may_quote": "on"},
    )
    assert SurveyResponse.objects.get().may_quote is True
    survey_services.survey_close(survey)
    assert FeedbackItem.objects.get(channel=FeedbackItem.Channel.SURVEY).may_quote is True

    client.force_login(lived_member)
    client.post(
        url("agenda_item_create", space.pk),
        {"title": "Menus", "about": "More choice.", "why_it_matters": "Food.", "may_quote": "on"},
    )
    item = AgendaItem.objects.get()
    assert item.may_quote is True
    client.post(url("agenda_item_comment", space.pk, item.pk), {"body": "Yes!", "may_quote": "on"})
    assert AgendaComment.objects.get().may_quote is True

    client.force_login(member(Role.FORUM_HOST, service=service))
    client.post(
        url("feedback_add"),
        {
            "service": service.pk,
            "channel": "advocacy",
            "giver_role": "advocate",
            "received_on": timezone.localdate().isoformat(),
            "text": "Staff listen now.",
            "may_quote": "on",
        },
    )
    assert FeedbackItem.objects.get(channel="advocacy").may_quote is True

    client.logout()
    client.post(
        url("concern_raise"),
        {
            "step": "details",
            "service": str(service.pk),
            "at_risk_now": "no",
            "raiser_role": Concern.RaiserRole.FAMILY,
            "what_happened": "Call bells take too long at night.",
            "possible_safeguarding": "no",
            "anonymous": "on",
            "may_quote": "on",
        },
    )
    concern = Concern.objects.get()
    assert concern.may_quote is True and concern.feedback_item.may_quote is True

    assert texts(service) == {
        "Can we bring a dog?",
        "The garden is lovely.",
        "I agree.",
        "What is good: Warm welcome.",
        "Menus\nMore choice.\nWhy it matters: Food.",
        "Yes!",
        "Staff listen now.",
        "Call bells take too long at night.",
    }


# --- What the ledger reads -------------------------------------------------------------------


def test_quotes_carry_the_source_role_month_and_themes_and_nothing_about_the_person(
    forum, family, space, lived_member
):
    service = forum.service
    question_services.question_ask(forum, family, text="Named question?", may_quote=True)
    question_services.question_ask(
        forum, family, text="Anonymous question?", anonymous=True, may_quote=True
    )
    question_services.thread_start(forum, family, title="T", body="A post.", may_quote=True)
    space_services.item_propose(
        space, lived_member, title="Item", about="About.", why_it_matters="Why.", may_quote=True
    )
    feedback_record(
        channel="advocacy",
        giver_role="advocate",
        service=service,
        text="Told by an advocate.",
        themes=["hm_not_listening"],
        received_on=timezone.localdate() - timedelta(days=3),
        may_quote=True,
    )
    quotes = quotable_words(
        service, timezone.localdate() - timedelta(days=40), timezone.localdate() + timedelta(1)
    )
    assert {field.name for field in dataclasses.fields(QuotableWords)} == {
        "text",
        "source",
        "giver_role",
        "month",
        "themes",
        "theme_keys",
    }
    by_text = {quote.text: quote for quote in quotes}
    assert by_text["Named question?"].source == QuoteSource.QUESTION
    assert by_text["Anonymous question?"].source == QuoteSource.QUESTION
    assert by_text["Anonymous question?"].giver_role == "Family member"
    assert by_text["A post."].source == QuoteSource.FORUM
    assert by_text["A post."].giver_role == "Family member"
    assert by_text["Item\nAbout.\nWhy it matters: Why."].source == QuoteSource.COPRODUCTION
    assert by_text["Item\nAbout.\nWhy it matters: Why."].giver_role == "Lived-experience member"
    advocate = by_text["Told by an advocate."]
    assert (advocate.source, advocate.giver_role) == (QuoteSource.TRACKER, "Advocate")
    assert advocate.theme_keys == ("hm_not_listening",) and advocate.themes == ("Not listening",)
    people = [family, lived_member]
    identifying = {value for person in people for value in (person.email, person.get_full_name())}
    for quote in quotes:
        assert isinstance(quote.month, datetime.date) and quote.month.day == 1
        assert not isinstance(quote.month, datetime.datetime)
        values = [quote.text, quote.source, quote.giver_role, *quote.themes, *quote.theme_keys]
        assert not any(word in value for word in identifying for value in values), quote


def test_only_words_given_at_the_service_in_the_window_are_returned(forum, family):
    other_forum = FamilyForumFactory()
    stranger = forum_family(other_forum)
    question_services.question_ask(other_forum, stranger, text="Elsewhere.", may_quote=True)
    feedback_record(
        channel="advocacy",
        giver_role="advocate",
        service=forum.service,
        text="Last year.",
        received_on=datetime.date(2025, 3, 31),
        may_quote=True,
    )
    feedback_record(
        channel="advocacy",
        giver_role="advocate",
        service=forum.service,
        text="In April.",
        received_on=datetime.date(2025, 4, 1),
        may_quote=True,
    )
    quotes = quotable_words(forum.service, datetime.date(2025, 4, 1), datetime.date(2025, 5, 1))
    assert [(quote.text, quote.month) for quote in quotes] == [
        ("In April.", datetime.date(2025, 4, 1))
    ]
    assert texts(other_forum.service) == {"Elsewhere."}


def test_hidden_posts_and_possible_safeguarding_concerns_are_never_quoted(forum, family, host):
    thread = question_services.thread_start(
        forum, family, title="T", body="Rude words.", may_quote=True
    )
    question_services.post_hide(thread.posts.get(), host, "Please be kind.")
    concern, _code = concern_services.concern_raise(
        service=forum.service,
        raiser_role=Concern.RaiserRole.FAMILY,
        what_happened="He had bruises.",
        at_risk_now=False,
        possible_safeguarding=True,
        anonymous=True,
        may_quote=True,
    )
    assert concern.may_quote is False and concern.feedback_item.may_quote is False
    assert texts(forum.service) == set()


# --- Speak-up: never quotable, whatever is ticked -------------------------------------------


def test_a_speak_up_case_is_never_quotable_whatever_is_ticked(client, forum):
    service = forum.service
    staff = member(Role.STAFF, service=service)
    client.force_login(staff)
    response = client.post(
        url("concern_raise"),
        {
            "step": "details",
            "service": str(service.pk),
            "at_risk_now": "no",
            "raiser_role": Concern.RaiserRole.STAFF,
            "what_happened": "The manager shouts at night staff.",
            "possible_safeguarding": "no",
            "speak_up": "on",
            "categories": ["bullying"],
            "professional_group": "care_assistants",
            "detriment": "no",
            "may_quote": "on",
        },
    )
    assert response.status_code == 200
    concern = Concern.objects.get()
    assert concern.speak_up is not None
    assert concern.may_quote is False and concern.feedback_item.may_quote is False
    assert texts(service) == set()

    # Even if the rows were changed behind the services' back: the database refuses a quotable
    # speak-up item, and the selector leaves out a concern with a speak-up case.
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackItem.objects.filter(pk=concern.feedback_item_id).update(may_quote=True)
    Concern.objects.filter(pk=concern.pk).update(may_quote=True)
    FeedbackItem.objects.filter(pk=concern.feedback_item_id).update(
        channel=FeedbackItem.Channel.CONCERN, text=concern.what_happened
    )
    FeedbackItem.objects.filter(pk=concern.feedback_item_id).update(may_quote=True)
    assert texts(service) == set()
    with pytest.raises(IntegrityError), transaction.atomic():
        feedback_item = FeedbackItem.objects.get(pk=concern.feedback_item_id)
        FeedbackItem.objects.create(
            service=service,
            channel=FeedbackItem.Channel.SPEAK_UP,
            received_on=feedback_item.received_on,
            text="Forced.",
            may_quote=True,
        )
    assert (
        feedback_record(
            channel=FeedbackItem.Channel.SPEAK_UP,
            giver_role="staff",
            service=service,
            text="Recorded for the return.",
            may_quote=True,
        ).may_quote
        is False
    )


# --- Taking it back, and nobody else changing it --------------------------------------------


def test_the_author_takes_back_consent_for_a_post_and_it_is_no_longer_returned(
    client, forum, family
):
    thread = question_services.thread_start(
        forum, family, title="Garden", body="The garden is lovely.", may_quote=True
    )
    post = thread.posts.get()
    assert texts(forum.service) == {"The garden is lovely."}
    client.force_login(family)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "You said we may quote this post in reports" in html
    response = client.post(url("forum_post_quote", post.pk), {})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.may_quote is False
    assert texts(forum.service) == set()
    assert "We will not quote this post" in client.get(thread.get_absolute_url()).content.decode()
    client.post(url("forum_post_quote", post.pk), {"may_quote": "on"})
    assert texts(forum.service) == {"The garden is lovely."}


def test_the_asker_takes_back_consent_for_a_question_and_its_tracker_item_follows(
    client, forum, family
):
    question = question_services.question_ask(
        forum, family, text="Can we bring a dog?", may_quote=True
    )
    client.force_login(family)
    html = client.get(url("forum_questions", forum.pk)).content.decode()
    assert "You said we may quote this question in reports" in html
    client.post(url("forum_question_quote", question.pk), {})
    question.refresh_from_db()
    question.feedback_item.refresh_from_db()
    assert question.may_quote is False and question.feedback_item.may_quote is False
    assert texts(forum.service) == set()


def test_another_person_cannot_tick_or_untick_someone_elses_consent(
    client, forum, family, other_family, host
):
    thread = question_services.thread_start(forum, family, title="Garden", body="Lovely.")
    post = thread.posts.get()
    question = question_services.question_ask(forum, family, text="Dogs?")
    anonymous = question_services.question_ask(forum, family, text="Cats?", anonymous=True)
    outsider = forum_family(FamilyForumFactory())
    for person, refused in ((other_family, 403), (host, 403), (outsider, 404)):
        client.force_login(person)
        for address in (
            url("forum_post_quote", post.pk),
            url("forum_question_quote", question.pk),
            url("forum_question_quote", anonymous.pk),
        ):
            assert client.post(address, {"may_quote": "on"}).status_code == refused, address
    for row in (post, question, anonymous, question.feedback_item, anonymous.feedback_item):
        row.refresh_from_db()
        assert row.may_quote is False
    assert texts(forum.service) == set()
    # The services refuse too, whoever calls them.
    with pytest.raises(Exception, match="Only the person"):
        question_services.post_quote_consent_set(post, other_family, True)
    with pytest.raises(Exception, match="Only the person"):
        question_services.question_quote_consent_set(question, host, True)
    with pytest.raises(Exception, match="Only the person"):
        question_services.question_quote_consent_set(anonymous, family, True)
    # Someone else's page shows no consent buttons for words that are not theirs.
    client.force_login(other_family)
    assert "quote-consent" not in client.get(thread.get_absolute_url()).content.decode()


def test_the_proposer_and_commenter_take_back_consent_in_a_space_and_nobody_else_can(
    client, forum, space, lived_member
):
    item = space_services.item_propose(
        space,
        lived_member,
        title="Menus",
        about="More choice.",
        why_it_matters="Food.",
        may_quote=True,
    )
    comment = space_services.comment_add(item, lived_member, "Yes please.", may_quote=True)
    assert texts(forum.service) == {"Menus\nMore choice.\nWhy it matters: Food.", "Yes please."}
    item_url = url("agenda_item_quote", space.pk, item.pk)
    comment_url = url("agenda_comment_quote", space.pk, item.pk, comment.pk)

    # Someone else in the space (the lead too) and someone outside it are refused.
    for person, refused in (
        (space_with(SpaceRole.LEAD, space), 403),
        (space_with(SpaceRole.MEMBER, space), 403),
        (space_with(SpaceRole.MEMBER), 404),
    ):
        client.force_login(person)
        for address in (item_url, comment_url):
            assert client.post(address, {}).status_code == refused, address
            assert "quote-consent" not in client.get(item.get_absolute_url()).content.decode()
    assert len(texts(forum.service)) == 2

    client.force_login(lived_member)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "You said we may quote this item in reports" in html
    assert "You said we may quote this comment in reports" in html
    assert client.post(item_url, {}).status_code == 302
    assert texts(forum.service) == {"Yes please."}
    assert client.post(comment_url, {}).status_code == 302
    assert texts(forum.service) == set()
    item.refresh_from_db()
    comment.refresh_from_db()
    assert item.may_quote is False and comment.may_quote is False
