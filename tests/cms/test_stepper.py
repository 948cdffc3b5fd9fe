"""The one-question-per-screen stepper (cms.stepper) on a small form of its own: answers kept in
the session between steps, each step checked with the form's own field and clean logic, steps
that cannot be skipped by address, conditional steps whose answers are dropped, and the last step
that checks the whole form and calls the service once."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from cms.stepper import FormStepper, Step

pytestmark = pytest.mark.django_db


class TeaForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=10)
    private = forms.BooleanField(label="Keep it private", required=False)
    email = forms.EmailField(label="Email", required=False)
    sugars = forms.IntegerField(label="Sugars", min_value=0, max_value=3)
    extras = forms.MultipleChoiceField(
        choices=[("milk", "Milk"), ("lemon", "Lemon")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("private") and data.get("email"):
            self.add_error("email", "Leave this empty to keep it private.")
        if "milk" in (data.get("extras") or []) and "lemon" in (data.get("extras") or []):
            self.add_error("extras", "Not milk and lemon together.")
        return data


STEPS = [
    Step(("name",), label="What is your name?", hint="Just your first name."),
    Step(("private",)),
    Step(("email",), when=lambda answers: answers.get("private") != "on"),
    Step(("sugars",)),
    Step(("extras",)),
]


class Flow:
    """A browser of one flow: one session, GET and POST of step numbers."""

    def __init__(self, service=None):
        self.session = SessionStore()
        self.stored = []
        self.service = service or self.stored.append

    def request(self, method, number, data=None):
        factory = RequestFactory()
        request = getattr(factory, method)(f"/tea/{number}/", data or {})
        request.session = self.session
        request.user = AnonymousUser()

        def complete(form):
            self.service(form.cleaned_data)
            return HttpResponse("Thank you", status=201)

        stepper = FormStepper(
            request,
            key="tea",
            make_form=lambda data: TeaForm(data),
            steps=STEPS,
            url=lambda n: f"/tea/{n}/",
            on_complete=complete,
            context=lambda answers: {
                "flow_title": "Tea",
                "standard_url": "/tea/",
                "finish_label": "Send",
            },
        )
        return stepper.respond(number)

    def get(self, number):
        return self.request("get", number)

    def post(self, number, data):
        return self.request("post", number, data)


def test_a_whole_walk_stores_once_and_clears_the_session():
    flow = Flow()
    page = flow.get(1)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Question 1 of 5" in text
    assert "What is your name?" in text and "Just your first name." in text
    assert flow.post(1, {"name": "Ann"})["Location"] == "/tea/2/"
    assert flow.post(2, {})["Location"] == "/tea/3/"
    assert flow.post(3, {"email": "ann@example.org"})["Location"] == "/tea/4/"
    assert "Question 4 of 5" in flow.get(4).content.decode()
    assert flow.post(4, {"sugars": "2"})["Location"] == "/tea/5/"
    done = flow.post(5, {"extras": ["milk"]})
    assert done.status_code == 201
    assert flow.stored == [
        {
            "name": "Ann",
            "private": False,
            "email": "ann@example.org",
            "sugars": 2,
            "extras": ["milk"],
        }
    ]
    assert "tea" not in flow.session


def test_a_field_error_shows_on_its_step_with_the_summary_and_nothing_moves_on():
    flow = Flow()
    flow.post(1, {"name": "Ann"})
    flow.post(2, {})
    flow.post(3, {})
    page = flow.post(4, {"sugars": "9"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text
    assert "Ensure this value is less than or equal to 3." in text
    assert "<title>Error: Tea: question 4 of 5" in text
    # Errors of steps not reached yet (extras) are not shown, nor is a later step reachable.
    assert flow.get(5)["Location"] == "/tea/4/"


def test_the_forms_own_clean_rules_apply_on_the_step_of_the_field_they_name():
    flow = Flow()
    flow.post(1, {"name": "Ann"})
    flow.post(2, {})
    flow.post(3, {})
    flow.post(4, {"sugars": "1"})
    page = flow.post(5, {"extras": ["milk", "lemon"]})
    assert page.status_code == 400
    assert "Not milk and lemon together." in page.content.decode()
    assert flow.stored == []


def test_a_step_number_typed_ahead_goes_back_to_the_first_question_not_answered():
    flow = Flow()
    assert flow.get(4)["Location"] == "/tea/1/"
    flow.post(1, {"name": "Ann"})
    assert flow.get(5)["Location"] == "/tea/2/"
    assert flow.get(99)["Location"] == "/tea/2/"
    assert flow.get(0)["Location"] == "/tea/1/"


def test_posting_the_last_step_with_earlier_answers_missing_stores_nothing():
    flow = Flow()
    flow.post(1, {"name": "Ann"})
    response = flow.post(5, {"name": "Bob", "sugars": "1", "extras": ["milk"]})
    assert response["Location"] == "/tea/2/"
    assert flow.stored == []
    # Only the posted step's own field is taken from a post: "name" stays Ann.
    assert flow.session["tea"]["answers"] == {"name": ["Ann"]}


def test_a_skipped_step_loses_its_answer_as_soon_as_it_no_longer_applies():
    flow = Flow()
    flow.post(1, {"name": "Ann"})
    flow.post(2, {})
    flow.post(3, {"email": "ann@example.org"})
    # Back to step 2: keep it private. The email step goes, and its answer with it.
    assert flow.post(2, {"private": "on"})["Location"] == "/tea/3/"
    assert "email" not in flow.session["tea"]["answers"]
    assert "Question 3 of 4" in flow.get(3).content.decode()  # now the sugars question
    assert flow.post(3, {"sugars": "0"})["Location"] == "/tea/4/"
    response = flow.post(4, {})
    assert response.status_code == 201
    assert flow.stored[-1]["email"] == "" and flow.stored[-1]["private"] is True


def test_back_shows_the_answer_given_before():
    flow = Flow()
    flow.post(1, {"name": "Ann"})
    page = flow.get(1).content.decode()
    assert 'value="Ann"' in page
    assert 'href="/tea/1/">Back' in flow.get(2).content.decode()


def test_a_service_refusal_is_shown_at_its_field_and_the_answers_are_kept():
    def refuse(data):
        raise ValidationError({"sugars": "No sugar left today."})

    flow = Flow(service=refuse)
    flow.post(1, {"name": "Ann"})
    flow.post(2, {})
    flow.post(3, {})
    flow.post(4, {"sugars": "2"})
    page = flow.post(5, {})
    assert page.status_code == 400
    text = page.content.decode()
    assert "No sugar left today." in text and "Question 4 of 5" in text
    assert flow.session["tea"]["answers"]["sugars"] == ["2"]
