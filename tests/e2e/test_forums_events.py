"""Journey (issue 5, forums): a forum host plans an event; a family member RSVPs with an access
need; the host sees it among the answers. A visitor with a wrong code is told at the field."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from coproduction.forums.models import EventRSVP, ForumEvent
from tests.coproduction.factories_forums import FamilyForumFactory, forum_family, forum_host
from tests.e2e.journeys import main_nav, sign_in


def test_host_plans_an_event_and_sees_a_familys_access_need(page, check_accessibility):
    forum = FamilyForumFactory(service__name="Willow House", name="Willow House family forum")
    host = forum_host(forum, email="hana@example.org", first_name="Hana", last_name="Host")
    family = forum_family(
        forum, visits="Mary", email="fay@example.org", first_name="Fay", last_name="Family"
    )
    day = timezone.localdate() + timedelta(days=14)

    # A visitor with a wrong code is told so at the field.
    page.goto("/together/forums/join/")
    check_accessibility(page)
    page.get_by_label("The forum code").fill("WRONG123")
    page.get_by_label("Your email address").fill("someone@example.org")
    page.get_by_role("button", name="Ask to join").click()
    expect(
        page.get_by_text("That code is not right. Check it with the home.").first
    ).to_be_visible()
    check_accessibility(page)

    # The host plans an event from the forum's page.
    sign_in(page, check_accessibility, host.email)
    main_nav(page, "Family forum")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your family forums")
    check_accessibility(page)
    page.get_by_role("link", name="Willow House family forum").click()
    expect(page.get_by_text(forum.join_code)).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Plan an event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan an event")
    check_accessibility(page)
    page.get_by_label("Name of the event").fill("Spring family forum")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Guest speaker").fill("A dementia nurse")
    page.get_by_label("Refreshments").fill("Tea and cake")
    page.get_by_role("button", name="Plan the event").click()
    # Neither a place nor a link: the error is at the field and the input is kept.
    expect(page.get_by_text("Give the place, the online link, or both").first).to_be_visible()
    expect(page.get_by_label("Name of the event")).to_have_value("Spring family forum")
    check_accessibility(page)
    page.get_by_label("Place").fill("The lounge, Willow House")
    page.get_by_role("button", name="Plan the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring family forum")
    check_accessibility(page)
    event = ForumEvent.objects.get()

    # The family member answers, with an access need.
    sign_in(page, check_accessibility, family.email)
    main_nav(page, "Family forum")
    check_accessibility(page)
    page.get_by_role("link", name="Willow House family forum").click()
    check_accessibility(page)
    page.get_by_role("link", name="Spring family forum").click()
    expect(page.get_by_text("Tea and cake")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Yes, I am coming").check()
    page.get_by_label("How many people are coming with you?").fill("1")
    page.get_by_label("Anything you need to take part").fill("A wheelchair space, please")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Thank you: your answer is saved.")).to_be_visible()
    check_accessibility(page)
    rsvp = EventRSVP.objects.get(event=event)
    assert (rsvp.user, rsvp.answer, rsvp.guests) == (family, "yes", 1)

    # The host sees the answer and the access need.
    sign_in(page, check_accessibility, host.email)
    page.goto(event.get_absolute_url())
    answers = page.locator("#answers")
    expect(answers.get_by_role("cell", name="Fay Family")).to_be_visible()
    expect(answers.get_by_role("cell", name="A wheelchair space, please")).to_be_visible()
    expect(answers.get_by_text("2 people with their guests")).to_be_visible()
    check_accessibility(page)
