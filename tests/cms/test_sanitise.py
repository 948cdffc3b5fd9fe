"""The one sanitiser policy: what it removes, what it keeps, and that the ORM and forms apply it."""

import pytest
from django import forms
from django.db import connection, models
from django.template import Context, Template
from django.test.utils import isolate_apps

from cms.sanitise import (
    SanitisedCharField,
    SanitisedCharModelField,
    SanitisedTextField,
    sanitise_html,
    sanitise_plain,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">hi</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="x"></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    '<p style="background:url(javascript:alert(1))">x</p>',
]

DANGEROUS = [
    "<script",
    "<iframe",
    "<style",
    "<svg",
    "<math",
    "<img",
    "<object",
    "<embed",
    "<form",
    "<input",
    "<base",
    "<meta",
    "onerror",
    "onclick",
    "onload",
    "onbegin",
    "javascript:",
    "vbscript:",
    "data:",
    "style=",
    "<!--",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_payloads_are_removed(payload):
    cleaned = sanitise_html(payload).lower()
    for needle in DANGEROUS:
        assert needle not in cleaned, (payload, cleaned)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_payloads_leave_no_markup(payload):
    cleaned = sanitise_plain(payload)
    assert "<script" not in cleaned.lower()
    assert "<iframe" not in cleaned.lower()
    assert "<svg" not in cleaned.lower()
    assert "<a " not in cleaned.lower()


def test_script_and_style_content_is_dropped_not_escaped_into_text():
    assert sanitise_html("<p>Hi</p><script>alert('x')</script><style>p{}</style>") == "<p>Hi</p>"
    assert sanitise_plain("Hi<script>alert('x')</script><style>p{}</style>") == "Hi"
    assert "alert" not in sanitise_html("<svg><script>alert(1)</script><text>t</text></svg>")


def test_comments_are_stripped():
    assert sanitise_html("a<!-- secret -->b") == "ab"
    assert sanitise_plain("a<!-- secret -->b") == "ab"


def test_allowed_tags_are_kept():
    text = (
        "<h3>Heading</h3><h4>Sub</h4><p>One<br>two <strong>bold</strong> <em>it</em></p>"
        "<ul><li>a</li></ul><ol><li>b</li></ol><blockquote>quote</blockquote>"
    )
    assert sanitise_html(text) == text


def test_other_tags_are_removed_but_their_words_kept():
    assert sanitise_html("<div><span>x</span> <b>y</b> <h1>z</h1></div>") == "x y z"


def test_attributes_other_than_href_are_removed():
    assert sanitise_html('<p class="x" id="y" title="t" lang="en" dir="rtl">a</p>') == "<p>a</p>"
    assert sanitise_html('<a href="https://e.org" title="t" data-x="1">x</a>') == (
        '<a href="https://e.org" rel="nofollow noopener">x</a>'
    )


def test_links_get_nofollow_noopener_and_lose_their_own_rel_and_target():
    cleaned = sanitise_html(
        '<a href="https://example.org/x?y=1" rel="opener" target="_blank">x</a>'
    )
    assert cleaned == '<a href="https://example.org/x?y=1" rel="nofollow noopener">x</a>'
    assert 'rel="nofollow noopener"' in sanitise_html('<a href="http://example.org">x</a>')


def test_mailto_links_are_kept():
    cleaned = sanitise_html('<a href="mailto:lead@example.org">email</a>')
    assert cleaned == '<a href="mailto:lead@example.org" rel="nofollow noopener">email</a>'


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "ftp://x.example/",
        "/relative",
        "//evil.example/",
        "file:///etc/passwd",
    ],
)
def test_other_link_schemes_lose_their_href(href):
    cleaned = sanitise_html(f'<a href="{href}">x</a>')
    assert "href" not in cleaned
    assert cleaned.endswith(">x</a>")


def test_plain_strips_all_tags():
    assert sanitise_plain("<p>Hello <strong>there</strong></p>") == "Hello there"
    assert sanitise_plain('<a href="https://example.org">link</a>') == "link"


def test_plain_is_text_so_autoescape_shows_it_exactly_once():
    # Stored as text, not HTML: Django's autoescaping then shows it correctly.
    assert sanitise_plain("Fish & chips") == "Fish & chips"
    assert sanitise_plain("a < b > c") == "a < b > c"
    assert sanitise_plain('"quoted" it’s £5 – café') == '"quoted" it’s £5 – café'
    # What a person typed is what they see, even when it looks like an entity.
    assert sanitise_plain("&amp; and &lt;b&gt;") == "&amp; and &lt;b&gt;"
    rendered = Template("{{ v }}").render(Context({"v": sanitise_plain("<b>Fish</b> & chips")}))
    assert rendered == "Fish &amp; chips"


def test_html_mode_escapes_text_for_html():
    assert sanitise_html("Fish & chips <3") == "Fish &amp; chips &lt;3"


