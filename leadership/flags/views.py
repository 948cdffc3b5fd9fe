"""Views of the flags part: thin, each asks `request.user.has_perm` (flags/rules.py) and
calls a service or selector.

Every page belongs to one organisation. To someone who holds no role in it, the organisation
and everything in it are "not found" (404); to someone who holds a role without the permission,
refused (403). Flags and alerts are looked up among the services the person may see (a leader
of one service sees that service's), so another organisation's alert is "not found" as well.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms import access
from cms.pagination import paginate
from cms.views import done, form_page

from ..dashboards import glossary
from . import learning, selectors, services
from .forms import AcknowledgeForm, AssignPathForm, FlagSettingsForm
from .selectors import ACKNOWLEDGE_ALERT, ASSIGN_PATH, CHANGE_SETTINGS, VIEW_FLAGS

# The labels' jargon, explained where a flag shows its labels.
LABEL_TERMS = (glossary.PEL, glossary.HULL, glossary.CQC_FEATURE)

PER_PAGE = 20
# The flags standing now come a page of services at a time: a Safeguarding Adults Board area's
# biggest organisation has 100 services, each with several flags at a bad time.
SERVICES_PER_PAGE = 10


def _organisation(request, slug, permission):
    return access.organisation_for(request.user, slug, permission)


def _alert(request, slug, alert_id, permission=VIEW_FLAGS):
    organisation = _organisation(request, slug, VIEW_FLAGS)
    service_ids = selectors.visible_service_ids(request.user, organisation)
    alert = selectors.alert_in(service_ids, alert_id)
    if alert is None:
        raise Http404("Not found.")
    if not request.user.has_perm(permission, alert):
        raise PermissionDenied
    return organisation, alert


def _paged(request, items, param, anchor, per_page=PER_PAGE):
    """A page of `items` read from the `param` query parameter, with links that keep the other
    parameters (two lists on one page each keep their own page)."""
    page = paginate(request.GET, items, per_page, param=param)
    page_obj = page["page_obj"]

    def url(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}#{anchor}"

    links = []
    for number in page["page_range"]:
        if number == page_obj.paginator.ELLIPSIS:
            links.append({"ellipsis": number})
        else:
            links.append(
                {"number": number, "url": url(number), "current": number == page_obj.number}
            )
    return {
        "page_obj": page_obj,
        "links": links,
        "previous_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


# --- The organisations ------------------------------------------------------------------------


@require_GET
@login_required
def flags_home(request):
    """The organisations whose flags (or rule settings) the person sees; with just one whose
    flags they see, straight to it."""
    organisations = access.organisations_with(request.user, VIEW_FLAGS, CHANGE_SETTINGS)
    if not organisations:
        raise PermissionDenied
    for organisation in organisations:
        organisation.may_view_flags = request.user.has_perm(VIEW_FLAGS, organisation)
        organisation.may_change_settings = request.user.has_perm(CHANGE_SETTINGS, organisation)
    if len(organisations) == 1 and organisations[0].may_view_flags:
        return redirect("leadership:flags_overview", slug=organisations[0].slug)
    return render(
        request, "leadership/flags/choose_organisation.html", {"organisations": organisations}
    )


@require_GET
@login_required
def flags_overview(request, slug):
    organisation = _organisation(request, slug, VIEW_FLAGS)
    service_ids = selectors.visible_service_ids(request.user, organisation)
    return render(
        request,
        "leadership/flags/overview.html",
        {
            "organisation": organisation,
            "open_alerts": selectors.open_alerts(service_ids),
            "standing": _paged(
                request,
                selectors.active_flags_by_service(service_ids),
                "services_page",
                "flags-heading",
                SERVICES_PER_PAGE,
            ),
            "acknowledged": _paged(
                request, selectors.acknowledged_alerts(service_ids), "alerts_page", "acknowledged"
            ),
            "cleared": _paged(
                request, selectors.cleared_flags(service_ids), "flags_page", "cleared"
            ),
            "may_change_settings": request.user.has_perm(CHANGE_SETTINGS, organisation),
            "label_terms": LABEL_TERMS,
        },
    )


# --- A flag -----------------------------------------------------------------------------------


@require_GET
@login_required
def flag_detail(request, slug, flag_id):
    organisation = _organisation(request, slug, VIEW_FLAGS)
    flag = selectors.flag_in(selectors.visible_service_ids(request.user, organisation), flag_id)
    if flag is None:
        raise Http404("Not found.")
    return render(
        request,
        "leadership/flags/flag_detail.html",
        {
            "organisation": organisation,
            "flag": flag,
            "evidence": selectors.presented_evidence(flag.evidence),
            "next_steps": services.NEXT_STEPS[services.Rung.INTERNAL_REVIEW],
            "label_terms": LABEL_TERMS,
        },
    )


# --- An alert ---------------------------------------------------------------------------------


ALERT_TEMPLATE = "leadership/flags/alert_detail.html"


def _alert_context(request, organisation, alert, acknowledge_form=None, assign_form=None):
    user = request.user
    may_acknowledge = alert.open and user.has_perm(ACKNOWLEDGE_ALERT, alert)
    may_assign = learning.available() and user.has_perm(ASSIGN_PATH, alert)
    paths = learning.paths_for(organisation) if may_assign else []
    if may_acknowledge and acknowledge_form is None:
        acknowledge_form = AcknowledgeForm()
    if paths and assign_form is None:
        assign_form = AssignPathForm(paths=paths, initial={"due_on": services.default_due_on()})
    return {
        "organisation": organisation,
        "alert": alert,
        "flags": [
            {"flag": flag, "evidence": selectors.presented_evidence(flag.evidence)}
            for flag in alert.flag_list
        ],
        "basis": selectors.alert_basis(alert),
        "next_steps": services.NEXT_STEPS.get(alert.suggested_rung, []),
        "acknowledge_form": acknowledge_form if may_acknowledge else None,
        "assign_form": assign_form if paths else None,
        "may_assign": may_assign,
        "no_paths": may_assign and not paths,
        "assignments": list(alert.assignments.all()),
        "label_terms": LABEL_TERMS,
        "rung_term": glossary.PROVIDER_CONCERNS,
    }


@require_GET
@login_required
def alert_detail(request, slug, alert_id):
    organisation, alert = _alert(request, slug, alert_id)
    return render(request, ALERT_TEMPLATE, _alert_context(request, organisation, alert))


@require_POST
@login_required
def alert_acknowledge(request, slug, alert_id):
    organisation, alert = _alert(request, slug, alert_id, ACKNOWLEDGE_ALERT)
    if not alert.open:
        messages.info(request, "This alert was already acknowledged.")
        return redirect(services.alert_url(alert))
    form = AcknowledgeForm(request.POST)

    def acknowledge(form):
        services.alert_acknowledge(alert, request.user, **form.cleaned_data)
        return done(
            request,
            "The alert is acknowledged. What was done is kept with it.",
            services.alert_url(alert),
        )

    return form_page(
        request,
        form,
        ALERT_TEMPLATE,
        _alert_context(request, organisation, alert, acknowledge_form=form),
        on_valid=acknowledge,
    )


@require_POST
@login_required
def alert_assign_path(request, slug, alert_id):
    organisation, alert = _alert(request, slug, alert_id, ASSIGN_PATH)
    if not learning.available():
        raise Http404("Not found.")
    form = AssignPathForm(request.POST, paths=learning.paths_for(organisation))

    def assign(form):
        due_on = form.cleaned_data["due_on"]
        assignment = services.alert_assign_path(
            alert, form.chosen_path(), due_on=due_on, by=request.user
        )
        people = assignment.people_enrolled
        return done(
            request,
            f"“{assignment.path_title}” is assigned to {people} "
            f"{'person' if people == 1 else 'people'} at {alert.service.name}, due by "
            f"{date_format(due_on, 'j F Y')}.",
            services.alert_url(alert),
        )

    return form_page(
        request,
        form,
        ALERT_TEMPLATE,
        _alert_context(request, organisation, alert, assign_form=form),
        on_valid=assign,
    )


# --- Settings ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def flag_settings(request, slug):
    organisation = _organisation(request, slug, CHANGE_SETTINGS)
    form = FlagSettingsForm(
        request.POST or None, rule_settings=selectors.rule_settings(organisation)
    )

    def save(form):
        services.flag_settings_save(organisation, form.choices(), request.user)
        return done(
            request,
            "The rule settings are saved. They apply from the next check of the flags.",
            "leadership:flag_settings",
            slug=organisation.slug,
        )

    return form_page(
        request,
        form,
        "leadership/flags/settings.html",
        {
            "organisation": organisation,
            "may_view_flags": request.user.has_perm(VIEW_FLAGS, organisation),
        },
        on_valid=save,
    )
