"""Small helpers the views and templates share."""

from __future__ import annotations

from flask import Response, current_app, make_response, request

from .content import Site


def current_site() -> Site:
    return current_app.extensions["dp_site"]


def cacheable(body: str, status: int = 200) -> Response:
    """A content page: strong ETag and a short max-age, answering conditional requests with 304."""
    response = make_response(body, status)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["CONTENT_MAX_AGE"]
    response.add_etag()
    return response.make_conditional(request)
