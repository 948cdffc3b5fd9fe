"""The Content-Security-Policy in a real browser: on the demo, every page each kind of person
reaches (public, learner, co-production, forum, leadership, the Wagtail admin) runs with no
violation, and the policy really blocks what an attacker would slip in.

Violations are heard two ways: Chromium's console ("Refused to ... Content Security Policy") and a
`securitypolicyviolation` listener added to every document before its own scripts run.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from cms.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from cms.organisations.models import MFA_REQUIRED_ROLES
from tests.e2e.journeys import sign_in_here

LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: location.pathname,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: event.sourceFile + ":" + event.lineNumber,
  });
}, true);
"""
# Downloads (CSV, PDF) and leaving are not pages to check.
NOT_A_PAGE = re.compile(r"logout|export|download|\.csv|\.pdf|/file/|/preview/|/2fa/")
YOUTUBE_VIDEO = "https://www.youtube.com/watch?v=csp-e2e"
YOUTUBE_FRAME = (
    '<iframe width="480" height="270" src="https://www.youtube.com/embed/csp-e2e?feature=oembed" '
    'frameborder="0" allow="fullscreen; picture-in-picture" allowfullscreen '
    'title="Video: a family forum in practice"></iframe>'
)


class Watcher:
    """A browser context whose every page reports its CSP violations here."""

    def __init__(self, browser, base_url):
        self.violations = []
        self.context = browser.new_context(base_url=base_url)
        self.context.expose_function("reportCspViolation", self.heard)
        self.context.add_init_script(LISTENER)
        # The video frame's own site is not this test's business: answer it with an empty page.
        self.context.route(
            re.compile(r"^https://(www\.youtube\.com|player\.vimeo\.com)/"),
            lambda route: route.fulfill(status=200, content_type="text/html", body=""),
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.page.on("console", self.console)

    def heard(self, violation):
        self.violations.append(violation)

    def console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append({"page": self.page.url, "console": message.text})

    def settle(self):
        """Violations reach Python a moment after they happen."""
        self.page.wait_for_timeout(300)

    def close(self):
        self.context.close()


@pytest.fixture
def watcher(browser, live_server):
    watcher = Watcher(browser, live_server.url)
    yield watcher
    watcher.close()


def sign_in(watcher, email):
    needs_totp = (
        get_user_model()
        .objects.filter(email=email)
        .filter(Q(is_superuser=True) | Q(memberships__role__in=MFA_REQUIRED_ROLES))
        .exists()
    )
    watcher.page.goto("/accounts/login/")
    sign_in_here(
        watcher.page,
        lambda page: None,
        email,
        totp=needs_totp,
        password=DEMO_PASSWORD,
        totp_secret=DEMO_TOTP_SECRET,
    )
    expect(watcher.page.get_by_role("button", name=re.compile("Sign out", re.I))).to_be_visible()


def crawl(watcher, start, limit):
    """Visit `start`, then the links found on the way (this site only), up to `limit` pages."""
    page = watcher.page
    queue, seen, visited = list(start), set(), []
    while queue and len(visited) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            response = page.goto(path)
        except PlaywrightError:  # a file download, not a page
            continue
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited.append(path)
        page.wait_for_load_state("networkidle")
        for href in page.eval_on_selector_all(
            "a[href]", "links => links.map(link => link.getAttribute('href'))"
        ):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if not NOT_A_PAGE.search(link) and link not in seen:
                queue.append(link)
    watcher.settle()
    return visited


def module_with_a_video():
    """A demo module page with a YouTube video in its body (the embed is cached, as Wagtail does
    after its first look-up, so nothing is fetched from YouTube)."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from learning.authoring.models import ModulePage

    Embed.objects.create(
        url=YOUTUBE_VIDEO,
        hash=get_embed_hash(YOUTUBE_VIDEO),
        max_width=None,
        type="video",
        html=YOUTUBE_FRAME,
        title="A family forum in practice",
        provider_name="YouTube",
        width=480,
        height=270,
    )
    module = next(
        module
        for module in ModulePage.objects.live().specific()
        if module.organisation.slug == "riverside"
    )
    module.body.append(
        ("embed_block", {"embed": YOUTUBE_VIDEO, "title": "Video: a family forum in practice"})
    )
    module.save_revision().publish()
    return module


def open_round():
    from coproduction.rounds.models import PriorityRound

    dot_round = PriorityRound.objects.filter(method="dot").order_by("-closes_at").first()
    return dot_round.get_absolute_url() if dot_round else "/"


# Who signs in, and where each starts besides the home page.
PEOPLE = [
    ("staff@riverside.example.org", ["/learning/my/", "/learning/journal/"]),
    ("supervisor@riverside.example.org", ["/learning/supervision/"]),
    ("member@riverside.example.org", ["/together/"]),
    ("lead@riverside.example.org", ["/together/"]),
    ("family@riverside.example.org", ["/together/forums/"]),
    ("host@riverside.example.org", ["/together/forums/"]),
    ("safeguarding@riverside.example.org", ["/together/concerns/"]),
    ("leader@riverside.example.org", ["/leadership/dashboards/", "/leadership/red-flags/"]),
    ("hr@riverside.example.org", ["/leadership/imports/"]),
]


def test_the_policy_blocks_what_an_attacker_slips_in(demo, watcher):
    """The listener hears a violation: an injected inline script does not run, an injected
    inline style does not apply, and a frame from another site does not load."""
    page = watcher.page
    page.goto("/")
    assert watcher.violations == []
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.attackerRan = true";
            document.body.append(script);
            document.querySelector("h1").setAttribute("style", "color: rgb(255, 0, 0)");
            const frame = document.createElement("iframe");
            frame.src = "https://attacker.example/";
            document.body.append(frame);
        }"""
    )
    watcher.settle()
    assert page.evaluate("() => window.attackerRan") is None
    assert page.evaluate("() => getComputedStyle(document.querySelector('h1')).color") != (
        "rgb(255, 0, 0)"
    )
    directives = {violation.get("directive") for violation in watcher.violations}
    assert {"script-src-elem", "style-src-attr", "frame-src"} <= directives, watcher.violations
    assert any("Content Security Policy" in v.get("console", "") for v in watcher.violations)


