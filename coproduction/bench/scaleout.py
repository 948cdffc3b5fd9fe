"""What the co-production plugin writes in `make bench SCALEOUT=1` (see cms/bench/scaleout.py):
the family member raises concerns through the load balancer while the traffic runs. A concern is
stored by the app server that took the POST and routed by whichever Celery worker takes its
task; the check is that each was routed exactly once and each of its people alerted once."""

import itertools
import re

from django.db.models import Count
from django.urls import reverse

from cms.bench.runner import BenchError, _csrf_token
from cms.bench.scaleout import exactly_once, register_write

ALERT = "coproduction/concerns/email/concern_alert"
REFERENCE = re.compile(r"Your reference is <strong>(C-[A-Z0-9]+)</strong>")
# Every other concern is a possible safeguarding concern: the two routes alert different people.
_safeguarding = itertools.cycle(("no", "yes"))


def raise_concern(session, base_url, facts):
    """The concern form, as the family member fills it in; returns the concern's reference."""
    url = base_url + reverse("coproduction:concern_raise_for_service", args=[facts.big_service_id])
    page = session.get(url)
    answer = session.post(
        url,
        data={
            "csrfmiddlewaretoken": _csrf_token(page),
            "step": "details",
            "service": str(facts.big_service_id),
            "at_risk_now": "no",
            "raiser_role": "family",
            "what_happened": "The call bell was not answered for an hour at night (bench).",
            "who_is_affected": "Mum",
            "possible_safeguarding": next(_safeguarding),
        },
        headers={"Referer": url},
        allow_redirects=False,
    )
    found = REFERENCE.search(answer.text) if answer.status_code == 200 else None
    if not found:
        raise BenchError(f"raising a concern answered {answer.status_code} with no reference")
    return found.group(1)


def routed(facts, references, since):
    from coproduction.concerns.models import Concern

    return not Concern.objects.filter(reference__in=references, routed_at__isnull=True).exists()


def check_routing(facts, references, since):
    """Each concern raised has one "routed" event, and one alert email to each of the people
    its route names (counted in the outbox, which names the concern's reference)."""
    from cms.outbox.models import OutboxMessage
    from coproduction.concerns import selectors
    from coproduction.concerns.models import Concern, ConcernEvent

    routings = dict(
        ConcernEvent.objects.filter(
            concern__reference__in=references, kind=ConcernEvent.Kind.ROUTED
        )
        .values_list("concern__reference")
        .annotate(n=Count("pk"))
    )
    expected = []
    for concern in Concern.objects.filter(reference__in=references).select_related("service"):
        addresses = {person.email.lower() for person in selectors.route_people(concern)}
        expected += [(concern.reference, address) for address in sorted(addresses) if address]
    emails = {}
    wanted = set(references)
    for subject, to in OutboxMessage.objects.filter(kind=ALERT).values_list("subject", "to"):
        for reference in REFERENCE_IN_SUBJECT.findall(subject):
            if reference in wanted:
                key = (reference, to.lower())
                emails[key] = emails.get(key, 0) + 1
    return [
        exactly_once(
            f"every concern routed exactly once ({len(references)} raised)",
            routings,
            references,
            noun="routing",
        ),
        exactly_once("every alert emailed once to each person", emails, expected, noun="email"),
    ]


REFERENCE_IN_SUBJECT = re.compile(r"\bC-[A-Z0-9]+\b")

register_write(
    "concerns raised",
    role="family",
    send=raise_concern,
    settled=routed,
    check=check_routing,
)
