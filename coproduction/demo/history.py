"""Two years of family surveys and concerns at Riverside (part of `coproduction.demo`), so the
leadership dashboards and red flags have a history to read.

- Elm Court (28 beds) slides into a closed culture. Its family forum (hosted by
  elmhost@riverside.example.org, to whom its concerns go) has run a survey every quarter for
  two years, answered by fewer families as time goes on, and its recommend score falls from +44
  to -17, the last quarter sharply. Concerns come more often and more of them anonymously (from
  families, and from staff who no longer give their name); they are acknowledged later and
  later: in the last whole month six came in (one of them in ELM_SPEAK_UP_CASES), five of them
  anonymous, and only the one routed to the safeguarding lead was acknowledged on time. Its
  staff concerns are speak-up cases (for speakup@riverside.example.org, the speak-up lead):
  several say they were treated worse for speaking up, and few of those fed back would speak
  up again.
- Willow House (42 beds) stays healthy: a quarterly survey whose score holds at about +12 (the
  forum demo adds the latest rounds), and now and then a named concern, acknowledged within a
  day or two and closed with its outcome.
- Riverside Home Care hears a named concern every two or three months, dealt with on time, so
  the service is not silent.

Dates are counted in calendar months back from the current one (months ago, day, hour), so the
history lines up with the monthly snapshots and red flags whenever it is loaded. Nothing falls
in the current month: the forum demo tells the recent weeks of Willow House.

How it is made: as the forum demo does (`forums.py`), through the services of
`coproduction.forums`, `surveys` and `concerns`, then moving the stamps the services set into
the past (`helpers.backdate`). Concerns are routed as they were raised and moved through their
statuses at the moments they happened, so each deadline and each "on time" reads as it would
have. Emails: the services send what they always send (concern alerts to the hosts,
safeguarding leads or leaders; outcomes to named raisers), to demo accounts and example.org
addresses only. Survey emails are not sent: each survey is closed before the load commits.

Safe to run again: if Elm Court already has a family forum, nothing is added.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.organisations.demo import demo_user
from cms.organisations.models import Membership, Role, Service
from cms.periods import add_months, month_label, this_month
from coproduction.concerns.models import Concern
from coproduction.forums.models import FamilyForum

from ..concerns import services as concerns
from ..forums import services as forums
from . import forums as forum_demo
from .helpers import backdate, concern_raised, date_new_events, survey_held

Raiser = Concern.RaiserRole
Status = Concern.Status

ORGANISATION = "riverside"
ELM_COURT = "Elm Court"
WILLOW_HOUSE = forum_demo.SERVICE
HOME_CARE = "Riverside Home Care"
SAFEGUARDING = forum_demo.SAFEGUARDING
WILLOW_HOST = forum_demo.HOST

ELM_HOST = ("elmhost@riverside.example.org", "Lynne", "Harper")
ELM_FORUM = {
    "name": "Elm Court Family Forum",
    "welcome": "For the families and friends of people who live at Elm Court: tell us what "
    "is going well and what we could do better, and answer our survey each quarter.",
}
# (email, first name, last name, whom they visit)
ELM_FAMILIES = [
    ("elmfamily1@riverside.example.org", "Paul", "Norris", "Edith"),
    ("elmfamily2@riverside.example.org", "Claire", "Dunn", "Vera"),
    ("elmfamily3@riverside.example.org", "Imran", "Qureshi", "Yusuf"),
    ("elmfamily4@riverside.example.org", "Bridget", "Lowe", "Frank"),
    ("elmfamily5@riverside.example.org", "Steve", "Marsh", "Dorothy"),
    ("elmfamily6@riverside.example.org", "Nia", "Evans", "Glyn"),
    ("elmfamily7@riverside.example.org", "Tom", "Reilly", "Kathleen"),
    ("elmfamily8@riverside.example.org", "Usha", "Mistry", "Ramesh"),
    ("elmfamily9@riverside.example.org", "Jane", "Cole", "Albert"),
]
ELM_FAMILY = {number: row[0] for number, row in enumerate(ELM_FAMILIES, start=1)}
WILLOW_FAMILY = {number: row[0] for number, row in enumerate(forum_demo.FAMILIES, start=1)}

# --- Surveys --------------------------------------------------------------------------------
# Each round opens on the 1st of its month and closes on the 21st. Answers: (recommend 0-10,
# what is good, what could be better), given by the families in order.

ELM_SURVEYS = [
    (
        22,
        [
            (10, "The staff know Edith well.", ""),
            (9, "Always a cup of tea when I visit.", ""),
            (9, "", ""),
            (10, "Lovely garden.", ""),
            (9, "", ""),
            (8, "", "More trips out."),
            (7, "", ""),
            (8, "", ""),
            (5, "", "Laundry goes missing."),
        ],
    ),  # +44
    (
        19,
        [
            (9, "Friendly staff.", ""),
            (10, "", ""),
            (9, "", ""),
            (9, "Activities every afternoon.", ""),
            (10, "", ""),
            (8, "", ""),
            (7, "", ""),
            (8, "", ""),
            (6, "", "The menu board is never right."),
        ],
    ),  # +44
    (
        16,
        [
            (9, "", ""),
            (10, "", ""),
            (9, "Kind night staff.", ""),
            (9, "", ""),
            (8, "", ""),
            (7, "", "Fewer familiar faces lately."),
            (8, "", ""),
            (5, "", "Nothing happens at weekends."),
        ],
    ),  # +38
    (
        13,
        [
            (9, "", ""),
            (10, "", ""),
            (9, "", ""),
            (7, "", "Call bells take a long time at night."),
            (8, "", ""),
            (6, "", "Hard to get hold of the manager."),
        ],
    ),  # +33
    (
        10,
        [
            (9, "", ""),
            (9, "", ""),
            (10, "", ""),
            (8, "", ""),
            (7, "", "Visiting feels less welcome than it did."),
            (7, "", ""),
            (4, "", "Too many agency staff who do not know Mum."),
        ],
    ),  # +29
    (
        7,
        [
            (9, "", ""),
            (10, "", ""),
            (9, "", ""),
            (8, "", ""),
            (8, "", ""),
            (7, "", "The same few staff on every shift; the others seem to have gone."),
            (7, "", ""),
            (5, "", "Dad is in bed by six every evening."),
        ],
    ),  # +25
    (
        4,
        [
            (9, "", ""),
            (9, "", ""),
            (7, "", "Staff look exhausted."),
            (6, "", "My complaint has not been answered."),
            (8, "", ""),
        ],
    ),  # +20
    (
        1,
        [
            (9, "A few of the carers are still wonderful.", ""),
            (7, "", ""),
            (6, "", "I was told to stop complaining."),
            (3, "", "Mum seems frightened and will not say why."),
            (7, "", ""),
            (8, "", "Nobody tells us anything."),
        ],
    ),  # -17
]

WILLOW_SURVEYS = [
    (
        23,
        [
            (9, "", ""),
            (10, "Staff have time to chat.", ""),
            (8, "", ""),
            (7, "", ""),
            (6, "", "Parking."),
            (8, "", ""),
            (9, "", ""),
            (4, "", "Meals are sometimes cold."),
        ],
    ),  # +12
    (
        20,
        [
            (9, "", ""),
            (8, "", ""),
            (10, "", ""),
            (7, "", ""),
            (6, "", "More activities, please."),
            (8, "", ""),
            (7, "", ""),
        ],
    ),  # +14
    (
        17,
        [
            (9, "", ""),
            (9, "The new activities coordinator.", ""),
            (8, "", ""),
            (10, "", ""),
            (6, "", ""),
            (7, "", ""),
            (5, "", "Clothes go missing in the laundry."),
            (8, "", ""),
        ],
    ),  # +12
    (
        14,
        [
            (10, "", ""),
            (9, "", ""),
            (8, "", ""),
            (7, "", ""),
            (6, "", "Hard to find a time to talk about the care plan."),
            (8, "", ""),
            (7, "", ""),
        ],
    ),  # +14
    (
        11,
        [
            (9, "", ""),
            (8, "", ""),
            (10, "We are always made welcome.", ""),
            (9, "", ""),
            (6, "", ""),
            (7, "", ""),
            (5, "", "Weekend staffing."),
            (8, "", ""),
        ],
    ),  # +12
    (
        8,
        [
            (9, "", ""),
            (10, "", ""),
            (8, "", ""),
            (7, "", ""),
            (6, "", "The lift breaks down too often."),
            (8, "", ""),
            (8, "", ""),
        ],
    ),  # +14
    (
        5,
        [
            (10, "", ""),
            (9, "Mum is happy here.", ""),
            (9, "", ""),
            (8, "", ""),
            (6, "", ""),
            (7, "", ""),
            (6, "", "Tell us about changes before they happen."),
            (8, "", ""),
        ],
    ),  # +12
]

# --- Concerns -------------------------------------------------------------------------------


def _concern(
    raised,
    by,
    role,
    what_happened,
    who_is_affected,
    *,
    handler,
    acknowledged,
    outcome=None,
    closed=None,
    anonymous=False,
    safeguarding=False,
    contact=("", ""),
    themes=(),
    speak_up=None,
    again="",
):
    """One concern of the history: raised at (months ago, day, hour) by an email in `people`
    (None for an anonymous concern or a raiser without an account); acknowledged by `handler`
    `acknowledged` hours after; then (days after raising, text) for the outcome and days after
    raising for closing, when they happened. `speak_up`: a member of staff speaking up
    (`_speak_up`); `again`: their answer to "would you speak up again?" once fed back."""
    return {
        "raised": raised,
        "by": by,
        "raiser_role": role,
        "what_happened": what_happened,
        "who_is_affected": who_is_affected,
        "possible_safeguarding": safeguarding,
        "anonymous": anonymous,
        "contact_name": contact[0],
        "contact_email": contact[1],
        "themes": list(themes),
        "handler": handler,
        "acknowledged": acknowledged,
        "outcome": outcome,
        "closed": closed,
        "speak_up": speak_up,
        "again": again,
    }


def _speak_up(categories, group, detriment=False):
    """What a speak-up case records (coproduction.concerns.services.speak_up_details)."""
    return {"categories": categories, "professional_group": group, "detriment": detriment}


ELM_HANDLER = ELM_HOST[0]
# Staff concerns raised as speaking up go to the speak-up lead, outside the line.
ELM_SPEAK_UP = forum_demo.SPEAK_UP_LEAD

ELM_CONCERNS = [
    _concern(
        (23, 6, 19),
        ELM_FAMILY[1],
        Raiser.FAMILY,
        "Mum's hearing aid batteries ran out twice this month and nobody noticed for days. She "
        "could not follow what anyone said to her.",
        "My mum, Edith.",
        handler=ELM_HANDLER,
        acknowledged=20,
        outcome=(
            7,
            "Thank you. Hearing aids are now checked every morning and batteries are on "
            "the daily checklist, with spares in each unit.",
        ),
        closed=10,
    ),
    _concern(
        (20, 14, 18),
        ELM_FAMILY[2],
        Raiser.FAMILY,
        "The menu on the board does not match what is served. Mum was given fish, which she "
        "cannot stand, and nothing else was offered.",
        "My mum, Vera.",
        handler=ELM_HANDLER,
        acknowledged=18,
        outcome=(
            6,
            "We are sorry. The kitchen now updates the board each morning and there is "
            "always a second choice; Vera's dislikes are in her care plan.",
        ),
        closed=9,
    ),
    _concern(
        (17, 9, 20),
        ELM_FAMILY[3],
        Raiser.FAMILY,
        "Dad's jumpers keep going missing in the laundry, and one came back shrunk.",
        "My dad, Yusuf.",
        handler=ELM_HANDLER,
        acknowledged=26,
        outcome=(
            8,
            "Every item is now labelled when it arrives, and the lost property is "
            "sorted every Friday. We have replaced the shrunken jumper.",
        ),
        closed=12,
    ),
    _concern(
        (15, 3, 14),
        ELM_FAMILY[4],
        Raiser.FAMILY,
        "Dad has a large bruise on his forearm and nobody could tell me how he got it.",
        "My dad, Frank.",
        handler=SAFEGUARDING,
        acknowledged=5,
        outcome=(
            12,
            "We looked at the records and talked to the staff on each shift. Frank had "
            "knocked his arm on his bed rail; the rail now has a padded cover and the accident "
            "was recorded. The council's safeguarding team was told and agreed no further action.",
        ),
        closed=20,
        safeguarding=True,
    ),
    _concern(
        (13, 18, 19),
        ELM_FAMILY[5],
        Raiser.FAMILY,
        "There is nothing for people to do at weekends. Mum sits in the lounge with the "
        "television on all day.",
        "My mum, Dorothy, and others in the lounge.",
        handler=ELM_HANDLER,
        acknowledged=44,
        outcome=(10, "An activities session now runs on Saturday and Sunday afternoons."),
        closed=14,
    ),
    _concern(
        (11, 5, 22),
        ELM_FAMILY[6],
        Raiser.FAMILY,
        "Dad rang his call bell at night and waited over 20 minutes. He was wet by the time "
        "someone came.",
        "My dad, Glyn.",
        handler=ELM_HANDLER,
        acknowledged=70,
        outcome=(
            16,
            "Night staff were short that week because of sickness. We have reminded "
            "staff to answer call bells promptly.",
        ),
        closed=21,
        themes=["harm_practice"],
    ),
    _concern(
        (10, 12, 21),
        None,
        Raiser.FAMILY,
        "At mealtimes staff talk over the residents about their own plans as if the residents "
        "were not there.",
        "People eating in the dining room.",
        handler=ELM_HANDLER,
        acknowledged=96,
        outcome=(20, "We have reminded staff about dignity at mealtimes."),
        closed=25,
        anonymous=True,
        themes=["hm_no_compassion"],
    ),
    _concern(
        (9, 8, 17),
        ELM_FAMILY[7],
        Raiser.FAMILY,
        "I was told I can only visit Mum between two and four in the afternoon. I work, so I "
        "cannot see her in the week now.",
        "My mum, Kathleen.",
        handler=ELM_HANDLER,
        acknowledged=100,
        outcome=(
            19,
            "Visiting times help the home run smoothly. We can make an exception on request.",
        ),
        closed=26,
        themes=["hm_risk_avoidance", "harm_culture"],
    ),
    _concern(
        (8, 16, 20),
        ELM_FAMILY[2],
        Raiser.FAMILY,
        "Mum was sitting in wet clothes when I arrived at four, and the carer said she had not "
        "had time to change her since lunch.",
        "My mum, Vera.",
        handler=ELM_HANDLER,
        acknowledged=98,
        outcome=(
            18,
            "We are sorry. This was a busy afternoon with an agency carer who did not know Vera.",
        ),
        closed=27,
        themes=["harm_practice"],
    ),
    _concern(
        (7, 4, 22),
        None,
        Raiser.STAFF,
        "The same small group of staff get all the extra shifts. The rest of us are told there "
        "are none, then see agency staff booked.",
        "Staff at Elm Court.",
        handler=ELM_SPEAK_UP,
        acknowledged=9 * 24,
        outcome=(24, "The rota is planned to give residents continuity of care."),
        closed=30,
        anonymous=True,
        speak_up=_speak_up(["worker_safety", "other_category"], "care_assistants"),
        themes=["harm_culture", "hm_defensive_leadership"],
    ),
    _concern(
        (6, 3, 15),
        ELM_FAMILY[8],
        Raiser.FAMILY,
        "Dad says a carer on the night shift shouted at him when he asked for the toilet, and "
        "he is now afraid to ask.",
        "My dad, Ramesh.",
        handler=SAFEGUARDING,
        acknowledged=20,
        outcome=(
            15,
            "We spoke to the night staff and to Ramesh. The carer has had further "
            "training and supervision. The council's safeguarding team was told.",
        ),
        closed=22,
        safeguarding=True,
        themes=["harm_practice"],
    ),
    _concern(
        (6, 17, 21),
        None,
        Raiser.FAMILY,
        "My relative is put to bed at six o'clock every evening whether she wants to go or not.",
        "A resident on the first floor.",
        handler=ELM_HANDLER,
        acknowledged=10 * 24,
        outcome=(28, "Bedtimes follow each person's care plan."),
        closed=35,
        anonymous=True,
        themes=["harm_practice", "hm_no_compassion"],
    ),
    _concern(
        (5, 8, 22),
        None,
        Raiser.STAFF,
        "Residents are told off for ringing their call bells too often. One was told she would "
        "be left till last if she kept ringing.",
        "Residents at Elm Court.",
        handler=ELM_SPEAK_UP,
        acknowledged=11 * 24,
        outcome=(30, "We have found no evidence of this."),
        closed=38,
        anonymous=True,
        speak_up=_speak_up(["patient_safety", "attitudes"], "not_said"),
        themes=["harm_culture", "hm_not_listening"],
    ),
    _concern(
        (5, 22, 19),
        ELM_FAMILY[1],
        Raiser.FAMILY,
        "I have asked three times for a review of Mum's care plan and nobody has come back to me.",
        "My mum, Edith.",
        handler=ELM_HANDLER,
        acknowledged=9 * 24,
        outcome=(25, "A review has been booked."),
        closed=30,
        themes=["hm_not_listening"],
    ),
    _concern(
        (4, 6, 20),
        None,
        Raiser.FAMILY,
        "The lounge door is locked in the evenings, so people cannot go back in after tea.",
        "Residents on the ground floor.",
        handler=ELM_HANDLER,
        acknowledged=12 * 24,
        outcome=(33, "The lounge is closed in the evening so that staff can settle people."),
        anonymous=True,
        themes=["harm_culture", "hm_risk_avoidance"],
    ),
    _concern(
        (4, 19, 23),
        None,
        Raiser.STAFF,
        "New staff leave within weeks. They are not shown the ropes and are left out by the "
        "group who run the shifts.",
        "Staff at Elm Court.",
        handler=ELM_SPEAK_UP,
        acknowledged=10 * 24,
        anonymous=True,
        speak_up=_speak_up(["bullying", "worker_safety"], "care_assistants"),
        themes=["harm_culture"],
    ),
    _concern(
        (3, 7, 18),
        ELM_FAMILY[3],
        Raiser.FAMILY,
        "Dad had a fall on Sunday and nobody told me until I visited on Wednesday.",
        "My dad, Yusuf.",
        handler=ELM_HANDLER,
        acknowledged=8 * 24,
        outcome=(20, "Staff should have phoned you. We have reminded them."),
        themes=["hm_not_listening"],
    ),
    _concern(
        (3, 20, 21),
        None,
        Raiser.FAMILY,
        "When I complained about my relative's care a member of staff told me to stop "
        "complaining or she might have to find another home.",
        "A resident at Elm Court.",
        handler=ELM_HANDLER,
        acknowledged=13 * 24,
        anonymous=True,
        themes=["harm_culture", "hm_defensive_leadership"],
    ),
    _concern(
        (2, 5, 23),
        None,
        Raiser.STAFF,
        "I saw a colleague handle a resident roughly while moving her. It was not reported, "
        "and I was told it was not worth writing up.",
        "A resident at Elm Court.",
        handler=SAFEGUARDING,
        acknowledged=18,
        safeguarding=True,
        anonymous=True,
        speak_up=_speak_up(["patient_safety"], "care_assistants", detriment=True),
        themes=["harm_misconduct"],
    ),
    _concern(
        (2, 16, 20),
        None,
        Raiser.FAMILY,
        "Drinks are left out of reach in people's rooms. My relative is often thirsty when I "
        "visit.",
        "Residents who stay in their rooms.",
        handler=ELM_HANDLER,
        acknowledged=11 * 24,
        anonymous=True,
        themes=["harm_practice"],
    ),
    # The last whole month: five concerns here, four anonymous, and one more anonymous one in
    # ELM_SPEAK_UP_CASES; only the safeguarding lead's on time.
    _concern(
        (1, 2, 21),
        None,
        Raiser.FAMILY,
        "Nobody has been out in the garden all month, even on the warm days.",
        "Residents at Elm Court.",
        handler=ELM_HANDLER,
        acknowledged=12 * 24,
        anonymous=True,
        themes=["hm_disconnected"],
    ),
    _concern(
        (1, 3, 22),
        None,
        Raiser.STAFF,
        "Staff who raise problems are given fewer shifts the next week. People have stopped "
        "saying anything.",
        "Staff at Elm Court.",
        handler=ELM_SPEAK_UP,
        acknowledged=14 * 24,
        anonymous=True,
        speak_up=_speak_up(["bullying", "worker_safety"], "not_said", detriment=True),
        themes=["harm_culture", "hm_defensive_leadership"],
    ),
    _concern(
        (1, 6, 19),
        ELM_FAMILY[9],
        Raiser.FAMILY,
        "Dad has lost a lot of weight in two months. I asked whether he is being weighed and "
        "nobody could tell me.",
        "My dad, Albert.",
        handler=ELM_HANDLER,
        acknowledged=9 * 24,
        themes=["harm_practice"],
    ),
    _concern(
        (1, 7, 20),
        None,
        Raiser.FAMILY,
        "I no longer feel welcome when I visit. A member of staff stays in the room the whole "
        "time and my relative will not talk in front of them.",
        "A resident at Elm Court.",
        handler=ELM_HANDLER,
        acknowledged=10 * 24,
        anonymous=True,
        themes=["hm_risk_avoidance", "harm_culture"],
    ),
    _concern(
        (1, 9, 22),
        None,
        Raiser.STAFF,
        "We are told not to write incidents down, so that they do not show up in the figures.",
        "Residents at Elm Court.",
        handler=SAFEGUARDING,
        acknowledged=16,
        safeguarding=True,
        anonymous=True,
        speak_up=_speak_up(["patient_safety", "attitudes"], "registered_nurses", detriment=True),
        themes=["harm_culture", "hm_defensive_leadership"],
    ),
]

# More speak-up cases at Elm Court in the last months: from cleaners, kitchen, night and agency
# staff, several saying they were treated worse for speaking up, and few who would do it again.
# Each month holds fewer than 5, so the figures are withheld and the red flags say only what
# pattern they saw (read over three months).
ELM_SPEAK_UP_CASES = [
    _concern(
        (4, 11, 21),
        None,
        Raiser.STAFF,
        "When I said a resident had bruises on her arm, the senior carer told me cleaners should "
        "mind their own business.",
        "A resident on the first floor.",
        handler=ELM_SPEAK_UP,
        acknowledged=9 * 24,
        outcome=(
            16,
            "The bruising was checked and recorded. Every member of staff has been reminded "
            "that anyone can and should report bruising.",
        ),
        closed=20,
        anonymous=True,
        speak_up=_speak_up(["patient_safety", "attitudes"], "estates_ancillary"),
        again="maybe",
        themes=["harm_culture", "hm_not_listening"],
    ),
    _concern(
        (3, 6, 22),
        None,
        Raiser.STAFF,
        "Residents who need help to eat are given their plates, and the plates are cleared half "
        "an hour later, eaten or not.",
        "Residents who need help at mealtimes.",
        handler=ELM_SPEAK_UP,
        acknowledged=9 * 24,
        outcome=(18, "A carer is now named for each dining room at every meal."),
        closed=22,
        anonymous=True,
        speak_up=_speak_up(["patient_safety"], "other"),
        again="no",
        themes=["harm_practice"],
    ),
    _concern(
        (3, 18, 20),
        None,
        Raiser.STAFF,
        "Since I asked for a second person on the night shift I have been left off the weekend "
        "rota.",
        "Night staff.",
        handler=ELM_SPEAK_UP,
        acknowledged=10 * 24,
        outcome=(21, "We are reviewing how weekend shifts are shared out."),
        closed=25,
        contact=("Joy", "joy.nights@example.org"),
        speak_up=_speak_up(["bullying", "worker_safety"], "care_assistants", detriment=True),
        again="no",
        themes=["harm_culture", "hm_defensive_leadership"],
    ),
    _concern(
        (2, 10, 21),
        None,
        Raiser.STAFF,
        "Agency staff are not told which residents cannot swallow safely. I was nearly given "
        "the wrong drinks for someone.",
        "Residents who need thickened drinks.",
        handler=ELM_SPEAK_UP,
        acknowledged=9 * 24,
        outcome=(14, "Agency staff now get a one-page list of eating and drinking needs."),
        closed=18,
        anonymous=True,
        speak_up=_speak_up(["patient_safety"], "care_assistants"),
        again="dont_know",
        themes=["harm_practice"],
    ),
    _concern(
        (2, 24, 22),
        None,
        Raiser.STAFF,
        "I was told to change the dates on supervision records so that they look up to date "
        "for the inspection.",
        "Staff at Elm Court.",
        handler=ELM_SPEAK_UP,
        acknowledged=9 * 24,
        outcome=(12, "Supervision records are being checked by someone from outside the home."),
        closed=16,
        anonymous=True,
        speak_up=_speak_up(["attitudes", "other_category"], "administrative", detriment=True),
        again="no",
        themes=["hm_defensive_leadership"],
    ),
    _concern(
        (1, 12, 21),
        None,
        Raiser.STAFF,
        "People who are off sick are talked about in the staff room and called lazy by the "
        "deputy manager.",
        "Staff at Elm Court.",
        handler=ELM_SPEAK_UP,
        acknowledged=9 * 24,
        outcome=(
            10,
            "The deputy manager has been spoken to, and sickness is now discussed in private only.",
        ),
        closed=14,
        anonymous=True,
        speak_up=_speak_up(["bullying"], "care_assistants"),
        again="yes",
        themes=["harm_culture"],
    ),
]

WILLOW_CONCERNS = [
    _concern(
        (24, 10, 19),
        WILLOW_FAMILY[2],
        Raiser.FAMILY,
        "Dad's glasses were broken and it took a week to get them mended.",
        "My dad, Peter.",
        handler=WILLOW_HOST,
        acknowledged=16,
        outcome=(5, "The optician now visits every fortnight, and repairs go out the same day."),
        closed=8,
    ),
    _concern(
        (21, 15, 20),
        WILLOW_FAMILY[3],
        Raiser.FAMILY,
        "Mum's room was very cold on two evenings; the radiator was off.",
        "My mum, Beatrice.",
        handler=WILLOW_HOST,
        acknowledged=14,
        outcome=(
            4,
            "The valve was faulty and has been replaced. Night staff now check room "
            "temperatures on their first round.",
        ),
        closed=6,
    ),
    _concern(
        (19, 4, 13),
        WILLOW_FAMILY[4],
        Raiser.FAMILY,
        "Mum was given another resident's tablets at lunchtime. The nurse noticed straight "
        "away, but I am worried.",
        "My mum, Joan.",
        handler=SAFEGUARDING,
        acknowledged=3,
        outcome=(
            9,
            "Joan was checked by her GP the same day and came to no harm. We told the "
            "council's safeguarding team. Medicines are now given from each person's own room, "
            "with a photo on every chart, and the nurse has had refresher training.",
        ),
        closed=14,
        safeguarding=True,
    ),
    _concern(
        (17, 22, 18),
        WILLOW_FAMILY[5],
        Raiser.FAMILY,
        "Nobody told me Mum had a hospital appointment; she went on her own with a carer she "
        "did not know.",
        "My mum, Rose.",
        handler=WILLOW_HOST,
        acknowledged=20,
        outcome=(
            6,
            "We should have asked you. Families are now asked whether they want to come "
            "to every appointment, and a familiar carer goes with Rose.",
        ),
        closed=10,
        themes=["hm_not_listening"],
    ),
    _concern(
        (15, 8, 20),
        WILLOW_FAMILY[6],
        Raiser.FAMILY,
        "Dad's hearing aid went missing after his bath.",
        "My dad, Stanley.",
        handler=WILLOW_HOST,
        acknowledged=15,
        outcome=(
            3,
            "It was found in the bathroom cabinet. Hearing aids now go in a named pot "
            "before a bath.",
        ),
        closed=5,
    ),
    _concern(
        (13, 11, 19),
        WILLOW_FAMILY[7],
        Raiser.FAMILY,
        "There have been a lot of new faces on the weekend shifts and Mum finds it unsettling.",
        "My mum, Irene.",
        handler=WILLOW_HOST,
        acknowledged=22,
        outcome=(
            7,
            "Two new carers have joined the weekend team for good, so there will be "
            "fewer agency staff. We have introduced them to Irene.",
        ),
        closed=12,
    ),
    _concern(
        (11, 3, 18),
        WILLOW_FAMILY[8],
        Raiser.FAMILY,
        "Dad's vegetarian meals have twice come with meat in them.",
        "My dad, Harish.",
        handler=WILLOW_HOST,
        acknowledged=17,
        outcome=(
            4,
            "We are very sorry. Vegetarian meals now have their own coloured plates and "
            "are checked by the cook before they leave the kitchen.",
        ),
        closed=7,
        themes=["harm_practice"],
    ),
    _concern(
        (9, 14, 20),
        forum_demo.FAMILY,
        Raiser.FAMILY,
        "The garden path is uneven and Mum nearly fell on her walk.",
        "My mum, Margaret.",
        handler=WILLOW_HOST,
        acknowledged=19,
        outcome=(10, "The path has been relaid and a handrail added."),
        closed=14,
    ),
    _concern(
        (7, 6, 19),
        WILLOW_FAMILY[2],
        Raiser.FAMILY,
        "The hairdresser's visits were cancelled twice without telling anyone.",
        "My dad, Peter, and others.",
        handler=WILLOW_HOST,
        acknowledged=16,
        outcome=(
            5,
            "The hairdresser now visits on a fixed day and reception phones families "
            "if it changes.",
        ),
        closed=8,
    ),
    _concern(
        (5, 18, 20),
        WILLOW_FAMILY[3],
        Raiser.FAMILY,
        "Mum's call bell was out of reach when I arrived this evening.",
        "My mum, Beatrice.",
        handler=WILLOW_HOST,
        acknowledged=13,
        outcome=(4, "Call bells are now checked on every round. Thank you for telling us."),
        closed=6,
        themes=["harm_practice"],
    ),
]

HOME_CARE_CONCERNS = [
    _concern(
        (23, 12, 10),
        None,
        Raiser.PERSON,
        "My morning carer arrived an hour late three times this week.",
        "Me.",
        handler=forum_demo.LEADER,
        acknowledged=24,
        outcome=(6, "Your visits now have a fixed carer and a 30-minute window."),
        closed=9,
        contact=("Mr Ken Ashby", "ken.ashby@example.org"),
    ),
    _concern(
        (20, 5, 15),
        None,
        Raiser.FAMILY,
        "Nobody told Dad his regular carer was on holiday, and a stranger turned up.",
        "My dad.",
        handler=forum_demo.LEADER,
        acknowledged=20,
        outcome=(5, "People are now told of a change of carer the day before."),
        closed=8,
        contact=("Sally Burns", "sally.burns@example.org"),
    ),
    _concern(
        (17, 9, 12),
        None,
        Raiser.PERSON,
        "The carer did not have time to help me shower.",
        "Me.",
        handler=forum_demo.LEADER,
        acknowledged=22,
        outcome=(7, "Your morning visit is now 45 minutes instead of 30."),
        closed=10,
        contact=("Mrs Ada Finch", "ada.finch@example.org"),
    ),
    _concern(
        (14, 14, 11),
        None,
        Raiser.FAMILY,
        "Mum's medication record had gaps on two days.",
        "My mum.",
        handler=SAFEGUARDING,
        acknowledged=4,
        outcome=(
            8,
            "Both doses were given but not signed for. The carers have had a refresher "
            "and records are checked weekly.",
        ),
        closed=12,
        safeguarding=True,
        contact=("Peter Lane", "peter.lane@example.org"),
    ),
    _concern(
        (11, 7, 16),
        None,
        Raiser.PERSON,
        "My evening call is too early: I am being put to bed at seven.",
        "Me.",
        handler=forum_demo.LEADER,
        acknowledged=18,
        outcome=(6, "Your evening call has moved to nine o'clock."),
        closed=9,
        contact=("Mr Len Hope", "len.hope@example.org"),
    ),
    _concern(
        (8, 19, 14),
        None,
        Raiser.FAMILY,
        "The key safe code was left written on a note by the door.",
        "My aunt.",
        handler=forum_demo.LEADER,
        acknowledged=6,
        outcome=(3, "The code has been changed and carers reminded never to write it down."),
        closed=5,
        contact=("Mary Quinn", "mary.quinn@example.org"),
    ),
    _concern(
        (6, 10, 13),
        None,
        Raiser.PERSON,
        "Different carers every day this fortnight. I would like the same faces.",
        "Me.",
        handler=forum_demo.LEADER,
        acknowledged=21,
        outcome=(6, "You now have a team of three regular carers."),
        closed=9,
        contact=("Mrs Edna Shaw", "edna.shaw@example.org"),
    ),
    _concern(
        (4, 15, 11),
        None,
        Raiser.FAMILY,
        "Dad's shopping was not put away and the frozen food defrosted.",
        "My dad.",
        handler=forum_demo.LEADER,
        acknowledged=19,
        outcome=(4, "Putting shopping away is now on Dad's visit plan."),
        closed=7,
        contact=("Rob Keane", "rob.keane@example.org"),
    ),
    _concern(
        (2, 8, 10),
        None,
        Raiser.PERSON,
        "My carer was rushing and left before my lunch was ready.",
        "Me.",
        handler=forum_demo.LEADER,
        acknowledged=22,
        outcome=(
            5,
            "We have talked to the carer and your visit plan says lunch is made and "
            "served before they leave.",
        ),
        closed=8,
        contact=("Mr Jim Dale", "jim.dale@example.org"),
    ),
]


# --- Loading --------------------------------------------------------------------------------


# Consent for quotes: a handful of the families' words in the last year, at Elm Court and
# Willow House, that they agreed may be quoted in reports (survey comments; concerns by how
# they begin). Everyone else said nothing, which is no.
QUOTED = frozenset(
    {
        "Visiting feels less welcome than it did.",
        "Too many agency staff who do not know Mum.",
        "Staff look exhausted.",
        "A few of the carers are still wonderful.",
        "Nobody tells us anything.",
        "We are always made welcome.",
        "The lift breaks down too often.",
        "Mum is happy here.",
    }
)
QUOTED_CONCERNS = (
    "There is nothing for people to do at weekends.",
    "Nobody has been out in the garden all month",
    "The garden path is uneven",
)


def in_month(months_ago, day, hour=11):
    """A moment on `day` (up to the 28th) of the month `months_ago` months before this one, at
    `hour` o'clock local time."""
    month = add_months(this_month(), -months_ago)
    return timezone.make_aware(datetime(month.year, month.month, min(day, 28), hour))


