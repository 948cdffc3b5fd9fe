"""The family forum and concerns demo: the forum of Willow House with its host and families,
safeguarding contacts, past and upcoming events (one the demo family has not answered), questions
answered and waiting, threads with a hidden and a reported post, a closed survey whose score
shows and an open one, concerns in every status with a history that reads like months of use,
an overdue one the sweeper has dealt with as it would, anonymity kept, emails to demo accounts
only, and a second load that adds nothing."""

import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cms.organisations import demo as organisations_demo
from cms.organisations.models import Membership, Role
from coproduction.concerns import selectors as concern_selectors
from coproduction.concerns import services as concern_services
from coproduction.concerns.models import Concern, ConcernContacts, ConcernEvent
from coproduction.demo import forums as demo
from coproduction.forums import selectors as forum_selectors
from coproduction.forums import services as forum_services
from coproduction.forums.models import EventRSVP, FamilyForum
from coproduction.questions import selectors as question_selectors
from coproduction.questions.models import ForumPost, ForumQuestion
from coproduction.surveys import selectors as survey_selectors
from coproduction.tracker.models import FeedbackItem
from coproduction.tracker.selectors import you_said_we_did_for_service
from coproduction.what_to_expect.selectors import index_for_service

pytestmark = pytest.mark.django_db

Status = Concern.Status
Kind = ConcernEvent.Kind


def load_all(stdout=None):
    stdout = stdout or io.StringIO()
    organisations_demo.load(stdout)
    demo.load(stdout)
    return stdout


def counts():
    models = [*apps.get_app_config("coproduction").get_models(), get_user_model(), Membership]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def loaded(django_capture_on_commit_callbacks):
    # As `load_demo` commits: the emails and the what-to-expect pages follow the commit.
    with django_capture_on_commit_callbacks(execute=True):
        return load_all()


@pytest.fixture
def forum(loaded):
    return FamilyForum.objects.select_related("service").get(
        service__organisation__slug="riverside", service__name="Willow House"
    )


def person(email):
    return get_user_model().objects.get(email=email)


def test_the_forum_has_its_host_and_families_who_say_whom_they_visit(forum):
    assert forum.name == demo.FORUM["name"] and forum.welcome
    assert list(question_selectors.hosts_of(forum)) == [person(demo.HOST)]
    families = list(forum_selectors.families_of(forum))
    emails = {place.user.email for place in families}
    assert demo.FAMILY in emails and len(emails - {demo.FAMILY}) >= 5
    for place in families:
        # A first name only: nothing else about the person they visit.
        assert place.visits.isalpha() and place.visits[0].isupper()
        assert Membership.objects.filter(
            user=place.user, service=forum.service, role=Role.FAMILY_MEMBER
        ).exists()
        assert place.joined_at >= forum.created_at
    assert forum.created_at < timezone.now() - timedelta(days=100)
    # forum_create seeds the what-to-expect pages once the load commits.
    assert index_for_service(forum.service).live


