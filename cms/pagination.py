"""The one way list pages split into pages, for the host and every plugin: what
`includes/pagination.html` needs."""

from django.core.paginator import Paginator


def paginate(params, items, per_page, param="page", **elided):
    """`{"page_obj", "page_range"}` for the page of `items` that the GET `params` ask for in
    `param`.
    A missing, non-numeric or too-large page number gives a real page (Paginator.get_page)."""
    page_obj = Paginator(items, per_page).get_page(params.get(param))
    return {
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, **elided),
    }