def _services():
    return {
        service.name: service
        for service in Service.objects.filter(
            organisation__slug=ORGANISATION, name__in=[ELM_COURT, WILLOW_HOUSE, HOME_CARE]
        )
    }


def _elm_people(elm):
    """Elm Court's forum host and families, made the way the host demo makes its accounts."""
    email, first, last = ELM_HOST
    host = demo_user(email, first, last)
    Membership.objects.get_or_create(
        user=host, organisation=elm.organisation, service=elm, role=Role.FORUM_HOST
    )
    for email, first, last, _visits in ELM_FAMILIES:
        user = demo_user(email, first, last)
        Membership.objects.get_or_create(
            user=user, organisation=elm.organisation, service=elm, role=Role.FAMILY_MEMBER
        )


def _people(organisation):
    user_ids = Membership.objects.filter(organisation=organisation).values("user_id")
    return {user.email: user for user in get_user_model().objects.filter(pk__in=user_ids)}


def load(stdout):
    services = _services()
    if len(services) < 3:
        return
    elm, willow = services[ELM_COURT], services[WILLOW_HOUSE]
    if FamilyForum.objects.filter(service=elm).exists():
        stdout.write("Two years of surveys and concerns at Riverside: already there.\n")
        return
    willow_forum = FamilyForum.objects.filter(service=willow).first()
    if willow_forum is None:
        stdout.write("Surveys and concerns history: Willow House has no family forum; skipped.\n")
        return
    _elm_people(elm)
    people = _people(elm.organisation)
    if any(email not in people for email in (SAFEGUARDING, WILLOW_HOST, forum_demo.LEADER)):
        stdout.write("Surveys and concerns history: the Riverside demo people are missing.\n")
        return
    elm_forum = _elm_forum(elm, people)
    _surveys(elm_forum, people[ELM_HOST[0]], ELM_SURVEYS, [row[0] for row in ELM_FAMILIES], people)
    _surveys(
        willow_forum,
        people[WILLOW_HOST],
        WILLOW_SURVEYS,
        [row[0] for row in forum_demo.FAMILIES],
        people,
    )
    for service, history in (
        (elm, ELM_CONCERNS),
        (elm, ELM_SPEAK_UP_CASES),
        (willow, WILLOW_CONCERNS),
        (services[HOME_CARE], HOME_CARE_CONCERNS),
    ):
        for details in history:
            _concern_history(service, people, details)
    stdout.write(
        f"Two years of surveys and concerns at Riverside: {ELM_COURT} sliding "
        f"({len(ELM_SURVEYS)} quarterly surveys, {len(ELM_CONCERNS) + len(ELM_SPEAK_UP_CASES)} "
        f"concerns, {sum(1 for c in ELM_CONCERNS + ELM_SPEAK_UP_CASES if c['speak_up'])} of "
        f"them speak-up cases), {WILLOW_HOUSE} "
        f"steady ({len(WILLOW_SURVEYS)} surveys, {len(WILLOW_CONCERNS)} concerns), "
        f"{len(HOME_CARE_CONCERNS)} concerns at {HOME_CARE}.\n"
    )


