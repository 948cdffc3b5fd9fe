"""Views of the surveys part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A survey or forum the person is not in is "not
found" (404); someone in the forum who may not do something is "forbidden" (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.stepper import FormStepper
from cms.views import confirm_page, done, form_page
from coproduction.forums.models import FamilyForum
from coproduction.surveys.models import FamilySurvey

from . import selectors, services
from .forms import ResponseForm, SurveyForm, survey_easy_read_steps


def _forum(request, forum_id, perm=None):
    forum = get_object_or_404(FamilyForum.objects.select_related("service"), pk=forum_id)
    user = request.user
    if not (
        user.has_perm("coproduction.view_surveys_familyforum", forum)
        or (perm and user.has_perm(perm, forum))
    ):
        raise Http404("Not found.")
    if perm and not user.has_perm(perm, forum):
        raise PermissionDenied
    return forum


def _survey(request, survey_id, perm=None):
    survey = get_object_or_404(FamilySurvey.objects.select_related("forum__service"), pk=survey_id)
    if not request.user.has_perm("coproduction.view_familysurvey", survey):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, survey):
        raise PermissionDenied
    return survey


def _detail_context(request, survey, form=None):
    user = request.user
    may_respond = user.has_perm("coproduction.respond_familysurvey", survey)
    may_see_results = user.has_perm("coproduction.view_results_familysurvey", survey)
    is_open = services.is_open(survey)
    answered = may_respond and services.has_answered(survey, user)
    if may_respond and is_open and not answered and form is None:
        form = ResponseForm(service=survey.forum.service)
    return {
        "survey": survey,
        "forum": survey.forum,
        "service": survey.forum.service,
        "is_open": is_open,
        "not_yet_open": survey.closed_at is None and survey.opens_at > timezone.now(),
        "may_respond": may_respond,
        "answered": answered,
        "form": form if may_respond and is_open and not answered else None,
        "results": selectors.survey_results(survey) if may_see_results else None,
        "may_close": user.has_perm("coproduction.close_familysurvey", survey)
        and survey.closed_at is None,
        "minimum": selectors.MIN_RESPONSES_SHOWN,
    }


@require_http_methods(["GET", "POST"])
@login_required
def survey_create(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.add_familysurvey")
    form = SurveyForm(request.POST or None)

    def open_survey(form):
        survey = services.survey_open(forum, request.user, **form.survey_data())
        if services.is_open(survey):
            return done(request, "The survey is open. The families have been emailed.", survey)
        return done(
            request, "The survey is ready. The families will be emailed when it opens.", survey
        )

    return form_page(
        request,
        form,
        "coproduction/surveys/survey_form.html",
        {"forum": forum},
        on_valid=open_survey,
    )


@require_GET
@login_required
def survey_detail(request, survey_id):
    survey = _survey(request, survey_id)
    return render(
        request, "coproduction/surveys/survey_detail.html", _detail_context(request, survey)
    )


def _respond(request, survey, form):
    """Store the answers of a valid `ResponseForm` (the survey page's or the easy-read
    version's) and say so."""
    try:
        services.survey_respond(survey, request.user, **form.cleaned_data)
    except ValidationError as refused:
        # Answered already, or no longer open: nothing on the form to correct.
        if refused.code == "already_answered":
            messages.info(request, "You have already answered this survey. Thank you.")
            return redirect(survey)
        if refused.code == "not_open":
            messages.error(request, "This survey is not open for answers.")
            return redirect(survey)
        raise
    return done(request, "Thank you. Your answers have been saved.", survey)


@require_POST
@login_required
def survey_respond(request, survey_id):
    survey = _survey(request, survey_id, "coproduction.respond_familysurvey")
    form = ResponseForm(request.POST, service=survey.forum.service)

    return form_page(
        request,
        form,
        "coproduction/surveys/survey_detail.html",
        _detail_context(request, survey, form=form),
        on_valid=lambda form: _respond(request, survey, form),
    )


@require_http_methods(["GET", "POST"])
@login_required
def survey_easy_read(request, survey_id, step):
    """The easy-read family survey: the survey page's ResponseForm, one question per screen
    (cms.stepper). The answers wait in the session only until they are sent."""
    survey = _survey(request, survey_id, "coproduction.respond_familysurvey")
    if not services.is_open(survey) or services.has_answered(survey, request.user):
        messages.info(request, "This survey is not waiting for your answers.")
        return redirect(survey)
    service = survey.forum.service
    stepper = FormStepper(
        request,
        key=f"easy-read:survey:{survey.pk}",
        make_form=lambda data: ResponseForm(data, service=service),
        steps=survey_easy_read_steps(service),
        url=lambda number: reverse("coproduction:survey_easy_read", args=[survey.pk, number]),
        on_complete=lambda form: _respond(request, survey, form),
        context=lambda answers: {
            "flow_title": survey.title,
            "standard_url": survey.get_absolute_url(),
            "finish_label": "Send my answers",
        },
    )
    return stepper.respond(step)


@require_http_methods(["GET", "POST"])
@login_required
def survey_close(request, survey_id):
    survey = _survey(request, survey_id, "coproduction.close_familysurvey")
    if survey.closed_at is not None:
        messages.info(request, "This survey is already closed.")
        return redirect(survey)

    def close():
        items = services.survey_close(survey)
        return done(
            request,
            f"The survey is closed. {len(items)} comment{'s' if len(items) != 1 else ''} "
            "went to the feedback tracker.",
            survey,
        )

    return confirm_page(
        request,
        "coproduction/surveys/survey_close.html",
        {
            "survey": survey,
            "forum": survey.forum,
            "results": selectors.survey_results(survey),
            "question": f"Close “{survey.title}”?",
            "confirm_label": "Yes, close the survey",
            "cancel_url": survey.get_absolute_url(),
            "danger": True,
        },
        on_confirm=close,
    )
