"""Content pages from Markdown, plus the small machine-readable routes."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for

from ..content.languages import DEFAULT
from ..i18n import current_language, path_in
from ..page_cache import same_for_everyone
from ..web import cacheable, current_site

bp = Blueprint("pages", __name__)


@bp.get("/", defaults={"slug": "index"}, endpoint="home")
@bp.get("/<slug>")
def page(slug: str) -> Response:
    if slug == "index" and request.path != "/":
        abort(404)  # the home page has one address only
    found = current_site().find(slug, current_language().code)
    if found is None:
        abort(404)
    template = "pages/home.html" if slug == "index" else "pages/page.html"
    body = render_template(template, page=found.page, is_fallback=found.is_fallback)
    return same_for_everyone(cacheable(body))


@bp.get("/healthz")
def healthz() -> Response:
    response = Response('{"status": "ok"}\n', mimetype="application/json")
    response.cache_control.no_store = True
    return response


@bp.get("/robots.txt")
def robots() -> Response:
    body = f"User-agent: *\nAllow: /\nSitemap: {request.host_url.rstrip('/')}{url_for('pages.sitemap')}\n"
    return cacheable_text(body, "text/plain")


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    site = current_site()
    host = request.host_url.rstrip("/")
    entries = []
    for slug in site.slugs:
        path = "/" if slug == "index" else f"/{slug}"
        languages = site.translations(slug)
        for lang in languages:
            alternates = [(other, host + path_in(other, path)) for other in languages]
            entries.append((host + path_in(lang, path), site.pages[(slug, lang)].last_reviewed, alternates))
    body = render_template("sitemap.xml", entries=entries, default=DEFAULT, host=host)
    return cacheable_text(body, "application/xml")


def cacheable_text(body: str, mimetype: str) -> Response:
    response = cacheable(body)
    response.mimetype = mimetype
    return response
