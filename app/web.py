"""Small helpers the views and templates share."""

from __future__ import annotations

from flask import Response, current_app, make_response, request

from .content import Site

# Sec-Fetch-Site values a browser sends for a form posted from one of our own pages.
SAME_SITE_FETCH = {"same-origin", "none"}


def current_site() -> Site:
    return current_app.extensions["dp_site"]


def cacheable(body: str, status: int = 200) -> Response:
    """A content page: strong ETag and a short max-age, answering conditional requests with 304."""
    response = make_response(body, status)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["CONTENT_MAX_AGE"]
    response.add_etag()
    return response.make_conditional(request)


def is_cross_site() -> bool:
    """Refuse form posts from other sites (CSRF) without a token: browsers say where a post came from."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE_FETCH
    origin = request.headers.get("Origin")
    return origin is not None and origin != request.host_url.rstrip("/")
