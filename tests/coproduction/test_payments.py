"""Involvement payments: the organisation's rate, records made from a meeting's attendance or
entered by a space's lead, finance marking them paid or declined and downloading the CSV, each
member's own record, and who may do each of these."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.meetings.models import Attendance
from coproduction.payments import selectors, services
from coproduction.payments.models import InvolvementRate, InvolvementRecord
from coproduction.spaces.models import SpaceRole
from tests.cms.factories import MembershipFactory, OrganisationFactory, member
from tests.coproduction.factories import SpaceFactory, space_with
from tests.coproduction.factories_payments import (
    InvolvementRateFactory,
    MeetingFactory,
    attended,
)

pytestmark = pytest.mark.django_db

Status = InvolvementRecord.Status
TODAY = timezone.localdate()


@pytest.fixture
def space():
    return SpaceFactory(name="Willow Voices")


@pytest.fixture
def lead(space):
    """Named, as the other people here are: a random name could contain one of theirs."""
    return space_with(SpaceRole.LEAD, space, user__first_name="Rosa", user__last_name="Lead")


@pytest.fixture
def rate(space):
    return InvolvementRateFactory(organisation=space.organisation, hourly_rate=Decimal("15.00"))


@pytest.fixture
def meeting(space, lead):
    return MeetingFactory(space=space, created_by=lead, title="October meeting")


@pytest.fixture
def admin(space):
    return member(Role.ORGANISATION_ADMIN, organisation=space.organisation, first_name="Fin")


def _record(space, person, lead, minutes=60, **kwargs):
    return services.record_add(
        space,
        member=person,
        kind=kwargs.pop("kind", InvolvementRecord.Kind.CONTENT_REVIEW),
        description=kwargs.pop("description", "Reviewed the easy-read visiting guide"),
        occurred_on=kwargs.pop("occurred_on", TODAY),
        minutes=minutes,
        by=lead,
    )


# --- Amounts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "minutes", "amount"),
    [
        ("15.00", 90, "22.50"),
        ("12.50", 20, "4.17"),  # 4.1666... rounds up
        ("10.01", 30, "5.01"),  # exactly 5.005: half-up, not to the even penny (5.00)
        ("10.03", 30, "5.02"),  # 5.015 -> 5.02
        ("9.99", 1, "0.17"),  # 0.1665 -> 0.17
        ("0.00", 120, "0.00"),
    ],
)
def test_amount_is_rate_times_time_rounded_half_up_to_the_penny(rate, minutes, amount):
    assert selectors.amount_for(Decimal(rate), minutes) == Decimal(amount)


def test_time_in_plain_words():
    assert [selectors.duration_text(m) for m in (0, 1, 45, 60, 90, 125)] == [
        "0 minutes",
        "1 minute",
        "45 minutes",
        "1 hour",
        "1 hour 30 minutes",
        "2 hours 5 minutes",
    ]


# --- Records from a meeting -------------------------------------------------------------------


def test_meeting_records_leads_and_members_only(meeting, lead, rate):
    jo = attended(meeting, SpaceRole.MEMBER, minutes=90, first_name="Jo")
    attended(meeting, SpaceRole.STAFF_ALLY, minutes=90)
    attended(meeting, SpaceRole.OBSERVER, minutes=90)
    from tests.coproduction.factories_payments import AttendanceFactory

    AttendanceFactory(meeting=meeting, user=lead, minutes_attended=120)
    apologies = attended(meeting, SpaceRole.MEMBER, minutes=0)
    Attendance.objects.filter(user=apologies).update(status=Attendance.Status.APOLOGIES)

    result = services.records_from_meeting(meeting, lead)

    records = {record.member: record for record in InvolvementRecord.objects.all()}
    assert set(records) == {jo, lead}
    assert len(result.created) == 2
    record = records[jo]
    assert record.kind == InvolvementRecord.Kind.MEETING
    assert record.meeting == meeting and record.space == meeting.space
    assert record.organisation == meeting.space.organisation
    assert record.description == "October meeting"
    assert record.occurred_on == timezone.localdate(meeting.starts_at)
    assert (record.minutes, record.hourly_rate, record.amount) == (
        90,
        Decimal("15.00"),
        Decimal("22.50"),
    )
    assert record.status == Status.DUE and record.recorded_by == lead
    assert records[lead].amount == Decimal("30.00")


def test_a_member_who_left_the_space_is_not_paid_for_an_attendance(meeting, lead, rate):
    jo = attended(meeting, SpaceRole.MEMBER)
    jo.space_memberships.all().delete()
    services.records_from_meeting(meeting, lead)
    assert not InvolvementRecord.objects.exists()


def test_recording_twice_makes_no_second_record(meeting, lead, rate):
    attended(meeting, SpaceRole.MEMBER, minutes=60)
    services.records_from_meeting(meeting, lead)
    again = services.records_from_meeting(meeting, lead)
    assert InvolvementRecord.objects.count() == 1
    assert again.created == [] and len(again.unchanged) == 1 and not again.changed


def test_rate_is_frozen_on_the_record(meeting, lead, rate):
    jo = attended(meeting, SpaceRole.MEMBER, minutes=60)
    services.records_from_meeting(meeting, lead)
    services.rate_set(meeting.space.organisation, Decimal("20.00"), lead)

    record = InvolvementRecord.objects.get(member=jo)
    assert (record.hourly_rate, record.amount) == (Decimal("15.00"), Decimal("15.00"))

    # A corrected attendance updates the due record at the rate it was made at.
    Attendance.objects.filter(user=jo).update(minutes_attended=30)
    result = services.records_from_meeting(meeting, lead)
    record.refresh_from_db()
    assert result.updated == [record]
    assert (record.minutes, record.hourly_rate, record.amount) == (
        30,
        Decimal("15.00"),
        Decimal("7.50"),
    )

    # A record made after the change is at the new rate.
    later = _record(meeting.space, jo, lead, minutes=60)
    assert (later.hourly_rate, later.amount) == (Decimal("20.00"), Decimal("20.00"))


def test_paid_and_declined_records_are_never_changed(meeting, lead, rate):
    jo = attended(meeting, SpaceRole.MEMBER, minutes=60)
    sam = attended(meeting, SpaceRole.MEMBER, minutes=60)
    services.records_from_meeting(meeting, lead)
    services.records_mark_paid(InvolvementRecord.objects.filter(member=jo), TODAY)
    services.record_mark_declined(InvolvementRecord.objects.get(member=sam))

    Attendance.objects.filter(meeting=meeting).update(minutes_attended=120)
    result = services.records_from_meeting(meeting, lead)
    assert len(result.settled) == 2 and not result.changed
    paid = InvolvementRecord.objects.get(member=jo)
    assert (paid.minutes, paid.amount, paid.status, paid.paid_on) == (
        60,
        Decimal("15.00"),
        Status.PAID,
        TODAY,
    )
    assert InvolvementRecord.objects.get(member=sam).minutes == 60

    # Even when the attendance is taken away, the settled records stay.
    Attendance.objects.filter(meeting=meeting).update(
        status=Attendance.Status.ABSENT, minutes_attended=0
    )
    services.records_from_meeting(meeting, lead)
    assert InvolvementRecord.objects.count() == 2


def test_a_due_record_follows_an_attendance_corrected_to_absent(meeting, lead, rate):
    jo = attended(meeting, SpaceRole.MEMBER, minutes=60)
    services.records_from_meeting(meeting, lead)
    Attendance.objects.filter(user=jo).update(status=Attendance.Status.ABSENT, minutes_attended=0)
    plan = selectors.meeting_involvement_plan(meeting)
    assert [(line.member, line.action) for line in plan] == [(jo, selectors.REMOVE)]
    result = services.records_from_meeting(meeting, lead)
    assert len(result.removed) == 1
    assert not InvolvementRecord.objects.exists()


def test_no_rate_is_a_clear_refusal(meeting, lead):
    attended(meeting, SpaceRole.MEMBER)
    with pytest.raises(ValidationError) as refusal:
        services.records_from_meeting(meeting, lead)
    message = " ".join(refusal.value.messages)
    assert "has not set an hourly rate" in message
    assert "Ask an organisation admin" in message
    assert meeting.space.organisation.name in message
    assert not InvolvementRecord.objects.exists()
    with pytest.raises(ValidationError, match="Ask an organisation admin"):
        _record(meeting.space, lead, lead)


def test_future_and_cancelled_meetings_are_refused(space, lead, rate):
    future = MeetingFactory(space=space, starts_at=timezone.now() + timedelta(days=2))
    attended(future)
    with pytest.raises(ValidationError, match="not happened yet"):
        services.records_from_meeting(future, lead)
    cancelled = MeetingFactory(space=space, cancelled_at=timezone.now())
    attended(cancelled)
    with pytest.raises(ValidationError, match="cancelled"):
        services.records_from_meeting(cancelled, lead)
    assert not InvolvementRecord.objects.exists()


# --- Records entered by a lead ----------------------------------------------------------------


def test_lead_records_a_content_review(space, lead, rate):
    jo = space_with(SpaceRole.MEMBER, space)
    record = _record(space, jo, lead, minutes=45, description="Read the <b>guide</b>")
    assert record.description == "Read the guide"
    assert (record.kind, record.minutes, record.amount) == (
        InvolvementRecord.Kind.CONTENT_REVIEW,
        45,
        Decimal("11.25"),
    )
    assert record.space == space and record.meeting is None and record.recorded_by == lead


def test_staff_are_not_paid_and_bad_entries_are_refused(space, lead, rate):
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    outsider = space_with(SpaceRole.MEMBER)
    for person in (ally, outsider):
        with pytest.raises(ValidationError, match="Only lived-experience"):
            _record(space, person, lead)
    jo = space_with(SpaceRole.MEMBER, space)
    with pytest.raises(ValidationError, match="future"):
        _record(space, jo, lead, occurred_on=TODAY + timedelta(days=1))
    with pytest.raises(ValidationError):
        _record(space, jo, lead, kind=InvolvementRecord.Kind.MEETING)
    with pytest.raises(ValidationError):
        _record(space, jo, lead, minutes=0)
    assert not InvolvementRecord.objects.exists()


# --- Finance ----------------------------------------------------------------------------------


def test_mark_paid_touches_due_records_only(space, lead, rate):
    jo = space_with(SpaceRole.MEMBER, space)
    due, declined, paid = (_record(space, jo, lead) for _ in range(3))
    services.record_mark_declined(declined)
    services.records_mark_paid(InvolvementRecord.objects.filter(pk=paid.pk), TODAY)
    yesterday = TODAY - timedelta(days=1)
    count = services.records_mark_paid(InvolvementRecord.objects.all(), yesterday)
    assert count == 1
    statuses = {r.pk: (r.status, r.paid_on) for r in InvolvementRecord.objects.all()}
    assert statuses == {
        due.pk: (Status.PAID, yesterday),
        declined.pk: (Status.DECLINED, None),
        paid.pk: (Status.PAID, TODAY),
    }
    with pytest.raises(ValidationError, match="future"):
        services.records_mark_paid(InvolvementRecord.objects.all(), TODAY + timedelta(days=1))
    with pytest.raises(ValidationError, match="still due"):
        services.record_mark_declined(paid)


def test_the_member_is_told_once_when_a_record_is_paid(
    space, lead, rate, mailoutbox, django_capture_on_commit_callbacks
):
    from coproduction.payments import tasks

    jo = space_with(SpaceRole.MEMBER, space)
    due, still_due = _record(space, jo, lead), _record(space, jo, lead)
    with django_capture_on_commit_callbacks(execute=True):
        services.records_mark_paid(InvolvementRecord.objects.filter(pk=due.pk), TODAY)
    assert [message.to for message in mailoutbox] == [[jo.email]]
    due.refresh_from_db()
    assert f"£{due.amount}" in mailoutbox[0].body
    assert reverse("coproduction:my_involvement") in mailoutbox[0].body
    # Delivered again, or asked for a record that is not paid: nothing more is sent.
    assert tasks.send_paid_email(due.pk) is False
    assert tasks.send_paid_email(still_due.pk) is False
    assert len(mailoutbox) == 1


# --- Pages: the rate --------------------------------------------------------------------------


def test_admin_sets_the_rate_and_sees_who_changed_it(client, admin, space):
    client.force_login(admin)
    url = reverse("coproduction:involvement_rate")
    response = client.get(url)
    assert response.status_code == 200 and "Not set yet" in response.content.decode()
    response = client.post(url, {"organisation": space.organisation.pk, "hourly_rate": "14.75"})
    assert response.status_code == 302
    rate = InvolvementRate.objects.get(organisation=space.organisation)
    assert (rate.hourly_rate, rate.updated_by) == (Decimal("14.75"), admin)
    content = client.get(url).content.decode()
    assert "£14.75 an hour" in content and "by Fin" in content


@pytest.mark.parametrize(
    ("value", "error"),
    [("-1", "greater than or equal to 0"), ("12.345", "2 decimal places"), ("", "required")],
)
def test_a_bad_rate_is_an_error_at_the_field(client, admin, space, value, error):
    client.force_login(admin)
    response = client.post(
        reverse("coproduction:involvement_rate"),
        {"organisation": space.organisation.pk, "hourly_rate": value},
    )
    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors["hourly_rate"])
    assert not InvolvementRate.objects.exists()


def test_an_admin_of_several_organisations_chooses_one_of_theirs(client, admin, space):
    second = OrganisationFactory(name="Second Care")
    MembershipFactory(user=admin, organisation=second, role=Role.ORGANISATION_ADMIN)
    elsewhere = OrganisationFactory(name="Elsewhere Care")
    client.force_login(admin)
    url = reverse("coproduction:involvement_rate")
    form = client.get(url).context["form"]
    assert set(form.fields["organisation"].queryset) == {space.organisation, second}
    response = client.post(url, {"organisation": elsewhere.pk, "hourly_rate": "10"})
    assert response.status_code == 400 and "organisation" in response.context["form"].errors
    client.post(url, {"organisation": second.pk, "hourly_rate": "11"})
    assert InvolvementRate.objects.get().organisation == second


def test_only_organisation_admins_set_the_rate(client, space, lead):
    for person in (lead, member(Role.LEADER, organisation=space.organisation)):
        client.force_login(person)
        url = reverse("coproduction:involvement_rate")
        assert client.get(url).status_code == 403
        response = client.post(url, {"organisation": space.organisation.pk, "hourly_rate": "1"})
        assert response.status_code == 403
    assert not InvolvementRate.objects.exists()


# --- Pages: a meeting's involvement -----------------------------------------------------------


def test_lead_sees_what_will_be_recorded_then_records_it(client, meeting, lead, rate):
    attended(meeting, SpaceRole.MEMBER, minutes=90, first_name="Jo", last_name="Member")
    attended(meeting, SpaceRole.STAFF_ALLY, minutes=90, first_name="Staff", last_name="Ally")
    client.force_login(lead)
    url = reverse("coproduction:meeting_involvement", args=[meeting.pk])
    content = client.get(url).content.decode()
    assert "Jo Member" in content and "Will be recorded" in content and "£22.50" in content
    assert "Staff Ally" not in content
    assert "Nothing has been recorded for this meeting yet." in content

    response = client.post(url, follow=True)
    assert InvolvementRecord.objects.get().member.first_name == "Jo"
    content = response.content.decode()
    assert "Involvement recorded for 1 person." in content
    assert "Already recorded" in content

    response = client.post(url, follow=True)
    assert "Nothing needed to change" in response.content.decode()
    assert InvolvementRecord.objects.count() == 1


def test_meeting_page_without_a_rate_says_who_to_ask(client, meeting, lead):
    attended(meeting, SpaceRole.MEMBER)
    client.force_login(lead)
    url = reverse("coproduction:meeting_involvement", args=[meeting.pk])
    content = client.get(url).content.decode()
    assert "Ask an organisation admin" in content
    assert "Record involvement</button>" not in content
    response = client.post(url)
    assert response.status_code == 400
    assert "Ask an organisation admin" in response.context["error"]
    assert not InvolvementRecord.objects.exists()


def test_who_may_record_a_meeting(client, meeting, rate):
    attended(meeting)
    url = reverse("coproduction:meeting_involvement", args=[meeting.pk])
    space = meeting.space
    refused = {
        space_with(SpaceRole.MEMBER, space): 403,
        space_with(SpaceRole.STAFF_ALLY, space): 403,
        space_with(SpaceRole.OBSERVER, space): 403,
        space_with(SpaceRole.LEAD): 404,  # the lead of another space
        member(Role.ORGANISATION_ADMIN, organisation=space.organisation): 404,
    }
    for person, status in refused.items():
        client.force_login(person)
        assert client.get(url).status_code == status
        assert client.post(url).status_code == status
    assert not InvolvementRecord.objects.exists()
    client.logout()
    assert client.get(url).status_code == 302


# --- Pages: a space's records -----------------------------------------------------------------


def test_lead_adds_a_record_and_sees_the_space_list(client, space, lead, rate):
    jo = space_with(SpaceRole.MEMBER, space, user__first_name="Jo")
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    client.force_login(lead)
    url = reverse("coproduction:involvement_add", args=[space.pk])
    form = client.get(url).context["form"]
    assert set(form.fields["member"].queryset) == {lead, jo}
    assert ally not in form.fields["member"].queryset

    response = client.post(
        url,
        {
            "member": ally.pk,
            "kind": "content_review",
            "description": "Reviewed",
            "occurred_on": TODAY.isoformat(),
            "minutes": "30",
        },
    )
    assert response.status_code == 400 and "member" in response.context["form"].errors
    response = client.post(
        url,
        {
            "member": jo.pk,
            "kind": "content_review",
            "description": "Reviewed the visiting guide",
            "occurred_on": (TODAY + timedelta(days=1)).isoformat(),
            "minutes": "30",
        },
    )
    assert response.status_code == 400 and "occurred_on" in response.context["form"].errors
    assert not InvolvementRecord.objects.exists()

    response = client.post(
        url,
        {
            "member": jo.pk,
            "kind": "content_review",
            "description": "Reviewed the visiting guide",
            "occurred_on": TODAY.isoformat(),
            "minutes": "30",
        },
        follow=True,
    )
    record = InvolvementRecord.objects.get()
    assert (record.member, record.amount) == (jo, Decimal("7.50"))
    content = response.content.decode()
    assert "Recorded 30 minutes for Jo" in content
    assert "Reviewed the visiting guide" in content and "£7.50 due" in content


def test_add_without_a_rate_is_refused_at_the_form(client, space, lead):
    jo = space_with(SpaceRole.MEMBER, space)
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:involvement_add", args=[space.pk]),
        {
            "member": jo.pk,
            "kind": "other",
            "description": "Interview panel",
            "occurred_on": TODAY.isoformat(),
            "minutes": "60",
        },
    )
    assert response.status_code == 400
    assert "Ask an organisation admin" in " ".join(response.context["form"].non_field_errors())
    assert not InvolvementRecord.objects.exists()


def test_space_records_are_for_its_lead_only(client, space, lead, rate):
    _record(space, space_with(SpaceRole.MEMBER, space), lead)
    urls = [
        reverse("coproduction:space_involvement", args=[space.pk]),
        reverse("coproduction:involvement_add", args=[space.pk]),
    ]
    refused = {
        space_with(SpaceRole.MEMBER, space): 403,
        space_with(SpaceRole.STAFF_ALLY, space): 403,
        space_with(SpaceRole.LEAD): 404,
        member(Role.ORGANISATION_ADMIN, organisation=space.organisation): 404,
    }
    for person, status in refused.items():
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == status


def test_space_list_paginates_and_has_an_empty_state(client, space, lead, rate):
    client.force_login(lead)
    url = reverse("coproduction:space_involvement", args=[space.pk])
    assert "No involvement has been recorded" in client.get(url).content.decode()
    jo = space_with(SpaceRole.MEMBER, space)
    for _ in range(27):
        _record(space, jo, lead, minutes=10)
    response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 25
    assert len(client.get(url, {"page": 2}).context["page_obj"].object_list) == 2
    assert response.context["totals"].count == 27


# --- Pages: finance ---------------------------------------------------------------------------


@pytest.fixture
def two_organisations(space, lead, rate):
    """A due record in the space's organisation and one in another organisation."""
    jo = space_with(SpaceRole.MEMBER, space, user__first_name="Jo", user__last_name="Here")
    mine = _record(space, jo, lead, description="Our review")
    other_space = SpaceFactory(name="Elsewhere Voices")
    InvolvementRateFactory(organisation=other_space.organisation)
    other_lead = space_with(SpaceRole.LEAD, other_space)
    theirs = _record(
        other_space,
        space_with(SpaceRole.MEMBER, other_space, user__first_name="Kit"),
        other_lead,
        description="Their review",
    )
    return mine, theirs


