"""The co-production plugin's part of the benchmark's dataset (cms.bench.data): three years of

- family forums (one per service): its families, events every two months with their answers,
  questions sent in (some anonymous: no person stored), threads and posts, the family survey
  every quarter (responses under random keys, a separate receipt per person);
- concerns: each service's safeguarding contacts; concerns raised by families, staff (some
  speaking up, with their speak-up case) and people without an account or anonymously (a
  tracking code, of which only its hash is kept, as `hash_tracking_code` computes it; an
  anonymous one names nobody); routed, acknowledged, most closed with an outcome fed back;
  each with its audit trail;
- the feedback tracker: an item for every question, concern and some survey answers, tagged
  with themes, and "you said, we did" actions for some;
- the staff pulse every quarter at every service (closed rounds sealed: responses and receipts
  under random keys in a random order);
- a co-production space per organisation: its members, agenda items, a priority round every
  quarter with its ballots, monthly meetings with attendance, and involvement payments.
"""

import uuid
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from cms.bench.data import PLUGINS, builder

from ..codes import READABLE_ALPHABET
from ..concerns.models import Concern, ConcernContacts, ConcernEvent, SpeakUpCase
from ..concerns.services import hash_tracking_code
from ..forums.models import EventRSVP, FamilyForum, ForumEvent, ForumFamily
from ..meetings.models import Attendance, Meeting
from ..payments.models import InvolvementRate, InvolvementRecord
from ..pulse.models import PulseReceipt, PulseResponse, PulseRound, StaffGroup
from ..questions.models import ForumPost, ForumQuestion, ForumThread
from ..rounds.models import Ballot, BallotEntry, PriorityRound, RoundItem
from ..spaces.models import AgendaItem, CoproductionSpace, SpaceMembership, SpaceRole
from ..surveys.models import FamilySurvey, SurveyReceipt, SurveyResponse
from ..tracker.models import Action, FeedbackItem, Theme

QUESTIONS = [
    "Can we hear more about how night staff are supported?",
    "Who do we talk to if a visit has to change at short notice?",
    "How are people helped to choose what they do each day?",
    "What happens when a member of staff raises a worry?",
    "Could the forum meet in the evening sometimes?",
]
CONCERNS = [
    "My mother was left in the lounge for a long time without a drink.",
    "I saw a member of staff speak sharply to a resident at lunch.",
    "The call bell was not answered for over twenty minutes.",
    "Staff told me they are too few on nights to help everyone to bed.",
    "My brother's money was not recorded properly last month.",
    "Someone was told they could not go out because there were not enough staff.",
]
OUTCOME = (
    "Thank you for telling us. We looked into what happened, spoke with the staff on shift and "
    "changed how we check on people in the lounge. We will tell the forum how it is going."
)
GOOD = ["Kind staff who know my dad well.", "The garden is lovely.", "", "Good food."]
BETTER = ["More activities at weekends.", "Answer the phone quicker.", "", "Fewer agency staff."]
AGENDA = [
    "Easy-read menus",
    "Being asked before staff come into my room",
    "More trips out",
    "Who to tell when something is wrong",
    "Choosing my own keyworker",
    "Quiet space in the evening",
]


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _code(rng, length):
    return "".join(rng.choice(READABLE_ALPHABET) for _ in range(length))


def _unique_code(bench, rng, length, prefix=""):
    """A code drawn as the site draws them, not yet used in this build."""
    used = bench.shared.setdefault("codes", set())
    while (code := prefix + _code(rng, length)) in used:
        pass
    used.add(code)
    return code


class Rows:
    """Rows per model, written in the order the models were first given rows."""

    def __init__(self, bench):
        self.bench = bench
        self.rows = {}

    def add(self, model, **row):
        if "id" not in row and model._meta.pk.name == "id" and not _uuid_key(model):
            row["id"] = self.bench.next_id(model)
        self.rows.setdefault(model, []).append(row)
        return row.get("id")

    def flush(self, *models):
        for model in models or list(self.rows):
            self.bench.copy_dicts(model, self.rows.pop(model, []))


def _uuid_key(model):
    return model._meta.pk.get_internal_type() == "UUIDField"


