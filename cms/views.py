"""The shape every form page of the host and the plugins shares.

A form page shows its form; on a valid POST it calls one service; a `ValidationError` from the
service goes back onto the form, where it happened, and nothing is stored; otherwise the person
is told what happened and sent on. A page shown with errors answers 400, so a client that posts
without a browser learns that nothing was done.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render

from cms.forms import add_service_error


def form_page(request, form, template, context=None, *, on_valid):
    """Render `form` on `template`; on a valid POST return `on_valid(form)`, the response
    (usually `done(...)`), unless the service it calls raises ValidationError, which is shown
    on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a service refusing half-way leaves nothing behind
                return on_valid(form)
        except ValidationError as error:
            add_service_error(form, error)
    return render(
        request,
        template,
        {"form": form, **(context or {})},
        status=400 if form.errors else 200,
    )


def confirm_page(request, template, context=None, *, on_confirm):
    """The "are you sure?" page (templates extend `confirm.html`): on POST return
    `on_confirm()`, unless the service it calls raises ValidationError, whose message is shown
    on the page (400) with nothing done."""
    error = None
    if request.method == "POST":
        try:
            with transaction.atomic():
                return on_confirm()
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        template,
        {**(context or {}), "error": error},
        status=400 if error else 200,
    )


def done(request, message, to, *args, **kwargs):
    """Tell the person what happened (a success message) and redirect to `to` (a URL, a URL
    name with its arguments, or an object with get_absolute_url)."""
    if message:
        messages.success(request, message)
    return redirect(to, *args, **kwargs)
