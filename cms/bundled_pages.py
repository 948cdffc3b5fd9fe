"""Bringing pages made from bundled content up to date on an existing site.

The demo loaders (`load_demo`: the resource bank, the learning paths) make pages from content
written in code, and leave a page alone once it exists, because authors may have changed it.
When the bundled content is corrected, a page nobody has edited should get the correction on the
next run: `refresh_unedited` writes the new fields as a new published revision when every
revision of the page was made by a loader (no user), and tells the caller when an author has
edited it, so the loader can say which pages to check by hand."""

from wagtail.blocks import StreamValue

__all__ = ["EDITED", "SAME", "UPDATED", "edited_by_an_author", "refresh_unedited"]

UPDATED, SAME, EDITED = "updated", "same", "edited"


def edited_by_an_author(page):
    """Whether a person (not a loader, which saves revisions without a user) made a revision."""
    return page.revisions.exclude(user=None).exists()


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _comparable(value):
    if isinstance(value, StreamValue):
        return _without_ids(value.get_prep_value())
    return value


def refresh_unedited(page, **fields):
    """Give `page` (specific) these field values, published, unless an author has edited it.
    Returns UPDATED, SAME (nothing differed; nothing saved) or EDITED (left alone)."""
    if edited_by_an_author(page):
        return EDITED
    before = {name: _comparable(getattr(page, name)) for name in fields}
    for name, value in fields.items():
        setattr(page, name, value)
    if {name: _comparable(getattr(page, name)) for name in fields} == before:
        return SAME
    page.save_revision().publish()
    return UPDATED
