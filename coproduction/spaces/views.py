"""Views of the spaces part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector. A space is private: to someone who is not in it, it
and everything in it is "not found" (404); a member who may not do something is "forbidden"
(403)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cms.views import confirm_page, done, form_page
from coproduction.forms import QuoteConsentForm, quote_consent_message
from coproduction.spaces.models import (
    AgendaComment,
    AgendaItem,
    CoproductionSpace,
    SpaceMembership,
    SpaceRole,
)

from . import selectors, services
from .forms import (
    AgendaItemForm,
    AlliesForm,
    CommentForm,
    MemberAddForm,
    MergeForm,
    SpaceEditForm,
    SpaceForm,
    StatusForm,
    SubmitForMemberForm,
)
from .rules import space_role


def _space(request, space_id, perm=None):
    space = get_object_or_404(CoproductionSpace.objects.select_related("organisation"), pk=space_id)
    if not request.user.has_perm("coproduction.view_coproductionspace", space):
        raise Http404("Not found.")
    if perm and not request.user.has_perm(perm, space):
        raise PermissionDenied
    return space


def _item(request, space, item_id, perm=None):
    item = get_object_or_404(AgendaItem, pk=item_id, space=space)
    if perm and not request.user.has_perm(perm, item):
        raise PermissionDenied
    return item


# --- Spaces ---------------------------------------------------------------------------------


@login_required
def space_list(request):
    spaces = list(selectors.spaces_for(request.user))
    for space in spaces:
        space.my_role_label = SpaceRole(space.my_role).label
    return render(
        request,
        "coproduction/spaces/space_list.html",
        {
            "spaces": spaces,
            "may_create": request.user.has_perm("coproduction.add_coproductionspace"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def space_create(request):
    if not request.user.has_perm("coproduction.add_coproductionspace"):
        raise PermissionDenied
    form = SpaceForm(request.POST or None, user=request.user)

    def create(form):
        if not request.user.has_perm(
            "coproduction.add_coproductionspace", form.cleaned_data["organisation"]
        ):
            raise PermissionDenied
        space = services.space_create(**form.cleaned_data)
        message = f"The space “{space.name}” has been created."
        if request.user.has_perm("coproduction.view_coproductionspace", space):
            return done(request, message, space)
        return done(request, message, "coproduction:space_list")

    return form_page(request, form, "coproduction/spaces/space_form.html", on_valid=create)


@login_required
def space_detail(request, space_id):
    space = _space(request, space_id)
    items = selectors.items_of(space, request.user)
    return render(
        request,
        "coproduction/spaces/space_detail.html",
        {
            "space": space,
            "my_role": space_role(request.user, space),
            "members": selectors.members_of(space),
            "open_items": [i for i in items if i.status not in services.FINAL_STATUSES],
            "finished_items": [i for i in items if i.status in services.FINAL_STATUSES],
            "may_manage": request.user.has_perm("coproduction.manage_spacemembership", space),
            "may_propose": request.user.has_perm("coproduction.add_agendaitem", space),
            "may_submit_for": request.user.has_perm("coproduction.submit_for_agendaitem", space),
            "may_support": request.user.has_perm("coproduction.support_agendaitem", space),
            "may_change_space": request.user.has_perm(
                "coproduction.change_coproductionspace", space
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def space_edit(request, space_id):
    space = _space(request, space_id, "coproduction.change_coproductionspace")
    form = SpaceEditForm(
        request.POST or None,
        space=space,
        initial={name: getattr(space, name) for name in services.SPACE_DETAILS},
    )

    def save(form):
        services.space_update(space, **form.cleaned_data)
        return done(request, f"The changes to “{space.name}” are saved.", space)

    return form_page(
        request, form, "coproduction/spaces/space_form.html", {"space": space}, on_valid=save
    )


# --- Members --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def space_members(request, space_id):
    space = _space(request, space_id, "coproduction.manage_spacemembership")
    form = MemberAddForm(request.POST or None, people=selectors.people_who_may_join(space))

    def add(form):
        person = form.cleaned_data["user"]
        services.member_add(space, person, form.cleaned_data["role"])
        return done(
            request,
            f"{person.get_full_name() or person.email} is in the space.",
            "coproduction:space_members",
            space_id=space.pk,
        )

    return form_page(
        request,
        form,
        "coproduction/spaces/members.html",
        {
            "space": space,
            "members": selectors.members_of(space),
            "allies_form": AlliesForm(
                initial={"allies_may_propose_and_vote": space.allies_may_propose_and_vote}
            ),
        },
        on_valid=add,
    )


@require_http_methods(["GET", "POST"])
@login_required
def space_member_remove(request, space_id, membership_id):
    space = _space(request, space_id, "coproduction.manage_spacemembership")
    membership = get_object_or_404(
        SpaceMembership.objects.select_related("user"), pk=membership_id, space=space
    )
    members_url = reverse("coproduction:space_members", args=[space.pk])
    name = membership.user.get_full_name() or membership.user.email

    def remove():
        services.member_remove(membership)
        return done(request, "They have been removed from the space.", members_url)

    return confirm_page(
        request,
        "coproduction/spaces/member_remove.html",
        {
            "space": space,
            "membership": membership,
            "question": f"Remove {name} from {space.name}?",
            "confirm_label": "Yes, remove them",
            "cancel_url": members_url,
        },
        on_confirm=remove,
    )


@require_POST
@login_required
def space_allies(request, space_id):
    space = _space(request, space_id, "coproduction.manage_spacemembership")
    form = AlliesForm(request.POST)
    form.is_valid()
    allowed = form.cleaned_data.get("allies_may_propose_and_vote", False)
    services.allies_may_propose_set(space, allowed)
    return done(
        request,
        "Staff allies may now propose items and vote."
        if allowed
        else "Staff allies may comment, but not propose items or vote.",
        "coproduction:space_members",
        space_id=space.pk,
    )


# --- Agenda items ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_create(request, space_id):
    space = _space(request, space_id, "coproduction.add_agendaitem")
    form = AgendaItemForm(request.POST or None)

    def propose(form):
        item = services.item_propose(space, request.user, **form.cleaned_data)
        return done(request, "Thank you: your item is on the list as “Proposed”.", item)

    return form_page(
        request, form, "coproduction/spaces/item_form.html", {"space": space}, on_valid=propose
    )


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_submit_for(request, space_id):
    space = _space(request, space_id, "coproduction.submit_for_agendaitem")
    form = SubmitForMemberForm(
        request.POST or None, members=selectors.members_who_may_propose(space)
    )

    def propose(form):
        data = dict(form.cleaned_data)
        member = data.pop("member")
        item = services.item_propose(space, member, supported_by=request.user, **data)
        return done(request, "The item has been submitted for them.", item)

    return form_page(
        request,
        form,
        "coproduction/spaces/item_form.html",
        {"space": space, "for_member": True},
        on_valid=propose,
    )


def _item_context(request, space, item, **extra):
    item = selectors.item_detail(space, item.pk, request.user)
    may_set_status = request.user.has_perm("coproduction.set_status_agendaitem", item)
    statuses = services.next_statuses(item)
    context = {
        "space": space,
        "item": item,
        "history": selectors.status_history(item),
        "comments": selectors.comments_on(item),
        "may_support": request.user.has_perm("coproduction.support_agendaitem", item),
        "may_comment": request.user.has_perm("coproduction.comment_agendaitem", item),
        "may_set_status": may_set_status and bool(statuses),
        "may_merge": request.user.has_perm("coproduction.merge_agendaitem", item)
        and item.status not in services.FINAL_STATUSES,
        "comment_form": CommentForm(),
        "status_form": StatusForm(statuses=statuses),
        **extra,
    }
    return context


def _render_item(request, space, item, **extra):
    return render(
        request,
        "coproduction/spaces/item_detail.html",
        _item_context(request, space, item, **extra),
    )


@login_required
def agenda_item_detail(request, space_id, item_id):
    space = _space(request, space_id)
    return _render_item(request, space, _item(request, space, item_id))


@require_POST
@login_required
def agenda_item_support(request, space_id, item_id):
    space = _space(request, space_id)
    item = _item(request, space, item_id, "coproduction.support_agendaitem")
    if services.support_toggle(item, request.user):
        message = f"You support “{item.title}”."
    else:
        message = f"You no longer support “{item.title}”."
    return done(request, message, space if request.POST.get("next") == "space" else item)


@require_POST
@login_required
def agenda_item_comment(request, space_id, item_id):
    space = _space(request, space_id)
    item = _item(request, space, item_id, "coproduction.comment_agendaitem")
    form = CommentForm(request.POST)

    def comment(form):
        services.comment_add(
            item, request.user, form.cleaned_data["body"], may_quote=form.cleaned_data["may_quote"]
        )
        return done(request, "Your comment has been added.", item.get_absolute_url() + "#comments")

    return form_page(
        request,
        form,
        "coproduction/spaces/item_detail.html",
        _item_context(request, space, item, comment_form=form),
        on_valid=comment,
    )


@require_POST
@login_required
def agenda_item_quote(request, space_id, item_id):
    """The proposer gives or takes back consent to quote their item (a button under it)."""
    space = _space(request, space_id)
    item = _item(request, space, item_id, "coproduction.quote_consent_agendaitem")
    form = QuoteConsentForm(request.POST)
    form.is_valid()  # a box: absent means no
    services.item_quote_consent_set(item, request.user, form.cleaned_data["may_quote"])
    return done(request, quote_consent_message(form.cleaned_data["may_quote"], "item"), item)


@require_POST
@login_required
def agenda_comment_quote(request, space_id, item_id, comment_id):
    """The author gives or takes back consent to quote their comment (a button under it)."""
    space = _space(request, space_id)
    item = _item(request, space, item_id)
    comment = get_object_or_404(AgendaComment, pk=comment_id, item=item)
    if not request.user.has_perm("coproduction.quote_consent_agendacomment", comment):
        raise PermissionDenied
    form = QuoteConsentForm(request.POST)
    form.is_valid()  # a box: absent means no
    services.comment_quote_consent_set(comment, request.user, form.cleaned_data["may_quote"])
    return done(
        request,
        quote_consent_message(form.cleaned_data["may_quote"], "comment"),
        item.get_absolute_url() + "#comments",
    )


@require_POST
@login_required
def agenda_item_status(request, space_id, item_id):
    space = _space(request, space_id)
    item = _item(request, space, item_id, "coproduction.set_status_agendaitem")
    form = StatusForm(request.POST, statuses=services.next_statuses(item))

    def set_status(form):
        services.status_set(
            item, form.cleaned_data["status"], request.user, form.cleaned_data["reason"]
        )
        item.refresh_from_db()
        return done(request, f"“{item.title}” is now “{item.get_status_display()}”.", item)

    return form_page(
        request,
        form,
        "coproduction/spaces/item_detail.html",
        _item_context(request, space, item, status_form=form),
        on_valid=set_status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def agenda_item_merge(request, space_id, item_id):
    space = _space(request, space_id)
    item = _item(request, space, item_id, "coproduction.merge_agendaitem")
    form = MergeForm(request.POST or None, targets=selectors.open_items_to_merge_into(item))

    def merge(form):
        target = form.cleaned_data["target"]
        services.item_merge(item, target, request.user)
        return done(request, f"“{item.title}” has been merged into “{target.title}”.", target)

    return form_page(
        request,
        form,
        "coproduction/spaces/item_merge.html",
        {"space": space, "item": item},
        on_valid=merge,
    )
