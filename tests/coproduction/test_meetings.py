"""Meetings of a space: planning one with an agenda built from the space's items, papers (easy
read among them), attendance, minutes and cancelling, through the services and the pages, and
who may do each."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.organisations.models import Role
from coproduction.meetings import selectors, services, tasks
from coproduction.meetings.models import Attendance, Meeting, MeetingAgendaEntry, MeetingPaper
from coproduction.spaces.models import AgendaItem, AgendaStatusChange, SpaceRole
from tests.cms.factories import member
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, space_with
from tests.coproduction.factories_meetings import (
    AttendanceFactory,
    MeetingFactory,
    MeetingPaperFactory,
)

pytestmark = pytest.mark.django_db

Status = AgendaItem.Status


@pytest.fixture
def space():
    return SpaceFactory(name="Willow Voices")


@pytest.fixture
def lead(space):
    """Named, as the other people here are: a random name could contain one of theirs."""
    return space_with(SpaceRole.LEAD, space, user__first_name="Rosa", user__last_name="Lead")


@pytest.fixture
def voice(space):
    """A lived-experience member of the space."""
    return space_with(SpaceRole.MEMBER, space, user__first_name="Jo", user__last_name="Member")


@pytest.fixture
def ally(space):
    return space_with(SpaceRole.STAFF_ALLY, space, user__first_name="Sam", user__last_name="Ally")


@pytest.fixture
def observer(space):
    return space_with(SpaceRole.OBSERVER, space, user__first_name="Ola", user__last_name="Obs")


@pytest.fixture
def meeting(space, lead):
    return MeetingFactory(space=space, created_by=lead, title="May meeting")


def next_week(hours=14):
    day = timezone.localdate() + timedelta(days=7)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hours, 0))


def plan(space, lead, items=(), **kwargs):
    options = {
        "title": "May meeting",
        "starts_at": next_week(),
        "duration_minutes": 120,
        "place": "The garden room",
        "agenda_items": list(items),
        **kwargs,
    }
    return services.meeting_plan(space, lead, **options)


def upload(name="agenda.pdf", content=b"%PDF-1.4 agenda", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Planning and the agenda ----------------------------------------------------------------


def test_planning_puts_items_on_the_agenda_in_order_and_moves_them_on(space, lead, voice):
    proposed = AgendaItemFactory(space=space, proposed_by=voice, title="Weekend visiting")
    shortlisted = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Menus")
    discussed = AgendaItemFactory(space=space, status=Status.DISCUSSED, title="Garden")

    meeting = plan(space, lead, [shortlisted, proposed, discussed])

    entries = list(selectors.agenda_of(meeting))
    assert [entry.item for entry in entries] == [shortlisted, proposed, discussed]
    assert [entry.position for entry in entries] == [1, 2, 3]
    statuses = dict(AgendaItem.objects.values_list("title", "status"))
    assert statuses == {
        "Weekend visiting": Status.ON_AGENDA,
        "Menus": Status.ON_AGENDA,
        "Garden": Status.DISCUSSED,  # further along: keeps its status
    }
    # A proposed item goes through "Shortlisted", each move recorded with the meeting named.
    moves = list(
        AgendaStatusChange.objects.filter(item=proposed).values_list("from_status", "to_status")
    )
    assert moves == [(Status.PROPOSED, Status.SHORTLISTED), (Status.SHORTLISTED, Status.ON_AGENDA)]
    reason = AgendaStatusChange.objects.filter(item=proposed).last().reason
    assert "May meeting" in reason
    assert not AgendaStatusChange.objects.filter(item=discussed).exists()


def test_a_meeting_needs_a_place_or_a_link(space, lead):
    with pytest.raises(ValidationError) as error:
        plan(space, lead, place="", online_link="")
    assert "place" in error.value.error_dict
    assert not Meeting.objects.exists()
    online = plan(space, lead, place="", online_link="https://meet.example.org/willow")
    assert online.online_link == "https://meet.example.org/willow"


def test_the_agenda_takes_only_open_items_of_the_space(space, lead):
    closed = AgendaItemFactory(space=space, status=Status.CLOSED, status_reason="Done.")
    elsewhere = AgendaItemFactory()
    with pytest.raises(ValidationError, match="cannot go on an agenda"):
        plan(space, lead, [closed])
    with pytest.raises(ValidationError, match="is not an item of"):
        plan(space, lead, [elsewhere])
    assert not Meeting.objects.exists()
    assert elsewhere.space.pk != space.pk
    assert list(selectors.items_for_agenda(space)) == []


def test_changing_the_agenda_reorders_it_and_an_item_taken_off_keeps_its_status(space, lead):
    first = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="First")
    second = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Second")
    third = AgendaItemFactory(space=space, status=Status.PROPOSED, title="Third")
    meeting = plan(space, lead, [first, second])

    services.meeting_update(
        meeting,
        lead,
        title="June meeting",
        starts_at=next_week(10),
        duration_minutes=60,
        place="",
        online_link="https://meet.example.org/x",
        agenda_items=[third, first],
    )

    meeting.refresh_from_db()
    assert meeting.title == "June meeting"
    assert meeting.place == ""
    assert [e.item.title for e in selectors.agenda_of(meeting)] == ["Third", "First"]
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.ON_AGENDA
    assert third.status == Status.ON_AGENDA
    # An item already on the agenda is not moved (or recorded) again.
    assert AgendaStatusChange.objects.filter(item=first).count() == 1


def test_an_item_on_the_agenda_stays_a_choice_when_it_was_closed_since(space, lead):
    item = AgendaItemFactory(space=space, status=Status.SHORTLISTED)
    meeting = plan(space, lead, [item])
    AgendaItem.objects.filter(pk=item.pk).update(status=Status.CLOSED)
    assert list(selectors.items_for_agenda(space)) == []
    assert list(selectors.items_for_agenda(space, meeting)) == [item]


def test_members_but_the_planner_are_emailed_about_a_new_meeting(
    space, lead, voice, ally, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(space=space, proposed_by=voice, status=Status.SHORTLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(space, lead, [item])
    planned = [m for m in mail.outbox if "New meeting" in m.subject]
    assert sorted(m.to[0] for m in planned) == sorted([voice.email, ally.email])
    assert meeting.get_absolute_url() in planned[0].body
    assert item.title in planned[0].body
    assert "The garden room" in planned[0].body
    # The proposer is also told their item is on an agenda (the spaces part's email).
    assert any(m.to == [voice.email] and m not in planned for m in mail.outbox)
    # Delivered again by the queue, the task sends nothing more.
    assert tasks.send_meeting_planned_emails(meeting.pk) == 0
    assert len([m for m in mail.outbox if "New meeting" in m.subject]) == 2


def test_no_email_for_a_cancelled_or_past_meeting(space, lead, voice):
    cancelled = MeetingFactory(space=space, created_by=lead, cancelled_at=timezone.now())
    past = MeetingFactory(
        space=space, created_by=lead, starts_at=timezone.now() - timedelta(days=1)
    )
    assert tasks.send_meeting_planned_emails(cancelled.pk) == 0
    assert tasks.send_meeting_planned_emails(past.pk) == 0
    assert tasks.send_meeting_planned_emails(999999) == 0
    assert mail.outbox == []


# --- Cancelling -----------------------------------------------------------------------------


def test_an_upcoming_meeting_can_be_cancelled_once(meeting, lead):
    services.meeting_cancel(meeting, lead)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    with pytest.raises(ValidationError, match="already cancelled"):
        services.meeting_cancel(meeting, lead)


def test_a_meeting_that_has_started_cannot_be_cancelled(space, lead):
    started = MeetingFactory(
        space=space, created_by=lead, starts_at=timezone.now() - timedelta(minutes=5)
    )
    with pytest.raises(ValidationError, match="already started"):
        services.meeting_cancel(started, lead)
    started.refresh_from_db()
    assert started.cancelled_at is None


def test_a_cancelled_meeting_cannot_be_changed(meeting, lead):
    services.meeting_cancel(meeting, lead)
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_update(
            meeting, lead, title="X", starts_at=next_week(), duration_minutes=60, place="Here"
        )
    with pytest.raises(ValidationError, match="cancelled"):
        services.attendance_record(meeting, lead, {})


# --- Papers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("agenda.exe", b"MZ", "is a .exe file"),
        ("agenda", b"text", "a file without a type"),
        ("agenda.pdf", b"", "is empty"),
        ("agenda.pdf", b"x" * (10 * 1024 * 1024 + 1), "10 MB or less"),
    ],
)
def test_papers_of_the_wrong_type_or_size_are_refused(meeting, lead, name, content, message):
    with pytest.raises(ValidationError, match=message):
        services.paper_add(meeting, lead, title="Agenda", file=upload(name, content))
    assert not MeetingPaper.objects.exists()


@pytest.mark.parametrize("extension", services.PAPER_EXTENSIONS)
def test_every_allowed_type_is_taken(meeting, lead, extension):
    paper = services.paper_add(
        meeting, lead, title="Agenda", file=upload(f"Agenda.{extension.upper()}", b"content")
    )
    assert paper.original_filename == f"Agenda.{extension.upper()}"
    # Stored under an unguessable name, not the one it was uploaded with.
    assert "Agenda" not in paper.file.name
    assert paper.file.name.endswith(f".{extension}")


def test_easy_read_papers_are_listed_first(meeting):
    MeetingPaperFactory(meeting=meeting, title="A full agenda")
    MeetingPaperFactory(meeting=meeting, title="Z easy agenda", easy_read=True)
    assert [p.title for p in selectors.papers_of(meeting)] == ["Z easy agenda", "A full agenda"]


def test_removing_a_paper_deletes_its_file(meeting, django_capture_on_commit_callbacks):
    paper = MeetingPaperFactory(meeting=meeting)
    storage, name = paper.file.storage, paper.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_delete(paper)
    assert not MeetingPaper.objects.exists()
    assert not storage.exists(name)


# --- Attendance -----------------------------------------------------------------------------


def test_attendance_defaults_the_time_and_is_updated_in_place(meeting, lead, voice, ally):
    A = Attendance.Status
    services.attendance_record(
        meeting,
        lead,
        {voice: (A.ATTENDED, None), ally: (A.APOLOGIES, None), lead: (A.ATTENDED, 60)},
    )
    recorded = {a.user: (a.status, a.minutes_attended) for a in Attendance.objects.all()}
    assert recorded == {
        voice: (A.ATTENDED, meeting.duration_minutes),
        ally: (A.APOLOGIES, 0),
        lead: (A.ATTENDED, 60),
    }
    services.attendance_record(meeting, lead, {voice: (A.ABSENT, None)})
    assert Attendance.objects.count() == 3
    assert Attendance.objects.get(user=voice).status == A.ABSENT
    assert Attendance.objects.get(user=voice).minutes_attended == 0


def test_attendance_is_for_members_only_and_time_only_for_people_who_came(meeting, lead, voice):
    A = Attendance.Status
    stranger = space_with(SpaceRole.MEMBER)  # in another space
    with pytest.raises(ValidationError, match="not a member"):
        services.attendance_record(meeting, lead, {stranger: (A.ATTENDED, None)})
    with pytest.raises(ValidationError, match="did not come"):
        services.attendance_record(meeting, lead, {voice: (A.APOLOGIES, 30)})
    with pytest.raises(ValidationError, match="between 1 and"):
        services.attendance_record(meeting, lead, {voice: (A.ATTENDED, 0)})
    assert not Attendance.objects.exists()


def test_everyone_sees_who_came_and_who_sent_apologies(meeting, lead, voice, ally, observer):
    AttendanceFactory(meeting=meeting, user=voice)
    AttendanceFactory(meeting=meeting, user=ally, status=Attendance.Status.APOLOGIES)
    AttendanceFactory(meeting=meeting, user=observer, status=Attendance.Status.ABSENT)
    summary = selectors.attendance_summary(meeting)
    assert summary["attended"] == [voice]
    assert summary["apologies"] == [ally]
    assert summary["absent_count"] == 1


# --- Minutes --------------------------------------------------------------------------------


def test_publishing_the_minutes_moves_the_chosen_items_to_discussed(space, lead):
    talked = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Talked about")
    left = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Left for later")
    meeting = plan(space, lead, [talked, left])

    services.minutes_save(meeting, lead, "We agreed longer visits.", discussed_items=[talked])
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None  # a draft
    talked.refresh_from_db()
    assert talked.status == Status.ON_AGENDA  # nothing moves until they are published

    services.minutes_save(
        meeting, lead, "We agreed longer visits.", publish=True, discussed_items=[talked]
    )
    meeting.refresh_from_db()
    talked.refresh_from_db()
    left.refresh_from_db()
    assert meeting.minutes_published_at is not None
    assert talked.status == Status.DISCUSSED
    assert left.status == Status.ON_AGENDA
    assert "Discussed at “May meeting”" in talked.status_changes.last().reason


def test_minutes_cannot_be_published_empty(meeting, lead):
    with pytest.raises(ValidationError):
        services.minutes_save(meeting, lead, "  ", publish=True)
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is None


def test_an_item_not_on_the_agenda_is_not_moved_by_the_minutes(space, lead, meeting):
    other = AgendaItemFactory(space=space, status=Status.ON_AGENDA)
    with pytest.raises(ValidationError, match="not on this meeting's agenda"):
        services.minutes_save(meeting, lead, "Notes", publish=True, discussed_items=[other])
    other.refresh_from_db()
    assert other.status == Status.ON_AGENDA


# --- Pages: planning ------------------------------------------------------------------------


def meeting_post(**overrides):
    day = timezone.localdate() + timedelta(days=10)
    return {
        "title": "June meeting",
        "date": day.isoformat(),
        "start_time": "14:00",
        "duration_minutes": "90",
        "place": "The garden room",
        "online_link": "",
        **overrides,
    }


def test_the_lead_plans_a_meeting_with_an_ordered_agenda(client, space, lead, voice):
    first = AgendaItemFactory(space=space, proposed_by=voice, title="Weekend visiting")
    second = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Menus")
    AgendaItemFactory(space=space, title="Not chosen")
    client.force_login(lead)
    url = reverse("coproduction:meeting_create", args=[space.pk])
    page = client.get(url)
    assert "Weekend visiting (Proposed)" in page.content.decode()

    response = client.post(url, meeting_post(**{f"item_{first.pk}": "2", f"item_{second.pk}": "1"}))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "14:00"
    assert meeting.created_by == lead
    assert [e.item for e in selectors.agenda_of(meeting)] == [second, first]


def test_planning_without_a_place_or_link_shows_the_error_and_keeps_the_input(client, space, lead):
    item = AgendaItemFactory(space=space, status=Status.SHORTLISTED)
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:meeting_create", args=[space.pk]),
        meeting_post(place="", **{f"item_{item.pk}": "1"}),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Give the place, the online link, or both" in body
    assert 'value="June meeting"' in body
    assert not Meeting.objects.exists()
    item.refresh_from_db()
    assert item.status == Status.SHORTLISTED


def test_two_items_with_the_same_number_are_an_error(client, space, lead):
    a = AgendaItemFactory(space=space, title="Alpha")
    b = AgendaItemFactory(space=space, title="Beta")
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:meeting_create", args=[space.pk]),
        meeting_post(**{f"item_{a.pk}": "1", f"item_{b.pk}": "1"}),
    )
    assert response.status_code == 400
    assert "Give each item its own number" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_bad_online_link_is_an_error_at_the_field(client, space, lead):
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:meeting_create", args=[space.pk]),
        meeting_post(place="", online_link="javascript:alert(1)"),
    )
    assert response.status_code == 400
    assert "Enter a valid URL" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_edit_form_shows_the_agenda_numbers(client, space, lead):
    a = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Alpha")
    b = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Beta")
    meeting = plan(space, lead, [b, a])
    client.force_login(lead)
    response = client.get(reverse("coproduction:meeting_edit", args=[meeting.pk]))
    form = response.context["form"]
    assert form[f"item_{b.pk}"].value() == 1
    assert form[f"item_{a.pk}"].value() == 2
    assert form["place"].value() == "The garden room"


# --- Pages: the meeting ---------------------------------------------------------------------


def test_a_member_sees_the_meeting_agenda_papers_and_who_came(client, meeting, voice, ally):
    item = AgendaItemFactory(space=meeting.space, title="Weekend visiting")
    MeetingAgendaEntry.objects.create(meeting=meeting, item=item, position=1)
    paper = MeetingPaperFactory(meeting=meeting, title="Easy-read agenda", easy_read=True)
    MeetingPaperFactory(meeting=meeting, title="Agenda")
    AttendanceFactory(meeting=meeting, user=voice, minutes_attended=77)
    AttendanceFactory(meeting=meeting, user=ally, status=Attendance.Status.ABSENT)
    client.force_login(voice)

    body = client.get(meeting.get_absolute_url()).content.decode()

    assert item.get_absolute_url() in body
    papers = body[body.index('id="papers"') :]
    assert papers.index("Easy-read agenda") < papers.index(">Agenda</a>")
    assert "Easy read" in body
    assert reverse("coproduction:meeting_paper_download", args=[meeting.pk, paper.pk]) in body
    assert "/media/" not in body and paper.file.name not in body
    assert "Jo Member" in body
    assert "Sam Ally" not in body  # who did not come is for the leads
    assert "<td>77</td>" not in body  # nor how long each person gave (a bare "77" can turn up
    # inside the page's random CSRF token)
    assert "Record who came" not in body


def test_the_lead_sees_the_attendance_record(client, meeting, lead, voice):
    AttendanceFactory(meeting=meeting, user=voice, minutes_attended=77)
    client.force_login(lead)
    response = client.get(meeting.get_absolute_url())
    body = response.content.decode()
    assert "<td>77</td>" in body
    assert reverse("coproduction:meeting_attendance", args=[meeting.pk]) in body


def test_draft_minutes_are_for_the_leads_until_published(client, meeting, lead, voice):
    services.minutes_save(meeting, lead, "We talked about the garden.")
    client.force_login(voice)
    assert (
        "We talked about the garden." not in client.get(meeting.get_absolute_url()).content.decode()
    )
    client.force_login(lead)
    assert "We talked about the garden." in client.get(meeting.get_absolute_url()).content.decode()
    services.minutes_save(meeting, lead, "We talked about the garden.", publish=True)
    client.force_login(voice)
    assert "We talked about the garden." in client.get(meeting.get_absolute_url()).content.decode()


def test_the_space_page_lists_upcoming_and_past_meetings(client, space, lead, voice):
    coming = MeetingFactory(space=space, created_by=lead, title="Next one")
    gone = MeetingFactory(
        space=space,
        created_by=lead,
        title="Last one",
        starts_at=timezone.now() - timedelta(days=30),
    )
    client.force_login(voice)
    body = client.get(space.get_absolute_url()).content.decode()
    assert coming.get_absolute_url() in body
    assert gone.get_absolute_url() in body
    assert body.index("Coming up") < body.index("Next one") < body.index("Past meetings")
    assert body.index("Past meetings") < body.index("Last one")
    assert reverse("coproduction:meeting_create", args=[space.pk]) not in body
    client.force_login(lead)
    body = client.get(space.get_absolute_url()).content.decode()
    assert reverse("coproduction:meeting_create", args=[space.pk]) in body


def test_the_space_page_says_when_there_are_no_meetings(client, space, voice):
    client.force_login(voice)
    body = client.get(space.get_absolute_url()).content.decode()
    assert "No meetings are planned yet." in body
    assert "No past meetings yet." in body


def test_the_list_of_meetings_is_paginated(client, space, lead, voice):
    now = timezone.now()
    for days in range(1, 31):
        MeetingFactory(space=space, created_by=lead, starts_at=now - timedelta(days=days))
    client.force_login(voice)
    url = reverse("coproduction:meeting_list", args=[space.pk])
    first = client.get(url)
    assert len(first.context["page_obj"]) == 25
    assert len(client.get(url + "?page=2").context["page_obj"]) == 5


# --- Pages: papers --------------------------------------------------------------------------


def test_the_lead_uploads_an_easy_read_paper(client, meeting, lead):
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:meeting_paper_upload", args=[meeting.pk]),
        {"title": "Easy-read agenda", "file": upload("Agenda easy read.pdf"), "easy_read": "on"},
    )
    paper = MeetingPaper.objects.get()
    assert response.status_code == 302
    assert paper.easy_read is True
    assert paper.original_filename == "Agenda easy read.pdf"
    assert paper.uploaded_by == lead


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("agenda.html", b"<script>", "is a .html file"),
        ("agenda.pdf", b"x" * (10 * 1024 * 1024 + 1), "10 MB or less"),
    ],
)
def test_a_refused_upload_is_an_error_at_the_file_field(
    client, meeting, lead, name, content, message
):
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:meeting_paper_upload", args=[meeting.pk]),
        {"title": "Agenda", "file": upload(name, content, "text/html")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors.keys() == {"file"}
    assert not MeetingPaper.objects.exists()


@pytest.mark.parametrize(
    "role", [SpaceRole.LEAD, SpaceRole.MEMBER, SpaceRole.STAFF_ALLY, SpaceRole.OBSERVER]
)
def test_every_member_downloads_a_paper_with_its_own_name(client, meeting, role):
    paper = services.paper_add(
        meeting, meeting.created_by, title="Agenda", file=upload("Agenda May.pdf", b"%PDF agenda")
    )
    client.force_login(space_with(role, meeting.space))
    response = client.get(
        reverse("coproduction:meeting_paper_download", args=[meeting.pk, paper.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF agenda"
    assert 'attachment; filename="Agenda May.pdf"' in response["Content-Disposition"]


def test_a_paper_is_not_found_through_another_meeting(client, meeting, lead):
    paper = MeetingPaperFactory(meeting=meeting)
    other = MeetingFactory(space=meeting.space, created_by=lead)
    client.force_login(lead)
    response = client.get(reverse("coproduction:meeting_paper_download", args=[other.pk, paper.pk]))
    assert response.status_code == 404


def test_a_paper_whose_file_is_gone_is_not_found(client, meeting, lead):
    paper = MeetingPaperFactory(meeting=meeting)
    paper.file.storage.delete(paper.file.name)
    client.force_login(lead)
    url = reverse("coproduction:meeting_paper_download", args=[meeting.pk, paper.pk])
    assert client.get(url).status_code == 404


def test_the_lead_removes_a_paper_after_confirming(
    client, meeting, lead, django_capture_on_commit_callbacks
):
    paper = MeetingPaperFactory(meeting=meeting, title="Old agenda")
    url = reverse("coproduction:meeting_paper_delete", args=[meeting.pk, paper.pk])
    client.force_login(lead)
    assert "Remove “Old agenda”?" in client.get(url).content.decode()
    assert MeetingPaper.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not MeetingPaper.objects.exists()


# --- Pages: attendance, minutes, cancelling -------------------------------------------------


def test_the_lead_records_attendance_for_every_member(client, meeting, lead, voice, ally):
    client.force_login(lead)
    url = reverse("coproduction:meeting_attendance", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Did Jo Member come?" in page
    response = client.post(
        url,
        {
            f"status_{lead.pk}": "attended",
            f"minutes_{lead.pk}": "",
            f"status_{voice.pk}": "attended",
            f"minutes_{voice.pk}": "120",
            f"status_{ally.pk}": "apologies",
            f"minutes_{ally.pk}": "",
        },
    )
    assert response.status_code == 302
    recorded = {a.user: (a.status, a.minutes_attended) for a in Attendance.objects.all()}
    assert recorded == {
        lead: ("attended", meeting.duration_minutes),
        voice: ("attended", 120),
        ally: ("apologies", 0),
    }
    again = client.get(url)
    assert again.context["form"][f"minutes_{voice.pk}"].value() == 120
    assert again.context["form"][f"status_{ally.pk}"].value() == "apologies"


def test_attendance_errors_are_shown_at_the_person(client, meeting, lead, voice):
    client.force_login(lead)
    response = client.post(
        reverse("coproduction:meeting_attendance", args=[meeting.pk]),
        {f"status_{lead.pk}": "absent", f"minutes_{lead.pk}": "30", f"minutes_{voice.pk}": ""},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors[f"status_{voice.pk}"] == ["Choose whether Jo Member came."]
    assert "did not come" in errors[f"minutes_{lead.pk}"][0]
    assert not Attendance.objects.exists()


def test_the_lead_publishes_the_minutes_and_chooses_what_was_discussed(client, space, lead):
    item = AgendaItemFactory(space=space, status=Status.SHORTLISTED, title="Visiting")
    meeting = plan(space, lead, [item])
    client.force_login(lead)
    url = reverse("coproduction:meeting_minutes", args=[meeting.pk])
    response = client.post(url, {"minutes": "", "publish": "yes"})
    assert response.status_code == 400
    assert "Write the minutes before publishing them." in response.content.decode()

    response = client.post(
        url, {"minutes": "We agreed longer visits.", "discussed": [item.pk], "publish": "yes"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.minutes_published_at is not None
    assert item.status == Status.DISCUSSED


def test_saving_a_draft_does_not_publish(client, meeting, lead):
    client.force_login(lead)
    client.post(
        reverse("coproduction:meeting_minutes", args=[meeting.pk]),
        {"minutes": "Draft notes", "draft": "yes"},
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "Draft notes"
    assert meeting.minutes_published_at is None


def test_the_lead_cancels_after_confirming(client, meeting, lead):
    url = reverse("coproduction:meeting_cancel", args=[meeting.pk])
    client.force_login(lead)
    assert "Yes, cancel the meeting" in client.get(url).content.decode()
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting is cancelled." in body
    edit = client.get(reverse("coproduction:meeting_edit", args=[meeting.pk]))
    assert edit.status_code == 302  # back to the meeting, with a message
    again = client.post(url)
    assert again.status_code == 400
    assert "already cancelled" in again.content.decode()


# --- Who may ----------------------------------------------------------------------------------


def _urls(meeting, paper):
    return {
        "create": reverse("coproduction:meeting_create", args=[meeting.space_id]),
        "edit": reverse("coproduction:meeting_edit", args=[meeting.pk]),
        "cancel": reverse("coproduction:meeting_cancel", args=[meeting.pk]),
        "upload": reverse("coproduction:meeting_paper_upload", args=[meeting.pk]),
        "delete": reverse("coproduction:meeting_paper_delete", args=[meeting.pk, paper.pk]),
        "attendance": reverse("coproduction:meeting_attendance", args=[meeting.pk]),
        "minutes": reverse("coproduction:meeting_minutes", args=[meeting.pk]),
    }


@pytest.mark.parametrize("role", [SpaceRole.MEMBER, SpaceRole.STAFF_ALLY, SpaceRole.OBSERVER])
def test_members_who_are_not_leads_may_only_read(client, meeting, role):
    paper = MeetingPaperFactory(meeting=meeting)
    person = space_with(role, meeting.space)
    client.force_login(person)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    for name, url in _urls(meeting, paper).items():
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"minutes": "x", "publish": "yes"}).status_code == 403, name
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
    assert MeetingPaper.objects.filter(pk=paper.pk).exists()


def _outsiders(meeting):
    """People who are not in the meeting's space: a lead of another space of the organisation,
    the organisation's admin and leader, and a lead of another organisation."""
    organisation = meeting.space.organisation
    return {
        "lead of another space": space_with(
            SpaceRole.LEAD, SpaceFactory(organisation=organisation)
        ),
        "organisation admin": member(Role.ORGANISATION_ADMIN, organisation=organisation),
        "leader": member(Role.LEADER, organisation=organisation),
        "another organisation's lead": space_with(SpaceRole.LEAD),
    }


