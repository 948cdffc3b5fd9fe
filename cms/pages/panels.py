"""What plugins put on the home page and in the site navigation, through two Wagtail hooks.

``register_home_panel``: ``callable(request) -> None | HomePanel | dict``. Return None when the
person has nothing to see from you (for example they hold no role you serve). A dict needs the
same keys as ``HomePanel``'s fields. Items are plain text or ``(label, url)`` pairs; ``link`` is a
``(label, url)`` pair. A panel with no items shows its ``empty`` text.

``register_site_navigation_item``: ``callable(request) -> None | (label, url) | NavigationItem``.
Return None to hide the item from this person: offer a link only to a person whose roles let them
use what it opens (decide from ``cms.permissions.roles``, read once a request, and
``person_cached`` for what must be read from the database). A ``NavigationItem`` names the
``group`` it belongs to (one of ``GROUPS``, or a new name): a person with many links sees each
group as a section that opens. Register with ``order`` to place it: the host uses -200 (Home),
-100 (Resource bank) and 1000 (Admin); plugins usually leave the default, 0.

Plugins register both in their ``wagtail_hooks.py``; the host never imports a plugin.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from wagtail import hooks

HOME_PANEL_HOOK = "register_home_panel"
NAVIGATION_HOOK = "register_site_navigation_item"


@dataclass(frozen=True)
class PanelItem:
    label: str
    url: str = ""


@dataclass(frozen=True)
class HomePanel:
    """One box on the home page: a title, what is waiting, and where to go for more."""

    title: str
    items: Sequence[str | tuple[str, str] | PanelItem] = field(default_factory=tuple)
    link: tuple[str, str] | None = None
    empty: str = "Nothing is waiting for you here."

    @classmethod
    def from_hook_result(cls, result):
        """A HomePanel from whatever a hook returned (a HomePanel, a dict, or an object with
        the same attributes), with its items as PanelItems."""
        if isinstance(result, dict):
            get = result.get
        else:

            def get(name, default=None):
                return getattr(result, name, default)

        items = []
        for item in get("items") or ():
            if isinstance(item, PanelItem):
                items.append(item)
            elif isinstance(item, str):
                items.append(PanelItem(item))
            else:
                label, url = item
                items.append(PanelItem(str(label), url or ""))
        link = get("link")
        return cls(
            title=str(get("title") or ""),
            items=tuple(items),
            link=tuple(link) if link else None,
            empty=get("empty") or cls.empty,
        )


def home_panels(request):
    """The panels every registered hook gives this person, in hook order; None results drop."""
    panels = []
    for hook in hooks.get_hooks(HOME_PANEL_HOOK):
        result = hook(request)
        if result is not None:
            panels.append(HomePanel.from_hook_result(result))
    return panels


# --- What the navigation must read from the database, kept per person ------------------------
# A hook that needs more than the person's roles (the spaces they are in, their forums, their
# learning index) asks `person_cached`: read once, then kept in the cache under the person and
# the part, until `forget_person` (their memberships changed: cms.pages.receivers, and each
# part's own receivers for its own memberships) or `forget_part` (what the part reads changed for
# everyone, e.g. a forum opened or a page was published) makes it stale. One cache round trip a
# part, no query.

PERSON_CACHE_SECONDS = 60 * 60
# The part every page's publishing, unpublishing, moving or deleting makes stale.
PAGES = "pages"


def _who(user):
    """Whom a request's memo is for (a test may hand one request to several people)."""
    return user.pk if user.is_authenticated else None


def _person_key(user_id):
    return f"navigation:person:{user_id}"


def _part_key(part):
    return f"navigation:part:{part}"


