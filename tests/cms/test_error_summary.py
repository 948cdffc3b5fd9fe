"""Every form shows the error summary when a submission fails (issue 14, point 1).

The GOV.UK pattern, from the one include every form uses (cms/templates/includes/form_errors.html):
"There is a problem" at the top of the form, each error a link to its field, the page title
starting "Error: ", and js/error-summary.js moving focus to it. The walk below opens every page of
the permission table (tests/permission_table.py) as someone who may open it, sends each form on
it back empty, and checks every page that comes back with errors.
"""

import re
from html.parser import HTMLParser

from django.core.cache import cache
from django.db import transaction
from django.template import Context, Template
from django.test import Client

from tests.permission_table import VISITORS, build_world
from tests.test_permission_table import ROWS

# The Wagtail admin has its own forms and its own error messages; a certificate is a PDF (and
# its row issues one, which needs a commit the walk's savepoints never make).
ROWS_WITH_OUR_FORMS = [
    row
    for row in ROWS
    if row.method == "get"
    and not row.key.startswith("wagtail")
    and row.key != "learning:certificate_download"
]


class PostForms(HTMLParser):
    """The POST forms inside <main> (not the sign-out button in the header), each as its action
    and what a person who fills in nothing sends: its hidden inputs and its first submit button."""

    def __init__(self):
        super().__init__()
        self.forms, self.in_main, self.current = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        elif tag == "form" and self.in_main and attrs.get("method", "").lower() == "post":
            self.current = {"action": attrs.get("action") or "", "data": {}, "button": False}
            self.forms.append(self.current)
        elif self.current is not None and tag in ("input", "button"):
            name = attrs.get("name")
            kind = attrs.get("type", "submit" if tag == "button" else "text")
            if name and kind == "hidden" and name != "csrfmiddlewaretoken":
                self.current["data"][name] = attrs.get("value") or ""
            elif name and kind == "submit" and not self.current["button"]:
                self.current["data"][name] = attrs.get("value") or ""
                self.current["button"] = True

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif tag == "form":
            self.current = None


def post_forms(html):
    parser = PostForms()
    parser.feed(html)
    return parser.forms


def shows_errors(response):
    html = response.content.decode()
    return response.status_code == 400 or 'class="field__errors"' in html


def check_summary(html, where):
    """The summary is there, once per form in error, with its heading, its links lead to
    inputs on the page and the title says there is an error."""
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.startswith("Error: "), f"{where}: the title {title!r} does not start 'Error: '"
    assert "data-error-summary" in html, f"{where}: no error summary"
    assert '<h2 class="form-errors__title">There is a problem' in html, where
    summary = html.split("data-error-summary", 1)[1].split("</ul>", 1)[0]
    for anchor in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{anchor}"' in html, f"{where}: the summary links to #{anchor}, not on the page"


def visitor_for(row, world):
    """Someone who may open the row's page (200), a role before anyone without one."""
    for visitor in reversed(VISITORS):
        outcome = row.expect[visitor]
        if callable(outcome):
            outcome = outcome(world, visitor)
        if outcome == 200:
            return visitor
    return None


def forms_in_error(row, world):
    """Open the row's page as someone allowed to, send each form on it back with nothing filled
    in, and check each answer that shows errors; the number of those."""
    visitor = visitor_for(row, world)
    if visitor is None:
        return 0
    person = world.people[visitor]
    url = row.url(world)
    client = Client()
    if person is not None:
        # Signing in goes through allauth's pages: its login rate limit and its record of used
        # authenticator codes live in the cache, and this walk signs the same people in again
        # and again within a minute.
        cache.clear()
        client.force_login(person)
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return 0
    checked = 0
    for form in post_forms(page.content.decode()):
        with transaction.atomic():
            cache.clear()
            # A name no form has: views bind their form to `request.POST or None`, so a POST
            # with nothing in it would be shown as a fresh form.
            response = client.post(form["action"] or url, {**form["data"], "unknown": ""})
            if shows_errors(response):
                check_summary(response.content.decode(), f"{row.key} {form['action'] or url}")
                checked += 1
            transaction.set_rollback(True)
    return checked


def test_every_form_shows_the_error_summary(db, subtests):
    """One world for the whole walk (building one per page would take minutes); each page in a
    savepoint, so one page's objects and posts do not change what the next one meets."""
    world = build_world()
    reached = set()
    for row in ROWS_WITH_OUR_FORMS:
        with subtests.test(row=row.key), transaction.atomic():
            if forms_in_error(row, world):
                reached.add(row.key)
            transaction.set_rollback(True)
    # The walk itself must have met forms in error on pages of every plugin, or it proved nothing.
    assert len(reached) >= 20, sorted(reached)
    plugins = {key.split(":")[0].split(".")[0] for key in reached}
    assert {"coproduction", "learning", "leadership"} <= plugins, plugins


# --- The include itself ------------------------------------------------------------------


def render(form, **context):
    return Template('{% include "includes/form_errors.html" %}').render(
        Context({"form": form, **context})
    )


def test_each_error_links_to_its_field_and_the_form_errors_come_first():
    from django import forms

    class Example(forms.Form):
        name = forms.CharField()
        colour = forms.ChoiceField(choices=[("r", "Red")], widget=forms.RadioSelect)
        token = forms.CharField(widget=forms.HiddenInput)

        def clean(self):
            raise forms.ValidationError("Something about the whole form.")

    html = render(Example({}))

    assert 'role="alert"' in html and 'tabindex="-1"' in html and "data-error-summary" in html
    items = re.findall(r"<li>(.*?)</li>", html)
    assert items[0] == "Something about the whole form."
    assert '<a href="#id_name">This field is required.</a>' in items
    assert '<a href="#id_colour_0">This field is required.</a>' in items  # the first radio
    assert "This field is required." in items  # the hidden field's, with nowhere to link


def test_a_service_refusal_without_a_form_is_summarised():
    html = render(None, error="The meeting has already happened.")
    assert "There is a problem" in html and "<li>The meeting has already happened.</li>" in html


def test_nothing_shows_without_errors():
    from django import forms

    class Example(forms.Form):
        name = forms.CharField()

    assert "There is a problem" not in render(Example({"name": "Ann"}))
    assert "There is a problem" not in render(Example())
