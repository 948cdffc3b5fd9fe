"""What plugins put on the home page and in the site navigation, through two Wagtail hooks.

``register_home_panel``: ``callable(request) -> None | HomePanel | dict``. Return None when the
person has nothing to see from you (for example they hold no role you serve). A dict needs the
same keys as ``HomePanel``'s fields. Items are plain text or ``(label, url)`` pairs; ``link`` is a
``(label, url)`` pair. A panel with no items shows its ``empty`` text.

``register_site_navigation_item``: ``callable(request) -> None | (label, url)``. Return None to
hide the item from this person. Register with ``order`` to place it: the host uses -200 (Home),
-100 (Resource bank) and 1000 (Admin); plugins usually leave the default, 0.

Plugins register both in their ``wagtail_hooks.py``; the host never imports a plugin.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

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


def navigation_items(request):
    """The (label, url) pairs the registered hooks show to this person, in hook order."""
    items = []
    for hook in hooks.get_hooks(NAVIGATION_HOOK):
        result = hook(request)
        if result:
            label, url = result
            items.append((str(label), url))
    return items