def test_finance_sees_its_own_organisation_only(client, admin, two_organisations):
    mine, theirs = two_organisations
    client.force_login(admin)
    response = client.get(reverse("coproduction:involvement_finance"))
    assert list(response.context["page_obj"].object_list) == [mine]
    content = response.content.decode()
    assert "Our review" in content and "Their review" not in content

    other_admin = member(Role.ORGANISATION_ADMIN, organisation=theirs.organisation)
    client.force_login(other_admin)
    response = client.get(reverse("coproduction:involvement_finance"))
    assert list(response.context["page_obj"].object_list) == [theirs]


def test_finance_filters_by_status_and_date(client, admin, space, lead, rate):
    jo = space_with(SpaceRole.MEMBER, space)
    old = _record(space, jo, lead, occurred_on=TODAY - timedelta(days=40))
    new = _record(space, jo, lead, occurred_on=TODAY)
    services.records_mark_paid(InvolvementRecord.objects.filter(pk=old.pk), TODAY)
    client.force_login(admin)
    url = reverse("coproduction:involvement_finance")

    def shown(**query):
        return list(client.get(url, query).context["page_obj"].object_list)

    assert shown() == [new, old]
    assert shown(status="due") == [new]
    assert shown(status="paid") == [old]
    assert shown(date_from=(TODAY - timedelta(days=7)).isoformat()) == [new]
    assert shown(date_to=(TODAY - timedelta(days=7)).isoformat()) == [old]
    response = client.get(url, {"date_from": TODAY.isoformat(), "date_to": "2000-01-01"})
    assert "date_to" in response.context["form"].errors
    assert (
        "No involvement records match" in client.get(url, {"status": "declined"}).content.decode()
    )