def test_safeguarding_contacts_show_to_someone_worried_about_harm_now(forum, client):
    contacts = ConcernContacts.objects.get(service=forum.service)
    assert contacts.safeguarding_phone.startswith("01632 960")
    assert contacts.out_of_hours_phone.startswith("01632 960")
    assert "safeguarding" in contacts.safeguarding_team.lower()
    response = client.post(
        reverse("coproduction:concern_raise_for_service", kwargs={"service_id": forum.service_id}),
        {"step": "start", "service": str(forum.service_id), "at_risk_now": "yes"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert contacts.safeguarding_phone in html and contacts.out_of_hours_phone in html


def test_past_events_have_answers_who_came_notes_and_what_the_home_will_do(forum):
    past = list(forum_selectors.past_events(forum))
    assert 2 <= len(past) <= 3
    for event in past:
        assert event.starts_at < timezone.now() - timedelta(days=7)
        assert event.created_at < event.starts_at < event.notes_published_at
        assert event.notes
        attended = set(event.rsvps.values_list("attended", flat=True))
        assert attended == {True, False}
        assert not event.rsvps.filter(answer=EventRSVP.Answer.NO, attended=True).exists()
        assert event.rsvps.filter(updated_at__gt=timezone.now() - timedelta(days=1)).count() == 0
    done = you_said_we_did_for_service(forum.service).filter(
        feedback_item__channel=FeedbackItem.Channel.FORUM
    )
    assert done.count() >= 2
    event_days = {timezone.localdate(event.starts_at) for event in past}
    for action in done:
        assert action.feedback_item.received_on in event_days
        assert action.created_at < action.outcome_published_at < timezone.now()


def test_the_demo_family_has_an_upcoming_event_to_answer(forum):
    family = person(demo.FAMILY)
    upcoming = list(forum_selectors.upcoming_events(forum))
    assert 1 <= len(upcoming) <= 2
    assert all(forum_services.is_upcoming(event) for event in upcoming)
    waiting = [event for event in upcoming if forum_selectors.rsvp_of(event, family) is None]
    assert waiting
    assert all(event.rsvps.exists() for event in upcoming)  # other families have answered
    rsvp = forum_services.rsvp_set(waiting[0], family, answer=EventRSVP.Answer.YES)
    assert rsvp.pk and forum_selectors.rsvp_counts(waiting[0])["yes"] >= 1


def test_questions_answered_and_waiting_some_for_weeks_one_anonymous(forum):
    unanswered, answered = question_selectors.questions_of(forum, hosts_first=True)
    assert answered.count() >= 2 and len(unanswered) >= 2
    oldest = unanswered[0]
    assert oldest.age.endswith("days ago") and int(oldest.age.split()[0]) >= 14
    for question in answered:
        assert question.asked_at < question.answered_at < timezone.now()
        assert question.answered_by == person(demo.HOST)
    anonymous = ForumQuestion.objects.get(forum=forum, anonymous=True)
    assert anonymous.asked_by is None
    assert anonymous.feedback_item.recorded_by is None
    assert anonymous.feedback_item.received_on == timezone.localdate(anonymous.asked_at)
    assert ForumQuestion.objects.filter(forum=forum, event__isnull=False).exists()


def test_threads_have_replies_a_hidden_post_and_an_open_report(forum):
    threads = list(question_selectors.threads_of(forum))
    assert len(threads) >= 2 and all(thread.post_count >= 2 for thread in threads)
    hidden = ForumPost.objects.get(thread__forum=forum, hidden_at__isnull=False)
    assert hidden.hidden_reason and hidden.hidden_by == person(demo.HOST)
    assert hidden.created_at < hidden.hidden_at
    report = question_selectors.open_reports(forum).get()
    assert report.reason and report.post.hidden_at is None
    assert report.post.created_at < report.created_at
    for thread in threads:
        posts = list(question_selectors.posts_of(thread))
        assert thread.last_post_at == posts[-1].created_at


def test_the_closed_survey_shows_its_score_and_the_open_one_waits_for_the_demo_family(forum):
    closed = survey_selectors.last_finished_survey(forum)
    results = survey_selectors.survey_results(closed)
    answers = [recommend for _email, recommend, _good, _better in demo.FIRST_SURVEY["answers"]]
    assert results.responses == len(answers) >= 7
    assert results.shown and results.score == survey_selectors.recommend_score(answers)
    assert results.good and results.better
    assert closed.opens_at < closed.closed_at == closed.closes_at < timezone.now()
    comments = FeedbackItem.objects.filter(
        service=forum.service, channel=FeedbackItem.Channel.SURVEY
    )
    assert comments.count() == len(results.good) + len(results.better)
    assert set(comments.values_list("received_on", flat=True)) == {
        timezone.localdate(closed.closed_at)
    }
    waiting = survey_selectors.surveys_waiting_for(person(demo.FAMILY))
    assert [survey.forum for survey in waiting] == [forum]
    assert survey_selectors.open_surveys(forum).get().responses.exists()


def test_concerns_in_every_status_with_a_history_that_reads_in_order(forum):
    concerns = Concern.objects.filter(service=forum.service)
    assert set(concerns.values_list("status", flat=True)) == set(Status.values)
    assert concerns.filter(possible_safeguarding=True).count() >= 2
    assert concerns.order_by("created_at").first().created_at < timezone.now() - timedelta(days=90)
    for concern in concerns:
        trail = list(concern_selectors.audit_trail(concern))
        assert [event.at for event in trail] == sorted(event.at for event in trail)
        assert trail[0].kind == Kind.RAISED and trail[0].at == concern.created_at
        assert trail[1].kind == Kind.ROUTED and concern.routed_at == concern.created_at
        moves = [event.to_status for event in trail if event.kind == Kind.STATUS]
        assert moves == concern_services.STATUS_ORDER[1 : len(moves) + 1]
        assert concern.feedback_item.received_on == timezone.localdate(concern.created_at)
        if concern.status != Status.RECEIVED:
            # Acknowledged in time: within hours for possible safeguarding, days for the rest.
            assert concern.created_at < concern.acknowledged_at <= concern.acknowledge_by
        if concern.outcome_shared_at:
            assert concern.outcome and concern.acknowledged_at < concern.outcome_shared_at
        if concern.closed_at:
            assert concern.outcome_shared_at < concern.closed_at < timezone.now()


def test_anonymous_and_visitor_concerns_store_no_account(forum):
    anonymous = Concern.objects.get(service=forum.service, anonymous=True)
    assert anonymous.raised_by is None
    assert (anonymous.contact_name, anonymous.contact_email) == ("", "")
    assert anonymous.tracking_code_hash
    assert anonymous.events.get(kind=Kind.RAISED).actor is None
    assert anonymous.feedback_item.recorded_by is None
    visitor = Concern.objects.get(service=forum.service, anonymous=False, raised_by__isnull=True)
    assert visitor.raiser_role == Concern.RaiserRole.VISITOR
    assert visitor.contact_name and visitor.contact_email.endswith("@example.org")
    assert visitor.tracking_code_hash


def test_the_overdue_concern_was_alerted_and_escalated_as_the_sweeper_would(
    forum, django_capture_on_commit_callbacks
):
    overdue = [
        concern
        for concern in Concern.objects.filter(service=forum.service)
        if concern_selectors.is_overdue(concern)
    ]
    assert len(overdue) == 1
    concern = overdue[0]
    assert concern.status == Status.RECEIVED and concern.possible_safeguarding
    assert concern.route == Concern.Route.SAFEGUARDING
    assert concern.acknowledge_by == concern.routed_at + timedelta(hours=24)
    assert concern.escalated_at and concern.escalated_at > concern.acknowledge_by
    kinds = list(concern.events.values_list("kind", flat=True))
    assert kinds == [Kind.RAISED, Kind.ROUTED, *[Kind.ALERTED] * 3, Kind.ESCALATED]
    assert concern.alerts_sent == 4 and concern.last_alerted_at == concern.escalated_at

    # The sweeper leaves it be until an hour after the last alert, then reminds the
    # safeguarding leads and the leaders; it stays overdue until someone acknowledges it.
    assert concern_services.concerns_sweep() == {"routed": 0, "realerted": 0}
    mail.outbox.clear()
    later = concern.last_alerted_at + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert concern_services.concerns_sweep(now=later) == {"routed": 0, "realerted": 1}
    assert {message.to[0] for message in mail.outbox} == {demo.SAFEGUARDING, demo.LEADER}
    concern.refresh_from_db()
    assert concern.status == Status.RECEIVED and concern_selectors.is_overdue(concern, later)


def test_the_pages_show_it_to_the_family_the_host_and_the_safeguarding_lead(forum, client):
    client.force_login(person(demo.FAMILY))
    html = client.get(forum.get_absolute_url()).content.decode()
    closed = survey_selectors.last_finished_survey(forum)
    assert f"<strong>{survey_selectors.survey_results(closed).score}</strong>" in html
    assert forum_selectors.upcoming_events(forum).first().title in html
    mine = client.get(reverse("coproduction:concern_mine")).content.decode()
    assert Concern.objects.get(raised_by=person(demo.FAMILY)).reference in mine

    client.force_login(person(demo.SAFEGUARDING))
    concern = Concern.objects.get(service=forum.service, escalated_at__isnull=False)
    response = client.get(concern.get_absolute_url())
    assert response.status_code == 200 and "Overdue" in response.content.decode()

    client.force_login(person(demo.HOST))
    reports = client.get(reverse("coproduction:forum_reports", kwargs={"forum_id": forum.pk}))
    assert escape(question_selectors.open_reports(forum).get().reason) in reports.content.decode()


def test_emails_go_to_demo_accounts_only(loaded):
    assert mail.outbox
    recipients = {address for message in mail.outbox for address in message.to}
    assert all(address.endswith("example.org") for address in recipients)
    assert {demo.HOST, demo.SAFEGUARDING, demo.LEADER} <= recipients


def test_loading_twice_adds_nothing(loaded, django_capture_on_commit_callbacks):
    before = counts()
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        stdout = load_all()
    assert counts() == before
    assert len(mail.outbox) == sent
    assert "already there" in stdout.getvalue()
    assert before["Concern"] >= 6 and before["ForumFamily"] >= 6


def test_the_summary_prints_the_forum_sign_ins_once_the_forum_exists(db):
    stdout = io.StringIO()
    organisations_demo.load(stdout)
    demo.summary(stdout)
    assert "Family forum" not in stdout.getvalue()
    demo.load(stdout)
    demo.summary(stdout)
    printed = stdout.getvalue().split("Family forum (")[-1]
    for email in (demo.FAMILY, demo.HOST, demo.SAFEGUARDING):
        assert email in printed
