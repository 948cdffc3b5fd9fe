"""The pages `make bench` measures, registered by each part, and the host's own: the bare
Wagtail page every other page is compared with.

Each installed app may have a `bench/pages.py` that calls `register(...)` for its pages (and
`register_job(...)` for work timed outside a request, such as recomputing snapshots). The
runner finds them with `autodiscover_modules("bench.pages")`, so the host names no plugin.

A page's `url` is a function of the dataset's facts (`Facts`: the biggest organisation, a big
and a small service, one person per role) to a path, built with `reverse`; it may read the
database for a row the facts do not name (a learner's attempt, the latest flag) and returns
None when the dataset holds no such row, and the page is then reported as not measured.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.utils.module_loading import autodiscover_modules

# What a page is measured against (see cms.bench.measure.TARGETS).
LEARNER = "learner"
LEADERSHIP = "leadership"
EXPORT = "export"
OTHER = "other"
BARE = "bare"
KINDS = (BARE, LEARNER, LEADERSHIP, EXPORT, OTHER)

# The roles the dataset names one person for (bench_data's facts).
ROLES = (
    "leader",
    "org_admin",
    "safeguarding_lead",
    "hr",
    "learner",
    "family",
    "lived_experience",
    "forum_host",
)


@dataclass(frozen=True)
class BenchPage:
    """One page to time: who opens it, how its path is built, and which target it answers to."""

    name: str
    role: str
    url: Callable[["Facts"], str | None]
    kind: str
    # The URL pattern the page is served by ("leadership:dashboard_overview"), when not a
    # Wagtail page: how tests/bench/test_bench_runner.py knows every page is measured.
    url_name: str | None = None
    # What the page answers when it works: 302 for a request that works something out and
    # sends the person on (a ledger gathered afresh), timed to that answer.
    status: int = 200

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: kind {self.kind!r} is not one of {KINDS}")
        if self.role not in ROLES:
            raise ValueError(f"{self.name}: role {self.role!r} is not one of {ROLES}")


@dataclass(frozen=True)
class BenchJob:
    """Work timed in a process of its own (peak memory and seconds): `run(facts)`."""

    name: str
    run: Callable[["Facts"], object]


_pages: dict[str, BenchPage] = {}
_jobs: dict[str, BenchJob] = {}


def register(name, *, role, url, kind, url_name=None, status=200):
    if name in _pages:
        raise ValueError(f"a bench page named {name!r} is already registered")
    _pages[name] = BenchPage(
        name=name, role=role, url=url, kind=kind, url_name=url_name, status=status
    )


def register_job(name, run):
    if name in _jobs:
        raise ValueError(f"a bench job named {name!r} is already registered")
    _jobs[name] = BenchJob(name=name, run=run)


def registered_pages():
    """Every installed app's pages, the bare page first."""
    autodiscover_modules("bench.pages")
    return sorted(_pages.values(), key=lambda page: (page.kind != BARE, KINDS.index(page.kind)))


def registered_jobs():
    autodiscover_modules("bench.pages")
    return list(_jobs.values())


class Facts:
    """The dataset's facts (bench_data's JSON), with the rows they name read on first use."""

    def __init__(self, data):
        self.data = data
        self.organisation_id = data["organisation_id"]
        self.big_service_id = data["big_service_id"]
        self.small_service_id = data["small_service_id"]
        self.users = data["users"]
        self.password = data["password"]

    @cached_property
    def organisation(self):
        from cms.organisations.models import Organisation

        return Organisation.objects.get(pk=self.organisation_id)

    def user(self, role):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        login = self.users[role]
        return User.objects.get(**{User.USERNAME_FIELD: login})


def bare_page(facts):
    """A plain content page in the tree (the site's home page when there is none)."""
    from wagtail.models import Site

    from cms.pages.models import StandardPage

    page = StandardPage.objects.live().public().order_by("path").first()
    if page is None:
        page = Site.objects.get(is_default_site=True).root_page
    return page.get_url()


register("bare Wagtail page", role="learner", url=bare_page, kind=BARE)
