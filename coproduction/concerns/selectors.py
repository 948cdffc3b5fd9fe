"""Reads of the concerns part: who a concern goes to, and which concerns a person sees.

Who sees a concern (the same as coproduction/concerns/rules.py): the organisation's leaders
see all of its concerns; safeguarding leads see every concern of their services (a concern not
marked as possible abuse may still be one); forum hosts see the concerns of their services that
are not possible safeguarding concerns (those go to the safeguarding leads only). A speak-up
case is the exception: its speak-up leads see it, and its safeguarding leads when it could be
abuse or neglect; leaders and forum hosts do not (a route outside the line).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cms import access
from cms.indicators import MIN_PEOPLE
from cms.organisations.models import Membership, Role
from cms.periods import add_months, month_label, month_start
from coproduction.concerns.models import Concern, ConcernContacts, SpeakUpCase
from coproduction.tracker.models import Theme


def _people(concern, role):
    """Active people holding `role` for the concern's service (or organisation-wide)."""
    user_ids = Membership.objects.filter(
        Q(service=concern.service_id) | Q(service__isnull=True),
        organisation_id=concern.organisation_id,
        role=role,
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


def leaders_of(concern):
    return list(_people(concern, Role.LEADER))


def speak_up_of(concern):
    """The concern's speak-up case, or None when it is not one."""
    try:
        return concern.speak_up
    except SpeakUpCase.DoesNotExist:
        return None


def is_speak_up(concern):
    return speak_up_of(concern) is not None


def route_people(concern):
    """The people a concern's alerts go to: its safeguarding leads or its forum hosts; for a
    speak-up case its speak-up leads (and its safeguarding leads too when it could be abuse or
    neglect); the organisation's leaders when there are none, so an alert always reaches
    someone (they are told a case waits, not what it says: they cannot open a speak-up case)."""
    safeguarding = concern.route == Concern.Route.SAFEGUARDING or (
        not concern.route and concern.possible_safeguarding
    )
    if is_speak_up(concern):
        people = list(_people(concern, Role.SPEAK_UP_LEAD))
        if safeguarding:
            people += [p for p in _people(concern, Role.SAFEGUARDING_LEAD) if p not in people]
        return people or leaders_of(concern)
    people = list(_people(concern, Role.SAFEGUARDING_LEAD if safeguarding else Role.FORUM_HOST))
    return people or leaders_of(concern)


def visible_concerns(user):
    """The concerns `user` may see as staff."""
    ordinary = access.reach_q(user, Role.LEADER, Role.SAFEGUARDING_LEAD) | (
        access.reach_q(user, Role.FORUM_HOST) & Q(possible_safeguarding=False)
    )
    speak_up = access.reach_q(user, Role.SPEAK_UP_LEAD) | (
        access.reach_q(user, Role.SAFEGUARDING_LEAD) & Q(possible_safeguarding=True)
    )
    condition = (Q(speak_up__isnull=True) & ordinary) | (Q(speak_up__isnull=False) & speak_up)
    return Concern.objects.filter(condition).select_related("service", "organisation", "speak_up")


def concern_list(user, status=""):
    concerns = visible_concerns(user)
    if status:
        concerns = concerns.filter(status=status)
    return concerns.order_by("-created_at", "-pk")


def is_overdue(concern, now=None):
    return (
        concern.acknowledged_at is None
        and concern.acknowledge_by is not None
        and concern.acknowledge_by < (now or timezone.now())
    )


def concerns_of(user):
    """A raiser's own concerns: the ones raised with their name on."""
    return Concern.objects.filter(raised_by=user, anonymous=False).select_related(
        "service", "speak_up"
    )


def audit_trail(concern):
    return concern.events.select_related("actor").order_by("at", "pk")


def concern_themes(concern):
    """The themes the concern's feedback item is tagged with."""
    if concern.feedback_item_id is None:
        return Theme.objects.none()
    return Theme.objects.filter(feedback_items=concern.feedback_item_id)


def dialable(number):
    """A phone number as a `tel:` link needs it: digits, with + first for an international one,
    which drops a "(0)" (dialled only from inside the country: +44 (0)300 is +44 300)."""
    international = number.startswith("+")
    if international:
        number = number.replace("(0)", "")
    return ("+" if international else "") + "".join(c for c in number if c.isdigit())


def contacts_of(service):
    """The service's safeguarding contacts, or None when its organisation admin has not set
    them; with `safeguarding_dial` and `out_of_hours_dial` for the phone links."""
    if service is None:
        return None
    contacts = ConcernContacts.objects.filter(service=service).first()
    if contacts is not None:
        contacts.safeguarding_dial = dialable(contacts.safeguarding_phone)
        contacts.out_of_hours_dial = dialable(contacts.out_of_hours_phone)
    return contacts


# --- The quarterly speak-up return ----------------------------------------------------------

# No cell built from fewer than 5 cases is shown, nor one that can be worked out from the
# cells shown beside it (INDICATORS.md G). Zero is a small number like any other
# (leadership/dashboards/suppression.py).
RETURN_MIN_CASES = MIN_PEOPLE
RETURN_QUARTERS = 4
WITHHELD = "withheld"


@dataclass(frozen=True)
class ReturnCell:
    key: str
    label: str
    value: int | None  # None: withheld

    @property
    def text(self):
        return WITHHELD if self.value is None else str(self.value)


@dataclass(frozen=True)
class QuarterReturn:
    start: date  # the first day of the quarter
    end: date  # the first day after it
    cells: tuple

    @property
    def label(self):
        last = add_months(self.end, -1)
        return f"{month_label(self.start)} to {month_label(last)}"

    def cell(self, key):
        return next(cell for cell in self.cells if cell.key == key)


def return_columns():
    """(key, label) of every column of the return, in order: the national return's measures."""
    Group, Again = SpeakUpCase.ProfessionalGroup, SpeakUpCase.Again
    return [
        ("cases", "Cases raised"),
        ("anonymous", "Raised anonymously"),
        ("detriment", "Said they suffered detriment for speaking up"),
        *((f"category:{name}", f"Category: {label}") for name, label in SpeakUpCase.CATEGORIES),
        *((f"group:{value}", f"Professional group: {label}") for value, label in Group.choices),
        *((f"again:{value}", f"Would speak up again: {label}") for value, label in Again.choices),
        ("again:", "Would speak up again: not answered (yet)"),
    ]


def _quarter_starts(today, count):
    """The first days of the `count` whole calendar quarters before `today`'s, oldest first."""
    current = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [add_months(current, -3 * back) for back in range(count, 0, -1)]


def _midnight(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def _withhold(parts, total):
    """The keys to withhold among `parts` ((key or None for a cell that is never shown but
    follows from the total, value)), which add up to `total` (shown): every cell under 5, then,
    while the withheld cells together come to less than 5 (so their sum, the total less the
    cells shown, would be a small number) or could each be pinned at its most (4 each), the
    smallest cell still shown as well."""
    withheld = [(key, value) for key, value in parts if key is None or value < RETURN_MIN_CASES]
    shown = sorted(
        ((key, value) for key, value in parts if (key, value) not in withheld),
        key=lambda part: part[1],
    )

    def safe():
        if not withheld:
            return True
        residual = sum(value for _key, value in withheld)
        if residual < RETURN_MIN_CASES:
            return False
        # Every withheld cell under 5 and their sum 4 each: each is pinned at 4.
        all_small = all(key is not None and value < RETURN_MIN_CASES for key, value in withheld)
        return not (all_small and residual == (RETURN_MIN_CASES - 1) * len(withheld))

    while not safe() and shown:
        withheld.append(shown.pop(0))
    assert sum(value for _key, value in parts) == total
    return {key for key, _value in withheld if key is not None}


def _monthly_shown(cases):
    """How many of `cases` (rows with service_id, created_at, detriment) the monthly figures of
    each service show: a service's month is shown on the dashboards when it rests on 5 cases
    or more (`speakup_cases`), and its detriment share when the detriment cases are 5 or more
    (a rate standing for fewer than 5 is withheld there). Returns (cases, detriment) shown."""
    by_month = Counter()
    detriment = Counter()
    for row in cases:
        month = month_start(timezone.localtime(row["concern__created_at"]))
        by_month[row["concern__service_id"], month] += 1
        detriment[row["concern__service_id"], month] += row["detriment"]
    shown_cases = sum(n for n in by_month.values() if n >= RETURN_MIN_CASES)
    shown_detriment = sum(
        detriment[key]
        for key, n in by_month.items()
        if n >= RETURN_MIN_CASES and detriment[key] >= RETURN_MIN_CASES
    )
    return shown_cases, shown_detriment


def quarter_return(organisation, start):
    """The speak-up return of `organisation` for the calendar quarter starting on `start`
    (cases raised in it), with every cell the small-number rule withholds set to None."""
    end = add_months(start, 3)
    cases = list(
        SpeakUpCase.objects.filter(
            concern__organisation=organisation,
            concern__created_at__gte=_midnight(start),
            concern__created_at__lt=_midnight(end),
        ).values(
            "concern__service_id",
            "concern__created_at",
            "concern__anonymous",
            "detriment",
            "professional_group",
            "would_speak_up_again",
            *(name for name, _label in SpeakUpCase.CATEGORIES),
        )
    )
    total = len(cases)
    values = {
        "cases": total,
        "anonymous": sum(row["concern__anonymous"] for row in cases),
        "detriment": sum(row["detriment"] for row in cases),
    }
    for name, _label in SpeakUpCase.CATEGORIES:
        values[f"category:{name}"] = sum(row[name] for row in cases)
    groups = Counter(row["professional_group"] for row in cases)
    for value in SpeakUpCase.ProfessionalGroup.values:
        values[f"group:{value}"] = groups[value]
    answers = Counter(row["would_speak_up_again"] for row in cases)
    for value in ["", *SpeakUpCase.Again.values]:
        values[f"again:{value}"] = answers[value]

    shown_cases, shown_detriment = _monthly_shown(cases)
    # Too few cases, or the quarter less the months the dashboards show leaves a small number.
    if total < RETURN_MIN_CASES or 0 < total - shown_cases < RETURN_MIN_CASES:
        withheld = set(values)
    else:
        withheld = set()
        # Each count beside the total splits it in two: the cases counted and the rest.
        for key in ("anonymous", "detriment", *(k for k in values if k.startswith("category:"))):
            withheld |= _withhold([(key, values[key]), (None, total - values[key])], total)
        for prefix in ("group:", "again:"):
            parts = [(key, value) for key, value in values.items() if key.startswith(prefix)]
            withheld |= _withhold(parts, total)
        if 0 < values["detriment"] - shown_detriment < RETURN_MIN_CASES:
            withheld.add("detriment")
    cells = tuple(
        ReturnCell(key, label, None if key in withheld else values[key])
        for key, label in return_columns()
    )
    return QuarterReturn(start, end, cells)


def speak_up_return(organisation, today=None):
    """The return for the last `RETURN_QUARTERS` whole quarters, oldest first. Each quarter is
    withheld on its own; there is no total across quarters, so adding or subtracting quarters
    gives nothing finer than what each shows."""
    today = today or timezone.localdate()
    return [
        quarter_return(organisation, start) for start in _quarter_starts(today, RETURN_QUARTERS)
    ]
