"""The stylesheet and the tab icon, prepared once at start-up and served from memory.

The compiled GOV.UK Frontend subset (``app/static/dist/app.css``) gets the
council's brand colour appended, then a content hash goes into its URL so
browsers may cache it for a year (``immutable``): a repeat visit costs one
request. Gzip and brotli versions are made once here, so nothing is compressed
per request and a read-only filesystem is fine.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Blueprint, Flask, Response, abort, current_app, request

from .i18n import base_path

DIST = Path(__file__).parent / "static" / "dist"
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Asset:
    name: str  # fingerprinted file name, e.g. app.3f2a9c1b7d0e.css
    mimetype: str
    identity: bytes
    gzip: bytes
    br: bytes


def build_stylesheet(brand_colour: str) -> Asset:
    source = DIST / "app.css"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run 'make assets' to build the stylesheet")
    css = source.read_bytes() + f":root{{--dp-brand-colour:{brand_colour}}}\n".encode()
    return fingerprinted("app", "css", "text/css", css)


def build_icon(brand_colour: str) -> Asset:
    """The browser tab icon: a page on the council's colour. Without one, every first visit asks for
    /favicon.ico and gets a 404 page (README "Measured": page weight)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{brand_colour}"/>'
        '<path d="M10 6h9l5 5v15H10z" fill="#fff"/>'
        f'<path d="M13 15h8M13 19h8M13 23h5" stroke="{brand_colour}" stroke-width="2"/></svg>\n'
    ).encode()
    return fingerprinted("icon", "svg", "image/svg+xml", svg)


def fingerprinted(stem: str, extension: str, mimetype: str, data: bytes) -> Asset:
    digest = hashlib.sha256(data).hexdigest()[:12]
    return Asset(
        name=f"{stem}.{digest}.{extension}",
        mimetype=mimetype,
        identity=data,
        gzip=gzip.compress(data, compresslevel=9, mtime=0),
        br=brotli.compress(data, quality=11),
    )


bp = Blueprint("assets", __name__)


@bp.get("/assets/<name>")
def asset(name: str) -> Response:
    found = next((a for a in (current_app.extensions["dp_stylesheet"], current_app.extensions["dp_icon"])
                  if a.name == name), None)
    if found is None:
        abort(404)
    accepted = request.accept_encodings
    body, encoding = found.identity, None
    if accepted["br"]:
        body, encoding = found.br, "br"
    elif accepted["gzip"]:
        body, encoding = found.gzip, "gzip"
    response = Response(body, mimetype=found.mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


def stylesheet_url() -> str:
    return f"{base_path()}/assets/{current_app.extensions['dp_stylesheet'].name}"


def icon_url() -> str:
    return f"{base_path()}/assets/{current_app.extensions['dp_icon'].name}"


def init_app(app: Flask, stylesheet: Asset, icon: Asset) -> None:
    """Serve ``stylesheet`` and ``icon``, made by ``build_stylesheet`` and ``build_icon`` (``app/built.py``)."""
    app.extensions["dp_stylesheet"] = stylesheet
    app.extensions["dp_icon"] = icon
    app.add_template_global(icon_url)
    app.register_blueprint(bp)
