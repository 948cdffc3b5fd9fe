"""Built dashboards kept in the cache until the figures change (issue 16).

A dashboard is built from the snapshots of one run of the figures, so between runs the same
request gives the same page: building it walks every service's months (a second at the scale
of a Safeguarding Adults Board area), and rendering it, a tenth of that. The key holds all that
decides what the page shows: the kind, the organisation, the services this person may see (so
two people see the same cached page only when they may see the same services: never across
permissions), the months, the filters and page asked for, what else was read (the active flags)
and when the figures were last complete. While a run is open the figures change under it, so
nothing is cached then.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

# Raise when what a dashboard holds, or how it is drawn, changes: old entries are then unused.
VERSION = 1
SECONDS = 6 * 60 * 60
SECTIONS_TEMPLATE = "leadership/dashboards/_sections.html"


def dashboard_key(kind, as_of, services, months, query, *read):
    """The cache key of a dashboard, or None when the figures are being brought up to date (or
    were never worked out), when nothing may be cached."""
    if as_of.open_run is not None or as_of.at is None:
        return None
    parts = (
        VERSION,
        kind,
        as_of.organisation.pk,
        # Names too: a service renamed since shows its new name at once.
        as_of.organisation.slug,
        as_of.organisation.name,
        as_of.at.isoformat(),
        tuple((service.pk, service.name) for service in services),
        months.first.isoformat(),
        months.end.isoformat(),
        tuple(sorted(query.lists())),
        read,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"leadership:dashboard:{digest}"


def cached(key, build):
    """The dashboard under `key`, built (and kept) when missing; built every time without a
    key."""
    if key is None:
        return build()
    dashboard = cache.get(key)
    if dashboard is None:
        dashboard = build()
        cache.set(key, dashboard, SECONDS)
    return dashboard


def sections_html(key, dashboard):
    """The dashboard's sections as HTML, kept beside it: they hold nothing about the person
    reading them beyond what the key holds."""
    if key is None:
        return render_to_string(SECTIONS_TEMPLATE, {"dashboard": dashboard})
    html_key = f"{key}:html"
    html = cache.get(html_key)
    if html is None:
        html = render_to_string(SECTIONS_TEMPLATE, {"dashboard": dashboard})
        cache.set(html_key, html, SECONDS)
    return html
