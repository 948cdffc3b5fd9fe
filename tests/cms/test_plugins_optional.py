"""The host runs with any plugin left out (DESIGN.md: "A plugin can be left out of
INSTALLED_APPS and the rest still runs"): for every choice of plugins short of all three (all
but one, one alone, none) a fresh site migrates, loads the demo, serves the home page, every live
page and every page of each installed plugin that needs no argument, and answers "not found" at
the URLs of the plugins left out.

Each choice is a project of its own (INSTALLED_APPS is read once per process), so each runs in a
`manage.py shell` subprocess on an SQLite file of its own. The host's migrations (Django, Wagtail,
allauth, cms: over two hundred) are the same whatever plugins are installed, since the host knows no
plugin, so they run once, for the site with no plugin, and every choice starts from a copy of that
file and migrates its own plugins, as a site that adds a plugin later would. The choices start when
the module's first test asks for them, as many side by side as there are cores, while the tests
wait.
"""

import itertools
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.backend_independent(
    reason="each site runs in a process of its own on the embedded defaults, whatever this run uses"
)

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ("learning", "coproduction", "leadership")
# Where each plugin mounts (cms.settings.base.PLUGIN_URLS): a page at each, to show it is gone.
PLUGIN_PAGES = {
    "learning": "/learning/my/",
    "coproduction": "/together/forums/",
    "leadership": "/leadership/dashboards/",
}
# Demo accounts of the Riverside organisation who, with the site administrator, try each page.
SIGNED_IN = ("admin", "leader", "safeguarding", "lead", "staff")
# Every plugin but one, every one alone, and none. (All three is the site every other test uses.)
CHOICES = [
    combination
    for size in range(len(PLUGINS) - 1, -1, -1)
    for combination in itertools.combinations(PLUGINS, size)
]

# Runs inside each subprocess; prints one JSON line with what it saw.
SCRIPT = """
import io, json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page

from tests.cms.sign_in import sign_in

call_command("migrate", verbosity=0)
call_command("load_demo", stdout=io.StringIO())
plugins = [app for app in PLUGINS if app in settings.INSTALLED_APPS]


def plain_names(patterns, namespace):
    # The URL names of a plugin's patterns that take no argument.
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if not entry.pattern.converters and "(?P" not in str(entry.pattern):
                yield from plain_names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            if not entry.pattern.converters and "(?P" not in str(entry.pattern):
                yield f"{namespace}:{entry.name}"


def signed_in(email):
    client = Client()
    sign_in(client, get_user_model().objects.get(email=email))
    return client


anonymous = Client()
admin = signed_in("siteadmin@example.org")
# A page of a plugin is served when one of these people may see it (a site administrator holds
# no role in an organisation, which the feedback tracker asks for).
people = [admin, *(signed_in(f"{who}@riverside.example.org") for who in SIGNED_IN)]
seen = {
    "plugins": plugins,
    "home": anonymous.get("/").status_code,
    "resources": anonymous.get("/resource-bank/").status_code,
    "admin": admin.get("/admin/").status_code,
    "live_pages": {},
    "plugin_pages": {},
    "absent_pages": {},
}
for page in Page.objects.live().filter(depth__gt=1).specific():
    seen["live_pages"][page.url] = admin.get(page.url).status_code
resolver = get_resolver()
for app in plugins:
    [included] = [
        entry for entry in resolver.url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == app
    ]
    for name in sorted(set(plain_names(included.url_patterns, app))):
        url = reverse(name)
        seen["plugin_pages"][url] = min(person.get(url).status_code for person in people)
for app, url in PLUGIN_PAGES.items():
    if app not in plugins:
        seen["absent_pages"][url] = admin.get(url).status_code
print("SEEN " + json.dumps(seen))
"""


def site_env(plugins, folder):
    env = {
        key: value
        for key, value in os.environ.items()
        # The embedded defaults, whatever this run uses: each choice is a project of its own.
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "EMAIL_URL"}
    }
    env.update(
        PLUGIN_APPS=",".join(plugins),
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
    )
    return env


def migrate_host(folder):
    """The host alone, migrated: the database every choice starts from."""
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=site_env((), folder),
        capture_output=True,
        text=True,
        timeout=1200,
    )


def run(plugins, folder, host):
    """The choice `plugins` on a copy of the host's migrated database."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(host / "site.sqlite3", folder / "site.sqlite3")
    env = site_env(plugins, folder)
    prelude = f"PLUGINS = {PLUGINS!r}\nPLUGIN_PAGES = {PLUGIN_PAGES!r}\nSIGNED_IN = {SIGNED_IN!r}\n"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", prelude + SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Every choice of plugins, started when the first test asks (after the host's migrations),
    as many at once as there are cores; the value maps each choice to the future of its finished
    process."""
    base = tmp_path_factory.mktemp("plugins")
    host = migrate_host(base / "host")
    assert host.returncode == 0, host.stderr
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        yield {
            plugins: pool.submit(run, plugins, base / ("-".join(plugins) or "none"), base / "host")
            for plugins in CHOICES
        }


@pytest.mark.parametrize("plugins", CHOICES, ids=lambda plugins: "+".join(plugins) or "none")
def test_the_host_runs_with_these_plugins(sites, plugins):
    result = sites[plugins].result()
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.startswith("SEEN ")]
    seen = json.loads(line.removeprefix("SEEN "))

    assert seen["plugins"] == list(plugins)
    assert seen["home"] == 200
    assert seen["resources"] == 200
    assert seen["admin"] == 200
    # The demo's pages: the home page and the resource bank always, and each plugin's own.
    assert len(seen["live_pages"]) >= 2
    assert {url: status for url, status in seen["live_pages"].items() if status != 200} == {}
    if plugins:
        assert seen["plugin_pages"], "no page of the installed plugins was tried"
    # 405: a page that only takes a form's post (marking payments paid, refreshing figures).
    refused = {
        url: status for url, status in seen["plugin_pages"].items() if status not in {200, 405}
    }
    assert refused == {}
    # The plugins left out take their URLs with them; Wagtail's page serving answers "not found".
    assert set(seen["absent_pages"]) == {PLUGIN_PAGES[app] for app in PLUGINS if app not in plugins}
    assert set(seen["absent_pages"].values()) <= {404}
