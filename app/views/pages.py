"""Content pages from Markdown, plus the small machine-readable routes."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from ..addresses import absolute
from ..content.languages import DEFAULT
from ..i18n import current_language, path_in
from ..page_cache import same_for_everyone
from ..web import cacheable, current_site

bp = Blueprint("pages", __name__)


@bp.get("/", defaults={"slug": "index"}, endpoint="home")
@bp.get("/<slug>")
def page(slug: str) -> Response:
    if slug == "index" and request.endpoint != "pages.home":
        abort(404)  # the home page has one address only: "/"
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
    body = f"User-agent: *\nAllow: /\nSitemap: {absolute(url_for('pages.sitemap'))}\n"
    return cacheable_text(body, "text/plain")


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Every public page in every language it exists in, with its language alternates."""
    site = current_site()
    guide = current_app.extensions["dp_guide"]
    host = absolute("")
    entries = []

    def add(path: str, versions: dict) -> None:
        alternates = [(lang, host + path_in(lang, path)) for lang in versions]
        for lang, last_reviewed in versions.items():
            entries.append((host + path_in(lang, path), last_reviewed, alternates))

    for slug in site.slugs:
        reviewed = {lang: site.pages[(slug, lang)].last_reviewed for lang in site.translations(slug)}
        add("/" if slug == "index" else f"/{slug}", reviewed)
    for item_id, item in guide.items.items():
        versions = {DEFAULT: item.last_reviewed}
        versions.update({lang: t.last_reviewed for (tid, lang), t in guide.translations.items() if tid == item_id})
        add(f"/use/{item_id}", versions)
    for slug, page in site.easy_read.items():
        add(f"/easy-read/{slug}", {DEFAULT: page.last_reviewed})
    if site.glossary is not None:
        add("/glossary", {DEFAULT: site.glossary.last_reviewed})
    body = render_template("sitemap.xml", entries=entries, default=DEFAULT, host=host)
    return cacheable_text(body, "application/xml")


def cacheable_text(body: str, mimetype: str) -> Response:
    response = cacheable(body)
    response.mimetype = mimetype
    return response