def test_finance_marks_records_paid_after_confirming(client, admin, two_organisations):
    mine, theirs = two_organisations
    client.force_login(admin)
    url = reverse("coproduction:involvement_mark_paid")
    paid_on = (TODAY - timedelta(days=1)).isoformat()

    # Nothing ticked: an error on the list, nothing changed.
    response = client.post(url, {"paid_on": paid_on})
    assert response.status_code == 400 and "records" in response.context["pay_form"].errors
    # Another organisation's record cannot be ticked.
    response = client.post(url, {"records": [theirs.pk], "paid_on": paid_on})
    assert "records" in response.context["pay_form"].errors
    # A date in the future is refused at the field.
    response = client.post(
        url, {"records": [mine.pk], "paid_on": (TODAY + timedelta(days=1)).isoformat()}
    )
    assert "paid_on" in response.context["pay_form"].errors

    # First a confirmation page ...
    response = client.post(url, {"records": [mine.pk], "paid_on": paid_on})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Mark 1 record paid?" in content and "Our review" in content
    mine.refresh_from_db()
    assert mine.status == Status.DUE

    # ... then, confirmed, the record is paid.
    response = client.post(url, {"records": [mine.pk], "paid_on": paid_on, "confirm": "yes"})
    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, mine.paid_on.isoformat()) == (Status.PAID, paid_on)
    assert theirs.status == Status.DUE

    # A paid record can no longer be ticked.
    response = client.post(url, {"records": [mine.pk], "paid_on": paid_on, "confirm": "yes"})
    assert response.status_code == 400 and "records" in response.context["pay_form"].errors


