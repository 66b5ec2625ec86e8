"""Error pages in the request's language, with no technical detail."""

from __future__ import annotations

import logging

from flask import Flask, make_response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

HANDLED = (400, 403, 404, 405, 413, 429)


def http_error(error: HTTPException):
    response = make_response(render_template("errors/error.html", status=error.code), error.code)
    # The error's own headers, such as a 405's Allow (RFC 9110 says a 405 must list what is allowed).
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def server_error(error: Exception):
    return render_template("errors/error.html", status=500), 500


def log_exception_type_and_route(exc_info) -> None:
    """Flask's own report of an unhandled exception, cut down to its type and route pattern.

    Flask logs the whole traceback with the exception's message, and either can hold what was
    sent (a form value in a KeyError, a path, explainer answers). The route pattern
    (``/check/<question_id>``), not the address, says where without saying what was asked.
    """
    error_type = exc_info[0].__name__ if exc_info and exc_info[0] else "unknown"
    route = request.url_rule.rule if request.url_rule is not None else "(no route)"
    log.error("internal error: %s on %s %s", error_type, request.method, route)


def init_app(app: Flask) -> None:
    for code in HANDLED:
        app.register_error_handler(code, http_error)
    app.register_error_handler(InternalServerError, server_error)
    # An instance attribute wins over Flask's method: every unhandled exception is reported this way.
    app.log_exception = log_exception_type_and_route
