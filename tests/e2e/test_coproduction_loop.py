"""Journey (issue 4, closing the loop): a person turns an email off; a space's lead edits the
space and agrees an action from a published round's result; a forum host re-tags feedback."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from coproduction.preferences.models import EmailPreferences
from coproduction.rounds import services as round_services
from coproduction.spaces.models import AgendaItem, SpaceRole
from coproduction.tracker.models import Action
from coproduction.tracker.services import feedback_record
from tests.cms.factories import ServiceFactory, member
from tests.coproduction.factories import AgendaItemFactory, SpaceFactory, SpaceMembershipFactory
from tests.e2e.journeys import sign_in


def test_lead_edits_the_space_and_agrees_an_action_from_a_result(page, check_accessibility):
    service = ServiceFactory(name="Willow House")
    space = SpaceFactory(organisation=service.organisation, service=service, name="Willow Voices")
    lead = SpaceMembershipFactory(
        space=space,
        role=SpaceRole.LEAD,
        user__email="rosa@example.org",
        user__first_name="Rosa",
        user__last_name="Lead",
    ).user
    items = [
        AgendaItemFactory(space=space, title=title, status=AgendaItem.Status.SHORTLISTED)
        for title in ("Weekend visiting", "A quiet room")
    ]
    now = timezone.now()
    priority_round = round_services.round_open(
        space,
        lead,
        title="Spring priorities",
        method="approval",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=7),
        agenda_items=items,
    )
    round_services.round_close_and_publish(priority_round, lead, early=True)

    sign_in(page, check_accessibility, lead.email)

    # Emails: turn one off.
    page.goto("/together/")
    check_accessibility(page)
    page.get_by_role("link", name="Choose which co-production emails you get").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your co-production emails")
    check_accessibility(page)
    page.get_by_label("Results are published").uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your email choices are saved.")).to_be_visible()
    check_accessibility(page)
    assert EmailPreferences.objects.get(user=lead).results_published is False

    # Edit the space, with a mistake first.
    page.goto(space.get_absolute_url())
    page.get_by_role("link", name="Edit this space").click()
    check_accessibility(page)
    page.get_by_label("Name of the space").fill("")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Name of the space").fill("Willow House voices")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Willow House voices")
    check_accessibility(page)

    # Agree an action from the round's result.
    page.goto(priority_round.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Agree an action on “Weekend visiting”").click()
    expect(page.get_by_text("From the priority round “Spring priorities”")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("What will be done").fill("Longer visiting hours at weekends")
    page.get_by_label(re.compile("^Who will do it")).select_option(label="Rosa Lead")
    page.get_by_role("button", name="Record the action").click()
    expect(page.get_by_text("is still “Shortlisted”")).to_be_visible()
    check_accessibility(page)
    action = Action.objects.get()
    assert action.priority_round == priority_round

    page.goto(f"/together/spaces/{space.pk}/you-said-we-did/")
    expect(page.get_by_text("from the priority round “Spring priorities”")).to_be_visible()
    check_accessibility(page)


def test_forum_host_changes_the_themes_of_feedback(page, check_accessibility):
    service = ServiceFactory(name="Willow House")
    host = member(Role.FORUM_HOST, service=service, email="host@example.org")
    item = feedback_record(
        channel="forum",
        giver_role="family",
        service=service,
        text="Nobody listens when we raise things.",
        themes=["hm_not_listening"],
    )
    sign_in(page, check_accessibility, host.email)
    page.goto("/together/feedback/")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("^Change themes")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the themes of this feedback")
    check_accessibility(page)
    checked = page.locator("input[name=themes]:checked")
    expect(checked).to_have_count(1)
    checked.first.uncheck()
    page.locator("input[name=themes]").nth(2).check()
    page.get_by_role("button", name="Save the themes").click()
    expect(page.get_by_text("The themes have been saved.")).to_be_visible()
    check_accessibility(page)
    assert [theme.key for theme in item.themes.all()] != ["hm_not_listening"]
    assert item.themes.count() == 1