def _elm_forum(elm, people):
    forum = forums.forum_create(elm, name=ELM_FORUM["name"], welcome=ELM_FORUM["welcome"])
    started = in_month(24, 3, 10)
    backdate(forum, created_at=started)
    for joined, (email, _first, _last, visits) in enumerate(ELM_FAMILIES):
        place = forums.family_visits_set(forum, people[email], visits)
        backdate(place, joined_at=started + timedelta(days=2 + 3 * joined, hours=9))
    return forum


def _surveys(forum, host, rounds, families, people):
    """The quarterly surveys; the families who wrote a comment in QUOTED agreed to be quoted."""
    for months_ago, answers in rounds:
        month_name = month_label(in_month(months_ago, 1))
        survey_held(
            forum,
            host,
            title=f"Family survey, {month_name}",
            opens_at=in_month(months_ago, 1, 9),
            closes_at=in_month(months_ago, 21, 17),
            created_at=in_month(months_ago + 1, 25, 10),
            answers=[
                (people[email], recommend, good, better)
                for email, (recommend, good, better) in zip(families, answers, strict=False)
            ],
            quoted=QUOTED,
        )


def _concern_history(service, people, details):
    """Raise the concern at its moment, then acknowledge it (and look into it), share its
    outcome and close it when each happened; a step that would fall after now is left out."""
    raised = in_month(*details["raised"])
    may_quote = details["what_happened"].startswith(QUOTED_CONCERNS)
    concern, _code = concern_raised(service, people, {**details, "may_quote": may_quote}, raised)
    handler = people[details["handler"]]
    now = timezone.now()
    acknowledged = raised + timedelta(hours=details["acknowledged"])
    steps = [
        (Status.ACKNOWLEDGED, acknowledged, "Acknowledged.", ""),
        (Status.LOOKING_INTO, acknowledged + timedelta(hours=1), "Looking into it.", ""),
    ]
    if details["outcome"]:
        days, outcome = details["outcome"]
        steps.append((Status.OUTCOME_SHARED, raised + timedelta(days=days), "", outcome))
    if details["closed"]:
        steps.append((Status.CLOSED, raised + timedelta(days=details["closed"]), "", ""))
    for status, when, note, outcome in steps:
        if when >= now:
            break
        concerns.concern_status_set(concern, status, handler, outcome=outcome, note=note, now=when)
        date_new_events(concern, when)
    concern = Concern.objects.get(pk=concern.pk)
    if details["again"] and concerns.may_answer_again(concern):
        concerns.speak_up_again_answer(concern, details["again"])
    return concern
