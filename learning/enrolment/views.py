"""Enrolment views: thin, each asking cms.permissions (through learning.enrolment.rules) and calling
`services` and `selectors`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from cms.exports import streaming_download
from cms.views import confirm_page, done, form_page

from ..authoring.models import LearningPathPage
from . import selectors, services, xapi
from .forms import AssignPathForm, VerifyCertificateForm

# Public certificate checks per address: enough for a recruiter checking a pile of
# certificates, far too few to guess a 60-bit code.
VERIFY_LIMIT = 30
VERIFY_WINDOW_SECONDS = 600


@login_required
def my_learning(request):
    if not request.user.has_perm("learning.view_my_learning"):
        raise PermissionDenied
    today = timezone.localdate()
    assigned = list(selectors.assigned_to(request.user))
    for enrolment in assigned:
        enrolment.overdue_now = enrolment.is_overdue(today)
    return render(
        request,
        "learning/enrolment/my_learning.html",
        {
            "assigned": assigned,
            "overdue_count": sum(e.overdue_now for e in assigned),
            "completed": selectors.completed_by(request.user),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request, path_id):
    path = get_object_or_404(LearningPathPage.objects.live(), pk=path_id)
    if not request.user.has_perm("learning.enrol_self", path):
        raise PermissionDenied
    existing = selectors.open_enrolment(request.user, path)
    back_to = path.url or "learning:my_learning"

    def enrol_me():
        if existing is not None:
            messages.info(request, f"You are already enrolled on “{path.title}”.")
            return redirect(back_to)
        services.enrol_self(request.user, path)
        return done(request, f"You are now enrolled on “{path.title}”.", back_to)

    return confirm_page(
        request,
        "learning/enrolment/enrol_confirm.html",
        {
            "path": path,
            "existing": existing,
            "question": f"Enrol on “{path.title}”",
            "confirm_label": "Yes, enrol me",
            "cancel_url": path.url,
        },
        on_confirm=enrol_me,
    )


@login_required
@require_http_methods(["GET", "POST"])
def assign(request):
    if not request.user.has_perm("learning.assign_path"):
        raise PermissionDenied
    scope = selectors.leader_scope(request.user)
    form = AssignPathForm(request.POST if request.method == "POST" else None, scope=scope)

    def assign_it(form):
        data = form.cleaned_data
        if not request.user.has_perm("learning.assign_path", data["path"]):
            raise PermissionDenied
        target = data["assign_to"]
        enrolments = services.assign_path(
            data["path"],
            users=[data["person"]] if target == form.PERSON else None,
            service=data.get("service") if target == form.SERVICE else None,
            organisation=data.get("organisation") if target == form.ORGANISATION else None,
            assigned_by=request.user,
            due_on=data["due_on"],
        )
        if not enrolments:
            messages.warning(request, "Nobody works there yet, so nobody was assigned the path.")
            return redirect("learning:assign")
        return done(
            request,
            f"“{data['path'].title}” is assigned to {len(enrolments)} "
            f"{'person' if len(enrolments) == 1 else 'people'}, "
            f"to complete by {data['due_on']:%d %B %Y}.",
            "learning:assign",
        )

    return form_page(request, form, "learning/enrolment/assign.html", on_valid=assign_it)


@login_required
def certificate_download(request, code):
    certificate = selectors.certificate_by_code(code)
    # Unknown and not-yours look the same, so the address reveals nothing.
    if (
        certificate is None
        or not certificate.pdf
        or not request.user.has_perm("learning.download_certificate", certificate)
    ):
        raise Http404
    filename = f"certificate-{slugify(certificate.path_title)}-{certificate.code}.pdf"
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


def _verify_allowed(request):
    key = f"learning:verify:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, VERIFY_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, VERIFY_WINDOW_SECONDS)
        count = 1
    return count <= VERIFY_LIMIT


def verify_certificate(request):
    if not request.user.has_perm("learning.verify_certificate"):
        raise PermissionDenied
    form = VerifyCertificateForm(request.GET if "code" in request.GET else None)
    context = {"form": form, "checked": False, "certificate": None}
    status = 200
    if form.is_bound and form.is_valid():
        if not _verify_allowed(request):
            context["too_many"] = True
            status = 429
        else:
            context["checked"] = True
            context["certificate"] = selectors.certificate_by_code(form.cleaned_data["code"])
    response = render(request, "learning/enrolment/verify.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def learning_records(request):
    """Where an organisation admin finds the xAPI export of each organisation they hold."""
    if not request.user.has_perm("learning.export_xapi"):
        raise PermissionDenied
    organisations = selectors.xapi_exportable_organisations(request.user)
    return render(
        request, "learning/enrolment/learning_records.html", {"organisations": organisations}
    )


@login_required
def xapi_export(request):
    if not request.user.has_perm("learning.export_xapi"):
        raise PermissionDenied
    organisations = selectors.xapi_exportable_organisations(request.user)
    if slug := request.GET.get("organisation"):
        organisations = [o for o in organisations if o.slug == slug]
    if not organisations:
        raise PermissionDenied
    organisation = organisations[0]
    # Streamed: written as the records are read, however long the organisation's history.
    stamp = timezone.localdate().isoformat()
    return streaming_download(
        xapi.json_chunks(xapi.statements(organisation)),
        f"xapi-{organisation.slug}-{stamp}.json",
        "application/json; charset=utf-8",
    )
