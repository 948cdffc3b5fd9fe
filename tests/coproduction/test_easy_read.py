"""The easy-read versions of the ballot, the concern form and the family survey (issue 14,
point 8): one question per screen through cms.stepper, to the same stored result as the standard
page, with the attacker's tries: steps skipped by address, a step number changed, a last step
posted with earlier answers missing, a ballot over its dots, a round or survey that is closed."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.concerns.models import Concern
from coproduction.rounds import selectors as round_selectors
from coproduction.rounds.models import Ballot, PriorityRound
from coproduction.spaces.models import SpaceRole
from coproduction.surveys.models import SurveyReceipt, SurveyResponse
from tests.cms.factories import OrganisationFactory, ServiceFactory, member
from tests.coproduction.factories import space_with
from tests.coproduction.factories_surveys import FamilySurveyFactory
from tests.coproduction.test_rounds import open_round

pytestmark = pytest.mark.django_db


def walk(client, url, answers, start=1):
    """Answer the questions in turn from step `start`; the response to the last post."""
    response = None
    for number, data in enumerate(answers, start=start):
        response = client.post(url(number), data)
        if number < start + len(answers) - 1:
            assert response.status_code == 302, response.content.decode()[:2000]
            assert response["Location"] == url(number + 1)
    return response


def session_data():
    return [session.get_decoded() for session in Session.objects.all()]


# --- The ballot -----------------------------------------------------------------------------


@pytest.fixture
def voter(space):
    return space_with(SpaceRole.MEMBER, space, user__first_name="Maya")


@pytest.fixture
def dot_round(space, lead):
    return open_round(space, lead, items=3)  # 5 dots each, at most 3 on one item


def ballot_url(priority_round):
    return lambda number: reverse("coproduction:ballot_easy_read", args=[priority_round.pk, number])


def item_ids(priority_round):
    return [item.pk for item in round_selectors.round_items(priority_round)]


def test_the_standard_ballot_groups_each_item_with_its_description(client, dot_round, voter):
    client.force_login(voter)
    html = client.get(dot_round.get_absolute_url()).content.decode()
    for item in round_selectors.round_items(dot_round):
        title = html.index(f'for="id_item_{item.pk}"')
        about = html.index(f'id="about_{item.pk}"')
        control = html.index(f'id="id_item_{item.pk}"')
        end = html.index("</li>", control)
        # Title, what it is about, then its control, all inside one list item.
        assert html.rindex('<li class="ballot-item', 0, title) == html.rindex(
            '<li class="ballot-item', 0, control
        )
        assert title < about < control < end
        tag = html[html.rindex("<input", 0, control) : html.index(">", control)]
        assert f"about_{item.pk}" in tag
    assert reverse("coproduction:ballot_easy_read", args=[dot_round.pk, 1]) in html


def test_the_easy_read_ballot_stores_what_the_standard_ballot_stores(client, space, lead, voter):
    other = space_with(SpaceRole.MEMBER, space)
    priority_round = open_round(space, lead, items=3)
    first, second, third = item_ids(priority_round)
    url = ballot_url(priority_round)
    client.force_login(voter)
    page = client.get(url(1))
    text = page.content.decode()
    assert "Question 1 of 3" in text and "You have 5 dots left" in text
    assert "Standard version" in text
    done = walk(
        client, url, [{f"item_{first}": "3"}, {f"item_{second}": "0"}, {f"item_{third}": "2"}]
    )
    assert done.status_code == 302
    assert done["Location"] == priority_round.get_absolute_url() + "#ballot"
    client.force_login(other)
    client.post(
        reverse("coproduction:ballot_submit", args=[priority_round.pk]),
        {f"item_{first}": "3", f"item_{second}": "0", f"item_{third}": "2"},
    )
    assert round_selectors.ballot_of(priority_round, voter) == {first: 3, third: 2}
    assert round_selectors.ballot_of(priority_round, voter) == round_selectors.ballot_of(
        priority_round, other
    )
    assert not any(key.startswith("easy-read") for data in session_data() for key in data)


def test_the_easy_read_ballot_keeps_to_the_dot_budget(client, dot_round, voter):
    first, second, third = item_ids(dot_round)
    url = ballot_url(dot_round)
    client.force_login(voter)
    walk(client, url, [{f"item_{first}": "3"}, {f"item_{second}": "2"}])
    assert "You have 0 dots left" in client.get(url(3)).content.decode()
    refused = client.post(url(3), {f"item_{third}": "1"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "There is a problem" in text and "You only have 0 dots left." in text
    assert "You have 0 dots left" in text  # the refused dot is not counted
    assert not Ballot.objects.exists()
    # More than 3 on one item: the form's own limit, on its step.
    client.post(url(2), {f"item_{second}": "0"})
    too_many = client.post(url(3), {f"item_{third}": "4"})
    assert too_many.status_code == 400
    assert "You can put at most 3 dots on one item." in too_many.content.decode()
    assert "You have 2 dots left" in too_many.content.decode()
    assert not Ballot.objects.exists()


def test_skipping_ahead_by_address_lands_on_the_first_unanswered_item(client, dot_round, voter):
    first, second, third = item_ids(dot_round)
    url = ballot_url(dot_round)
    client.force_login(voter)
    assert client.get(url(3))["Location"] == url(1)
    client.post(url(1), {f"item_{first}": "1"})
    assert client.get(url(3))["Location"] == url(2)
    assert client.get(url(9))["Location"] == url(2)
    # The last step posted with every answer in it, earlier ones not given on their steps.
    posted = client.post(
        url(3), {f"item_{first}": "3", f"item_{second}": "2", f"item_{third}": "0"}
    )
    assert posted["Location"] == url(2)
    assert not Ballot.objects.exists()


def test_the_easy_read_ballot_of_a_closed_round_stores_nothing(client, dot_round, voter):
    first, *_ = item_ids(dot_round)
    url = ballot_url(dot_round)
    client.force_login(voter)
    client.post(url(1), {f"item_{first}": "1"})
    PriorityRound.objects.filter(pk=dot_round.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(url(2), {})
    assert response["Location"] == dot_round.get_absolute_url()
    assert not Ballot.objects.exists()


def test_only_voters_of_the_space_get_the_easy_read_ballot(client, dot_round, space):
    observer = space_with(SpaceRole.OBSERVER, space)
    client.force_login(observer)
    assert client.get(ballot_url(dot_round)(1)).status_code == 403


# --- The concern form -----------------------------------------------------------------------


@pytest.fixture
def oak():
    return ServiceFactory(name="Oak House", organisation=OrganisationFactory(name="Oak Care"))


WHAT = "Dad was left in wet clothes all morning."

ANONYMOUS_ANSWERS = [
    {"at_risk_now": "no"},
    {"raiser_role": "family"},
    {"what_happened": WHAT},
    {"who_is_affected": "Dad, room 12"},
    {"possible_safeguarding": "yes"},
    {"anonymous": "on"},
    {"may_quote": ""},
]

STORED = (
    "service_id",
    "raiser_role",
    "what_happened",
    "who_is_affected",
    "at_risk_now",
    "possible_safeguarding",
    "anonymous",
    "raised_by_id",
    "contact_name",
    "contact_email",
    "route",
    "may_quote",
)


def concern_url(service):
    return lambda number: reverse(
        "coproduction:concern_raise_for_service_easy_read", args=[service.pk, number]
    )


def stored(concern):
    return {name: getattr(concern, name) for name in STORED}


def test_an_anonymous_easy_read_concern_is_stored_as_the_standard_form_stores_it(client, oak):
    url = concern_url(oak)
    page = client.get(url(1)).content.decode()
    assert "Question 1 of 9" in page and "Is someone in danger now?" in page
    # A name typed, then "anonymously" ticked on going back: the name goes from the session.
    walk(client, url, ANONYMOUS_ANSWERS[:5] + [{"anonymous": ""}, {"contact_name": "Ann Smith"}])
    assert any("Ann Smith" in str(data) for data in session_data())
    client.post(url(6), {"anonymous": "on"})
    assert not any("Ann Smith" in str(data) for data in session_data())
    assert "Question 7 of 7" in client.get(url(7)).content.decode()
    done = client.post(url(7), {})
    assert done.status_code == 200
    text = done.content.decode()
    assert "Your concern is sent" in text and "Your private tracking code" in text
    easy = Concern.objects.get()
    assert not any(WHAT in str(data) for data in session_data())

    standard = client.post(
        reverse("coproduction:concern_raise_for_service", args=[oak.pk]),
        {
            "step": "details",
            "service": str(oak.pk),
            "at_risk_now": "no",
            "raiser_role": "family",
            "what_happened": WHAT,
            "who_is_affected": "Dad, room 12",
            "possible_safeguarding": "yes",
            "anonymous": "on",
        },
    )
    assert standard.status_code == 200
    other = Concern.objects.exclude(pk=easy.pk).get()
    assert stored(easy) == stored(other)
    assert easy.anonymous and easy.raised_by is None and easy.contact_name == ""


def test_a_signed_in_easy_read_concern_keeps_the_name_like_the_standard_form(client, oak):
    family = member(Role.FAMILY_MEMBER, service=oak)
    client.force_login(family)
    url = concern_url(oak)
    client.post(url(1), {"at_risk_now": "no"})
    # Who they are is filled in from their role, as on the standard page.
    assert client.get(url(2)).context["form"].initial["raiser_role"] == "family"
    answers = [*ANONYMOUS_ANSWERS]
    answers[5] = {"anonymous": ""}
    # Signed in: no name or email questions, so still 7 questions.
    done = walk(client, url, answers)
    assert done.status_code == 200
    concern = Concern.objects.get()
    assert concern.raised_by == family and not concern.anonymous
    assert concern.possible_safeguarding and concern.what_happened == WHAT


def test_a_signed_in_person_raising_it_anonymously_leaves_nothing_behind(client, oak):
    family = member(Role.FAMILY_MEMBER, service=oak, first_name="Fern")
    client.force_login(family)
    done = walk(client, concern_url(oak), ANONYMOUS_ANSWERS)
    assert done.status_code == 200
    concern = Concern.objects.get()
    assert concern.anonymous and concern.raised_by is None
    assert concern.contact_name == "" and concern.contact_email == ""
    for data in session_data():
        assert WHAT not in str(data) and concern.reference not in str(data)
        assert not any(key.startswith("easy-read") for key in data)


def test_the_easy_read_concern_shows_errors_on_their_step(client, oak):
    url = concern_url(oak)
    walk(client, url, ANONYMOUS_ANSWERS[:2])
    empty = client.post(url(3), {"what_happened": "  "})
    assert empty.status_code == 400
    text = empty.content.decode()
    assert "There is a problem" in text and "Say what happened." in text
    assert "Error: Tell us your worry: question 3 of 9" in text
    # The form's own field rules: an email address that is not one, on the email step.
    walk(client, url, [*ANONYMOUS_ANSWERS[2:5], {"anonymous": ""}, {"contact_name": ""}], start=3)
    bad = client.post(url(8), {"contact_email": "not an email"})
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.content.decode()
    assert not Concern.objects.exists()


def test_someone_at_risk_now_is_told_what_to_do_first(client, oak):
    url = concern_url(oak)
    client.post(url(1), {"at_risk_now": "yes"})
    text = client.get(url(2)).content.decode()
    assert "call 999" in text
    assert text.index("call 999") < text.index("Who are you?")


def test_a_member_of_staff_is_asked_about_speaking_up(client, oak):
    url = concern_url(oak)
    walk(client, url, [{"at_risk_now": "no"}, {"raiser_role": "staff"}])
    steps = [
        {"what_happened": WHAT},
        {"who_is_affected": ""},
        {"possible_safeguarding": "no"},
        {"anonymous": "on"},
        {"speak_up": "on"},
    ]
    walk(client, url, steps, start=3)
    text = client.get(url(8)).content.decode()
    assert "Question 8 of 11" in text and "What is it about?" in text
    refused = client.post(url(8), {})
    assert "Choose at least one" in refused.content.decode()
    done = walk(
        client,
        url,
        [
            {"categories": ["bullying"]},
            {"professional_group": "care_assistants"},
            {"detriment": "no"},
            {"may_quote": ""},
        ],
        start=8,
    )
    assert done.status_code == 200
    concern = Concern.objects.get()
    assert concern.speak_up.bullying and not concern.speak_up.detriment
    assert concern.speak_up.professional_group == "care_assistants"


def test_a_concern_about_no_chosen_service_asks_which(client, oak):
    def url(number):
        return reverse("coproduction:concern_raise_easy_read", args=[number])

    text = client.get(url(1)).content.decode()
    assert "Which place is your worry about?" in text and "Oak House" in text
    assert client.post(url(1), {"service": "999999"}).status_code == 400
    assert client.post(url(1), {"service": str(oak.pk)})["Location"] == url(2)


# --- The family survey ----------------------------------------------------------------------


@pytest.fixture
def survey(forum):
    return FamilySurveyFactory(forum=forum, title="Spring survey")


def survey_url(survey):
    return lambda number: reverse("coproduction:survey_easy_read", args=[survey.pk, number])


def test_the_easy_read_survey_stores_what_the_standard_survey_stores(
    client, survey, family, other_family
):
    url = survey_url(survey)
    client.force_login(family)
    assert url(1) in client.get(survey.get_absolute_url()).content.decode()
    text = client.get(url(1)).content.decode()
    assert "Question 1 of 4" in text and "Would you tell a friend to choose" in text
    done = walk(
        client,
        url,
        [
            {"recommend": "9"},
            {"what_is_good": "Kind staff"},
            {"what_could_be_better": ""},
            {"may_quote": "on"},
        ],
    )
    assert done["Location"] == survey.get_absolute_url()
    client.force_login(other_family)
    client.post(
        reverse("coproduction:survey_respond", args=[survey.pk]),
        {"recommend": "9", "what_is_good": "Kind staff", "may_quote": "on"},
    )
    rows = list(
        SurveyResponse.objects.values(
            "recommend", "what_is_good", "what_could_be_better", "may_quote"
        )
    )
    assert len(rows) == 2 and rows[0] == rows[1]
    assert SurveyReceipt.objects.filter(user=family).exists()
    assert not any(key.startswith("easy-read") for data in session_data() for key in data)


def test_the_easy_read_survey_refuses_a_second_answer_and_a_closed_survey(client, survey, family):
    url = survey_url(survey)
    client.force_login(family)
    empty = client.post(url(1), {})
    assert empty.status_code == 400 and "Choose a number from 0 to 10." in empty.content.decode()
    assert client.get(url(4))["Location"] == url(1)
    walk(client, url, [{"recommend": "3"}, {}, {}, {}])
    assert client.get(url(1))["Location"] == survey.get_absolute_url()
    assert SurveyResponse.objects.count() == 1

    closed = FamilySurveyFactory(
        forum=survey.forum, closes_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(survey_url(closed)(1))["Location"] == closed.get_absolute_url()


def test_the_survey_closing_between_questions_stores_nothing(client, survey, family):
    url = survey_url(survey)
    client.force_login(family)
    walk(client, url, [{"recommend": "3"}, {}, {}])
    survey.closed_at = timezone.now()
    survey.save()
    assert client.post(url(4), {})["Location"] == survey.get_absolute_url()
    assert not SurveyResponse.objects.exists()