@builder(PLUGINS, "co-production")
def build(bench):
    rng = bench.rng("coproduction")
    themes = list(Theme.objects.values_list("pk", flat=True))
    rows = Rows(bench)
    for provider in bench.host.organisations:
        for service in provider.services:
            _forum(bench, rng, rows, provider, service)
            _concerns(bench, rng, rows, provider, service)
            _pulse(bench, rng, rows, provider, service)
        _space(bench, rng, rows, provider)
    feedback = rows.rows.get(FeedbackItem, [])
    # Answers and the receipts naming who answered are written in unrelated orders, so the
    # order of the rows ties no answer to a person (the random keys already tie none).
    for model in (SurveyResponse, SurveyReceipt, PulseResponse, PulseReceipt):
        rng.shuffle(rows.rows.get(model, []))
    _facts(bench, rows)
    rows.flush(
        FeedbackItem,
        FamilyForum,
        ForumFamily,
        ForumEvent,
        EventRSVP,
        ForumQuestion,
        ForumThread,
        ForumPost,
        FamilySurvey,
        SurveyResponse,
        SurveyReceipt,
        ConcernContacts,
        Concern,
        SpeakUpCase,
        ConcernEvent,
        PulseRound,
    )
    rows.flush()
    through = FeedbackItem.themes.through
    tags = []
    for item in feedback:
        for theme in rng.sample(themes, k=min(len(themes), rng.choice((1, 1, 2)))):
            tags.append((bench.next_id(through), item["id"], theme))
    bench.copy(through, ["id", "feedbackitem_id", "theme_id"], tags)
    # "You said, we did" for about one item in eight.
    for item in feedback:
        if rng.random() < 0.125:
            received = item["received_on"]
            done = rng.random() < 0.7
            rows.add(
                Action,
                organisation_id=bench.shared["organisation_of"][item["service_id"]],
                service_id=item["service_id"],
                feedback_item_id=item["id"],
                title="Look at what families told us and change what we do",
                owner_id=bench.shared["leader_of"][item["service_id"]],
                due_on=received + timedelta(days=30),
                status=Action.Status.DONE if done else Action.Status.IN_PROGRESS,
                outcome="We changed the rota so two people are on the floor at mealtimes."
                if done
                else "",
                outcome_published_at=_at(received, 40) if done else None,
                created_at=_at(received, 2),
                updated_at=_at(received, 40),
            )
    rows.flush()


def _facts(bench, rows):
    """Where the runner finds the biggest organisation's forum, space and a concern."""
    facts = bench.facts
    forum = next(f for f in rows.rows[FamilyForum] if f["service_id"] == facts["big_service_id"])
    space = next(
        s for s in rows.rows[CoproductionSpace] if s["organisation_id"] == facts["organisation_id"]
    )
    concern = next(c for c in rows.rows[Concern] if c["service_id"] == facts["big_service_id"])
    facts["coproduction"] = {
        "forum_id": forum["id"],
        "space_id": space["id"],
        "concern_id": concern["id"],
    }


def _at(day, days_later):
    return datetime.combine(day, time(10), tzinfo=UTC) + timedelta(days=days_later)


def _feedback(bench, rows, service, channel, giver, when, text, may_quote=False):
    bench.shared.setdefault("organisation_of", {})[service.id] = service.organisation_id
    return rows.add(
        FeedbackItem,
        service_id=service.id,
        channel=channel,
        giver_role=giver,
        received_on=when.date(),
        text=text,
        may_quote=may_quote,
        recorded_by_id=None,
        created_at=when,
    )


