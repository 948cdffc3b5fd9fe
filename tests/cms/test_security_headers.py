"""Every response carries a Content-Security-Policy that refuses inline and foreign code, and a
Permissions-Policy that turns off the browser features the platform never uses.

An attacker who slips markup past the sanitiser, or frames a page to trick a click, gets nothing:
the browser runs no inline script or style, loads code only from this site, and will not show the
site inside another site's frame. tests/e2e/test_csp.py proves the policy in a real browser.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse

from tests.cms.factories import member

OWN_APPS = ("cms", "learning", "coproduction", "leadership")


def directives(response):
    header = response.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.wsgi_request.path}"
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def permissions(response):
    header = response.get("Permissions-Policy")
    assert header, f"no Permissions-Policy on {response.wsgi_request.path}"
    return dict(part.strip().split("=", 1) for part in header.split(","))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/accounts/login/", "/learning/verify/", "/together/concerns/raise/"],
)
def test_public_pages_refuse_inline_and_foreign_code(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for name in ("default-src", "script-src", "style-src"):
        values = policy.get(name, [])
        assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values, name
        assert "*" not in values and "https:" not in values, name


@pytest.mark.django_db
def test_only_the_video_sites_may_be_framed(client):
    policy = directives(client.get("/"))
    assert sorted(policy["frame-src"]) == ["https://player.vimeo.com", "https://www.youtube.com"]


@pytest.mark.django_db
def test_signed_in_pages_carry_the_policy(client):
    client.force_login(member("staff"))
    response = client.get(reverse("learning:my_learning"))
    assert response.status_code == 200
    assert directives(response)["default-src"] == ["'self'"]
    assert permissions(response)["camera"] == "()"


@pytest.mark.django_db
def test_powerful_browser_features_are_off(client):
    policy = permissions(client.get("/"))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert policy[feature] == "()", feature


@pytest.mark.django_db
def test_the_error_page_works_under_the_policy(client, settings):
    """The 500 page keeps its look from a static file: an inline style would be blocked."""
    html = render_to_string("500.html")
    assert "<style" not in html and "style=" not in html
    assert "/static/css/error.css" in html


def own_templates():
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in OWN_APPS:
            continue
        folder = Path(config.path) / "templates"
        yield from folder.rglob("*.html")
    yield from (Path(apps.get_app_config("cms").path) / "templates").rglob("*.html")


def test_no_template_of_ours_needs_inline_script_or_style():
    """Inline code would be blocked by the policy, so none is written. The PDF templates are read
    by xhtml2pdf, not a browser, and keep their style blocks."""
    offending = []
    for path in set(own_templates()):
        if "pdf" in path.parts or path.name.endswith("_pdf.html"):
            continue
        text = path.read_text()
        for needle in ("<style", " style=", "javascript:", " onclick=", " onchange=", " onload="):
            if needle in text:
                offending.append(f"{path}: {needle.strip()}")
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">", 1)[0] and "application/json" not in chunk[:80]:
                offending.append(f"{path}: inline <script>")
    assert not offending, "\n".join(offending)


@pytest.mark.django_db
def test_only_wagtails_admin_may_run_inline_code(client):
    """Wagtail 8's admin needs inline scripts and styles, and frames its own previews; the
    relaxation stops at /admin/."""
    from tests.cms.factories import superuser

    client.force_login(superuser())
    admin = directives(client.get(reverse("wagtailadmin_home")))
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["object-src"] == ["'none'"] and admin["form-action"] == ["'self'"]
    public = directives(client.get("/"))
    assert "script-src" not in public and "style-src" not in public
    assert public["frame-ancestors"] == ["'none'"]
