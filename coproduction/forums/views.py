"""Views of the forums part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A forum, and everything in it, is "not found" (404)
to anyone who is neither a host nor a family of it; a member who may not do something is
"forbidden" (403). `forum_join` is public: it is how a family with the home's code asks to join.
"""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.pagination import paginate
from cms.views import confirm_page, done, form_page
from coproduction.forums.models import FamilyForum, ForumEvent

from . import selectors, services
from .forms import (
    EventActionForm,
    EventForm,
    ForumForm,
    InviteForm,
    JoinForm,
    NotesForm,
    RSVPForm,
    VisitsForm,
)

PER_PAGE = 25


def _forum(request, forum_id, perm=None):
    forum = get_object_or_404(
        FamilyForum.objects.select_related("service__organisation"), pk=forum_id
    )
    if not request.user.has_perm("coproduction.view_familyforum", forum):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, forum):
        raise PermissionDenied
    return forum


def _event(request, event_id, perm=None):
    event = get_object_or_404(
        ForumEvent.objects.select_related("forum__service__organisation"), pk=event_id
    )
    if not request.user.has_perm("coproduction.view_forumevent", event):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def _page(request, queryset):
    return paginate(request.GET, queryset, PER_PAGE)


# --- Forums ---------------------------------------------------------------------------------