def _forum(bench, rng, rows, provider, service):
    bench.shared.setdefault("leader_of", {})[service.id] = provider.leader
    forum = rows.add(
        FamilyForum,
        service_id=service.id,
        name=f"{service.name} family forum",
        welcome="A place for families to meet, ask and be heard.",
        join_code=_unique_code(bench, rng, 8),
        created_at=bench.start,
    )
    for family in service.families:
        rows.add(
            ForumFamily,
            forum_id=forum,
            user_id=family,
            visits=rng.choice(("Mum", "Dad", "Joan", "Ray", "my brother")),
            joined_at=bench.start,
        )
    months = bench.scale.years * 12
    for month in range(0, months, 2):
        starts = bench.start + timedelta(days=30.4 * month + rng.uniform(0, 20), hours=18)
        event = rows.add(
            ForumEvent,
            forum_id=forum,
            title=f"Family forum: {rng.choice(('meals', 'activities', 'visiting', 'staffing'))}",
            starts_at=starts,
            place="The lounge",
            topic="What is going well and what could be better.",
            notes="We talked about mealtimes and agreed to try a later supper."
            if starts < bench.now
            else "",
            notes_published_at=starts + timedelta(days=3) if starts < bench.now else None,
            created_by_id=service.host,
            created_at=starts - timedelta(days=21),
        )
        for family in service.families:
            if rng.random() < 0.5:
                rows.add(
                    EventRSVP,
                    event_id=event,
                    user_id=family,
                    answer=rng.choice(("yes", "yes", "maybe", "no")),
                    guests=rng.choice((0, 0, 1)),
                    attended=(rng.random() < 0.8) if starts < bench.now else None,
                    updated_at=starts - timedelta(days=2),
                )
    for family in service.families:
        for _ in range(rng.choice((1, 2, 3, 4))):
            asked = bench.moment(rng)
            anonymous = rng.random() < 0.2
            text = rng.choice(QUESTIONS)
            answered = rng.random() < 0.7
            rows.add(
                ForumQuestion,
                forum_id=forum,
                text=text,
                anonymous=anonymous,
                may_quote=not anonymous and rng.random() < 0.3,
                asked_by_id=None if anonymous else family,
                asked_at=asked,
                answer="We will bring this to the next forum and tell you what we find."
                if answered
                else "",
                answered_by_id=service.host if answered else None,
                answered_at=asked + timedelta(days=5) if answered else None,
                feedback_item_id=_feedback(bench, rows, service, "forum", "family", asked, text),
            )
    for _ in range(2 * bench.scale.years):
        started = bench.moment(rng)
        starter = rng.choice(service.families)
        posts = rng.randint(2, 8)
        last = started
        thread = rows.add(
            ForumThread,
            forum_id=forum,
            title=rng.choice(("Visiting at weekends", "Parking", "The summer fair", "Laundry")),
            started_by_id=starter,
            created_at=started,
        )
        for number in range(posts):
            last = last + timedelta(hours=rng.uniform(1, 72))
            rows.add(
                ForumPost,
                thread_id=thread,
                author_id=starter if number == 0 else rng.choice(service.families + [service.host]),
                body="Thank you, that helps. Has anyone else noticed the same?",
                created_at=last,
            )
        rows.rows[ForumThread][-1]["last_post_at"] = last
    for quarter in range(4 * bench.scale.years):
        opens = bench.start + timedelta(days=91 * quarter + 7)
        if opens >= bench.now:
            break
        closes = opens + timedelta(days=21)
        survey = rows.add(
            FamilySurvey,
            forum_id=forum,
            title=f"Family survey {opens:%B %Y}",
            opens_at=opens,
            closes_at=closes,
            closed_at=closes if closes < bench.now else None,
            # A closed survey was sealed as it closed (services.survey_close).
            rewritten_at=closes if closes < bench.now else None,
            sealed_at=closes if closes < bench.now else None,
            created_by_id=service.host,
            created_at=opens,
        )
        answering = [family for family in service.families if rng.random() < 0.4]
        for family in answering:
            rows.add(SurveyReceipt, id=_uuid(rng), survey_id=survey, user_id=family)
            good, better = rng.choice(GOOD), rng.choice(BETTER)
            rows.add(
                SurveyResponse,
                id=_uuid(rng),
                survey_id=survey,
                recommend=min(10, max(0, round(rng.gauss(8, 2)))),
                what_is_good=good,
                what_could_be_better=better,
                may_quote=False,
            )
            if better:
                _feedback(bench, rows, service, "survey", "family", opens, better)


