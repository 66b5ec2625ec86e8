"""The stylesheet, prepared once at start-up and served from memory.

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
    digest = hashlib.sha256(css).hexdigest()[:12]
    return Asset(
        name=f"app.{digest}.css",
        mimetype="text/css",
        identity=css,
        gzip=gzip.compress(css, compresslevel=9, mtime=0),
        br=brotli.compress(css, quality=11),
    )


bp = Blueprint("assets", __name__)


@bp.get("/assets/<name>")
def asset(name: str) -> Response:
    stylesheet: Asset = current_app.extensions["dp_stylesheet"]
    if name != stylesheet.name:
        abort(404)
    accepted = request.accept_encodings
    body, encoding = stylesheet.identity, None
    if accepted["br"]:
        body, encoding = stylesheet.br, "br"
    elif accepted["gzip"]:
        body, encoding = stylesheet.gzip, "gzip"
    response = Response(body, mimetype=stylesheet.mimetype)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Vary"] = "Accept-Encoding"
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


def stylesheet_url() -> str:
    return f"{base_path()}/assets/{current_app.extensions['dp_stylesheet'].name}"


def init_app(app: Flask, brand_colour: str) -> None:
    app.extensions["dp_stylesheet"] = build_stylesheet(brand_colour)
    app.register_blueprint(bp)
