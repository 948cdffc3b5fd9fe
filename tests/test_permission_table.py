"""Every URL pattern of the project's own apps and every page type, for every visitor.

A pattern or page type that is missing from the table fails `test_table_covers_*`, so each new
view or page type arrives with its allowed and denied sides written down. Every row that opens an
object of the world's organisation is also tried by every role of the other organisation, which is
refused unless the object is open to anyone signed in (see tests/permission_table.py).
"""

import importlib
import importlib.util

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import get_page_models

from tests.permission_table import (
    DENIED,
    LOGIN,
    OTHER_VISITORS,
    VISITORS,
    build_world,
    other_organisation_outcome,
)

OWN_APPS = ("cms", "learning", "coproduction", "leadership")


def own_app_labels():
    return {
        config.label for config in apps.get_app_configs() if config.name.split(".")[0] in OWN_APPS
    }


def collect_rows():
    """Rows from tests/<package>/permission_rows.py of every installed package of ours."""
    rows = []
    packages = dict.fromkeys(config.name.split(".")[0] for config in apps.get_app_configs())
    for package in packages:
        module_name = f"tests.{package}.permission_rows"
        if package in OWN_APPS and importlib.util.find_spec(module_name):
            rows.extend(importlib.import_module(module_name).ROWS)
    return rows


ROWS = collect_rows()


def own_url_names(patterns=None, namespace=""):
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= own_url_names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "") or ""
            if module.split(".")[0] in OWN_APPS:
                assert entry.name, f"URL pattern {entry.pattern} of {module} has no name"
                names.add(f"{namespace}{entry.name}")
    return names


def url_names_with_arguments(patterns=None, namespace="", inherited=False):
    """Names of URL patterns whose path names something (an id, a slug, a code)."""
    names = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        takes = inherited or bool(entry.pattern.regex.groups)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= url_names_with_arguments(entry.url_patterns, ns, takes)
        elif isinstance(entry, URLPattern) and entry.name and takes:
            names.add(f"{namespace}{entry.name}")
    return names


def opens_an_object(row):
    return row.is_page_type or row.names_object_in_query or row.key in url_names_with_arguments()


OBJECT_ROWS = [row for row in ROWS if opens_an_object(row)]


def test_table_covers_every_url_pattern_of_our_apps():
    in_table = {row.key for row in ROWS if not row.is_page_type}
    assert own_url_names() - in_table == set(), "add these URL patterns to a permission_rows.py"
    assert in_table - own_url_names() == set(), "these rows name URL patterns that do not exist"


def test_table_covers_every_page_type():
    labels = own_app_labels()
    page_types = {
        model._meta.label for model in get_page_models() if model._meta.app_label in labels
    }
    in_table = {row.key for row in ROWS if row.is_page_type}
    assert page_types - in_table == set(), "add these page types to a permission_rows.py"
    assert in_table - page_types == set(), "these rows name page types that do not exist"


def test_every_row_names_every_visitor():
    for row in ROWS:
        assert set(row.expect) == set(VISITORS), f"{row.key} does not list every visitor"


@pytest.fixture
def world(db):
    return build_world()


def test_every_organisation_has_object_rows():
    """The other organisation's visitors are tried on the object routes of every app."""
    apps_tried = {row.key.split(":")[0].split(".")[0] for row in OBJECT_ROWS}
    assert {"learning", "coproduction", "leadership", "pages"} <= apps_tried


def refused(response):
    """403, 404, a redirect to sign in or to the Wagtail admin's home (its "permission denied"),
    or a chooser's answer that chooses nothing; a refusal never shows or changes the object."""
    if response.status_code in (403, 404):
        return True
    if response.get("Content-Type", "").startswith("application/json"):
        return response.status_code == 200 and response.json().get("result") == []
    if response.status_code != 302:
        return False
    location = response["Location"].split("?")[0]
    return location.startswith(resolve_url(settings.LOGIN_URL)) or location == reverse(
        "wagtailadmin_home"
    )


def check(row, url, world, visitor):
    """What `visitor` gets on `row`'s URL, against what the table expects; None when right."""
    client = Client()
    person = world.people[visitor]
    if person is not None:
        client.force_login(person)
    response = getattr(client, row.method)(url, row.data)
    expected = (
        other_organisation_outcome(row, world) if visitor in OTHER_VISITORS else row.expect[visitor]
    )
    if callable(expected):
        expected = expected(world, visitor)
    got = f"got {response.status_code} {response.get('Location', '')}"
    if expected == DENIED:
        if not refused(response):
            return f"{visitor} {row.method.upper()} {url}: expected a refusal, {got}"
    elif expected == LOGIN:
        if response.status_code != 302 or not response["Location"].startswith(
            resolve_url(settings.LOGIN_URL)
        ):
            return f"{visitor} {row.method.upper()} {url}: expected the sign-in page, {got}"
    elif response.status_code != expected:
        return f"{visitor} {row.method.upper()} {url}: expected {expected}, {got}"
    return None


@pytest.mark.parametrize("row", ROWS, ids=[row.key for row in ROWS])
def test_permission(world, row, subtests):
    """Each visitor of the row in turn, each inside a savepoint that is rolled back, so one
    visitor's POST never changes what the next one meets, and the world and the row's object
    are built once per row rather than once per visitor."""
    visitors = [*VISITORS, *(OTHER_VISITORS if row in OBJECT_ROWS else ())]
    for visitor in visitors:
        world.people[visitor]  # made outside the savepoints, so it outlives them
    url = row.url(world)
    for visitor in visitors:
        with subtests.test(visitor=visitor), transaction.atomic():
            cache.clear()  # rate limits start afresh for each visitor
            problem = check(row, url, world, visitor)
            transaction.set_rollback(True)
            assert problem is None, problem
