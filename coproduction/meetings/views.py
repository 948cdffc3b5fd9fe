"""Views of the meetings part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A meeting of a space the person is not in is "not
found" (404), like the space itself; a member who may not do something is "forbidden" (403).
Papers are private to the space: they are only ever served by `meeting_paper_download`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cms.pagination import paginate
from coproduction.meetings.models import Meeting, MeetingPaper
from coproduction.spaces.models import CoproductionSpace

from ..forms import error_for
from . import selectors, services
from .forms import AttendanceForm, MeetingForm, MinutesForm, PaperForm

PER_PAGE = 25


def _space(request, space_id, perm=None):
    space = get_object_or_404(CoproductionSpace, pk=space_id)
    if not request.user.has_perm("coproduction.view_coproductionspace", space):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, space):
        raise PermissionDenied
    return space


def _meeting(request, meeting_id, perm=None):
    meeting = get_object_or_404(Meeting.objects.select_related("space"), pk=meeting_id)
    if not request.user.has_perm("coproduction.view_meeting", meeting):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def _not_if_cancelled(request, meeting, text):
    """A redirect to the meeting with `text` when it is cancelled, else None."""
    if meeting.cancelled_at is None:
        return None
    messages.error(request, text)
    return redirect(meeting)


# --- Meetings -------------------------------------------------------------------------------


@require_GET
@login_required
def meeting_list(request, space_id):
    space = _space(request, space_id)
    return render(
        request,
        "coproduction/meetings/meeting_list.html",
        {
            "space": space,
            "upcoming": selectors.upcoming_meetings(space),
            **paginate(request.GET, selectors.past_meetings(space), PER_PAGE),
            "may_plan": request.user.has_perm("coproduction.add_meeting", space),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request, space_id):
    space = _space(request, space_id, "coproduction.add_meeting")
    form = MeetingForm(request.POST or None, items=selectors.items_for_agenda(space))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(space, request.user, **form.meeting_data())
        except ValidationError as error:
            error_for(form, error)
        else:
            if services.is_upcoming(meeting):
                messages.success(request, "The meeting is planned. The members have been emailed.")
            else:
                messages.success(request, "The meeting is recorded.")
            return redirect(meeting)
    return render(
        request,
        "coproduction/meetings/meeting_form.html",
        {"space": space, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request, meeting_id):
    meeting = _meeting(request, meeting_id, "coproduction.change_meeting")
    refused = _not_if_cancelled(request, meeting, "This meeting was cancelled: it cannot change.")
    if refused:
        return refused
    positions = {entry.item_id: entry.position for entry in selectors.agenda_of(meeting)}
    positions = {
        item_id: number for number, item_id in enumerate(sorted(positions, key=positions.get), 1)
    }
    form = MeetingForm(
        request.POST or None,
        items=selectors.items_for_agenda(meeting.space, meeting),
        positions=positions,
        initial=MeetingForm.initial_for(meeting),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting, request.user, **form.meeting_data())
        except ValidationError as error:
            error_for(form, error)
        else:
            messages.success(request, "The meeting has been changed.")
            return redirect(meeting)
    return render(
        request,
        "coproduction/meetings/meeting_form.html",
        {"space": meeting.space, "meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def meeting_detail(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    user = request.user
    may_manage = user.has_perm("coproduction.manage_meeting", meeting)
    return render(
        request,
        "coproduction/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "space": meeting.space,
            "agenda": selectors.agenda_of(meeting),
            "papers": selectors.papers_of(meeting),
            "attendance": selectors.attendance_summary(meeting),
            "attendance_rows": selectors.attendance_of(meeting) if may_manage else None,
            "may_change": user.has_perm("coproduction.change_meeting", meeting),
            "may_manage": may_manage,
            "may_cancel": may_manage and services.is_upcoming(meeting),
            "may_read_minutes": user.has_perm("coproduction.view_minutes_meeting", meeting),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_cancel(request, meeting_id):
    meeting = _meeting(request, meeting_id, "coproduction.manage_meeting")
    error = None
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting, request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"“{meeting.title}” is cancelled.")
            return redirect(meeting)
    elif not services.is_upcoming(meeting):
        error = (
            "This meeting is already cancelled."
            if meeting.cancelled_at
            else "This meeting has already started, so it cannot be cancelled."
        )
    return render(
        request,
        "coproduction/meetings/meeting_cancel.html",
        {"meeting": meeting, "space": meeting.space, "error": error},
        status=400 if error and request.method == "POST" else 200,
    )


# --- Papers ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def meeting_paper_upload(request, meeting_id):
    meeting = _meeting(request, meeting_id, "coproduction.manage_meeting")
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.paper_add(meeting, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"“{paper.title}” has been added to the papers.")
            return redirect(meeting.get_absolute_url() + "#papers")
    return render(
        request,
        "coproduction/meetings/paper_form.html",
        {"meeting": meeting, "space": meeting.space, "form": form},
        status=400 if form.errors else 200,
    )


def _paper(meeting, paper_id):
    return get_object_or_404(MeetingPaper, pk=paper_id, meeting=meeting)


@require_GET
@login_required
def meeting_paper_download(request, meeting_id, paper_id):
    meeting = _meeting(request, meeting_id)
    paper = _paper(meeting, paper_id)
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    return FileResponse(handle, as_attachment=True, filename=paper.original_filename)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_paper_delete(request, meeting_id, paper_id):
    meeting = _meeting(request, meeting_id, "coproduction.manage_meeting")
    paper = _paper(meeting, paper_id)
    if request.method == "POST":
        services.paper_delete(paper)
        messages.success(request, f"“{paper.title}” has been removed.")
        return redirect(meeting.get_absolute_url() + "#papers")
    return render(
        request,
        "coproduction/meetings/paper_delete.html",
        {"meeting": meeting, "space": meeting.space, "paper": paper},
    )


# --- Attendance and minutes -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def meeting_attendance(request, meeting_id):
    meeting = _meeting(request, meeting_id, "coproduction.manage_meeting")
    refused = _not_if_cancelled(
        request, meeting, "This meeting was cancelled: there is no attendance to record."
    )
    if refused:
        return refused
    memberships = selectors.members_for_attendance(meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(meeting, request.user, form.cleaned_data["records"])
        except ValidationError as error:
            error_for(form, error)
        else:
            messages.success(request, "The attendance has been saved.")
            return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "coproduction/meetings/attendance_form.html",
        {"meeting": meeting, "space": meeting.space, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def meeting_minutes(request, meeting_id):
    meeting = _meeting(request, meeting_id, "coproduction.manage_meeting")
    refused = _not_if_cancelled(request, meeting, "This meeting was cancelled: it has no minutes.")
    if refused:
        return refused
    publishing = request.method == "POST" and "publish" in request.POST
    form = MinutesForm(
        request.POST or None,
        items=selectors.on_agenda_items(meeting),
        publishing=publishing,
        initial={"minutes": meeting.minutes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(
                meeting,
                request.user,
                form.cleaned_data["minutes"],
                publish=publishing,
                discussed_items=form.cleaned_data.get("discussed", ()),
            )
        except ValidationError as error:
            error_for(form, error)
        else:
            if publishing:
                messages.success(request, "The minutes are published to the members.")
            else:
                messages.success(request, "The minutes have been saved.")
            return redirect(meeting.get_absolute_url() + "#minutes")
    return render(
        request,
        "coproduction/meetings/minutes_form.html",
        {"meeting": meeting, "space": meeting.space, "form": form},
        status=400 if form.errors else 200,
    )
