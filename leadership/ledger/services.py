"""The ledger's rules: which framework version an organisation reads, loading a later one, and
the map of links it reads.

Loading a later version changes nothing of the earlier one: its statements and links stay as
they were, readable on the map page of that version. The organisation's links (the site's map
and its own) are carried to the new version where the new version has a statement and a
category of the same slug; the rest are listed so the admin can see what did not carry.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from . import loading
from .models import EvidenceLink, Framework, FrameworkChoice


def site_frameworks():
    return Framework.objects.filter(organisation__isnull=True)


def framework_of(organisation):
    """The version `organisation`'s ledger reads: its choice, or the site's latest."""
    choice = (
        FrameworkChoice.objects.filter(organisation=organisation)
        .select_related("framework")
        .first()
    )
    if choice is not None:
        return choice.framework
    return site_frameworks().order_by("-loaded_at", "-pk").first()


def frameworks_for(organisation):
    """Every version `organisation` can read: the site's and its own, oldest first."""
    return Framework.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    ).order_by("loaded_at", "pk")


def links_of(framework, organisation):
    """The links `organisation` reads for `framework`: the site's map and its own."""
    return (
        EvidenceLink.objects.filter(statement__framework=framework)
        .filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .select_related("statement", "category")
    )


@transaction.atomic
def load_version(organisation, content, by):
    """Store a later version (`content`, from `loading.decode`) for `organisation`, carry its
    links over and make it the version its ledger reads. Returns (the framework, the links
    carried, the links that could not be)."""
    earlier = framework_of(organisation)
    framework = loading.install_framework(
        apps, content, organisation_id=organisation.pk, loaded_by_id=by.pk
    )
    carried, left = 0, []
    if earlier is not None:
        links = [
            {
                "statement": link.statement.slug,
                "category": link.category.slug,
                "kind": link.kind,
                "key": link.key,
                "params": link.params,
            }
            for link in links_of(earlier, organisation)
        ]
        carried = loading.install_map(apps, framework, links, organisation_id=organisation.pk)
        slugs = set(framework.statements.values_list("slug", flat=True))
        categories = set(framework.categories.values_list("slug", flat=True))
        left = [
            link
            for link in links
            if link["statement"] not in slugs or link["category"] not in categories
        ]
    FrameworkChoice.objects.update_or_create(
        organisation=organisation, defaults={"framework": framework}
    )
    return framework, carried, left


def choose_version(organisation, framework):
    FrameworkChoice.objects.update_or_create(
        organisation=organisation, defaults={"framework": framework}
    )
