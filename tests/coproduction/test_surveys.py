"""The family survey: the recommend score and when it is shown, one answer a person (also at
once), a response that nothing links to a person, comments turned into feedback when the survey
closes, the opening email sent once, and who may do what through the pages."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, models
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.surveys import selectors, services, tasks
from coproduction.surveys.models import FamilySurvey, SurveyReceipt, SurveyResponse
from coproduction.tracker.models import FeedbackItem
from tests.cms.factories import member
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host
from tests.coproduction.factories_surveys import FamilySurveyFactory, answer

USER_MODEL = FamilySurvey._meta.get_field("created_by").related_model


@pytest.fixture
def survey(db):
    return FamilySurveyFactory(forum__service__name="Willow House", title="Spring survey")


# --- The score ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ([], None),
        ([6], -100),  # 6 is a detractor
        ([0], -100),
        ([7], 0),  # 7 and 8 are passives
        ([8], 0),
        ([9], 100),  # 9 and 10 are promoters
        ([10], 100),
        ([6, 7, 8, 9], 0),
        ([10, 9, 9, 8, 6], 40),
        ([0, 1, 2, 9, 10], -20),
        ([9, 9, 7], 67),
    ],
)
def test_recommend_score(answers, score):
    assert selectors.recommend_score(answers) == score


def test_four_responses_show_no_score_and_no_comments(survey):
    for number in (9, 10, 6, 7):
        answer(survey, number, good="The garden")
    results = selectors.survey_results(survey)
    assert results.responses == 4
    assert results.shown is False
    assert results.score is None
    assert results.good == [] and results.better == []
    assert results.still_needed == 1


def test_five_responses_show_the_score_counts_and_comments(survey):
    for number in (9, 10, 6, 7, 10):
        answer(survey, number, good=f"Good {number}", better="" if number > 8 else "Laundry")
    results = selectors.survey_results(survey)
    assert results.shown is True
    assert results.score == 40  # 3 promoters, 1 detractor, of 5
    assert (results.promoters, results.passives, results.detractors) == (3, 1, 1)
    assert sorted(results.good) == ["Good 10", "Good 10", "Good 6", "Good 7", "Good 9"]
    assert results.better == ["Laundry", "Laundry"]


# --- One answer a person --------------------------------------------------------------------


def test_a_family_answers_once(survey):
    family = forum_family(survey.forum)
    services.survey_respond(survey, family, recommend=8, what_is_good=" Kind staff ")
    with pytest.raises(ValidationError) as refused:
        services.survey_respond(survey, family, recommend=2)
    assert refused.value.code == "already_answered"
    response = SurveyResponse.objects.get(survey=survey)
    assert (response.recommend, response.what_is_good) == (8, "Kind staff")
    assert SurveyReceipt.objects.filter(survey=survey, user=family).count() == 1


def test_no_answer_outside_the_open_dates(survey):
    family = forum_family(survey.forum)
    survey.opens_at = timezone.now() + timedelta(days=1)
    survey.closes_at = timezone.now() + timedelta(days=2)
    survey.save()
    with pytest.raises(ValidationError) as refused:
        services.survey_respond(survey, family, recommend=8)
    assert refused.value.code == "not_open"
    services.survey_close(survey)
    with pytest.raises(ValidationError) as refused:
        services.survey_respond(survey, family, recommend=8)
    assert refused.value.code == "not_open"
    assert not SurveyReceipt.objects.exists() and not SurveyResponse.objects.exists()


THREADS = 10


def test_ten_simultaneous_answers_by_one_person_leave_one_response(postgres_db, transactional_db):
    survey = FamilySurveyFactory()
    family = forum_family(survey.forum)
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def respond(number):
        try:
            barrier.wait(timeout=30)
            services.survey_respond(survey, family, recommend=number)
            outcomes.append("saved")
        except ValidationError as refused:
            outcomes.append("already" if refused.code == "already_answered" else refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=respond, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()

    assert sorted(outcomes) == ["already"] * (THREADS - 1) + ["saved"]
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyReceipt.objects.filter(survey=survey).count() == 1


# --- Anonymity ------------------------------------------------------------------------------


def _points_at(model, target, seen=None):
    """True when `model` reaches `target` by following foreign keys, other than through the
    survey (which names the host who opened it, not the family who answered)."""
    seen = seen if seen is not None else {model}
    for field in model._meta.concrete_fields:
        related = field.related_model if field.is_relation else None
        if related is None or related in seen or related is FamilySurvey:
            continue
        if related is target:
            return True
        seen.add(related)
        if _points_at(related, target, seen):
            return True
    return False


def test_a_response_has_no_column_pointing_at_a_person():
    assert {field.name for field in SurveyResponse._meta.concrete_fields} == {
        "id",
        "survey",
        "recommend",
        "what_is_good",
        "what_could_be_better",
        "may_quote",  # whether the family agreed to be quoted: a yes or no, nobody's name
    }
    assert not _points_at(SurveyResponse, USER_MODEL)


@pytest.mark.parametrize("model", [SurveyResponse, SurveyReceipt])
def test_no_time_is_stored_with_a_response_or_a_receipt(model):
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField | models.DateField | models.TimeField), (
            field.name
        )


@pytest.mark.parametrize("model", [SurveyResponse, SurveyReceipt])
def test_no_sequence_keys_a_response_or_a_receipt(model):
    assert isinstance(model._meta.pk, models.UUIDField)


def test_closing_writes_every_row_again_under_new_keys(survey, django_capture_on_commit_callbacks):
    people = [forum_family(survey.forum, visits=f"Resident {n}") for n in range(6)]
    for number, person in enumerate(people):
        answer(survey, number, good=f"G{number}", user=person)
    before = set(SurveyResponse.objects.values_list("pk", flat=True)) | set(
        SurveyReceipt.objects.values_list("pk", flat=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_close(survey)
    responses = list(SurveyResponse.objects.filter(survey=survey))
    receipts = list(SurveyReceipt.objects.filter(survey=survey))
    assert sorted((r.recommend, r.what_is_good) for r in responses) == [
        (n, f"G{n}") for n in range(6)
    ]
    assert {r.user_id for r in receipts} == {person.pk for person in people}
    after = {r.pk for r in responses} | {r.pk for r in receipts}
    assert not before & after
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in after)
    survey.refresh_from_db()
    # Sealed (vacuumed) only outside a transaction, which this test is not: the attacker test
    # (test_survey_attacker.py) closes surveys on PostgreSQL as life does and sees them sealed.
    assert survey.rewritten_at is not None
    assert services.survey_close(survey) == []  # once


def test_the_sweep_rewrites_a_survey_closed_before_sealing_existed(
    survey, django_capture_on_commit_callbacks
):
    for number in range(3):
        answer(survey, 7, good=f"Old {number}")
    FamilySurvey.objects.filter(pk=survey.pk).update(closed_at=timezone.now())
    before = set(SurveyReceipt.objects.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.family_surveys_seal() == 1

    survey.refresh_from_db()
    assert survey.rewritten_at is not None
    assert SurveyResponse.objects.filter(survey=survey).count() == 3
    assert not before & set(SurveyReceipt.objects.values_list("pk", flat=True))


def test_response_ids_do_not_follow_the_order_people_answered(survey):
    for number in range(6):
        services.survey_respond(survey, forum_family(survey.forum), recommend=number)
    receipts = list(SurveyReceipt.objects.filter(survey=survey).order_by("pk"))
    ids = [SurveyResponse.objects.get(survey=survey, recommend=number).pk for number in range(6)]
    assert len(receipts) == 6
    # Sequential ids would let anyone match the n-th receipt (a person) to the n-th response.
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in ids)
    assert len(set(ids)) == 6


def test_a_receipt_does_not_point_at_a_response():
    related = {
        field.related_model for field in SurveyReceipt._meta.concrete_fields if field.is_relation
    }
    assert related == {FamilySurvey, USER_MODEL}
    assert not _points_at(SurveyResponse, SurveyReceipt)


# --- Closing: comments to the tracker -------------------------------------------------------


def test_closing_turns_each_comment_into_anonymous_family_feedback(survey):
    answer(survey, 9, good="The garden", better="")
    answer(survey, 5, good="", better="Answer the call bells")
    answer(survey, 7, good="", better="   ")
    items = services.survey_close(survey)
    assert len(items) == 2
    feedback = FeedbackItem.objects.filter(channel=FeedbackItem.Channel.SURVEY)
    assert sorted(feedback.values_list("text", flat=True)) == [
        "What could be better: Answer the call bells",
        "What is good: The garden",
    ]
    for item in feedback:
        assert item.giver_role == FeedbackItem.GiverRole.FAMILY
        assert item.recorded_by is None
        assert item.service == survey.forum.service
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert services.survey_close(survey) == []
    assert feedback.count() == 2


def test_the_sweep_closes_surveys_past_their_date(survey):
    answer(survey, 10, good="Lovely food")
    FamilySurvey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(days=1)
    )
    tasks.send_due_survey_emails()
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert FeedbackItem.objects.filter(text="What is good: Lovely food").count() == 1


# --- The opening email ----------------------------------------------------------------------


def test_opening_emails_the_forums_families_once(db, django_capture_on_commit_callbacks):
    forum = FamilyForumFactory(service__name="Willow House")
    host = forum_host(forum)
    family = forum_family(forum, email="daughter@example.org")
    forum_family(FamilyForumFactory(), email="elsewhere@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        survey = services.survey_open(
            forum,
            host,
            title="Spring survey",
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=14),
        )
    assert [message.to for message in mail.outbox] == [[family.email]]
    assert "Willow House" in mail.outbox[0].body
    assert survey.get_absolute_url() in mail.outbox[0].body
    assert tasks.send_survey_opened_emails(survey.pk) == 0
    assert tasks.send_due_survey_emails() == 0
    assert len(mail.outbox) == 1


def test_a_later_survey_is_emailed_by_the_sweep_when_it_opens(db):
    forum = FamilyForumFactory()
    forum_family(forum)
    survey = services.survey_open(
        forum,
        forum_host(forum),
        title="Summer survey",
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=10),
    )
    assert tasks.send_due_survey_emails() == 0
    FamilySurvey.objects.filter(pk=survey.pk).update(opens_at=timezone.now())
    assert tasks.send_due_survey_emails() == 1
    assert tasks.send_due_survey_emails() == 0


# --- The pages ------------------------------------------------------------------------------


def test_a_host_opens_a_survey(client, db):
    forum = FamilyForumFactory()
    client.force_login(forum_host(forum))
    today = timezone.localdate()
    response = client.post(
        reverse("coproduction:survey_create", args=[forum.pk]),
        {"title": "Spring survey", "opens_on": today, "closes_on": today + timedelta(days=14)},
    )
    survey = FamilySurvey.objects.get(forum=forum)
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    assert services.is_open(survey)


def test_bad_dates_are_shown_at_the_field_and_nothing_is_lost(client, db):
    forum = FamilyForumFactory()
    client.force_login(forum_host(forum))
    today = timezone.localdate()
    response = client.post(
        reverse("coproduction:survey_create", args=[forum.pk]),
        {"title": "Spring survey", "opens_on": today, "closes_on": today - timedelta(days=1)},
    )
    assert response.status_code == 400
    assert "The closing date must be on or after the opening date." in response.text
    assert 'value="Spring survey"' in response.text
    assert not FamilySurvey.objects.exists()


def test_a_family_answers_and_is_thanked(client, survey):
    family = forum_family(survey.forum)
    client.force_login(family)
    page = client.get(survey.get_absolute_url())
    assert "How likely are you to recommend Willow House" in page.text
    assert "Results" not in page.text
    # Said plainly, as the pulse page says it: until it closes, the database can pair them.
    assert "When the survey closes, all answers are shuffled" in page.text
    response = client.post(
        reverse("coproduction:survey_respond", args=[survey.pk]),
        {"recommend": "10", "what_is_good": "Kind staff", "what_could_be_better": ""},
    )
    assert response.status_code == 302
    page = client.get(survey.get_absolute_url())
    assert "You have answered this survey. Thank you." in page.text
    assert "Send my answers" not in page.text
    again = client.post(
        reverse("coproduction:survey_respond", args=[survey.pk]), {"recommend": "0"}
    )
    assert again.status_code == 302
    assert SurveyResponse.objects.get().recommend == 10


def test_an_answer_without_a_number_is_refused_at_the_field(client, survey):
    client.force_login(forum_family(survey.forum))
    response = client.post(
        reverse("coproduction:survey_respond", args=[survey.pk]),
        {"what_is_good": "Kind staff"},
    )
    assert response.status_code == 400
    assert "Choose a number from 0 to 10." in response.text
    assert "Kind staff" in response.text
    assert not SurveyResponse.objects.exists() and not SurveyReceipt.objects.exists()


def test_the_host_sees_the_score_only_from_five_responses(client, survey):
    client.force_login(forum_host(survey.forum))
    for number in (10, 9, 8, 3):
        answer(survey, number, better="Laundry goes missing")
    page = client.get(survey.get_absolute_url())
    assert "shown once 5 families have answered" in page.text
    assert "Laundry goes missing" not in page.text
    answer(survey, 10)
    page = client.get(survey.get_absolute_url())
    assert "shown once 5 families" not in page.text
    assert "<strong>40</strong>" in page.text
    assert "Laundry goes missing" in page.text


def test_the_forum_panel_shows_the_open_survey_and_the_last_score(client, survey):
    from django.template import Context, Template
    from django.test import RequestFactory

    last = FamilySurveyFactory(
        forum=survey.forum,
        title="Winter survey",
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=30),
    )
    for number in (10, 10, 10, 10, 2):
        answer(last, number)
    request = RequestFactory().get("/")
    request.user = forum_family(survey.forum)
    html = Template(
        '{% include "coproduction/surveys/_forum_panel.html" with forum=forum %}'
    ).render(Context({"forum": survey.forum, "request": request}))
    assert survey.get_absolute_url() in html
    assert "<strong>60</strong>" in html
    assert "Open a survey" not in html
    assert "Create the what-to-expect pages" not in html


def test_a_host_closes_a_survey_after_confirming(client, survey):
    answer(survey, 6, better="More activities")
    client.force_login(forum_host(survey.forum))
    url = reverse("coproduction:survey_close", args=[survey.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Yes, close the survey" in confirm.text
    survey.refresh_from_db()
    assert survey.closed_at is None
    assert client.post(url).status_code == 302
    survey.refresh_from_db()
    assert survey.closed_at is not None
    assert FeedbackItem.objects.filter(text="What could be better: More activities").exists()


# --- Who may not ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "outsider",
    ["other_organisation_host", "other_service_family", "same_organisation_staff"],
)
def test_people_outside_the_forum_are_told_it_is_not_found(client, survey, outsider):
    service = survey.forum.service
    if outsider == "other_organisation_host":
        person = forum_host(FamilyForumFactory())
    elif outsider == "other_service_family":
        other = FamilyForumFactory(service__organisation=service.organisation)
        person = forum_family(other)
    else:
        person = member(Role.STAFF, service=service)
    client.force_login(person)
    for name in ("survey_detail", "survey_close"):
        assert client.get(reverse(f"coproduction:{name}", args=[survey.pk])).status_code == 404
    respond = reverse("coproduction:survey_respond", args=[survey.pk])
    assert client.post(respond, {"recommend": "5"}).status_code == 404
    create = reverse("coproduction:survey_create", args=[survey.forum.pk])
    assert client.get(create).status_code == 404
    seed = reverse("coproduction:what_to_expect_seed", args=[survey.forum.pk])
    assert client.post(seed).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, survey):
    response = client.get(survey.get_absolute_url())
    assert response.status_code == 302 and "login" in response["Location"]
    respond = reverse("coproduction:survey_respond", args=[survey.pk])
    assert client.post(respond, {"recommend": "5"}).status_code == 302
    assert not SurveyResponse.objects.exists()


def test_families_may_not_open_or_close_and_hosts_may_not_answer(client, survey):
    client.force_login(forum_family(survey.forum))
    create = reverse("coproduction:survey_create", args=[survey.forum.pk])
    assert client.get(create).status_code == 403
    assert client.post(reverse("coproduction:survey_close", args=[survey.pk])).status_code == 403
    seed = reverse("coproduction:what_to_expect_seed", args=[survey.forum.pk])
    assert client.post(seed).status_code == 403
    client.force_login(forum_host(survey.forum))
    respond = reverse("coproduction:survey_respond", args=[survey.pk])
    assert client.post(respond, {"recommend": "10"}).status_code == 403
    survey.refresh_from_db()
    assert survey.closed_at is None and not SurveyResponse.objects.exists()


def test_the_home_page_tells_a_family_about_a_survey_until_they_answer(client, survey):
    family = forum_family(survey.forum)
    forum_family(FamilyForumFactory())  # another service's survey is not shown
    FamilySurveyFactory(title="Elsewhere survey")
    client.force_login(family)
    home = client.get("/")
    assert "A survey for families" in home.text and survey.get_absolute_url() in home.text
    assert "Elsewhere survey" not in home.text
    services.survey_respond(survey, family, recommend=9)
    assert "A survey for families" not in client.get("/").text
    client.force_login(forum_host(survey.forum))
    assert "A survey for families" not in client.get("/").text