def test_every_kind_of_page_runs_without_a_violation(demo, browser, live_server):
    video_module = module_with_a_video()
    visited = {}
    violations = []

    def visit(email, start, limit):
        watcher = Watcher(browser, live_server.url)
        try:
            if email:
                sign_in(watcher, email)
            visited[email or "anonymous"] = crawl(watcher, ["/", *start], limit)
        finally:
            violations.extend(watcher.violations)
            watcher.close()

    visit(None, ["/together/concerns/raise/", "/learning/verify/"], 8)
    for email, start in PEOPLE:
        visit(email, start, 8)
    visit("member@riverside.example.org", [open_round()], 1)

    # The video plays in its frame from YouTube, the one kind of site the policy lets in.
    watcher = Watcher(browser, live_server.url)
    sign_in(watcher, "staff@riverside.example.org")
    watcher.page.goto(video_module.url)
    expect(watcher.page.locator("iframe[src^='https://www.youtube.com/embed/']")).to_be_attached()
    watcher.settle()
    visited["video"] = [video_module.url]
    violations.extend(watcher.violations)
    watcher.close()

    # The Wagtail admin: its dashboard, a page editor, a snippet list, as a site administrator
    # and as an organisation admin.
    admin_pages = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[video_module.pk]),
        reverse("wagtailadmin_explore", args=[video_module.get_parent().pk]),
        reverse("wagtailsnippets_organisations_service:list"),
        reverse("wagtailsnippets_organisations_membership:list"),
    ]
    visit("siteadmin@example.org", admin_pages, len(admin_pages))
    visit("admin@riverside.example.org", admin_pages[-2:], 3)

    assert violations == [], "\n".join(map(str, violations))
    everything = [path for paths in visited.values() for path in paths]
    assert video_module.url in everything
    assert reverse("wagtailadmin_pages:edit", args=[video_module.pk]) in everything
    for prefix in ("/learning/", "/together/forums/", "/together/concerns/", "/leadership/"):
        assert any(path.startswith(prefix) for path in everything), prefix
    assert len(everything) >= 60, visited