def _concerns(bench, rng, rows, provider, service):
    rows.add(
        ConcernContacts,
        service_id=service.id,
        safeguarding_team="Adult safeguarding, the local council",
        safeguarding_phone="0300 123 4567",
        out_of_hours_phone="0300 123 9999",
        updated_at=bench.start,
    )
    count = max(2, round(len(service.staff) / 8 * bench.scale.years))
    for _ in range(count):
        raised = bench.moment(rng)
        kind = rng.random()
        speak_up = kind < 0.15
        anonymous = 0.15 <= kind < 0.35 or (speak_up and rng.random() < 0.3)
        visitor = 0.35 <= kind < 0.45
        if speak_up:
            raiser, role = (None if anonymous else rng.choice(service.staff)), "staff"
        elif anonymous or visitor:
            raiser, role = None, rng.choice(("family", "visitor", "person"))
        else:
            raiser, role = rng.choice(service.families), "family"
        code = "-".join(_code(rng, 4) for _ in range(5)) if (anonymous or visitor) else None
        safeguarding = not speak_up and rng.random() < 0.3
        age = (bench.now - raised).days
        status = (
            Concern.Status.RECEIVED
            if age < 2
            else Concern.Status.LOOKING_INTO
            if age < 30
            else Concern.Status.CLOSED
        )
        acknowledged = raised + timedelta(hours=rng.uniform(1, 30)) if age >= 2 else None
        closed = raised + timedelta(days=rng.uniform(10, 28)) if status == "closed" else None
        text = rng.choice(CONCERNS)
        route = "speak_up" if speak_up else "safeguarding" if safeguarding else "hosts"
        channel = "speak_up" if speak_up else "concern"
        giver = "staff" if role == "staff" else "family" if role == "family" else "other"
        concern = rows.add(
            Concern,
            organisation_id=provider.id,
            service_id=service.id,
            reference=_unique_code(bench, rng, 6, prefix="C-"),
            tracking_code_hash=hash_tracking_code(code) if code else "",
            anonymous=anonymous,
            raised_by_id=raiser,
            raiser_role=role,
            contact_name="" if anonymous or raiser else "A visitor",
            contact_email=""
            if anonymous or raiser
            else f"visitor{rng.randrange(10**6)}@example.net",
            what_happened=text,
            may_quote=False,
            at_risk_now=safeguarding and rng.random() < 0.3,
            possible_safeguarding=safeguarding,
            status=status,
            route=route,
            routed_at=raised + timedelta(minutes=1),
            acknowledge_by=raised + timedelta(days=1),
            acknowledged_at=acknowledged,
            alerts_sent=1 if safeguarding else 0,
            last_alerted_at=raised + timedelta(minutes=1) if safeguarding else None,
            outcome=OUTCOME if closed else "",
            outcome_shared_at=closed,
            outcome_email_sent_at=closed if closed and not anonymous else None,
            closed_at=closed,
            feedback_item_id=_feedback(bench, rows, service, channel, giver, raised, text),
            created_at=raised,
            updated_at=closed or acknowledged or raised,
        )
        if speak_up:
            category = rng.choice(SpeakUpCase.CATEGORIES)[0]
            rows.add(
                SpeakUpCase,
                concern_id=concern,
                **{category: True},
                professional_group=rng.choice(SpeakUpCase.ProfessionalGroup.values),
                detriment=rng.random() < 0.15,
                would_speak_up_again=rng.choice(("yes", "no", "maybe")) if closed else "",
            )
        handler = (
            provider.speak_up
            if speak_up
            else provider.safeguarding
            if safeguarding
            else service.host
        )
        rows.add(
            ConcernEvent,
            concern_id=concern,
            kind="raised",
            to_status="received",
            actor_id=raiser,
            at=raised,
        )
        rows.add(ConcernEvent, concern_id=concern, kind="routed", at=raised + timedelta(minutes=1))
        if acknowledged:
            rows.add(
                ConcernEvent,
                concern_id=concern,
                kind="status",
                from_status="received",
                to_status="acknowledged" if status == "closed" else status,
                actor_id=handler,
                at=acknowledged,
            )
        if closed:
            rows.add(
                ConcernEvent,
                concern_id=concern,
                kind="status",
                from_status="acknowledged",
                to_status="closed",
                actor_id=handler,
                at=closed,
            )


def _pulse(bench, rng, rows, provider, service):
    for quarter in range(4 * bench.scale.years):
        opens = bench.start + timedelta(days=91 * quarter + 40)
        if opens >= bench.now:
            break
        closes = opens + timedelta(days=14)
        closed = closes < bench.now
        round_id = rows.add(
            PulseRound,
            service_id=service.id,
            title=f"Staff pulse {opens:%B %Y}",
            opens_at=opens,
            closes_at=closes,
            closed_at=closes if closed else None,
            rewritten_at=closes if closed else None,
            sealed_at=closes if closed else None,
            created_by_id=provider.leader,
            created_at=opens,
        )
        # A service whose staff feel less safe to speak: a lower mean for the whole service.
        mood = 3.6 + (service.id % 5 - 2) * 0.3
        for user in service.staff:
            if rng.random() < 0.45:
                rows.add(PulseReceipt, id=_uuid(rng), round_id=round_id, user_id=user)
                rows.add(
                    PulseResponse,
                    id=_uuid(rng),
                    round_id=round_id,
                    staff_group=rng.choice(StaffGroup.values),
                    safe_to_speak=min(5, max(1, round(rng.gauss(mood, 1)))),
                    acted_on=min(5, max(0, round(rng.gauss(mood - 0.5, 1.5)))),
                    dignity_seen=rng.random() < 0.8,
                    anything_else="",
                )


