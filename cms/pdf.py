"""The one xhtml2pdf renderer.

    from cms.pdf import render_pdf
    pdf_bytes = render_pdf("learning/pdf/certificate.html", {"certificate": certificate})

Templates extend ``pdf/base.html`` (blocks ``title``, ``extra_style`` and ``content``), which
embeds the bundled DejaVu Sans so that £, é, dashes and curly quotes render.

Every render is confined by an xhtml2pdf resource policy (see DESIGN.md, "Dependencies"): local
reads may reach only the static roots (``STATIC_ROOT`` and ``STATICFILES_DIRS``), ``MEDIA_ROOT``
and the bundled fonts, and nothing is fetched over the network. The policy sits inside
xhtml2pdf's fetcher, so it covers images, stylesheets, fonts and backgrounds alike; a refused
resource is left out of the document (and logged by xhtml2pdf) rather than failing the render.
`link_callback` only maps ``/static/...`` and ``/media/...`` URLs to files; it is a convenience,
not the gate. Settings are read at call time, so tests may override them.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils._os import safe_join
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

__all__ = ["FONTS_DIR", "PdfRenderError", "link_callback", "render_pdf", "resource_policy"]

#: The bundled fonts (DejaVu, Bitstream Vera licence: see the LICENSE file beside them).
FONTS_DIR = Path(__file__).resolve().parent / "static" / "fonts"


class PdfRenderError(RuntimeError):
    """xhtml2pdf reported errors while turning a template into a PDF."""


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for entry in settings.STATICFILES_DIRS:
        # An entry is a path or a (prefix, path) pair.
        roots.append(Path(entry[1] if isinstance(entry, (list, tuple)) else entry))
    return roots


def resource_policy() -> ResourceAccessPolicy:
    """The policy every render runs under: static roots, media root and fonts; no network."""
    static_roots = _static_roots()
    base_dir, *other_static = static_roots or [FONTS_DIR]
    return ResourceAccessPolicy.server(
        base_dir=base_dir,
        extra_roots=(*other_static, Path(settings.MEDIA_ROOT), FONTS_DIR),
        allow_remote=False,
    )


def _under(url_prefix: str, uri: str) -> str | None:
    """The part of ``uri`` after ``url_prefix``, or None if it does not start with it."""
    if url_prefix and uri.startswith(url_prefix):
        return uri[len(url_prefix) :].split("?", 1)[0].split("#", 1)[0]
    return None


def link_callback(uri, rel=None):
    """Map ``/static/...`` and ``/media/...`` URLs to files on disk.

    Static files are looked up in ``STATIC_ROOT`` first (a deployment that ran collectstatic,
    where ``{% static %}`` may name a hashed copy) and then through the staticfiles finders (dev
    and tests, where ``STATIC_ROOT`` may not exist). Anything else is returned unchanged, for the
    resource policy to judge.
    """
    if not isinstance(uri, str):
        return uri
    try:
        if (name := _under(settings.STATIC_URL or "", uri)) is not None:
            if settings.STATIC_ROOT:
                collected = Path(safe_join(str(settings.STATIC_ROOT), name))
                if collected.is_file():
                    return str(collected)
            found = finders.find(name)
            if isinstance(found, list):
                found = found[0] if found else None
            return str(found) if found else uri
        if (name := _under(settings.MEDIA_URL or "", uri)) is not None:
            return safe_join(str(settings.MEDIA_ROOT), name)
    except (SuspiciousFileOperation, ValueError):
        # A "../" that climbs out of the root. Hand the URL on as it is; the policy refuses it.
        return uri
    return uri


def render_pdf(template_name: str, context: dict | None = None, request=None) -> bytes:
    """Render a Django template to HTML and the HTML to PDF bytes, under `resource_policy`.

    Raises `PdfRenderError` if xhtml2pdf reports errors. A resource the policy refuses is not an
    error: it is left out and the document is still produced.
    """
    html = render_to_string(template_name, context or {}, request=request)
    dest = io.BytesIO()
    result = pisa.pisaDocument(
        html,
        dest,
        encoding="utf-8",
        link_callback=link_callback,
        resource_policy=resource_policy(),
        raise_exception=True,
    )
    if result.err:
        messages = "; ".join(msg for mode, _line, msg, _frag in result.log if mode == "error")
        raise PdfRenderError(
            f"xhtml2pdf reported {result.err} error(s) rendering {template_name}: {messages}"
        )
    return dest.getvalue()
