"""The one PDF renderer: text renders in the bundled font, and reads stay inside the roots."""

import io
import logging
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pytest
from django.template.loader import render_to_string
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import PERMISSIVE_POLICY, ResourceAccessError

from cms.pdf import FONTS_DIR, PdfRenderError, link_callback, render_pdf, resource_policy


def _png(width=4, height=4, rgb=(200, 30, 30)):
    """A small valid PNG, built by hand so the test needs nothing but the standard library."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def pdf_templates(tmp_path, settings):
    """A template directory of our own, added to the Django template search path."""
    directory = tmp_path / "templates"
    directory.mkdir()
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], directory]
    settings.TEMPLATES = [engine]

    def write(name, body):
        (directory / name).write_text(
            '{% extends "pdf/base.html" %}{% block title %}Test{% endblock %}'
            "{% block content %}" + body + "{% endblock %}",
            encoding="utf-8",
        )
        return name

    return write


def _reader(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(pdf_bytes))


def _text(pdf_bytes):
    return "\n".join(page.extract_text() for page in _reader(pdf_bytes).pages)


def _image_count(pdf_bytes):
    return sum(len(page.images) for page in _reader(pdf_bytes).pages)


def _render_permissively(template_name):
    """The same template through xhtml2pdf with no confinement: what would happen without ours."""
    html = render_to_string(template_name, {})
    dest = io.BytesIO()
    result = pisa.pisaDocument(
        html, dest, encoding="utf-8", link_callback=link_callback, resource_policy=PERMISSIVE_POLICY
    )
    assert not result.err
    return dest.getvalue()


def _blocked(caplog):
    return [
        r.getMessage() for r in caplog.records if "Blocked by the resource policy" in r.getMessage()
    ]


def test_renders_text_with_pound_accents_dashes_and_curly_quotes(pdf_templates):
    name = pdf_templates(
        "text.html",
        "<h1>Certificate for Zoë</h1><p>{{ amount }} – it’s a “café” visit</p>",
    )
    pdf = render_pdf(name, {"amount": "£12.50"})
    text = _text(pdf)
    assert "Certificate for Zoë" in text
    assert "£12.50 – it’s a “café” visit" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in _reader(pdf).pages[0]["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in font for font in fonts), fonts


def test_context_is_autoescaped_user_text_stays_text(pdf_templates):
    name = pdf_templates("escaped.html", "<p>{{ title }}</p>")
    text = _text(render_pdf(name, {"title": "<b>Tea</b> & cake"}))
    assert "<b>Tea</b> & cake" in text


def test_bundled_fonts_are_inside_the_policy():
    policy = resource_policy()
    for font in FONTS_DIR.rglob("*.ttf"):
        policy.check_path(font)
    assert (FONTS_DIR / "dejavu" / "LICENSE").is_file()


def test_policy_reads_settings_at_call_time(settings, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with pytest.raises(ResourceAccessError):
        resource_policy().check_path(elsewhere / "x.png")
    settings.MEDIA_ROOT = elsewhere
    resource_policy().check_path(elsewhere / "x.png")


def test_policy_names_exactly_the_static_roots_media_root_and_fonts(settings):
    expected = {
        settings.STATIC_ROOT.resolve(),
        *(d.resolve() for d in settings.STATICFILES_DIRS),
        settings.MEDIA_ROOT.resolve(),
        FONTS_DIR.resolve(),
    }
    policy = resource_policy()
    assert set(policy.roots) == expected
    assert policy.allow_remote is False
    assert policy.allow_local_outside_base is False


def test_image_in_media_root_is_embedded(pdf_templates, settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "logo.png").write_bytes(_png())
    name = pdf_templates("media.html", '<p>Logo</p><img src="/media/logo.png" width="40">')
    assert _image_count(render_pdf(name)) == 1


def test_image_from_static_dirs_is_embedded(pdf_templates, settings, tmp_path):
    static_dir = tmp_path / "static_src"
    (static_dir / "img").mkdir(parents=True)
    (static_dir / "img" / "mark.png").write_bytes(_png())
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, static_dir]
    name = pdf_templates("static.html", '<img src="/static/img/mark.png" width="40">')
    assert _image_count(render_pdf(name)) == 1


def test_image_outside_the_roots_is_not_read(pdf_templates, tmp_path, caplog):
    outside = tmp_path / "outside.png"
    outside.write_bytes(_png())
    name = pdf_templates("outside.html", f'<p>Hello</p><img src="{outside}" width="40">')

    # Without the policy xhtml2pdf would read and embed it, so the assertion below means something.
    assert _image_count(_render_permissively(name)) == 1

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="xhtml2pdf"):
        pdf = render_pdf(name)
    assert _image_count(pdf) == 0
    assert "Hello" in _text(pdf)
    assert any(str(outside) in message for message in _blocked(caplog)), caplog.text


def test_media_url_cannot_climb_out_of_media_root(pdf_templates, tmp_path, settings, caplog):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(_png())
    name = pdf_templates("climb.html", '<img src="/media/../secret.png" width="40">')
    with caplog.at_level(logging.WARNING, logger="xhtml2pdf"):
        assert _image_count(render_pdf(name)) == 0
    assert _blocked(caplog), caplog.text


def test_symlink_in_media_root_pointing_outside_is_not_followed(pdf_templates, tmp_path, settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(_png())
    (settings.MEDIA_ROOT / "link.png").symlink_to(tmp_path / "secret.png")
    name = pdf_templates("symlink.html", '<img src="/media/link.png" width="40">')
    assert _image_count(_render_permissively(name)) == 1
    assert _image_count(render_pdf(name)) == 0


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="/etc/passwd">',
        '<img src="file:///etc/passwd">',
        '<img src="/static/../../../../../../etc/passwd">',
        '<link rel="stylesheet" href="/etc/passwd">',
    ],
)
def test_etc_passwd_is_refused_before_it_is_read(pdf_templates, caplog, markup):
    name = pdf_templates("passwd.html", "<p>Hello</p>" + markup)
    with caplog.at_level(logging.WARNING, logger="xhtml2pdf"):
        pdf = render_pdf(name)
    assert "Hello" in _text(pdf)
    assert b"root:" not in pdf
    # Refused by the policy (before any open), not read and then found not to be an image.
    assert any("/etc/passwd" in message for message in _blocked(caplog)), caplog.text
    with pytest.raises(ResourceAccessError):
        resource_policy().check_path("/etc/passwd")


class _RecordingServer:
    def __init__(self):
        self.requests = []
        png = _png()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # the name http.server calls
                recorder.requests.append(self.path)
                is_css = self.path.endswith(".css")
                body, kind = (b"p { color: #333; }", "text/css") if is_css else (png, "image/png")
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_nothing_is_fetched_over_the_network(pdf_templates):
    with _RecordingServer() as server:
        base = f"http://127.0.0.1:{server.port}"
        name = pdf_templates(
            "remote.html",
            f'<img src="{base}/img.png" width="40">'
            f'<link rel="stylesheet" href="{base}/style.css">'
            f'<div style="background-image: url({base}/bg.png)">x</div>',
        )
        # The server does answer: without the policy all three are fetched, both images embedded.
        assert _image_count(_render_permissively(name)) == 2
        assert set(server.requests) == {"/img.png", "/style.css", "/bg.png"}

        server.requests.clear()
        pdf = render_pdf(name)
        assert server.requests == []
        assert _image_count(pdf) == 0


def test_render_errors_raise_a_clear_exception(pdf_templates, monkeypatch):
    class FailedResult:
        err = 1
        log = [("error", 1, "something broke", "")]

    monkeypatch.setattr(pisa, "pisaDocument", lambda *a, **kw: FailedResult())
    name = pdf_templates("fails.html", "<p>x</p>")
    with pytest.raises(PdfRenderError, match="something broke"):
        render_pdf(name)


def test_settings_are_not_captured_at_import(settings, tmp_path):
    # conftest points MEDIA_ROOT at tmp_path/"media"; the policy must see this test's value.
    assert settings.MEDIA_ROOT.resolve() in resource_policy().roots
    assert tmp_path.resolve() in settings.MEDIA_ROOT.resolve().parents