@require_GET
@login_required
def forum_list(request):
    return render(
        request,
        "coproduction/forums/forum_list.html",
        {
            "forums": selectors.forums_for(request.user),
            "may_create": selectors.services_for_new_forum(request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_create(request):
    if not request.user.has_perm("coproduction.add_familyforum"):
        raise PermissionDenied
    services_open = selectors.services_for_new_forum(request.user)
    form = ForumForm(request.POST or None, services=services_open)

    def create(form):
        service = form.cleaned_data["service"]
        if not request.user.has_perm("coproduction.add_familyforum", service):
            raise PermissionDenied
        forum = services.forum_create(
            service, name=form.cleaned_data["name"], welcome=form.cleaned_data["welcome"]
        )
        if request.user.has_perm("coproduction.view_familyforum", forum):
            return done(request, f"“{forum.name}” is open.", forum)
        return done(
            request,
            f"“{forum.name}” is open. Give people the forum host role for {service.name} "
            "so they can run it.",
            "coproduction:forum_list",
        )

    return form_page(
        request,
        form,
        "coproduction/forums/forum_form.html",
        {"no_services": not services_open.exists()},
        on_valid=create,
    )


@require_GET
@login_required
def forum_detail(request, forum_id):
    forum = _forum(request, forum_id)
    user = request.user
    may_manage = user.has_perm("coproduction.manage_familyforum", forum)
    is_family = user.has_perm("coproduction.join_familyforum", forum)
    place = selectors.family_place(forum, user) if is_family else None
    if is_family and place is None and not may_manage:
        return redirect("coproduction:forum_welcome", forum_id=forum.pk)
    return render(
        request,
        "coproduction/forums/forum_detail.html",
        {
            "forum": forum,
            "place": place,
            "upcoming": selectors.upcoming_events(forum),
            **_page(request, selectors.past_events(forum)),
            "may_manage": may_manage,
            "may_add_event": user.has_perm("coproduction.add_forumevent", forum),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_code_renew(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.manage_familyforum")

    def renew():
        services.join_code_renew(forum)
        return done(
            request,
            f"The new code is {forum.join_code}. The old one no longer works.",
            forum.get_absolute_url() + "#join-code",
        )

    return confirm_page(
        request,
        "coproduction/forums/code_renew.html",
        {
            "forum": forum,
            "question": "Make a new code?",
            "confirm_label": "Yes, make a new code",
            "cancel_url": forum.get_absolute_url(),
            "danger": True,
        },
        on_confirm=renew,
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_invite(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.manage_familyforum")
    form = InviteForm(request.POST or None)

    def invite(form):
        email = form.cleaned_data["email"]
        services.family_invite(forum, request.user, email)
        return done(request, f"An invitation has been emailed to {email}.", forum)

    return form_page(
        request, form, "coproduction/forums/invite_form.html", {"forum": forum}, on_valid=invite
    )


@require_GET
@login_required
def forum_families(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.manage_familyforum")
    return render(
        request,
        "coproduction/forums/families.html",
        {"forum": forum, **_page(request, selectors.families_of(forum))},
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_welcome(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.join_familyforum")
    place = selectors.family_place(forum, request.user)
    form = VisitsForm(request.POST or None, initial={"visits": place.visits if place else ""})

    def save(form):
        services.family_visits_set(forum, request.user, form.cleaned_data["visits"])
        return done(request, "Thank you. You can change this at any time.", forum)

    return form_page(
        request,
        form,
        "coproduction/forums/welcome.html",
        {"forum": forum, "place": place},
        on_valid=save,
    )


# --- Joining with the home's code (public) --------------------------------------------------


@require_http_methods(["GET", "POST"])
def forum_join(request):
    form = JoinForm(request.POST or None)

    def join(form):
        # Guessing codes: 5 tries in 15 minutes from one address (allauth's rate limits,
        # ACCOUNT_RATE_LIMITS; the address is only kept hashed).
        client = get_adapter().get_client_ip(request)
        if not ratelimit.consume(request, action="coproduction_forum_join", key=client):
            raise ValidationError(
                {
                    "code": "That code has been entered wrongly too many times. Wait 15 "
                    "minutes, then try again, or ask the home to invite you by email."
                }
            )
        services.family_join_with_code(form.cleaned_data["code"], form.cleaned_data["email"])
        request.session["coproduction_forum_join_email"] = form.cleaned_data["email"]
        return redirect(reverse("coproduction:forum_join") + "?sent=1")

    sent_to = (
        request.session.get("coproduction_forum_join_email") if request.GET.get("sent") else None
    )
    return form_page(
        request, form, "coproduction/forums/join.html", {"sent_to": sent_to}, on_valid=join
    )


# --- Events ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def forum_event_create(request, forum_id):
    forum = _forum(request, forum_id, "coproduction.add_forumevent")
    form = EventForm(request.POST or None)

    def plan(form):
        event = services.event_create(forum, request.user, **form.event_data())
        return done(request, "The event is planned. Families can now answer.", event)

    return form_page(
        request, form, "coproduction/forums/event_form.html", {"forum": forum}, on_valid=plan
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_event_edit(request, event_id):
    event = _event(request, event_id, "coproduction.manage_forumevent")
    if event.cancelled_at:
        messages.error(request, "This event was cancelled: it cannot change.")
        return redirect(event)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))

    def change(form):
        services.event_update(event, **form.event_data())
        return done(request, "The event has been changed.", event)

    return form_page(
        request,
        form,
        "coproduction/forums/event_form.html",
        {"forum": event.forum, "event": event},
        on_valid=change,
    )


@require_GET
@login_required
def forum_event_detail(request, event_id):
    event = _event(request, event_id)
    user = request.user
    may_manage = user.has_perm("coproduction.manage_forumevent", event)
    may_rsvp = user.has_perm("coproduction.rsvp_forumevent", event) and services.is_upcoming(event)
    rsvp = selectors.rsvp_of(event, user)
    rsvp_form = None
    if may_rsvp:
        rsvp_form = RSVPForm(
            initial=(
                {"answer": rsvp.answer, "guests": rsvp.guests, "access_needs": rsvp.access_needs}
                if rsvp
                else None
            )
        )
    return render(
        request,
        "coproduction/forums/event_detail.html",
        {
            "event": event,
            "forum": event.forum,
            "rsvp": rsvp,
            "rsvp_form": rsvp_form,
            "may_manage": may_manage,
            "may_cancel": may_manage and services.is_upcoming(event),
            "rsvps": selectors.rsvps_of(event) if may_manage else None,
            "counts": selectors.rsvp_counts(event) if may_manage else None,
        },
    )


@require_POST
@login_required
def forum_event_rsvp(request, event_id):
    event = _event(request, event_id, "coproduction.rsvp_forumevent")
    form = RSVPForm(request.POST)

    def answer(form):
        services.rsvp_set(event, request.user, **form.cleaned_data)
        return done(request, "Thank you: your answer is saved.", event.get_absolute_url() + "#rsvp")

    return form_page(
        request,
        form,
        "coproduction/forums/event_detail.html",
        {
            "event": event,
            "forum": event.forum,
            "rsvp": selectors.rsvp_of(event, request.user),
            "rsvp_form": form,
            "may_manage": request.user.has_perm("coproduction.manage_forumevent", event),
            "may_cancel": False,
        },
        on_valid=answer,
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_event_cancel(request, event_id):
    event = _event(request, event_id, "coproduction.manage_forumevent")
    unavailable = None
    if request.method == "GET" and not services.is_upcoming(event):
        unavailable = (
            "This event is already cancelled."
            if event.cancelled_at
            else "This event has already started, so it cannot be cancelled."
        )

    def cancel():
        services.event_cancel(event, request.user)
        return done(
            request,
            f"“{event.title}” is cancelled. The families who were coming are emailed.",
            event,
        )

    return confirm_page(
        request,
        "coproduction/forums/event_cancel.html",
        {
            "event": event,
            "forum": event.forum,
            "unavailable": unavailable,
            "question": f"Cancel “{event.title}”?",
            "confirm_label": "Yes, cancel the event",
            "cancel_url": event.get_absolute_url(),
            "danger": True,
        },
        on_confirm=cancel,
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_event_notes(request, event_id):
    event = _event(request, event_id, "coproduction.manage_forumevent")
    if event.cancelled_at:
        messages.error(request, "This event was cancelled: it has no notes.")
        return redirect(event)
    rsvps = [r for r in selectors.rsvps_of(event) if r.answer != "no" or r.attended]
    publishing = request.method == "POST" and "publish" in request.POST
    form = NotesForm(
        request.POST or None,
        rsvps=rsvps,
        publishing=publishing,
        initial={"notes": event.notes, "attended": [str(r.pk) for r in rsvps if r.attended]},
    )

    def save(form):
        services.notes_save(
            event,
            notes=form.cleaned_data["notes"],
            publish=publishing,
            attended_ids=form.cleaned_data.get("attended", []) if rsvps else None,
        )
        return done(
            request,
            "The notes are published to the families." if publishing else "The notes are saved.",
            event.get_absolute_url() + "#notes",
        )

    return form_page(
        request,
        form,
        "coproduction/forums/event_notes.html",
        {"event": event, "forum": event.forum},
        on_valid=save,
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_event_action(request, event_id):
    event = _event(request, event_id, "coproduction.manage_forumevent")
    form = EventActionForm(request.POST or None)

    def record(form):
        services.event_action_record(event, request.user, **form.cleaned_data)
        return done(
            request,
            "Saved. It shows on the service’s “You said, we did” page.",
            event.get_absolute_url() + "#notes",
        )

    return form_page(
        request,
        form,
        "coproduction/forums/event_action_form.html",
        {"event": event, "forum": event.forum},
        on_valid=record,
    )
