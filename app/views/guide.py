"""The "What can I use a direct payment for?" guide.

``/use`` the intro, the lookup box and the categories; ``/use?q=gym`` the lookup's answer;
``/use/<item>`` one use (short enough to read out on the phone: ``/use/gym``);
``/use/category/<id>`` the uses in one category. The guide is built once at start-up
(``app/guide``); these views only look things up. A use is shown in the reader's language where
it has a translation (``gym.pl.md``); otherwise in English marked ``lang="en"`` with a note, like
any untranslated page.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request

from ..content.languages import DEFAULT
from ..guide import Guide
from ..i18n import current_language
from ..page_cache import same_for_everyone
from ..web import cacheable, current_site
from .search import no_store, search_index

bp = Blueprint("guide", __name__, url_prefix="/use")

INTRO_PAGE = "use"  # content/pages/use.md
# Where "employing a personal assistant" is explained: its own page where the content has one.
PA_PAGES = ("employing-a-personal-assistant", "managing-your-direct-payment")


def guide() -> Guide:
    return current_app.extensions["dp_guide"]


def english_page(template: str, **context) -> Response:
    """A page the same for everyone: kept in memory after its first request (app/page_cache.py)."""
    is_fallback = current_language().code != DEFAULT
    return same_for_everyone(cacheable(render_template(template, is_fallback=is_fallback, guide=guide(), **context)))


def pa_page() -> str | None:
    return next((f"/{slug}" for slug in PA_PAGES if (slug, DEFAULT) in current_site().pages), None)


@bp.get("")
def index() -> Response:
    found = current_site().find(INTRO_PAGE, current_language().code)
    if not guide().items or found is None:
        abort(404)
    if "q" in request.args:
        lang = current_language().code
        result = guide().lookup(request.args.get("q", ""), lang)
        # No use answers it: the site search for the same words, never a confident-looking unrelated verdict.
        results = None if result.matches or result.is_empty_query else search_index().search(result.query, lang)
        is_fallback = any(item.lang != lang for item in result.matches)
        return no_store(render_template(
            "guide/lookup.html", result=result, results=results, guide=guide(), is_fallback=is_fallback
        ))
    return same_for_everyone(
        cacheable(render_template("guide/index.html", page=found.page, is_fallback=found.is_fallback, guide=guide()))
    )


@bp.get("/<item_id>")
def item(item_id: str) -> Response:
    found = guide().find(item_id, current_language().code)
    if found is None:
        abort(404)
    item = found.item
    return same_for_everyone(cacheable(render_template(
        "guide/item.html", item=item, is_fallback=found.is_fallback, guide=guide(),
        category=guide().category(item.category), pa_page=pa_page(),
    )))


@bp.get("/category/<category_id>")
def category(category_id: str) -> Response:
    found = guide().category_in(category_id, current_language().code)
    if found is None:
        abort(404)
    shown, is_fallback = found
    body = render_template("guide/category.html", category=shown, items=guide().in_category(category_id),
                           is_fallback=is_fallback, guide=guide())
    return same_for_everyone(cacheable(body))
