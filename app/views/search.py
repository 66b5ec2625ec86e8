"""Site search at ``/search?q=``: pages, uses, Easy Read pages and glossary terms, in the current language.

The index is built once at start-up (``app/search.py``); a request only queries it.
Queries can be sensitive ("pay my wife", a diagnosis), so a page that shows one is never
stored by a browser or proxy, and the access log records the path only, never the query
(``deploy/gunicorn.conf.py``).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, make_response, render_template, request

from ..i18n import current_language
from ..page_cache import same_for_everyone
from ..search import MAX_QUERY_LENGTH, SearchIndex
from ..web import cacheable

bp = Blueprint("search", __name__)


@bp.app_context_processor
def query_limit() -> dict:
    """The longest query the search boxes accept (the header's, the lookup's and this page's)."""
    return {"query_max_length": MAX_QUERY_LENGTH}


def no_store(body: str) -> Response:
    """A page that shows someone's query: no browser, proxy or page cache may keep a copy."""
    response = make_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def page_number() -> int:
    try:
        return int(request.args.get("page", "1"))
    except ValueError:
        return 1


def search_index() -> SearchIndex:
    return current_app.extensions["dp_search"]


@bp.get("/search")
def search() -> Response:
    if "q" not in request.args:
        return same_for_everyone(cacheable(render_template("search/results.html", results=None)))
    results = search_index().search(request.args.get("q", ""), current_language().code, page_number())
    return no_store(render_template("search/results.html", results=results))
