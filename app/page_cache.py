"""Content pages answered from memory after their first request.

A content page depends only on its address: the Site is immutable and the page has
no per-person parts. So the first full answer for an address (200, no cookie) is kept
as bytes, and later plain GET or HEAD requests for that address are answered here,
before Flask: the same status, headers and body, or 304 when the browser already has
it. Even with its HTML already made, a page cost about 135 µs in Flask; a kept page
costs about 2 µs. On the 2-core test machine gunicorn went from about 1,800 pages a
second (template filled each time) to about 8,000 (docs/adr/005-serving.md).

A view opts in with ``same_for_everyone(response)``. Nothing else is ever kept, and
anything unusual (a query, a body, a range or date condition) goes to Flask as usual.

Only a page's one address is kept (``app/addresses.py`` redirects the others), so the
cache holds at most one copy of each page in each language. A hard limit on its size
stands behind that: were a route ever to accept endless addresses, later pages would be
made each time rather than kept, and a worker's memory stays bounded whatever is asked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Flask, Response, request
from werkzeug.http import is_resource_modified

from .addresses import as_received, canonical_path

log = logging.getLogger(__name__)

OPT_IN = "dp.same_for_everyone"
# Request parts that could change the answer: such requests always go to Flask.
FOR_FLASK = ("QUERY_STRING", "HTTP_TRANSFER_ENCODING", "HTTP_RANGE", "HTTP_IF_RANGE", "HTTP_IF_MATCH",
             "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
# A 304 carries no body, so no body headers (what Werkzeug sends too).
BODY_HEADERS = {"content-type", "content-length"}
# Every page of the real site in every language kept is 336 pages, 4.5 MB per worker (December
# 2026): the limit leaves room for the site to grow five times, and no more.
MAX_BYTES = 24 * 1024 * 1024


@dataclass(frozen=True)
class Kept:
    status: str
    headers: list[tuple[str, str]]  # without Date: the server adds the current one
    body: bytes
    etag: str

    def not_modified_headers(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.headers if name.lower() not in BODY_HEADERS]


def same_for_everyone(response: Response) -> Response:
    """Mark a response as the same for every request to this address, so it may be kept.

    The mark is the page's one address, as a server hands it over: kept only when that is
    the address asked for.
    """
    canonical = canonical_path()
    request.environ[OPT_IN] = as_received(canonical) if canonical else None
    return response


class PageCache:
    def __init__(self, wsgi_app, max_bytes: int = MAX_BYTES):
        self.wsgi_app = wsgi_app
        self.kept: dict[str, Kept] = {}
        self.max_bytes = max_bytes
        self.kept_bytes = 0
        self.full_logged = False

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        plain = (
            method in ("GET", "HEAD")
            and environ.get("CONTENT_LENGTH", "") in ("", "0")
            and not any(environ.get(name) for name in FOR_FLASK)
        )
        # Read before the language middleware moves the prefix from PATH_INFO into SCRIPT_NAME.
        key = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        kept = self.kept.get(key) if plain else None
        if kept is not None:
            return self.answer(kept, environ, start_response)
        if not (plain and method == "GET"):
            return self.wsgi_app(environ, start_response)
        return self.answer_and_keep(key, environ, start_response)

    def answer(self, kept: Kept, environ, start_response):
        if "HTTP_IF_NONE_MATCH" in environ and not is_resource_modified(environ, kept.etag):
            start_response("304 NOT MODIFIED", kept.not_modified_headers())
            return []
        start_response(kept.status, list(kept.headers))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [kept.body]

    def answer_and_keep(self, key: str, environ, start_response):
        sent = {}

        def remember(status, headers, exc_info=None):
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, remember)
        headers = {name.lower(): value for name, value in sent.get("headers", [])}
        if not (environ.get(OPT_IN) == key and sent.get("status", "").startswith("200 ") and "etag" in headers
                and "set-cookie" not in headers):
            return body
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        if self.kept_bytes + len(data) > self.max_bytes:
            if not self.full_logged:  # once per worker: a count, never an address
                log.warning("page cache full at %d pages (%d bytes): further pages are made on each request",
                            len(self.kept), self.kept_bytes)
                self.full_logged = True
            return [data]
        self.kept_bytes += len(data)
        self.kept[key] = Kept(
            status=sent["status"],
            headers=[(name, value) for name, value in sent["headers"] if name.lower() != "date"],
            body=data,
            etag=headers["etag"],
        )
        return [data]


def init_app(app: Flask) -> None:
    # Outermost, so a kept page skips the language middleware and Flask alike.
    app.wsgi_app = PageCache(app.wsgi_app)
