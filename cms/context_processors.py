"""Template context every page gets."""


def page_default(request):
    """`page` is None outside Wagtail pages (a Wagtail page's own `page` overrides this).

    base.html asks for `page`; a missing variable is logged at DEBUG with the whole template
    context, which on a page such as an anonymous concern's confirmation would put the signed-in
    person's name next to what they raised anonymously."""
    return {"page": None}
