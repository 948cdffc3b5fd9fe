"""Views of the meetings part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A meeting of a space the person is not in is "not
found" (404), like the space itself; a member who may not do something is "forbidden" (403).
Papers are private to the space: they are only ever served by `meeting_paper_download`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cms.pagination import paginate
from cms.views import confirm_page, done, form_page
from coproduction.meetings.models import Meeting, MeetingPaper
from coproduction.spaces.models import CoproductionSpace

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

    def plan(form):
        meeting = services.meeting_plan(space, request.user, **form.meeting_data())
        if services.is_upcoming(meeting):
            return done(request, "The meeting is planned. The members have been emailed.", meeting)
        return done(request, "The meeting is recorded.", meeting)

    return form_page(
        request, form, "coproduction/meetings/meeting_form.html", {"space": space}, on_valid=plan
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

    def change(form):
        services.meeting_update(meeting, request.user, **form.meeting_data())
        return done(request, "The meeting has been changed.", meeting)

    return form_page(
        request,
        form,
        "coproduction/meetings/meeting_form.html",
        {"space": meeting.space, "meeting": meeting},
        on_valid=change,
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
    unavailable = None
    if request.method == "GET" and not services.is_upcoming(meeting):
        unavailable = (
            "This meeting is already cancelled."
            if meeting.cancelled_at
            else "This meeting has already started, so it cannot be cancelled."
        )

    def cancel():
        services.meeting_cancel(meeting, request.user)
        return done(request, f"“{meeting.title}” is cancelled.", meeting)

    return confirm_page(
        request,
        "coproduction/meetings/meeting_cancel.html",
        {
            "meeting": meeting,
            "space": meeting.space,
            "unavailable": unavailable,
            "question": f"Cancel “{meeting.title}”?",
            "confirm_label": "Yes, cancel the meeting",
            "cancel_url": meeting.get_absolute_url(),
            "danger": True,
        },
        on_confirm=cancel,
    )


# --- Papers ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def meeting_paper_upload(request, meeting_id):
    meeting = _meeting(request, meeting_id, "coproduction.manage_meeting")
    form = PaperForm(request.POST or None, request.FILES or None)

    def add(form):
        paper = services.paper_add(meeting, request.user, **form.cleaned_data)
        return done(
            request,
            f"“{paper.title}” has been added to the papers.",
            meeting.get_absolute_url() + "#papers",
        )

    return form_page(
        request,
        form,
        "coproduction/meetings/paper_form.html",
        {"meeting": meeting, "space": meeting.space},
        on_valid=add,
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

    def remove():
        services.paper_delete(paper)
        return done(
            request, f"“{paper.title}” has been removed.", meeting.get_absolute_url() + "#papers"
        )

    return confirm_page(
        request,
        "coproduction/meetings/paper_delete.html",
        {
            "meeting": meeting,
            "space": meeting.space,
            "paper": paper,
            "question": f"Remove “{paper.title}”?",
            "confirm_label": "Yes, remove the paper",
            "cancel_url": meeting.get_absolute_url(),
            "danger": True,
        },
        on_confirm=remove,
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

    def record(form):
        services.attendance_record(meeting, request.user, form.cleaned_data["records"])
        return done(
            request, "The attendance has been saved.", meeting.get_absolute_url() + "#attendance"
        )

    return form_page(
        request,
        form,
        "coproduction/meetings/attendance_form.html",
        {"meeting": meeting, "space": meeting.space},
        on_valid=record,
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

    def save(form):
        services.minutes_save(
            meeting,
            request.user,
            form.cleaned_data["minutes"],
            publish=publishing,
            discussed_items=form.cleaned_data.get("discussed", ()),
        )
        return done(
            request,
            "The minutes are published to the members."
            if publishing
            else "The minutes have been saved.",
            meeting.get_absolute_url() + "#minutes",
        )

    return form_page(
        request,
        form,
        "coproduction/meetings/minutes_form.html",
        {"meeting": meeting, "space": meeting.space},
        on_valid=save,
    )
