"""Journey (issue 4, meetings): a space's lead plans a meeting with an agenda item, uploads an
easy-read paper, records who came and publishes the minutes; a member sees the meeting and
downloads the paper."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from coproduction.meetings.models import Attendance, Meeting
from coproduction.spaces.models import AgendaItem, SpaceRole
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, SpaceMembershipFactory
from tests.e2e.journeys import sign_in

PAPER = b"%PDF-1.4\n% An easy-read agenda\n"


def test_lead_runs_a_meeting_and_a_member_reads_its_paper(page, check_accessibility):
    space = SpaceFactory(name="Willow Voices")
    lead = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.LEAD,
        user__email="rosa@example.org",
        user__first_name="Rosa",
        user__last_name="Lead",
    ).user
    voice = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.MEMBER,
        user__email="jo@example.org",
        user__first_name="Jo",
        user__last_name="Member",
    ).user
    item = AgendaItemFactory(
        space=space,
        proposed_by=voice,
        status=AgendaItem.Status.SHORTLISTED,
        title="Weekend visiting",
    )
    day = timezone.localdate() + timedelta(days=14)

    # The lead plans a meeting from the space's page, with the item on its agenda.
    sign_in(page, check_accessibility, lead.email)
    page.goto(space.get_absolute_url())
    expect(page.get_by_text("No meetings are planned yet.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Plan a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a meeting")
    check_accessibility(page)
    page.get_by_label("Name of the meeting").fill("June meeting")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_role("button", name="Plan the meeting").click()
    # Neither a place nor a link: the error is at the field and the input is kept.
    expect(page.get_by_text("Give the place, the online link, or both").first).to_be_visible()
    expect(page.get_by_label("Name of the meeting")).to_have_value("June meeting")
    check_accessibility(page)
    page.get_by_label("Place").fill("The garden room, Willow House")
    page.get_by_label("Weekend visiting (Shortlisted)").fill("1")
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("June meeting")
    expect(page.get_by_role("link", name="Weekend visiting")).to_be_visible()
    check_accessibility(page)
    meeting = Meeting.objects.get()
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.ON_AGENDA
    assert any(m.to == [voice.email] and "New meeting" in m.subject for m in mail.outbox)

    # ... uploads an easy-read paper ...
    page.get_by_role("link", name="Add a paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a paper")
    check_accessibility(page)
    page.get_by_label("Title of the paper").fill("Easy-read agenda")
    page.get_by_label("File", exact=True).set_input_files(
        {"name": "Easy read agenda.pdf", "mimeType": "application/pdf", "buffer": PAPER}
    )
    page.get_by_label("This is an easy-read version").check()
    page.get_by_role("button", name="Add the paper").click()
    expect(page.get_by_role("link", name="Easy-read agenda", exact=True)).to_be_visible()
    expect(page.locator("#papers").get_by_text("Easy read", exact=True)).to_be_visible()
    check_accessibility(page)

    # ... records who came ...
    page.get_by_role("link", name="Record who came").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Who came")
    check_accessibility(page)
    page.get_by_role("group", name="Did Rosa Lead come?").get_by_label("Attended").check()
    page.get_by_role("button", name="Save who came").click()
    # Jo was not chosen: the error names them, and what was chosen is kept.
    expect(page.get_by_text("Choose whether Jo Member came.").first).to_be_visible()
    expect(
        page.get_by_role("group", name="Did Rosa Lead come?").get_by_label("Attended")
    ).to_be_checked()
    check_accessibility(page)
    page.get_by_role("group", name="Did Jo Member come?").get_by_label("Attended").check()
    page.get_by_label("Minutes Jo Member gave").fill("100")
    page.get_by_role("button", name="Save who came").click()
    expect(page.get_by_role("cell", name="Jo Member")).to_be_visible()
    check_accessibility(page)
    minutes_given = dict(Attendance.objects.values_list("user__email", "minutes_attended"))
    assert minutes_given == {lead.email: meeting.duration_minutes, voice.email: 100}

    # ... and publishes the minutes, saying the item was discussed.
    page.get_by_role("link", name="Write the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Minutes of")
    check_accessibility(page)
    page.get_by_label("Minutes", exact=True).fill("We agreed to ask for longer visiting hours.")
    page.get_by_role("checkbox", name="Weekend visiting").check()
    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.get_by_text("We agreed to ask for longer visiting hours.")).to_be_visible()
    check_accessibility(page)
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.DISCUSSED

    # The member sees the meeting on the space's page, reads it and downloads the paper.
    sign_in(page, check_accessibility, voice.email)
    page.goto(space.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="June meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("June meeting")
    expect(page.get_by_text("We agreed to ask for longer visiting hours.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Came: .*Jo Member"))).to_be_visible()
    expect(page.get_by_role("link", name="Record who came")).to_have_count(0)
    check_accessibility(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Easy-read agenda", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "Easy read agenda.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == PAPER
