"""Reads of the concerns part: who a concern goes to, and which concerns a person sees.

Who sees a concern (the same as coproduction/concerns/rules.py): the organisation's leaders
see all of its concerns; safeguarding leads see every concern of their services (a concern not
marked as possible abuse may still be one); forum hosts see the concerns of their services that
are not possible safeguarding concerns (those go to the safeguarding leads only).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from cms import access
from cms.organisations.models import Membership, Role
from coproduction.concerns.models import Concern, ConcernContacts
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


def route_people(concern):
    """The people a concern's alerts go to: its safeguarding leads or its forum hosts; the
    organisation's leaders when there are none, so an alert always reaches someone."""
    safeguarding = concern.route == Concern.Route.SAFEGUARDING or (
        not concern.route and concern.possible_safeguarding
    )
    people = list(_people(concern, Role.SAFEGUARDING_LEAD if safeguarding else Role.FORUM_HOST))
    return people or leaders_of(concern)


def visible_concerns(user):
    """The concerns `user` may see as staff."""
    condition = access.reach_q(user, Role.LEADER, Role.SAFEGUARDING_LEAD) | (
        access.reach_q(user, Role.FORUM_HOST) & Q(possible_safeguarding=False)
    )
    return Concern.objects.filter(condition).select_related("service", "organisation")


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
    return Concern.objects.filter(raised_by=user, anonymous=False).select_related("service")


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