def _space(bench, rng, rows, provider):
    space = rows.add(
        CoproductionSpace,
        organisation_id=provider.id,
        service_id=None,
        name=f"{provider.name} people's panel",
        slug="peoples-panel",
        purpose="People with lived experience set the agenda and check our work.",
        created_at=bench.start,
    )
    members = [provider.lived_lead, *provider.lived_members]
    for user in members:
        rows.add(
            SpaceMembership,
            space_id=space,
            user_id=user,
            role=SpaceRole.LEAD if user == provider.lived_lead else SpaceRole.MEMBER,
            joined_at=bench.start,
        )
    items = []
    for _ in range(12 * bench.scale.years):
        created = bench.moment(rng)
        items.append(
            (
                rows.add(
                    AgendaItem,
                    space_id=space,
                    title=rng.choice(AGENDA),
                    about="What we would like to change.",
                    why_it_matters="It matters to the people who live here.",
                    proposed_by_id=rng.choice(members),
                    status=rng.choice(("proposed", "shortlisted", "discussed", "on_agenda")),
                    created_at=created,
                    updated_at=created,
                ),
                created,
            )
        )
    rate = Decimal("25.00")
    rows.add(
        InvolvementRate, organisation_id=provider.id, hourly_rate=rate, updated_by_id=provider.admin
    )
    for quarter in range(4 * bench.scale.years):
        opens = bench.start + timedelta(days=91 * quarter + 60)
        if opens >= bench.now:
            break
        closes = opens + timedelta(days=14)
        round_id = rows.add(
            PriorityRound,
            space_id=space,
            title=f"What matters most, {opens:%B %Y}",
            method=PriorityRound.Method.DOT,
            opens_at=opens,
            closes_at=closes,
            closed_at=closes if closes < bench.now else None,
            results_published_at=closes + timedelta(days=1) if closes < bench.now else None,
            created_by_id=provider.lived_lead,
            created_at=opens,
        )
        offered = [item for item, created in items if created < opens][-4:]
        round_items = [
            rows.add(RoundItem, round_id=round_id, agenda_item_id=item) for item in offered
        ]
        for user in members:
            if round_items and rng.random() < 0.6:
                ballot = rows.add(
                    Ballot, round_id=round_id, voter_id=user, updated_at=opens + timedelta(days=2)
                )
                for item in rng.sample(round_items, k=min(len(round_items), 3)):
                    rows.add(
                        BallotEntry, ballot_id=ballot, round_item_id=item, value=rng.randint(1, 2)
                    )
    for month in range(12 * bench.scale.years):
        starts = bench.start + timedelta(days=30.4 * month + 10, hours=14)
        if starts >= bench.now:
            break
        meeting = rows.add(
            Meeting,
            space_id=space,
            title=f"Panel meeting {starts:%B %Y}",
            starts_at=starts,
            place="Community room",
            minutes="We agreed the next steps on menus.",
            minutes_published_at=starts + timedelta(days=4),
            created_by_id=provider.lived_lead,
            created_at=starts - timedelta(days=14),
        )
        for user in members:
            came = rng.random() < 0.7
            rows.add(
                Attendance,
                meeting_id=meeting,
                user_id=user,
                status="attended" if came else "apologies",
                minutes_attended=90 if came else 0,
                recorded_by_id=provider.lived_lead,
                recorded_at=starts + timedelta(days=1),
            )
            if came and user != provider.lived_lead:
                paid = starts + timedelta(days=30) < bench.now
                rows.add(
                    InvolvementRecord,
                    organisation_id=provider.id,
                    space_id=space,
                    member_id=user,
                    kind="meeting",
                    meeting_id=meeting,
                    description="Panel meeting",
                    occurred_on=starts.date(),
                    minutes=90,
                    hourly_rate=rate,
                    amount=rate * Decimal("1.5"),
                    status="paid" if paid else "due",
                    paid_on=(starts + timedelta(days=30)).date() if paid else None,
                    recorded_by_id=provider.lived_lead,
                    created_at=starts + timedelta(days=1),
                    updated_at=starts + timedelta(days=1),
                )
