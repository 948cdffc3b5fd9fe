"""Journey (issue 4, closing the loop): a space's lead agrees an action on an agenda item and
records its outcome; the member who proposed the item sees it on "you said, we did" and answers
whether it addressed what they raised."""

import re

from django.core import mail
from playwright.sync_api import expect

from coproduction.spaces.models import SpaceRole
from coproduction.tracker.models import Action, OutcomeResponse
from tests.cms.factories import ServiceFactory
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, SpaceMembershipFactory
from tests.e2e.journeys import main_nav, sign_in


def test_lead_records_an_outcome_and_the_proposer_answers(page, check_accessibility):
    service = ServiceFactory(name="Willow House")
    space = SpaceFactory(organisation=service.organisation, service=service, name="Willow Voices")
    lead = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.LEAD,
        user__email="rosa@example.org",
        user__first_name="Rosa",
        user__last_name="Lead",
    ).user
    proposer = SpaceMembershipFactory(
        space=space, role=SpaceRole.MEMBER, user__email="jo@example.org", user__first_name="Jo"
    ).user
    item = AgendaItemFactory(space=space, proposed_by=proposer, title="Weekend visiting")

    # The lead agrees an action on the item.
    sign_in(page, check_accessibility, lead.email)
    page.goto(f"/together/agenda-items/{item.pk}/action/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weekend visiting")
    check_accessibility(page)
    page.get_by_label("What will be done").fill("Longer visiting hours at weekends")
    page.get_by_label(re.compile("^Who will do it")).select_option(label="Rosa Lead")
    page.get_by_role("button", name="Record the action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Action: Longer visiting hours at weekends"
    )
    check_accessibility(page)

    # ... and records its outcome: it is published to "you said, we did".
    page.get_by_role("link", name="Record the outcome").click()
    check_accessibility(page)
    page.get_by_role("button", name="Mark done and publish").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_label("What was done").fill("Visiting is now 10am to 8pm on Saturdays and Sundays.")
    page.get_by_role("button", name="Mark done and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did: Willow Voices")
    expect(page.get_by_text("Visiting is now 10am to 8pm")).to_be_visible()
    check_accessibility(page)
    action = Action.objects.get()
    assert action.is_done
    assert [message.to for message in mail.outbox] == [[proposer.email]]

    # The proposer sees the outcome and answers whether it addressed what they raised.
    sign_in(page, check_accessibility, proposer.email)
    page.goto(f"/together/spaces/{space.pk}/you-said-we-did/")
    expect(page.get_by_text("You said: Weekend visiting")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("Tell us whether this addressed")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Did this address what you raised?")
    check_accessibility(page)
    page.get_by_role("radio", name="Partly").check()
    page.get_by_label("Anything you want to add").fill("Better, but not on bank holidays.")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Addressed it: partly")).to_be_visible()
    expect(page.get_by_text("Better, but not on bank holidays.")).to_be_visible()
    check_accessibility(page)
    assert OutcomeResponse.objects.get(action=action).addressed == "partly"


def test_forum_host_records_feedback_and_sees_a_repeated_theme(page, check_accessibility):
    from datetime import timedelta

    from django.utils import timezone

    from cms.organisations.models import Role
    from coproduction.tracker.services import feedback_record
    from tests.cms.factories import member

    service = ServiceFactory(name="Birch House")
    host = member(Role.FORUM_HOST, service=service, email="sam@example.org", first_name="Sam")
    today = timezone.localdate()
    for days_ago, channel in ((3, "forum"), (10, "complaint")):
        feedback_record(
            channel=channel,
            giver_role="family",
            service=service,
            text=f"Nobody rang back ({days_ago})",
            themes=["hm_not_listening"],
            received_on=today - timedelta(days=days_ago),
        )

    sign_in(page, check_accessibility, host.email)
    main_nav(page, "Feedback tracker")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback tracker")
    expect(page.get_by_text("No theme is repeated at the moment.")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Add feedback").click()
    check_accessibility(page)
    page.get_by_label("Service", exact=True).select_option(label="Birch House")
    page.get_by_label("Where it came from").select_option(label="Advocacy")
    page.get_by_label("Who gave it").select_option(label="Advocate")
    page.get_by_label("What was said").fill("Calls to the office are not returned.")
    page.get_by_role("checkbox", name="Not listening").check()
    page.get_by_role("button", name="Add feedback").click()
    expect(page.get_by_text("The feedback has been added.")).to_be_visible()
    expect(page.get_by_text("Not listening: 3 items from 3 channels")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Where it came from").select_option(label="Advocacy")
    page.get_by_role("button", name="Show feedback").click()
    expect(page.get_by_text("1 item.")).to_be_visible()
    check_accessibility(page)
