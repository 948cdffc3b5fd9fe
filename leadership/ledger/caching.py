"""Ledgers kept in the cache for a few minutes (issue 13's targets at the scale of a Board area).

A ledger asks every plugin's evidence live: a service's ledger is about 35 queries and the
organisation's summary about as many, 2 to 3 times a bare page at `sab`, and a leader reading
the ledger moves between the summary, a service, its CSV and back. The evidence is counted by
month and a statement's status turns on the latest three months, so a ledger a few minutes old
says what a fresh one says about as often as not; the page says when it was worked out and
offers to work it out again at once ("fresh"). The inspection pack is always worked out afresh.

The key holds all that decides what a ledger shows besides the evidence itself: the kind, the
organisation and framework version, the services (with their names, so a renamed service shows
its new name at once), the months, when the figures were last complete (a new run of the
figures shows at once), and, for a service's ledger, the person reading it, since its links are
only those the reader may open (two people never share a service's ledger). While the figures are
being brought up to date nothing is kept, as on the dashboards.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone

# Raise when what a ledger holds, or how it is drawn, changes: old entries are then unused.
VERSION = 1
SECONDS = 5 * 60
MINUTES = SECONDS // 60
FRESH = "fresh"


def ledger_key(kind, as_of, framework, months, *parts):
    """The cache key of a ledger, or None when nothing may be kept (the figures are being
    brought up to date, or were never worked out)."""
    if as_of.open_run is not None or as_of.at is None:
        return None
    organisation = as_of.organisation
    key = (
        VERSION,
        kind,
        organisation.pk,
        organisation.slug,
        organisation.name,
        framework.pk if framework else None,
        as_of.at.isoformat(),
        months.first.isoformat(),
        months.end.isoformat(),
        parts,
    )
    return f"leadership:ledger:{hashlib.sha256(repr(key).encode()).hexdigest()}"


def service_key(as_of, framework, months, service, viewer):
    return ledger_key("service", as_of, framework, months, service.pk, service.name, viewer.pk)


def summary_key(as_of, framework, months, services, page_number):
    return ledger_key(
        "summary",
        as_of,
        framework,
        months,
        tuple((service.pk, service.name) for service in services),
        page_number,
    )


def cached(key, build, fresh=False):
    """(what `build()` gives, when it was worked out): kept under `key` for SECONDS, worked out
    again when missing or when `fresh`; worked out every time without a key."""
    if key is not None and not fresh:
        kept = cache.get(key)
        if kept is not None:
            return kept
    worked_out = (build(), timezone.now())
    if key is not None:
        cache.set(key, worked_out, SECONDS)
    return worked_out


def wants_fresh(request):
    return request.GET.get(FRESH) == "1"


def fresh_url(request):
    """The page with `fresh=1`: the link that works its ledger out again now."""
    query = request.GET.copy()
    query[FRESH] = "1"
    return f"{request.path}?{query.urlencode()}"


def without_fresh(request):
    """The page's address without `fresh`, where a page that worked its ledger out again sends
    the person back, so that the address they keep (or page on from) reads the cache."""
    query = request.GET.copy()
    query.pop(FRESH, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path