def test_people_outside_the_space_find_nothing(client, meeting):
    paper = MeetingPaperFactory(meeting=meeting)
    urls = {
        **_urls(meeting, paper),
        "detail": meeting.get_absolute_url(),
        "list": reverse("coproduction:meeting_list", args=[meeting.space_id]),
        "download": reverse("coproduction:meeting_paper_download", args=[meeting.pk, paper.pk]),
    }
    for who, person in _outsiders(meeting).items():
        client.force_login(person)
        for name, url in urls.items():
            assert client.get(url).status_code == 404, (who, name)
            assert client.post(url).status_code in (404, 405), (who, name)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
    assert MeetingPaper.objects.filter(pk=paper.pk).exists()


def test_anonymous_visitors_are_asked_to_sign_in(client, meeting):
    paper = MeetingPaperFactory(meeting=meeting)
    url = reverse("coproduction:meeting_paper_download", args=[meeting.pk, paper.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_lead_of_one_space_cannot_put_another_spaces_item_on_the_agenda(client, space, lead):
    elsewhere = AgendaItemFactory(space=SpaceFactory(organisation=space.organisation))
    client.force_login(lead)
    client.post(
        reverse("coproduction:meeting_create", args=[space.pk]),
        meeting_post(**{f"item_{elsewhere.pk}": "1"}),
    )
    meeting = Meeting.objects.get()
    assert not meeting.agenda_entries.exists()
    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.PROPOSED
