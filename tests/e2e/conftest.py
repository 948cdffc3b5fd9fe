"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a journey visits goes through `check_accessibility`, which runs axe-core (bundled by
axe-playwright-python, nothing downloaded) for WCAG 2.0/2.1/2.2 A and AA and fails on any serious
or critical violation.
"""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous and single-threaded, so the async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser(chromium_path):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps database connections in an asgiref Local, which switches to per-context
    # storage once an event loop runs in the thread, as Playwright's does. The connection seen
    # after that is a new object without the snapshot that serialized rollback restores between
    # tests, so hand the snapshot over.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# What axe reports when the page it started on is replaced under it: a journey clicked a link and
# checked at once, and the next document had not yet been committed.
NAVIGATION_RACES = ("reading 'documentElement'", "Execution context was destroyed")


def run_axe(axe, page, retries=2):
    from playwright.sync_api import Error as PlaywrightError

    page.wait_for_load_state("load")
    try:
        return axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    except PlaywrightError as error:
        if not retries or not any(race in str(error) for race in NAVIGATION_RACES):
            raise
    return run_axe(axe, page, retries - 1)


@pytest.fixture
def check_accessibility(axe):
    """Call with a page after each navigation; fails on serious or critical violations."""
    visited = []

    def check(page):
        results = run_axe(axe, page)
        bad = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in {"serious", "critical"}
        ]
        visited.append(page.url)
        assert not bad, f"axe on {page.url}:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in bad
        )
        return results

    check.visited = visited
    return check