def test_finance_marks_a_record_declined(client, admin, two_organisations):
    mine, theirs = two_organisations
    client.force_login(admin)
    url = reverse("coproduction:involvement_decline", args=[mine.pk])
    assert "Yes, mark as declined" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.DECLINED
    response = client.post(url)
    assert response.status_code == 400 and "still due" in response.context["error"]
    # Another organisation's record: refused.
    assert (
        client.post(reverse("coproduction:involvement_decline", args=[theirs.pk])).status_code
        == 403
    )
    theirs.refresh_from_db()
    assert theirs.status == Status.DUE


def test_finance_is_for_organisation_admins_only(client, space, lead, two_organisations):
    mine, _theirs = two_organisations
    people = [
        lead,
        space_with(SpaceRole.MEMBER, space),
        space_with(SpaceRole.STAFF_ALLY, space),
        member(Role.LEADER, organisation=space.organisation),
        member(Role.ORGANISATION_ADMIN, organisation=_theirs.organisation),
    ]
    for person in people:
        client.force_login(person)
        assert (
            client.post(reverse("coproduction:involvement_decline", args=[mine.pk])).status_code
            == 403
        )
    for person in people[:4]:
        client.force_login(person)
        for name in ("involvement_finance", "involvement_export"):
            assert client.get(reverse(f"coproduction:{name}")).status_code == 403
        response = client.post(
            reverse("coproduction:involvement_mark_paid"),
            {"records": [mine.pk], "paid_on": TODAY.isoformat(), "confirm": "yes"},
        )
        assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.status == Status.DUE


