"""One address per page (app/addresses.py): variants are redirected to it on the site's own address,
and links to other languages are built from the route, so no address a client makes up can put
another site into a link, a redirect or the page cache."""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.page_cache import PageCache
from tests.test_bad_input import as_server_sees_it

SITE = "https://guide.testshire.example"  # site_url in the fixture settings
ANOTHER_HOST = {"Host": "evil.example"}


@pytest.fixture()
def fresh_app(app):
    assert isinstance(app.wsgi_app, PageCache)
    app.wsgi_app.kept.clear()
    app.wsgi_app.kept_bytes = 0
    return app


def get(client, raw_path: str, method: str = "GET", **kwargs):
    """A request for ``raw_path`` exactly as a server would hand it over (percent-decoded)."""
    return client.open("/", method=method, environ_overrides=as_server_sees_it(raw_path), **kwargs)


@pytest.mark.parametrize(("raw", "canonical"), [
    ("/pl//about", "/pl/about"),
    ("/pl///about", "/pl/about"),
    ("/pl/%2f%2fabout", "/pl/about"),
    ("//about", "/about"),
    ("/%2Fabout", "/about"),
    ("/pl", "/pl/"),
    ("/pl//", "/pl/"),
    ("/check//who", "/check/who"),
])
def test_a_variant_of_an_address_is_redirected_to_it_and_never_kept(fresh_app, raw, canonical):
    client = fresh_app.test_client()
    for _ in range(2):
        response = get(client, raw, headers=ANOTHER_HOST)
        assert response.status_code == 301, raw
        assert response.headers["Location"] == SITE + canonical
        assert response.headers["Cache-Control"] == "no-store"
    assert fresh_app.wsgi_app.kept == {}
    assert get(client, canonical).status_code == 200


def test_a_redirect_keeps_the_query_and_a_post_stays_a_post(fresh_app):
    client = fresh_app.test_client()
    response = get(client, "//search", query_string="q=care+home")
    assert response.headers["Location"] == f"{SITE}/search?q=care+home"
    posted = get(client, "/check//who", method="POST", data={"who": "myself"})
    assert (posted.status_code, posted.headers["Location"]) == (308, f"{SITE}/check/who")


def test_the_home_page_has_one_address(fresh_app):
    client = fresh_app.test_client()
    assert client.get("/index").status_code == 404
    assert client.get("/pl/index").status_code == 404
    assert fresh_app.wsgi_app.kept == {}


def test_the_page_cache_has_a_hard_limit(fresh_app):
    client = fresh_app.test_client()
    first = client.get("/about")
    cache = fresh_app.wsgi_app
    limit, cache.max_bytes = cache.max_bytes, len(first.data) + 10
    try:
        second = client.get("/pl/about")
        assert second.status_code == 200 and list(cache.kept) == ["/about"]
        again = client.get("/pl/about")  # made again, and the same
        assert again.data == second.data and list(cache.kept) == ["/about"]
        assert cache.kept_bytes == len(first.data)
    finally:
        cache.max_bytes = limit


class _LanguageLinks(HTMLParser):
    """Every link that names a language: the switcher, <link rel=alternate>, the translation notes."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag in ("a", "link") and "hreflang" in found:
            self.hrefs.append(found.get("href") or "")


def language_links(body: bytes) -> list[str]:
    parser = _LanguageLinks()
    parser.feed(body.decode())
    return parser.hrefs


# A link stays on this site only if it is a path: "/" and then not a second "/" or "\" (browsers
# read "//x" and "/\x" as another host), and with no character a browser would drop or turn into one.
OWN_PATH = re.compile(r"/(?![/\\])[^\s\\]*")


def assert_own_paths(hrefs: list[str], asked: str) -> None:
    assert hrefs, asked
    for href in hrefs:
        assert OWN_PATH.fullmatch(href), (asked, href)
        assert urllib.parse.urlsplit(href).netloc == "", (asked, href)


@pytest.mark.parametrize(("raw", "english"), [
    ("/pl/%5cevil.example/login", "/"),  # no route matched: the English home page
    ("/pl/%2f%5cevil.example/x", "/"),
    ("/pl/%09/evil.example", "/"),
    ("/pl/about/%5cevil.example", "/"),
    ("/pl/%5cevil.example", "/%5Cevil.example"),  # a page's route: its value, percent-encoded
    ("/pl/%5c%5cevil.example", "/%5C%5Cevil.example"),
    ("/pl/evil.example%0d%0a", "/evil.example%0D%0A"),
])
def test_language_links_never_leave_the_site(client, raw, english):
    response = get(client, raw)
    assert response.status_code == 404
    hrefs = language_links(response.data)
    assert_own_paths(hrefs, raw)
    assert hrefs[0] == english


def test_language_links_follow_the_route_not_the_raw_path(client):
    assert language_links(get(client, "/pl/about").data)[:2] == ["/about", "/pl/about"]
    assert language_links(get(client, "/pl/%61bout").data)[:2] == ["/about", "/pl/about"]


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(["", "/pl"]), tail=st.text(max_size=30))
def test_any_address_gives_language_links_on_this_site(app, prefix, tail):
    raw = f"{prefix}/{urllib.parse.quote(tail, safe='')}"
    response = get(app.test_client(), raw)
    if response.status_code == 200 or response.status_code == 404:
        assert_own_paths(language_links(response.data), raw)
    else:
        assert response.status_code == 301
        assert response.headers["Location"].startswith(SITE + "/")


def test_a_body_too_large_is_refused_before_any_redirect(fresh_app):
    response = get(fresh_app.test_client(), "/check//who", method="POST", data="x" * 100_000)
    assert response.status_code == 413
