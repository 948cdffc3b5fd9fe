"""The one sanitiser policy for everything a person writes.

Every comment, post, question, reflection and piece of feedback passes through here before it is
stored (see DESIGN.md, "Rules of the house"). There are two modes:

* **HTML** (`sanitise_html`): a small set of formatting tags survives; links are limited to
  http, https and mailto and always carry ``rel="nofollow noopener"``; every other tag, attribute
  and scheme is removed, and the *content* of script, style, iframe, svg and similar elements is
  dropped rather than left behind as text. The result is HTML, safe to render with the
  ``|sanitised`` filter from ``cms/templatetags/sanitise_tags.py``.
* **Plain** (`sanitise_plain`): no tags at all, for titles, names and one-line fields. The result
  is *text*, not HTML: ``Fish & chips`` stays ``Fish & chips`` (not ``Fish &amp; chips``), so that
  Django's autoescaping shows it once and correctly. Never mark it safe.

Both are idempotent: sanitising stored text again gives the same text.

For models, use `SanitisedTextField` (or `SanitisedCharModelField`): anything saved through the
ORM -- ``save()``, ``objects.create()``, ``bulk_create()``, ``update()`` -- is sanitised on the way
to the database. For forms, those fields give `SanitisedCharField`, which sanitises in
``to_python`` so validation (required, max_length) sees what will actually be stored.
"""

from __future__ import annotations

import html

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ALLOWED_TAGS",
    "LINK_REL",
    "URL_SCHEMES",
    "SanitisedCharField",
    "SanitisedCharModelField",
    "SanitisedTextField",
    "sanitise",
    "sanitise_html",
    "sanitise_plain",
]

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "h3", "h4"}
)
# "*" must be named, or the cleaner keeps its default generic attributes (title, lang) on every tag.
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# Elements whose content is dropped along with the tag. Without this, <script>alert(1)</script>
# would leave "alert(1)" behind as visible text.
CLEAN_CONTENT_TAGS = frozenset(
    {
        "applet",
        "embed",
        "frame",
        "frameset",
        "iframe",
        "math",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
        "xmp",
    }
)

_HTML_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    # Relative links (/path, //host, #frag) are not http, https or mailto: refuse them too.
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)

_PLAIN_CLEANER = nh3.Cleaner(
    tags=set(),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={"*": set()},
    strip_comments=True,
)

# Sanitising output again is normally a no-op; the loop below makes that a guarantee even for
# inputs built to re-form markup once the first layer is removed ("<<b>script>...").
_MAX_PASSES = 5


def _to_str(value) -> str:
    if value is None:
        return ""
    return str(value)


def sanitise_html(text) -> str:
    """Clean user-written HTML to the house policy. Returns HTML that is safe to render."""
    value = _to_str(text)
    for _pass in range(_MAX_PASSES):
        cleaned = _HTML_CLEANER.clean(value)
        if cleaned == value:
            return cleaned
        value = cleaned
    # Still changing after several passes: this is an attack, not writing. Keep the words only.
    return html.escape(sanitise_plain(value), quote=False)


def _plain_pass(value: str) -> str:
    # The input is text, so an ampersand is a literal ampersand: escape it before the HTML parser
    # sees it, so "&amp;" typed by a person stays "&amp;" and is not decoded to "&". Tags and
    # comments (which start with "<") are still parsed and removed. The cleaner returns HTML;
    # unescaping it turns that back into text for Django to autoescape once, on output.
    return html.unescape(_PLAIN_CLEANER.clean(value.replace("&", "&amp;")))


def sanitise_plain(text) -> str:
    """Remove every tag, comment and script/style content. Returns text, not HTML."""
    value = _to_str(text)
    for _pass in range(_MAX_PASSES):
        cleaned = _plain_pass(value)
        if cleaned == value:
            return cleaned
        value = cleaned
    # Markup that keeps re-forming itself: drop the angle brackets that could open a tag.
    return value.replace("<", "").replace(">", "")


def sanitise(text, *, html: bool = True) -> str:
    """`sanitise_html` or `sanitise_plain`, chosen by ``html``."""
    return sanitise_html(text) if html else sanitise_plain(text)


class SanitisedCharField(forms.CharField):
    """A form field that cleans its value with the house policy on the way in.

    ``html=True`` keeps the small set of formatting tags (for rich text written by a person);
    ``html=False`` (the default) keeps no tags at all. Validation -- required, max_length -- runs
    on the sanitised value, so a field that held nothing but markup is reported at the field.
    """

    default_error_messages = {
        "only_markup": _(
            "This only contained code or formatting that cannot be kept. Please write it as "
            "ordinary text."
        ),
    }

    def __init__(self, *, html: bool = False, **kwargs):
        self.html = html
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        cleaned = sanitise(value, html=self.html)
        if self.strip:
            cleaned = cleaned.strip()
        if not cleaned and self.required:
            raise ValidationError(self.error_messages["only_markup"], code="only_markup")
        return cleaned if cleaned else self.empty_value


class SanitisedFieldMixin:
    """Sanitise a text model field's value on every write through the ORM.

    ``pre_save`` cleans the value on ``save()``, ``create()`` and ``bulk_create()`` and puts the
    cleaned value back on the instance, so the object in memory matches the row.
    ``get_db_prep_save`` cleans again as the last step before the database, which also covers
    ``QuerySet.update()`` and ``bulk_update()``. Lookups (``filter(body__contains=...)``) are left
    alone: they read, they do not store.
    """

    default_html = True

    def __init__(self, *args, html: bool | None = None, **kwargs):
        self.html = self.default_html if html is None else html
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.html != self.default_html:
            kwargs["html"] = self.html
        return name, path, args, kwargs

    def _sanitise(self, value):
        if value is None:
            return None
        return sanitise(value, html=self.html)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        # Expressions (F(), Concat(), ...) are computed by the database; get_db_prep_save
        # cannot see their result, so they are left to the caller.
        if value is None or hasattr(value, "resolve_expression"):
            return value
        cleaned = self._sanitise(value)
        setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_db_prep_save(self, value, connection):
        if value is not None and not hasattr(value, "resolve_expression"):
            value = self._sanitise(value)
        return super().get_db_prep_save(value, connection)

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault("form_class", SanitisedCharField)
            if issubclass(kwargs["form_class"], SanitisedCharField):
                kwargs.setdefault("html", self.html)
        return super().formfield(**kwargs)


class SanitisedTextField(SanitisedFieldMixin, models.TextField):
    """A TextField that stores only sanitised text. ``html=True`` (default) keeps safe tags;
    render it with ``{{ value|sanitised }}``. ``html=False`` stores plain text."""

    default_html = True


class SanitisedCharModelField(SanitisedFieldMixin, models.CharField):
    """A CharField that stores only sanitised text; plain (``html=False``) by default, for titles
    and names. Plain text never grows when sanitised, so ``max_length`` still holds."""

    default_html = False
