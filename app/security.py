"""Security headers on every response: pages, errors and static files alike.

The site ships no JavaScript and no inline styles, so the Content Security
Policy can forbid scripts entirely.
"""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def refuse_oversized_bodies() -> None:
    """Refuse a body that is too large before routing, whatever the route or method (413, never 500)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        abort(413)


def init_app(app: Flask) -> None:
    app.before_request(refuse_oversized_bodies)
    app.after_request(add_headers)
    if app.config.get("PROXY_COUNT"):
        # Behind a proxy that ends TLS the app would think every request is plain http, and refuse a form
        # posted with "Origin: https://..." as cross-site. Trust only as many proxies as there are.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
