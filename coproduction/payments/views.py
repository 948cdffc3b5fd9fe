"""Views of the payments part: thin, each asks `request.user.has_perm` (the part's rules.py)
and calls a service or selector.

Finance (the rate, every record of the organisation, marking records paid or declined, the CSV)
is for the organisation's admins only: the records name people and what they are paid. A space's
lived-experience lead records the time given in their space; to someone outside the space, the
space and its meetings are "not found" (404). Everyone sees their own record.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.exports import EXPORT_CHUNK, csv_cell, csv_download
from cms.pagination import paginate
from cms.views import confirm_page, done, form_page
from coproduction.meetings.models import Meeting
from coproduction.payments.models import InvolvementRecord
from coproduction.spaces.models import CoproductionSpace

from . import selectors, services
from .forms import FinanceFilterForm, MarkPaidForm, RateForm, RecordForm

PER_PAGE = 25


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _space(request, space_id, perm):
    space = get_object_or_404(CoproductionSpace.objects.select_related("organisation"), pk=space_id)
    if not request.user.has_perm("coproduction.view_coproductionspace", space):
        raise Http404("Not found.")
    _require(request, perm, space)
    return space


def _page(request, records):
    page = paginate(request.GET, records, PER_PAGE)
    page["page_obj"].object_list = selectors.with_durations(page["page_obj"].object_list)
    return page


# --- The rate ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def involvement_rate(request):
    _require(request, "coproduction.change_involvementrate")
    organisations = selectors.administered_organisations(request.user)
    form = RateForm(request.POST or None, organisations=organisations)

    def set_rate(form):
        organisation = form.cleaned_data["organisation"]
        _require(request, "coproduction.change_involvementrate", organisation)
        rate = services.rate_set(organisation, form.cleaned_data["hourly_rate"], request.user)
        return done(
            request,
            f"The hourly rate for {organisation.name} is now £{rate.hourly_rate}.",
            "coproduction:involvement_rate",
        )

    return form_page(
        request,
        form,
        "coproduction/payments/rate.html",
        {"organisations": selectors.organisations_with_rates(organisations)},
        on_valid=set_rate,
    )


# --- A meeting's involvement ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def meeting_involvement(request, meeting_id):
    meeting = get_object_or_404(
        Meeting.objects.select_related("space__organisation"), pk=meeting_id
    )
    if not request.user.has_perm("coproduction.view_coproductionspace", meeting.space):
        raise Http404("Not found.")
    _require(request, "coproduction.record_involvement_meeting", meeting)

    def record():
        result = services.records_from_meeting(meeting, request.user)
        return done(
            request,
            _recording_summary(result),
            "coproduction:meeting_involvement",
            meeting_id=meeting.pk,
        )

    rate = selectors.current_rate(meeting.space.organisation)
    # Not an "are you sure?" page but the same shape: the plan, then one button that records it.
    return confirm_page(
        request,
        "coproduction/payments/meeting_involvement.html",
        {
            "meeting": meeting,
            "space": meeting.space,
            "meeting_date": selectors.meeting_date(meeting),
            "rate": rate,
            "no_rate_message": None
            if rate
            else services.NO_RATE_MESSAGE.format(organisation=meeting.space.organisation.name),
            "plan": selectors.meeting_involvement_plan(meeting, rate=rate),
            "records": selectors.records_of_meeting(meeting),
        },
        on_confirm=record,
    )


def _recording_summary(result):
    def people(records):
        return f"{len(records)} {'person' if len(records) == 1 else 'people'}"

    parts = []
    if result.created:
        parts.append(f"recorded for {people(result.created)}")
    if result.updated:
        parts.append(f"updated for {people(result.updated)}")
    if result.removed:
        parts.append(f"removed for {people(result.removed)}")
    if not parts:
        return "Nothing needed to change: the records already match the attendance."
    return "Involvement " + ", ".join(parts) + "."


# --- A space's records ------------------------------------------------------------------------


@require_GET
@login_required
def space_involvement(request, space_id):
    space = _space(request, space_id, "coproduction.view_space_involvementrecord")
    records = selectors.records_of_space(space)
    return render(
        request,
        "coproduction/payments/space_involvement.html",
        {
            "space": space,
            "totals": selectors.totals_of(records),
            "may_add": request.user.has_perm("coproduction.add_involvementrecord", space),
            **_page(request, records),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def involvement_add(request, space_id):
    space = _space(request, space_id, "coproduction.add_involvementrecord")
    form = RecordForm(
        request.POST or None,
        members=selectors.payable_members(space),
        initial={"occurred_on": timezone.localdate()},
    )
    rate = selectors.current_rate(space.organisation)

    def add(form):
        record = services.record_add(space, by=request.user, **form.cleaned_data)
        name = record.member.get_full_name() or record.member.email
        return done(
            request,
            f"Recorded {selectors.duration_text(record.minutes)} for {name}.",
            "coproduction:space_involvement",
            space_id=space.pk,
        )

    return form_page(
        request,
        form,
        "coproduction/payments/record_form.html",
        {
            "space": space,
            "rate": rate,
            "no_rate_message": None
            if rate
            else services.NO_RATE_MESSAGE.format(organisation=space.organisation.name),
        },
        on_valid=add,
    )


# --- Finance ----------------------------------------------------------------------------------


def _finance_organisations(request):
    _require(request, "coproduction.view_finance_involvementrecord")
    organisations = selectors.administered_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


def _finance_filtered(request, organisations):
    form = FinanceFilterForm(request.GET or None, organisations=organisations)
    if form.is_bound:
        form.is_valid()  # errors are shown at their fields; the valid filters still apply
    filters = form.filters() if form.is_bound else {}
    return form, selectors.records_for_finance(organisations, **filters)


def _finance_context(request, organisations, pay_form=None):
    filter_form, records = _finance_filtered(request, organisations)
    if pay_form is None:
        pay_form = MarkPaidForm(
            due_records=selectors.due_records_for_finance(organisations),
            initial={"paid_on": timezone.localdate()},
        )
    return {
        "form": filter_form,
        "pay_form": pay_form,
        "totals": selectors.totals_of(records),
        "several_organisations": organisations.count() > 1,
        "query": request.GET.urlencode(),
        **_page(request, records),
    }


@require_GET
@login_required
def involvement_finance(request):
    return render(
        request,
        "coproduction/payments/finance.html",
        _finance_context(request, _finance_organisations(request)),
    )


@require_POST
@login_required
def involvement_mark_paid(request):
    """Ticked records and a date: first a confirmation page, then (confirmed) marked paid."""
    organisations = _finance_organisations(request)
    form = MarkPaidForm(request.POST, due_records=selectors.due_records_for_finance(organisations))
    query = request.GET.urlencode()
    finance_url = reverse("coproduction:involvement_finance") + (f"?{query}" if query else "")
    if form.is_valid() and request.POST.get("confirm") != "yes":
        chosen = selectors.records_for_finance(organisations).filter(
            pk__in=form.cleaned_data["records"]
        )
        totals = selectors.totals_of(chosen)
        count = totals.count
        return render(
            request,
            "coproduction/payments/mark_paid_confirm.html",
            {
                "form": form,
                "records": selectors.with_durations(chosen),
                "totals": totals,
                "query": query,
                "question": f"Mark {count} record{'s' if count != 1 else ''} paid?",
                "confirm_label": f"Yes, mark {count} record{'s' if count != 1 else ''} paid",
                "cancel_url": finance_url,
            },
        )

    def mark_paid(form):
        records = form.cleaned_data["records"]
        for organisation in organisations.filter(pk__in=records.values("organisation_id")):
            _require(request, "coproduction.pay_involvementrecord", organisation)
        count = services.records_mark_paid(
            InvolvementRecord.objects.filter(pk__in=[record.pk for record in records]),
            form.cleaned_data["paid_on"],
        )
        paid_on = date_format(form.cleaned_data["paid_on"], "j F Y")
        return done(
            request,
            f"{count} record{'s' if count != 1 else ''} marked paid on {paid_on}.",
            finance_url,
        )

    # The finance page's own form is the filter form: the ticked records come back as pay_form.
    return form_page(
        request,
        form,
        "coproduction/payments/finance.html",
        _finance_context(request, organisations, pay_form=form),
        on_valid=mark_paid,
    )


@require_http_methods(["GET", "POST"])
@login_required
def involvement_decline(request, record_id):
    record = get_object_or_404(
        InvolvementRecord.objects.select_related("member", "organisation", "space"), pk=record_id
    )
    _require(request, "coproduction.pay_involvementrecord", record)

    def decline():
        services.record_mark_declined(record)
        return done(
            request,
            "The record is marked as declined by the member.",
            "coproduction:involvement_finance",
        )

    record.time_given = selectors.duration_text(record.minutes)
    return confirm_page(
        request,
        "coproduction/payments/decline_confirm.html",
        {
            "record": record,
            "is_due": record.status == record.Status.DUE,
            "question": "Mark as declined by the member?",
            "confirm_label": "Yes, mark as declined",
            "cancel_url": reverse("coproduction:involvement_finance"),
        },
        on_confirm=decline,
    )


@require_GET
@login_required
def involvement_export(request):
    organisations = _finance_organisations(request)
    _form, records = _finance_filtered(request, organisations)
    filename = f"involvement-payments-{timezone.localdate():%Y-%m-%d}.csv"

    def rows():
        yield [
            "member name",
            "member email",
            "organisation",
            "space",
            "kind",
            "description",
            "date",
            "minutes",
            "hours",
            "hourly rate",
            "amount",
            "status",
            "paid on",
        ]
        for record in records.order_by("occurred_on", "pk").iterator(chunk_size=EXPORT_CHUNK):
            yield [
                csv_cell(record.member.get_full_name()),
                csv_cell(record.member.email),
                csv_cell(record.organisation.name),
                csv_cell(record.space.name if record.space else ""),
                record.get_kind_display(),
                csv_cell(record.description),
                record.occurred_on.isoformat(),
                record.minutes,
                selectors.hours_for(record.minutes),
                record.hourly_rate,
                record.amount,
                record.get_status_display(),
                record.paid_on.isoformat() if record.paid_on else "",
            ]

    return csv_download(rows(), filename)


# --- Your own record --------------------------------------------------------------------------


@require_GET
@login_required
def my_involvement(request):
    _require(request, "coproduction.view_own_involvementrecord")
    records = selectors.records_of_member(request.user)
    return render(
        request,
        "coproduction/payments/my_involvement.html",
        {"totals": selectors.totals_of(records), **_page(request, records)},
    )
