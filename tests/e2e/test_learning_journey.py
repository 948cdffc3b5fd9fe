"""Journey (issue 3, first "Done when"): a leader assigns a learning path to a new staff member;
the staff member finds it, completes a module and a scenario, writes a reflection and shares it
with their supervisor (who reads it and replies), downloads the certificate, and anyone, signed
out, verifies the certificate's code."""

import io
import re
from datetime import timedelta

import pypdf
from django.utils import timezone
from playwright.sync_api import expect

from cms.organisations.models import Role
from learning.enrolment.models import Certificate, Enrolment
from tests.cms.factories import ServiceFactory, member
from tests.e2e.journeys import main_nav, sign_in
from tests.learning.rows_learner import learning_pages


def choose(page, check_accessibility, situation, choice_text):
    expect(page.get_by_text(situation)).to_be_visible()
    check_accessibility(page)
    # Keyboard alone: focus the option, select it with the space bar, send with Enter.
    option = page.get_by_role("radio", name=choice_text)
    option.focus()
    page.keyboard.press("Space")
    expect(option).to_be_checked()
    page.get_by_role("button", name="Make this choice").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your choice")
    check_accessibility(page)


def test_assigned_staff_member_completes_a_path_and_their_certificate_verifies(
    browser, live_server, page, check_accessibility
):
    service = ServiceFactory(name="Willow House")
    path, module, scenario = learning_pages(service.organisation)
    sam = member(
        Role.STAFF, service=service, email="sam@example.org", first_name="Sam", last_name="Okafor"
    )
    member(Role.SUPERVISOR, service=service, email="kim@example.org", first_name="Kim")
    member(Role.LEADER, service=service, email="alex@example.org", first_name="Alex")
    due_on = timezone.localdate() + timedelta(days=30)

    # The leader (signed in with a second factor) assigns the path to Sam.
    sign_in(page, check_accessibility, "alex@example.org", totp=True)
    main_nav(page, "Assign learning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assign learning")
    check_accessibility(page)
    page.get_by_label("Learning path").select_option(label=path.title)
    page.get_by_role("radio", name="One person").check()
    page.get_by_role("combobox", name=re.compile("^Person")).select_option(label="Sam Okafor")
    page.get_by_label("Complete by").fill(due_on.isoformat())
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text(f"“{path.title}” is assigned to 1 person")).to_be_visible()
    check_accessibility(page)
    assert Enrolment.objects.get(user=sam, path=path).source == Enrolment.Source.ASSIGNMENT

    # Sam finds the assigned path on their home page.
    sign_in(page, check_accessibility, "sam@example.org")
    panel = page.get_by_role("region", name="Your learning")
    due_text = f"complete by {due_on.day} {due_on:%B %Y}"
    expect(panel.get_by_role("link", name=f"{path.title} ({due_text})")).to_be_visible()
    # ... and in "My learning".
    panel.get_by_role("link", name="My learning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    assigned = page.get_by_role("table", name="To do")
    expect(assigned.get_by_role("link", name=path.title)).to_be_visible()
    expect(assigned.get_by_text(f"{due_on.day} {due_on:%B %Y}")).to_be_visible()
    check_accessibility(page)
    assigned.get_by_role("link", name=path.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(path.title)
    expect(page.get_by_text(f"Complete by {due_on.day} {due_on:%B %Y}")).to_be_visible()
    expect(page.get_by_text("You have completed 0 of 2 items")).to_be_visible()
    check_accessibility(page)

    # The module: a wrong answer first, then the right one.
    page.get_by_role("link", name=module.title).click()
    check_accessibility(page)
    page.get_by_label("Bath them anyway").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("Not all your answers were right")).to_be_visible()
    expect(page.get_by_text("The rota does not override a person's choice.")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Ask them what they would like instead").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("You have passed this module's knowledge check.")).to_be_visible()
    check_accessibility(page)

    # The scenario: the best route to the good ending.
    page.get_by_role("link", name=f"Next: {scenario.title}").click()
    check_accessibility(page)
    page.get_by_role("button", name="Start").click()
    choose(page, check_accessibility, "The situation at arrive.", "Choice listen")
    expect(page.get_by_text("Feedback for listen.")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    choose(page, check_accessibility, "The situation at ask.", "Choice record")
    page.get_by_role("link", name="See how it ends").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("How you did")
    expect(page.get_by_text("You took the best route at every step.")).to_be_visible()
    check_accessibility(page)

    # A reflection, saved and then shared.
    page.get_by_label("Your reflection").fill("I will ask first and write down what they chose.")
    page.get_by_role("button", name="Save to my journal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your reflection journal")
    check_accessibility(page)
    page.get_by_role("link", name=f"Share “{scenario.title}” with your supervisor").click()
    expect(page.get_by_text("Kim")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Yes, share it").click()
    expect(page.get_by_text("Your reflection is shared with your supervisor.")).to_be_visible()
    check_accessibility(page)

    page.goto(path.url)
    expect(page.get_by_text("You have completed 2 of 2 items")).to_be_visible()
    check_accessibility(page)

    # The certificate, from "My learning": a PDF naming Sam and the path, with its code.
    main_nav(page, "My learning")
    finished = page.locator("li", has_text=path.title)
    expect(finished).to_contain_text("finished")
    check_accessibility(page)
    with page.expect_download() as download_info:
        finished.get_by_role("link", name=re.compile("^Download your certificate")).click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        pdf_bytes = handle.read()
    assert pdf_bytes.startswith(b"%PDF")
    pdf_text = " ".join(
        (p.extract_text() or "") for p in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages
    )
    assert "Sam Okafor" in pdf_text
    assert path.title in pdf_text
    certificate = Certificate.objects.get(enrolment__user=sam, enrolment__path=path)
    assert certificate.display_code in pdf_text
    # The same file through the signed-in session's request context.
    response = page.request.get(f"/learning/certificates/{certificate.code}/download/")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The supervisor reads the shared reflection and replies.
    sign_in(page, check_accessibility, "kim@example.org")
    check_accessibility(page)
    main_nav(page, "Supervision")
    expect(page.get_by_text("I will ask first and write down what they chose.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("^Reply to Sam")).click()
    check_accessibility(page)
    page.get_by_label("Your reply").fill("Well done. Let us talk about it on Friday.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Let us talk about it on Friday.")).to_be_visible()
    check_accessibility(page)

    # The author sees the reply.
    sign_in(page, check_accessibility, "sam@example.org")
    page.goto("/learning/journal/")
    expect(page.get_by_text("Let us talk about it on Friday.")).to_be_visible()
    check_accessibility(page)

    # Anyone, signed out in a fresh browser, checks the code printed on the certificate.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        visitor = context.new_page()
        visitor.set_default_timeout(15_000)
        visitor.goto("/learning/verify/")
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Check a certificate")
        check_accessibility(visitor)
        visitor.get_by_label("Certificate code").fill(certificate.display_code)
        visitor.get_by_role("button", name="Check").click()
        result = visitor.get_by_role("status", name="This certificate is real")
        expect(result).to_be_visible()
        check_accessibility(visitor)
        expect(result.locator("dt")).to_have_text(["Name", "Learning path", "Completed on"])
        completed_on = certificate.completed_on
        expect(result.locator("dd")).to_have_text(
            ["Sam Okafor", path.title, f"{completed_on.day} {completed_on:%B %Y}"]
        )
        # Only name, path and date: nothing else about Sam or where they work.
        main_text = visitor.get_by_role("main").inner_text()
        for private in ("sam@example.org", "Willow House", service.organisation.name):
            assert private not in main_text

        # A wrong code finds nothing.
        visitor.get_by_label("Certificate code").fill("ABCD-EFGH-JKMN")
        visitor.get_by_role("button", name="Check").click()
        expect(visitor.get_by_role("heading", name="No certificate with that code")).to_be_visible()
        expect(visitor.get_by_text("Sam Okafor")).to_have_count(0)
        check_accessibility(visitor)
    finally:
        context.close()


def test_a_scenario_step_on_a_phone(phone_page, check_accessibility):
    service = ServiceFactory()
    _path, _module, scenario = learning_pages(service.organisation)
    member(Role.STAFF, service=service, email="phone@example.org")
    sign_in(phone_page, check_accessibility, "phone@example.org")
    phone_page.goto(scenario.url)
    phone_page.get_by_role("button", name="Start").click()
    expect(phone_page.get_by_text("The situation at arrive.")).to_be_visible()
    check_accessibility(phone_page)
    # Nothing wider than the screen, and the choices can be chosen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.get_by_role("radio", name="Choice listen").click()
    phone_page.get_by_role("button", name="Make this choice").click()
    expect(phone_page.get_by_text("Feedback for listen.")).to_be_visible()
    check_accessibility(phone_page)
