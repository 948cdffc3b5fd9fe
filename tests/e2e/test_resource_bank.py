"""Journey: browse and search the resource bank, from the home page, as a family member would."""

import re
import sys

import pytest
from playwright.sync_api import expect

from cms.pages import demo


@pytest.fixture
def resources(db):
    demo.load(sys.stdout)


def test_browse_filter_and_search_the_resource_bank(resources, page, check_accessibility):
    page.goto("/")
    check_accessibility(page)
    page.get_by_role("navigation").get_by_role("link", name="Resource bank").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resource bank")
    check_accessibility(page)
    results = page.get_by_role("list").filter(has=page.locator(".resource-list__item"))
    everything = results.get_by_role("listitem").count()
    assert everything >= 8

    # Filter to what a family needs.
    page.get_by_label("Who it is for").select_option(label="Families")
    page.get_by_role("button", name="Show resources").click()
    expect(page).to_have_url(re.compile(r"stakeholder=family"))
    check_accessibility(page)
    family_titles = results.get_by_role("heading", level=3).all_inner_texts()
    assert 0 < len(family_titles) < everything
    assert any("families" in title.lower() for title in family_titles)

    # Search within the filter.
    page.get_by_label("Search for").fill("concern")
    page.get_by_role("button", name="Show resources").click()
    expect(page).to_have_url(re.compile(r"q=concern"))
    expect(page).to_have_url(re.compile(r"stakeholder=family"))
    check_accessibility(page)
    found = results.get_by_role("heading", level=3).all_inner_texts()
    assert found and set(found) <= set(family_titles)

    # A search with no matches says so and offers a way back.
    page.get_by_label("Search for").fill("xylophone")
    page.get_by_role("button", name="Show resources").click()
    expect(page.get_by_text(re.compile("No resources match"))).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="clear the search and filters").click()
    expect(results.get_by_role("listitem")).to_have_count(everything)

    # Open one resource.
    results.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page)


def test_resource_bank_works_on_a_phone(resources, phone_page, check_accessibility):
    phone_page.goto("/resource-bank/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Resource bank")
    check_accessibility(phone_page)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width}px wide)"
