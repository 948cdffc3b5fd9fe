"""One question per screen: the easy-read version of a form page.

Ask Listen Do (NHS England, 2018; ../shared/domain/CQC-AND-SPEAK-UP.md) asks that feedback,
concerns and complaints be made easy, with easy read among the reasonable adjustments. A
`FormStepper` walks the fields of the SAME Django form the standard page uses, one step (usually
one field) per screen:

- the answers are kept in the session between steps, under one key per flow, and only for the
  steps that apply (a step whose `when` no longer holds loses its answers at once, so ticking
  "anonymously" drops a name typed earlier), and they are cleared once the last step is sent;
- each step is checked with the form's own validation (its fields, their `clean_<name>` and the
  form's `clean`), and only the errors of that step's fields are shown, with the error summary;
- a step can only be reached once every step before it is answered: a step number typed into
  the address, or a final step posted with earlier answers missing, sends the person to the
  first question still to answer and stores nothing;
- the last step validates the whole form and calls `on_complete(form)`, the same service call
  the standard view makes, inside a transaction; a service's refusal is shown at its field.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict

from cms.forms import add_service_error

TEMPLATE = "easy_read_step.html"


@dataclass(frozen=True)
class Step:
    """One screen. `fields`: the form's fields asked on it (usually one). `label` and `hint`:
    easy-read words for the first field's label and hint (the form's own are used otherwise).
    `picture`: a bundled static SVG that helps (decorative: the question says it in words).
    `when`: the step is asked only if `when(answers)` is true of the answers to earlier steps
    ({field name: value, or a list for a field of several choices})."""

    fields: tuple[str, ...]
    label: str = ""
    hint: str = ""
    picture: str = ""
    when: Callable[[dict], bool] | None = None


@dataclass
class FormStepper:
    """`make_form(data)` builds the standard page's form, bound to `data` or unbound when it is
    None. `url(number)` is the address of step `number` (from 1). `fixed`: data every
    submission carries that is not asked (a service chosen by the link followed). `check(form,
    step)`: an extra rule for one step, raising ValidationError (the ballot's dot budget).
    `context(answers)`: more for the template (dots left, the at-risk guidance)."""

    request: object
    key: str
    make_form: Callable
    steps: list[Step]
    url: Callable[[int], str]
    on_complete: Callable
    fixed: dict = field(default_factory=dict)
    check: Callable | None = None
    context: Callable[[dict], dict] | None = None
    template: str = TEMPLATE

    # --- What is stored ---------------------------------------------------------------------

    def _stored(self):
        stored = self.request.session.get(self.key) or {}
        return dict(stored.get("answers", {})), list(stored.get("answered", []))

    def _save(self, answers, answered):
        active = {name for step in self.active_steps(answers) for name in step.fields}
        self.request.session[self.key] = {
            "answers": {name: values for name, values in answers.items() if name in active},
            "answered": [name for name in answered if name in active],
        }

    def clear(self):
        self.request.session.pop(self.key, None)

    @staticmethod
    def values(answers, form=None):
        """The answers as the `when` tests read them: one value, or a list for a field of
        several choices (or every value when the form is not known)."""
        result = {}
        for name, values in answers.items():
            multiple = form is not None and _is_multiple(form, name)
            result[name] = list(values) if multiple or len(values) > 1 else (values or [""])[0]
        return result

    def active_steps(self, answers=None):
        if answers is None:
            answers, _answered = self._stored()
        values = self.values(answers)
        return [step for step in self.steps if step.when is None or step.when(values)]

    def _first_unanswered(self, steps, answered):
        """The number of the first step not yet answered, or None when all are."""
        for number, step in enumerate(steps, start=1):
            if not all(name in answered for name in step.fields):
                return number
        return None

    def _data(self, answers):
        data = MultiValueDict({name: list(values) for name, values in answers.items()})
        for name, value in self.fixed.items():
            data.setlist(name, value if isinstance(value, list | tuple) else [value])
        return data

    # --- The page ---------------------------------------------------------------------------

    def respond(self, number):
        """The response to a GET or POST of step `number`."""
        answers, answered = self._stored()
        steps = self.active_steps(answers)
        first_open = self._first_unanswered(steps, answered)
        reachable = first_open or len(steps)
        if not 1 <= number <= reachable:
            return redirect(self.url(reachable if number > reachable else 1))
        step = steps[number - 1]
        if self.request.method != "POST":
            form = self.make_form(None)
            for name, values in answers.items():
                if name in form.fields:
                    form.initial[name] = (
                        values if _is_multiple(form, name) else (values or [None])[0]
                    )
            return self._render(form, steps, number, answers)

        saved, saved_steps = answers, steps
        answers = {**saved, **{name: self.request.POST.getlist(name) for name in step.fields}}
        steps = self.active_steps(answers)
        last = number == len(steps)
        form = self.make_form(self._data(answers))
        form.is_valid()
        step_errors = ErrorDict(
            (name, errors) for name, errors in form.errors.items() if name in step.fields
        )
        if not step_errors and self.check is not None:
            try:
                self.check(form, step)
            except ValidationError as error:
                add_service_error(form, error)
                step_errors = ErrorDict(
                    (name, errors) for name, errors in form.errors.items() if name in step.fields
                )
        if step_errors:
            # Shown with what was stored before (the dots left, the number of questions): the
            # answer refused is not taken.
            return self._render(form, saved_steps, number, saved, errors=step_errors)
        answered = [*answered, *(name for name in step.fields if name not in answered)]
        self._save(answers, answered)
        if not last:
            return redirect(self.url(number + 1))
        first_open = self._first_unanswered(steps, answered)
        if first_open is not None:
            return redirect(self.url(first_open))
        return self._complete(form, steps, answers)

    def _complete(self, form, steps, answers):
        if form.is_valid():
            try:
                with transaction.atomic():
                    response = self.on_complete(form)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                self.clear()
                return response
        # The first step with an error is shown again with it; an error about the whole form
        # (a ballot over its budget) is shown on the last step.
        for number, step in enumerate(steps, start=1):
            errors = ErrorDict(
                (name, messages) for name, messages in form.errors.items() if name in step.fields
            )
            if errors:
                return self._render(form, steps, number, answers, errors=errors)
        return self._render(
            form,
            steps,
            len(steps),
            answers,
            errors=ErrorDict({"__all__": form.non_field_errors()}),
        )

    def _render(self, form, steps, number, answers, errors=None):
        step = steps[number - 1]
        if errors is not None:
            form._errors = errors  # only this step's errors are shown, with the summary
        first = form.fields[step.fields[0]]
        if step.label:
            first.label = step.label
        if step.hint:
            first.help_text = step.hint
        context = {
            "form": form,
            "step": step,
            "step_fields": [form[name] for name in step.fields],
            "number": number,
            "count": len(steps),
            "last": number == len(steps),
            "action": self.url(number),
            "back_url": self.url(number - 1) if number > 1 else None,
            "has_errors": bool(errors),
        }
        if self.context is not None:
            context.update(self.context(self.values(answers, form)))
        return render(self.request, self.template, context, status=400 if errors else 200)


def _is_multiple(form, name):
    return bool(getattr(form.fields[name].widget, "allow_multiple_selected", False))
