"""Views of the visits part: thin, each asks `request.user.has_perm` (the part's rules.py) and
calls a service or selector. A service of an organisation where the person holds no role is "not
found" (404), as everywhere in leadership; a person of the organisation without the permission
is refused (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms import access
from cms.forms import add_service_error
from cms.organisations.models import Service
from cms.pagination import paginate
from cms.views import done

from . import selectors, services
from .forms import FollowUpFormSet, VisitForm
from .models import VisitFollowUp
from .selectors import ADD_VISIT, CHANGE_VISIT, DELETE_VISIT, PER_PAGE, VIEW_VISITS

FOLLOW_UP_DONE = "leadership.change_visitfollowup"


def _allowed(request, service, perm):
    if not access.holds_role_in(request.user, service.organisation):
        raise Http404("Not found.")
    if not request.user.has_perm(perm, service):
        raise PermissionDenied


def _service(request, service_id, perm):
    service = get_object_or_404(Service.objects.select_related("organisation"), pk=service_id)
    _allowed(request, service, perm)
    return service


@require_GET
@login_required
def visits_index(request):
    """The services whose visits this person may see, with the latest senior visit to each."""
    found = selectors.visible_services(request.user)
    if not found:
        raise PermissionDenied
    latest = selectors.latest_senior_visit_times(
        [service for _organisation, services in found for service in services]
    )
    organisations = [
        {
            "organisation": organisation,
            "services": [
                {
                    "service": service,
                    "latest_at": latest.get(service.pk),
                    "may_record": request.user.has_perm(ADD_VISIT, service),
                }
                for service in services
            ],
        }
        for organisation, services in found
    ]
    return render(request, "leadership/visits/index.html", {"organisations": organisations})


@require_GET
@login_required
def service_visits(request, service_id):
    service = _service(request, service_id, VIEW_VISITS)
    return render(
        request,
        "leadership/visits/service_visits.html",
        {
            "service": service,
            "latest": selectors.latest_senior_visit(service),
            "may_record": request.user.has_perm(ADD_VISIT, service),
            **paginate(request.GET, selectors.visits_of(service), PER_PAGE),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def service_visit_create(request, service_id):
    service = _service(request, service_id, ADD_VISIT)
    now = timezone.now()
    posted = request.POST if request.method == "POST" else None
    form = VisitForm(posted, now=now)
    follow_ups = FollowUpFormSet(posted, prefix="follow_ups")
    if posted is not None:
        form_valid = form.is_valid()
        follow_ups.visit_date = form.cleaned_data.get("date") if form_valid else None
        if follow_ups.is_valid() and form_valid:
            try:
                with transaction.atomic():
                    visit = services.visit_record(
                        service,
                        request.user,
                        **form.visit_data(),
                        follow_ups=follow_ups.follow_ups(),
                        now=now,
                    )
                    return done(request, "Your visit is recorded.", visit)
            except ValidationError as error:
                add_service_error(form, error)
    has_errors = bool(form.errors) or (posted is not None and not follow_ups.is_valid())
    return render(
        request,
        "leadership/visits/visit_form.html",
        {"service": service, "form": form, "follow_ups": follow_ups, "has_errors": has_errors},
        status=400 if has_errors else 200,
    )


@require_GET
@login_required
def service_visit(request, visit_id):
    visit = selectors.visit_with_follow_ups(visit_id)
    if visit is None:
        raise Http404("Not found.")
    _allowed(request, visit.service, VIEW_VISITS)
    return render(
        request,
        "leadership/visits/visit_detail.html",
        {
            "visit": visit,
            "service": visit.service,
            "follow_ups": list(visit.follow_ups.all()),
            "may_mark_done": request.user.has_perm(FOLLOW_UP_DONE, visit),
            "may_change": request.user.has_perm(CHANGE_VISIT, visit),
            "may_delete": request.user.has_perm(DELETE_VISIT, visit),
        },
    )


def _visit(request, visit_id, perm):
    visit = get_object_or_404(
        selectors.visits_with_services().select_related("visitor"), pk=visit_id
    )
    _allowed(request, visit.service, VIEW_VISITS)
    if not request.user.has_perm(perm, visit):
        raise PermissionDenied
    return visit


@require_http_methods(["GET", "POST"])
@login_required
def service_visit_edit(request, visit_id):
    """The visitor corrects their own account of a visit; its follow-ups stay as they are."""
    visit = _visit(request, visit_id, CHANGE_VISIT)
    now = timezone.now()
    form = VisitForm(request.POST or None, now=now, visit=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_change(visit, request.user, **form.visit_data(), now=now)
            return done(request, "Your changes to the visit are saved.", visit)
        except ValidationError as error:
            add_service_error(form, error)
    return render(
        request,
        "leadership/visits/visit_form.html",
        {"service": visit.service, "visit": visit, "form": form, "has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def service_visit_delete(request, visit_id):
    """Asks first; the visitor removes a visit recorded by mistake, with its follow-ups."""
    visit = _visit(request, visit_id, DELETE_VISIT)
    if request.method == "POST":
        service = visit.service
        label = f"{visit.started_at:%-d %B %Y}"
        services.visit_delete(visit, request.user)
        messages.success(request, f"The visit of {label} to {service.name} is deleted.")
        return redirect("leadership:service_visits", service_id=service.pk)
    return render(
        request,
        "leadership/visits/visit_delete.html",
        {
            "visit": visit,
            "service": visit.service,
            "follow_ups": visit.follow_ups.count(),
            "question": f"Delete your visit to {visit.service.name}?",
            "confirm_label": "Yes, delete the visit",
            "cancel_url": visit.get_absolute_url(),
            "danger": True,
        },
    )


@require_POST
@login_required
def follow_up_done(request, visit_id, follow_up_id):
    follow_up = get_object_or_404(
        VisitFollowUp.objects.select_related("visit__service__organisation"),
        pk=follow_up_id,
        visit_id=visit_id,
    )
    _allowed(request, follow_up.visit.service, FOLLOW_UP_DONE)
    visit = follow_up.visit
    if not services.follow_up_done(follow_up, request.user):
        messages.info(request, f"“{follow_up.action}” was already marked done.")
        return redirect(visit)
    return done(request, f"“{follow_up.action}” is marked done.", visit)
