"""Error pages in the request's language, with no technical detail."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

HANDLED = (400, 403, 404, 405, 413, 429)


def http_error(error: HTTPException):
    return render_template("errors/error.html", status=error.code), error.code


def server_error(error: Exception):
    # Log the exception type and route only: request bodies may hold explainer answers.
    original = getattr(error, "original_exception", None) or error
    log.error("internal error: %s", type(original).__name__)
    return render_template("errors/error.html", status=500), 500


def init_app(app: Flask) -> None:
    for code in HANDLED:
        app.register_error_handler(code, http_error)
    app.register_error_handler(InternalServerError, server_error)
