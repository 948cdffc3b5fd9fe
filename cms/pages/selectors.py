"""Reads for the host's pages: the resource bank's search and filters, and where things are."""

from wagtail.models import Site

from cms.pagination import paginate

from .forms import ResourceFilterForm
from .models import ResourceIndexPage, ResourcePage

RESOURCES_PER_PAGE = 10


def resources_in(index_page):
    """The live, public resources in one resource bank, in title order."""
    return ResourcePage.objects.live().public().child_of(index_page).order_by("title")


def resource_search(index_page, q="", stakeholder=None, theme=None):
    """Resources in `index_page` matching every filter given: search text (best match first),
    who it is for, and theme. Filters left empty do not narrow anything."""
    resources = resources_in(index_page)
    if stakeholder is not None:
        resources = resources.filter(stakeholders=stakeholder)
    if theme is not None:
        resources = resources.filter(themes=theme)
    if not q:
        return resources.prefetch_related("themes", "stakeholders")
    # The search backend indexes only declared filter fields, so the many-to-many filters are
    # applied first and the search runs over the ids that pass them.
    matching = ResourcePage.objects.filter(pk__in=list(resources.values_list("pk", flat=True)))
    return matching.search(q)


def resource_listing(index_page, params):
    """Everything the resource bank's listing shows for the GET parameters `params`."""
    form = ResourceFilterForm(params or None)
    filters = form.filters()
    results = resource_search(index_page, **filters)
    page = paginate(params, results, RESOURCES_PER_PAGE, on_each_side=2, on_ends=1)
    return {
        "form": form,
        "filters": filters,
        "is_filtered": any(filters.values()),
        **page,
        "resources": page["page_obj"].object_list,
    }


def resource_bank_for(request):
    """The live resource bank of the site serving `request`, or None (looked up once a request)."""
    if not hasattr(request, "_resource_bank"):
        site = Site.find_for_request(request)
        pages = ResourceIndexPage.objects.live()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        request._resource_bank = pages.first()
    return request._resource_bank


def latest_resources(index_page, count=3):
    """The resources most recently published in `index_page`."""
    return list(resources_in(index_page).order_by("-first_published_at")[:count])
