""""Is this page useful?" and "Report a problem with this page": one POST route, Post/Redirect/Get.

The form is part of every content page, and content pages are the same for everyone (kept in
memory and by nginx), so nothing about a person is ever inside them. After a post the reader is
sent back to the page they were on with ``?feedback=thanks`` (or ``=no``, which asks what was
missing): the query string means neither the page cache nor nginx keeps that version, and the
thank-you comes from the address, not from a cookie. Only when something goes wrong (a comment
too long, the database down, a post from another site) does this route answer with a page of
its own, keeping what was typed.

What is stored is decided by ``app.feedback`` (no Flask there): the page, language, answer,
comment with personal details removed, and the day. Never an address, cookie or browser.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from flask import Blueprint, Flask, Response, abort, current_app, make_response, redirect, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RoutingException

from ..content.languages import DEFAULT
from ..feedback import ANSWERS, MAX_COMMENT, Entry, FeedbackStore, StoreUnavailable, clean_comment
from ..i18n import current_language, path_in
from ..search import MAX_QUERY_LENGTH
from ..web import current_site, is_cross_site

bp = Blueprint("feedback", __name__)

HONEYPOT = "website"  # a field people never see (hidden): only a robot fills it in
MAX_PATH = 200
# The pages that carry the feedback form: never an explainer question (design.md, "Explainer state").
ON_PAGES = {
    "pages.home", "pages.page", "easy_read.index", "easy_read.page", "easy_read.glossary",
    "guide.index", "guide.item", "guide.category", "search.search", "explainer.start", "explainer.result",
}
# Pages whose address has a query that is part of "where the reader was" (a search, the lookup).
KEEPS_QUERY = {"search.search": ("q", "page"), "guide.index": ("q",)}
REQUEST_ID = re.compile(r"[0-9a-f]{32}")  # nginx's $request_id


def store() -> FeedbackStore:
    return current_app.extensions["dp_feedback"]


def feedback_endpoint(path: str) -> str | None:
    """The endpoint of an existing page that carries the feedback form, or None."""
    if not path.startswith("/") or path.startswith("//") or len(path) > MAX_PATH:
        return None
    try:
        endpoint, args = current_app.url_map.bind("localhost").match(path, "GET")
    except (HTTPException, RoutingException):
        return None
    if endpoint not in ON_PAGES:
        return None
    site, uses = current_site(), current_app.extensions["dp_guide"]
    exists = {
        "pages.page": lambda: args.get("slug") in site.slugs and args.get("slug") != "index",
        "easy_read.page": lambda: args.get("slug") in site.easy_read,
        "guide.item": lambda: uses.find(args.get("item_id"), DEFAULT) is not None,
        "guide.category": lambda: uses.category(args.get("category_id")) is not None,
    }.get(endpoint, lambda: True)
    return endpoint if exists() else None


def page_address(endpoint: str, path: str, query: dict[str, str], state: str | None) -> str:
    """The page the reader was on, in their language, with its search kept and the feedback state added."""
    params = {name: query[name] for name in KEEPS_QUERY.get(endpoint, ()) if query.get(name)}
    if state:
        params["feedback"] = state
    address = path_in(current_language().code, path)
    return address + ("?" + urlencode(params) if params else "") + ("#feedback" if state else "")


@bp.post("/feedback")
def send() -> Response:
    form = request.form
    path = form.get("path", "")
    endpoint = feedback_endpoint(path)
    answer = form.get("answer", "")
    if endpoint is None or answer not in ANSWERS:
        abort(400)
    query = {name: form.get(name, "")[:MAX_QUERY_LENGTH] for name in ("q", "page")}
    comment = form.get("comment", "") if answer == "problem" else ""
    again = {"answer": answer, "comment": comment, "path": path, "query": query,
             "back_url": page_address(endpoint, path, query, None)}
    if is_cross_site():
        return form_again(again, "refused", 403)
    if form.get(HONEYPOT):
        return thanks(endpoint, path, query, answer)  # looks the same to the robot; nothing is stored
    if len(comment) > MAX_COMMENT:
        return form_again(again, "too_long", 400)
    entry = Entry(day=dt.date.today(), path=path, language=current_language().code, answer=answer,
                  comment=clean_comment(comment))
    request_id = request.headers.get("X-Request-Id", "")
    try:
        store().add(entry, request_id if REQUEST_ID.fullmatch(request_id) else None)
    except StoreUnavailable:
        return form_again(again, "unavailable", 503)
    return thanks(endpoint, path, query, answer)


def thanks(endpoint: str, path: str, query: dict[str, str], answer: str) -> Response:
    # After "No", the page thanks the reader and asks what was missing (optional).
    return redirect(page_address(endpoint, path, query, "no" if answer == "no" else "thanks"), code=303)


def form_again(again: dict, problem: str, status: int) -> Response:
    """The form on a page of its own, with what was typed kept and what went wrong said kindly."""
    body = render_template("feedback/again.html", problem=problem, max_comment=MAX_COMMENT,
                           comment_length=len(again["comment"]), **again)
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    if status == 503:
        response.headers["Retry-After"] = "300"
    return response


def init_app(app: Flask) -> None:
    feedback_store = FeedbackStore(app.config["DATABASE_URL"])
    # Ready the schema now if the database answers; if not, the site starts anyway (pages never need it).
    feedback_store.try_migrate()
    app.extensions["dp_feedback"] = feedback_store
    app.register_blueprint(bp)

    @app.context_processor
    def feedback_context() -> dict:
        return {"feedback_max_comment": MAX_COMMENT, "feedback_honeypot": HONEYPOT}
