"""The one form-page shape (cms.views): a service's ValidationError lands on the form where it
happened, the page answers 400, and nothing the service wrote before refusing is kept."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from cms.organisations.models import Organisation
from cms.views import confirm_page, done, form_page

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    return request


def _create_then_refuse(form, field="name"):
    """A service that writes, then refuses: the write must not survive the refusal."""
    Organisation.objects.create(name=form.cleaned_data["name"], slug="written-before-refusing")
    raise ValidationError({field: "That name is taken by a closed service."})


def test_a_valid_post_returns_what_the_service_step_returns():
    request = _request(data={"name": "Elm Court"})

    response = form_page(
        request,
        NameForm(request.POST),
        "includes/form_errors.html",
        on_valid=lambda form: done(request, f"{form.cleaned_data['name']} saved.", "/next/"),
    )

    assert (response.status_code, response["Location"]) == (302, "/next/")
    assert [str(m) for m in get_messages(request)] == ["Elm Court saved."]


def test_a_refusal_goes_on_its_field_answers_400_and_keeps_nothing_the_service_wrote():
    request = _request(data={"name": "Elm Court"})
    form = NameForm(request.POST)

    response = form_page(request, form, "includes/form_errors.html", on_valid=_create_then_refuse)

    assert response.status_code == 400
    assert form.errors == {"name": ["That name is taken by a closed service."]}
    assert not Organisation.objects.filter(slug="written-before-refusing").exists()
    assert list(get_messages(request)) == []


def test_a_refusal_naming_no_field_of_the_form_shows_above_the_form():
    request = _request(data={"name": "Elm Court"})
    form = NameForm(request.POST)

    response = form_page(
        request,
        form,
        "includes/form_errors.html",
        on_valid=lambda form: _create_then_refuse(form, field="service"),
    )

    assert response.status_code == 400
    assert form.non_field_errors() == ["That name is taken by a closed service."]
    assert "That name is taken by a closed service." in response.content.decode()


def test_an_invalid_form_never_reaches_the_service():
    request = _request(data={"name": "x" * 21})
    form = NameForm(request.POST)

    def service(_form):
        raise AssertionError("the service ran on an invalid form")

    response = form_page(request, form, "includes/form_errors.html", on_valid=service)

    assert response.status_code == 400
    assert "name" in form.errors


def test_a_get_shows_the_form_without_calling_the_service():
    request = _request("get")

    response = form_page(
        request, NameForm(), "includes/form_errors.html", on_valid=lambda form: 1 / 0
    )

    assert response.status_code == 200


def test_a_confirm_page_refusal_is_shown_with_400_and_nothing_kept():
    request = _request()

    def confirm():
        Organisation.objects.create(name="Half done", slug="half-done")
        raise ValidationError("Only a record that is still due can be declined.")

    response = confirm_page(
        request,
        "confirm.html",
        {"question": "Decline?", "confirm_label": "Yes", "cancel_url": "/back/"},
        on_confirm=confirm,
    )

    assert response.status_code == 400
    assert "Only a record that is still due can be declined." in response.content.decode()
    assert not Organisation.objects.filter(slug="half-done").exists()


def test_a_confirm_page_asks_first_and_acts_only_on_post():
    calls = []
    context = {"question": "Delete the figures?", "confirm_label": "Yes, delete", "danger": True}

    page = confirm_page(
        _request("get"),
        "confirm.html",
        {**context, "cancel_url": "/back/"},
        on_confirm=calls.append,
    )

    assert page.status_code == 200 and calls == []
    html = page.content.decode()
    assert "<h1>Delete the figures?</h1>" in html
    assert 'class="button button--danger"' in html and 'href="/back/"' in html