def person_cached(request, part, compute, depends_on=()):
    """`compute()` for the person of `request`, kept in the cache (see above) until the person,
    `part` or one of the parts it `depends_on` (e.g. PAGES) is forgotten; once a request."""
    user = request.user
    memo = request.__dict__.setdefault("_navigation_parts", {})
    part_of_person = (part, _who(user))
    if part_of_person in memo:
        return memo[part_of_person]
    if not user.is_authenticated:
        memo[part_of_person] = value = compute()
        return value
    marks = [_person_key(user.pk), *(_part_key(name) for name in (part, *depends_on))]
    value_key = f"navigation:{part}:{user.pk}"
    found = cache.get_many([*marks, value_key])
    generation = tuple(found.get(key) for key in marks)
    stored = found.get(value_key)
    if stored is not None and stored[0] == generation:
        value = stored[1]
    else:
        value = compute()
        cache.set(value_key, (generation, value), PERSON_CACHE_SECONDS)
    memo[part_of_person] = value
    return value


def _mark(key):
    # A new random mark rather than a count: a mark the cache dropped and made again can never
    # match a value kept under the old one.
    cache.set(key, uuid.uuid4().hex, None)


def _bump(key):
    """Now, for what this transaction reads next, and again once it commits: another request
    that read the database before the commit may have kept what it saw under the first mark."""
    _mark(key)
    transaction.on_commit(lambda: _mark(key))


def forget_person(user_id):
    """What the navigation keeps for this person is stale (their memberships changed)."""
    _bump(_person_key(user_id))


def forget_part(part):
    """What the navigation keeps for `part` is stale for everyone."""
    _bump(_part_key(part))


# The sections of the navigation, in the order they appear.
LEARNING = "Learning"
LISTENING = "Listening"
SAFEGUARDING = "Safeguarding"
DASHBOARDS = "Dashboards"
GROUPS = (DASHBOARDS, LEARNING, LISTENING, SAFEGUARDING)
# A person with more links than this sees the grouped links as sections that open.
FLAT_LIMIT = 7


@dataclass(frozen=True)
class NavigationItem:
    """One link of the site navigation; `group` names the section it sits in when the person
    has many links ("" for a link that always stands on its own)."""

    label: str
    url: str
    group: str = ""

    @classmethod
    def from_hook_result(cls, result):
        if isinstance(result, NavigationItem):
            return result
        label, url, *group = result
        return cls(str(label), url, str(group[0]) if group else "")


@dataclass(frozen=True)
class NavigationGroup:
    """A section of the navigation: its name and its links."""

    label: str
    items: tuple[NavigationItem, ...]


def navigation(request):
    """The NavigationItems the registered hooks show to this person, in hook order: built once
    a request, however many times the page asks."""
    who, built = getattr(request, "_navigation", (None, None))
    if built is None or who != _who(request.user):
        built = []
        for hook in hooks.get_hooks(NAVIGATION_HOOK):
            result = hook(request)
            if result:
                built.append(NavigationItem.from_hook_result(result))
        built = tuple(built)
        request._navigation = (_who(request.user), built)
    return built


def navigation_items(request):
    """The (label, url) pairs the registered hooks show to this person, in hook order."""
    return [(item.label, item.url) for item in navigation(request)]


def navigation_menu(items, flat_limit=FLAT_LIMIT):
    """`items` as the menu shows them: a few links, each standing alone, or, for a person with
    more than `flat_limit` links, every group of two or more links as one NavigationGroup. The
    groups stand together, in the order of GROUPS (others after them), where the first of their
    links would be; a group of one link stays a link."""
    items = tuple(items)
    if len(items) <= flat_limit:
        return list(items)
    by_group = {}
    for item in items:
        if item.group:
            by_group.setdefault(item.group, []).append(item)
    grouped = {name: members for name, members in by_group.items() if len(members) > 1}
    order = [name for name in GROUPS if name in grouped]
    order += [name for name in grouped if name not in order]
    menu = []
    for item in items:
        if item.group not in grouped:
            menu.append(item)
        elif order:
            menu.extend(NavigationGroup(name, tuple(grouped[name])) for name in order)
            order = []
    return menu