SAMPLES = [
    *PAYLOADS,
    "Fish & chips",
    "&amp;&lt;b&gt;",
    "a < b > c",
    "<p>ok <a href='https://example.org'>l</a></p>",
    "line\r\nbreak",
    "<<b>script>alert(1)<</b>/script>",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_sanitising_twice_is_the_same_as_once(text):
    once_html = sanitise_html(text)
    assert sanitise_html(once_html) == once_html
    once_plain = sanitise_plain(text)
    assert sanitise_plain(once_plain) == once_plain


def test_none_and_non_strings():
    assert sanitise_html(None) == ""
    assert sanitise_plain(None) == ""
    assert sanitise_plain(42) == "42"


# Forms -------------------------------------------------------------------------------------


class _Form(forms.Form):
    title = SanitisedCharField(max_length=20)
    body = SanitisedCharField(html=True, required=False)


def test_form_field_cleans_without_errors():
    form = _Form(
        data={"title": " <b>Our</b> visit & tea ", "body": "<p onclick=x>Hi</p><script>x</script>"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "Our visit & tea", "body": "<p>Hi</p>"}


def test_form_field_max_length_is_checked_on_the_sanitised_value():
    form = _Form(data={"title": "<strong>" + "x" * 20 + "</strong>"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "x" * 20


def test_form_field_that_held_only_markup_gets_a_clear_message():
    form = _Form(data={"title": "<script>alert(1)</script>"})
    assert not form.is_valid()
    assert form.errors["title"][0].startswith("This only contained code or formatting")


def test_optional_form_field_may_be_empty():
    form = _Form(data={"title": "ok", "body": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == ""


# Model fields ------------------------------------------------------------------------------


def test_model_field_formfield_is_the_sanitising_form_field():
    html_field = SanitisedTextField().formfield()
    plain_field = SanitisedTextField(html=False).formfield()
    char_field = SanitisedCharModelField(max_length=50).formfield()
    assert isinstance(html_field, SanitisedCharField) and html_field.html is True
    assert isinstance(html_field.widget, forms.Textarea)
    assert isinstance(plain_field, SanitisedCharField) and plain_field.html is False
    assert isinstance(char_field, SanitisedCharField) and char_field.html is False
    assert char_field.max_length == 50


def test_model_field_deconstructs_for_migrations():
    _name, path, _args, kwargs = SanitisedTextField(html=False).deconstruct()
    assert path == "cms.sanitise.SanitisedTextField"
    assert kwargs == {"html": False}
    assert SanitisedTextField().deconstruct()[3] == {}
    assert SanitisedCharModelField(max_length=5).deconstruct()[3] == {"max_length": 5}


@pytest.fixture
def note_model():
    """A throwaway model with a real table, so the tests go through the ORM and the database."""
    with isolate_apps("cms"):

        class Note(models.Model):
            title = SanitisedCharModelField(max_length=100)
            body = SanitisedTextField()
            summary = SanitisedTextField(html=False, null=True, blank=True)

            class Meta:
                app_label = "cms"
                db_table = "test_sanitise_note"

        with connection.schema_editor() as editor:
            editor.create_model(Note)
        try:
            yield Note
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Note)


DIRTY = {
    "title": "<b>Tea</b> & cake<script>x</script>",
    "body": '<p onclick="x">Hi <a href="javascript:alert(1)">there</a></p><script>x</script>',
    "summary": "<em>short</em>",
}
CLEAN = {
    "title": "Tea & cake",
    "body": '<p>Hi <a rel="nofollow noopener">there</a></p>',
    "summary": "short",
}


def _stored(model, pk):
    return model.objects.values("title", "body", "summary").get(pk=pk)


@pytest.mark.django_db(transaction=True)
def test_model_field_stores_sanitised_text_via_save(note_model):
    note = note_model(**DIRTY)
    note.save()
    assert _stored(note_model, note.pk) == CLEAN
    # The instance in memory matches the row.
    assert {k: getattr(note, k) for k in CLEAN} == CLEAN

    note.body = "<iframe src=x></iframe><p>edited</p>"
    note.save(update_fields=["body"])
    assert _stored(note_model, note.pk)["body"] == "<p>edited</p>"


@pytest.mark.django_db(transaction=True)
def test_model_field_stores_sanitised_text_via_create(note_model):
    note = note_model.objects.create(**DIRTY)
    assert _stored(note_model, note.pk) == CLEAN


@pytest.mark.django_db(transaction=True)
def test_model_field_stores_sanitised_text_via_bulk_create_update_and_bulk_update(note_model):
    first, second = note_model.objects.bulk_create([note_model(**DIRTY), note_model(**DIRTY)])
    pks = list(note_model.objects.values_list("pk", flat=True))
    for pk in pks:
        assert _stored(note_model, pk) == CLEAN

    note_model.objects.filter(pk=pks[0]).update(body="<img src=x onerror=alert(1)>ok")
    assert _stored(note_model, pks[0])["body"] == "ok"

    notes = list(note_model.objects.filter(pk__in=pks))
    for note in notes:
        note.title = "<svg onload=alert(1)></svg>Bulk"
    note_model.objects.bulk_update(notes, ["title"])
    assert set(note_model.objects.values_list("title", flat=True)) == {"Bulk"}


@pytest.mark.django_db(transaction=True)
def test_model_field_keeps_null(note_model):
    note = note_model.objects.create(title="t", body="b", summary=None)
    assert _stored(note_model, note.pk)["summary"] is None


@pytest.mark.django_db(transaction=True)
def test_model_form_sanitises_on_the_way_in(note_model):
    form_class = forms.modelform_factory(note_model, fields=["title", "body", "summary"])
    form = form_class(data=DIRTY)
    assert form.is_valid(), form.errors
    note = form.save()
    assert _stored(note_model, note.pk) == CLEAN


# Template filter ---------------------------------------------------------------------------


def test_sanitised_filter_renders_allowed_html_and_removes_the_rest():
    template = Template("{% load sanitise_tags %}{{ body|sanitised }}")
    rendered = template.render(Context({"body": "<p>Hi <em>you</em></p><script>alert(1)</script>"}))
    assert rendered == "<p>Hi <em>you</em></p>"


def test_sanitised_filter_handles_none():
    assert Template("{% load sanitise_tags %}{{ v|sanitised }}").render(Context({"v": None})) == ""
