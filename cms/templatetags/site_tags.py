"""Template tags for the host's layout."""

from urllib.parse import urlsplit

from django import template
from django.urls import NoReverseMatch, reverse

from cms.pages.panels import NavigationGroup, navigation, navigation_menu

register = template.Library()


def _current(url, path):
    """aria-current for a link to `url` seen from `path`: "page" on the page itself, "true"
    inside its section, None elsewhere."""
    target = urlsplit(url).path or "/"
    if target == path:
        return "page"
    if target != "/" and path.startswith(target.rstrip("/") + "/"):
        return "true"
    return None


def _link(label, url, path):
    return {"label": label, "url": url, "current": _current(url, path)}


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def site_navigation(context):
    """The main navigation (from the register_site_navigation_item hook: links, and for a
    person with many, sections that open) and the account links for the person viewing the
    page."""
    request = context.get("request")
    if request is None:
        return {"items": [], "account_items": [], "user": None}
    path = request.path
    items = []
    for entry in navigation_menu(navigation(request)):
        if isinstance(entry, NavigationGroup):
            links = [_link(item.label, item.url, path) for item in entry.items]
            current = any(link["current"] for link in links)
            items.append({"label": entry.label, "links": links, "current": current})
        else:
            items.append(_link(entry.label, entry.url, path))
    account_items = []
    user = request.user
    if user.is_authenticated:
        # "Your account" opens on the person's name; email and password are beside it.
        links = (("Your account", "accounts:account_name"), ("Two-step sign-in", "mfa_index"))
        for label, name in links:
            url = _url(name)
            if url:
                account_items.append({"label": label, "url": url, "current": _current(url, path)})
    login_url = _url("account_login")
    return {
        "items": items,
        "account_items": account_items,
        "user": user,
        "logout_url": _url("account_logout"),
        "login_url": login_url,
        "login_current": _current(login_url, path) if login_url else None,
        "next_path": path if not path.startswith("/accounts/") else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Live standard pages at the top of the site that editors marked "show in menus"."""
    from wagtail.models import Site

    from cms.pages.models import StandardPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return list(
        StandardPage.objects.live().public().child_of(site.root_page).filter(show_in_menus=True)
    )
