"""Easy Read pages (translated where a translation exists), their pictures, and the glossary.

English stands in for a missing translation, with a note that says so in the reader's language.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request

from ..content.languages import DEFAULT
from ..i18n import current_language
from ..page_cache import same_for_everyone
from ..web import cacheable, current_site

bp = Blueprint("easy_read", __name__)
YEAR = 365 * 24 * 3600


def _english_page(template: str, **context) -> Response:
    is_fallback = current_language().code != DEFAULT
    return same_for_everyone(cacheable(render_template(template, is_fallback=is_fallback, **context)))


@bp.get("/easy-read")
def index() -> Response:
    lang = current_language().code
    found = [current_site().find_easy_read(slug, lang) for slug in current_site().easy_read]
    if not found:
        abort(404)
    pages = sorted((page for page, _fallback in found), key=lambda page: page.title.lower())
    is_fallback = any(fallback for _page, fallback in found)
    return same_for_everyone(cacheable(render_template("easy_read/index.html", pages=pages, is_fallback=is_fallback)))


@bp.get("/easy-read/<slug>")
def page(slug: str) -> Response:
    site = current_site()
    found = site.find_easy_read(slug, current_language().code)
    if found is None:
        abort(404)
    shown, is_fallback = found
    english = site.easy_read[slug]
    stale = bool(shown.translation and shown.translation.source_reviewed < english.last_reviewed)
    body = render_template("easy_read/page.html", page=shown, is_fallback=is_fallback, stale=stale)
    return same_for_everyone(cacheable(body))


@bp.get("/easy-read/images/<name>.svg")
def picture(name: str) -> Response:
    found = current_site().pictures.get(name)
    if found is None:
        abort(404)
    response = Response(found.svg, mimetype="image/svg+xml")
    response.cache_control.public = True
    # Pages link to "?v=<digest>", which changes whenever the picture does: that address can be kept for a year.
    if request.args.get("v") == found.digest:
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.max_age = current_app.config["CONTENT_MAX_AGE"]
    response.set_etag(found.digest)
    return response.make_conditional(request)


@bp.get("/glossary")
def glossary() -> Response:
    found = current_site().find_glossary(current_language().code)
    if found is None:
        abort(404)
    shown, is_fallback = found
    english = current_site().glossary
    stale = bool(shown.translation and english and shown.translation.source_reviewed < english.last_reviewed)
    body = render_template("pages/glossary.html", glossary=shown, is_fallback=is_fallback, stale=stale)
    return same_for_everyone(cacheable(body))
