"""One address per page, and absolute URLs built only from the configured site address.

A page has exactly one address: the one ``url_for`` builds from the route it matched.
``/pl//about``, ``/pl/%2f%2fabout``, ``/pl`` and ``/index`` match routes too, but are not
that address: they are redirected to it. So every link, every page kept in memory
(``app/page_cache.py``) and every cache key in front has one form, and made-up variants
cannot pile up as copies of a page.

Absolute URLs (redirects, robots.txt, the sitemap) start with ``SITE_URL``
(``site_url`` in content/settings.yaml, or ``DP_SITE_URL``), never with the Host header
a client sent.
"""

from __future__ import annotations

from urllib.parse import quote, unquote_to_bytes, urlsplit

from flask import Flask, Response, current_app, redirect, request, url_for
from werkzeug.routing import RequestRedirect

# The path exactly as it arrived (SCRIPT_NAME + PATH_INFO), before the language prefix is moved.
RAW_PATH_KEY = "dp.raw_path"


def absolute(path: str) -> str:
    """``path`` (which starts with "/") on the site's own address."""
    return current_app.config["SITE_URL"] + path


def canonical_path() -> str | None:
    """The address of the route this request matched, with base and language prefix; None without one."""
    if request.url_rule is None or request.endpoint is None:
        return None
    return url_for(request.endpoint, **(request.view_args or {}))


def as_received(path: str) -> str:
    """A built (percent-encoded) path in the form a WSGI server hands the app: decoded, as latin-1."""
    return unquote_to_bytes(path).decode("latin-1")


def is_canonical() -> bool:
    canonical = canonical_path()
    return canonical is not None and as_received(canonical) == request.environ.get(RAW_PATH_KEY)


def redirect_to_canonical() -> Response | None:
    """Before any view: send a matched but non-canonical address to its one address."""
    if isinstance(request.routing_exception, RequestRedirect):
        # Werkzeug's own redirects (merged slashes) name the Host the client sent: keep only the path.
        target = urlsplit(request.routing_exception.new_url).path
    elif request.url_rule is not None and not is_canonical():
        target = canonical_path()
    else:
        return None
    if request.query_string:
        # As sent, except that anything a header cannot carry as it is gets percent-encoded.
        target += "?" + quote(request.query_string.decode("latin-1"), safe="!#$%&'()*+,/:;=?@[]~")
    # 301 for reading (old phones know it); 308 keeps a form post a post.
    response = redirect(absolute(target), 301 if request.method in ("GET", "HEAD") else 308)
    # Not kept by browsers or nginx's micro-cache: made-up addresses fill no cache, and an explainer
    # address stays no-store like every explainer response.
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    # After the body-size check (a body too large is refused wherever it was sent), before every other
    # hook: nothing else runs for an address that is about to move.
    app.before_request(redirect_to_canonical)