def test_csv_for_finance(client, admin, space, lead, rate, two_organisations):
    mine, _theirs = two_organisations
    tricky = space_with(SpaceRole.MEMBER, space, user__first_name="+Sam", user__last_name="Smith")
    formula = _record(
        space, tricky, lead, minutes=90, description='=HYPERLINK("http://x")', occurred_on=TODAY
    )
    services.records_mark_paid(InvolvementRecord.objects.filter(pk=formula.pk), TODAY)
    client.force_login(admin)

    response = client.get(reverse("coproduction:involvement_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == [
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
    by_description = {row[5]: row for row in rows[1:]}
    assert set(by_description) == {"Our review", '\'=HYPERLINK("http://x")'}
    assert by_description['\'=HYPERLINK("http://x")'] == [
        "'+Sam Smith",
        tricky.email,
        space.organisation.name,
        "Willow Voices",
        "Content review",
        '\'=HYPERLINK("http://x")',
        TODAY.isoformat(),
        "90",
        "1.50",
        "15.00",
        "22.50",
        "Paid",
        TODAY.isoformat(),
    ]
    assert by_description["Our review"][11:] == ["Due", ""]

    # The CSV follows the list's filters.
    response = client.get(reverse("coproduction:involvement_export"), {"status": "due"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert [row[5] for row in rows[1:]] == ["Our review"]


# --- Pages: your own record -------------------------------------------------------------------


def test_my_record_shows_only_mine(client, space, lead, rate):
    jo = space_with(SpaceRole.MEMBER, space)
    sam = space_with(SpaceRole.MEMBER, space)
    first = _record(space, jo, lead, minutes=90, description="Jo's review")
    _record(space, jo, lead, minutes=30, description="Jo's second review")
    _record(space, sam, lead, minutes=60, description="Sam's review")
    services.records_mark_paid(InvolvementRecord.objects.filter(pk=first.pk), TODAY)

    client.force_login(jo)
    response = client.get(reverse("coproduction:my_involvement"))
    content = response.content.decode()
    assert "Jo&#x27;s review" in content and "Jo&#x27;s second review" in content
    assert "Sam&#x27;s review" not in content
    totals = response.context["totals"]
    assert (totals.minutes, totals.due, totals.paid) == (120, Decimal("7.50"), Decimal("22.50"))
    assert "Time given: 2 hours" in content
    assert "Still to be paid: £7.50" in content and "Paid: £22.50" in content


def test_my_record_empty_state(client, space):
    client.force_login(space_with(SpaceRole.STAFF_ALLY, space))
    content = client.get(reverse("coproduction:my_involvement")).content.decode()
    assert "You have no involvement records yet." in content


# --- Links on the space and meeting pages, navigation and the home panel ----------------------


def _render(rf, template, user, **context):
    request = rf.get("/")
    request.user = user
    return render_to_string(template, {"request": request, **context}, request=request)


def test_space_page_links(rf, space, lead):
    jo = space_with(SpaceRole.MEMBER, space)
    ally = space_with(SpaceRole.STAFF_ALLY, space)
    template = "coproduction/payments/_space_payments.html"
    involvement = reverse("coproduction:space_involvement", args=[space.pk])
    mine = reverse("coproduction:my_involvement")

    as_lead = _render(rf, template, lead, space=space)
    assert involvement in as_lead and mine in as_lead
    as_member = _render(rf, template, jo, space=space)
    assert mine in as_member and "Your involvement record" in as_member
    assert involvement not in as_member
    assert _render(rf, template, ally, space=space).strip() == ""


def test_meeting_page_button_for_the_lead(rf, meeting, lead, rate):
    template = "coproduction/payments/_meeting_payments.html"
    url = reverse("coproduction:meeting_involvement", args=[meeting.pk])
    content = _render(rf, template, lead, meeting=meeting)
    assert "Record involvement for this meeting" in content and url in content
    assert "No involvement has been recorded" in content
    attended(meeting)
    attended(meeting)
    services.records_from_meeting(meeting, lead)
    assert "2 involvement records" in _render(rf, template, lead, meeting=meeting)
    jo = space_with(SpaceRole.MEMBER, meeting.space)
    assert _render(rf, template, jo, meeting=meeting).strip() == ""


def test_navigation_and_home_panel(rf, space, lead, admin, rate):
    from django.contrib.auth.models import AnonymousUser

    from cms.pages.panels import home_panels, navigation_items

    item = ("Involvement payments", reverse("coproduction:involvement_finance"))
    request = rf.get("/")
    for person, shown in (
        (admin, True),
        (lead, False),
        (member(Role.LEADER, organisation=space.organisation), False),
        (AnonymousUser(), False),
    ):
        request.user = person
        assert (item in navigation_items(request)) is shown

    jo = space_with(SpaceRole.MEMBER, space)
    request.user = jo
    assert "Your involvement record" not in [panel.title for panel in home_panels(request)]
    _record(space, jo, lead, minutes=60)
    panel = next(p for p in home_panels(request) if p.title == "Your involvement record")
    assert [item.label for item in panel.items] == [
        "Time given: 1 hour",
        "Still to be paid: £15.00",
        "Paid: £0.00",
    ]
