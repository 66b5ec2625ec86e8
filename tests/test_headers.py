"""The full security header set on every response: every page, every method, every error, every static file.

The URLs come from the app itself: the URL map, the sitemap, and every same-site link, stylesheet,
icon and image found by crawling from them. A new route is checked without anyone adding it here.
"""

from __future__ import annotations

import re
from collections import deque
from xml.etree import ElementTree

import pytest
from flask import abort

from app import create_app
from app.security import HEADERS
from tests.html import one

LINK = re.compile(rb'(?:href|src|action)="(/[^"/][^"]*|/)"')
MAX_URLS = 1500  # a guard against a crawl that never ends; the site had 435 URLs in November 2026


def assert_full_set(response, what: str) -> None:
    for name, value in HEADERS.items():
        assert response.headers.getlist(name) == [value], (what, name, response.headers.getlist(name))


def starting_urls(app) -> set[str]:
    client = app.test_client()
    urls = {rule.rule for rule in app.url_map.iter_rules() if not rule.arguments or rule.defaults}
    # Each rule with a variable part once with a value that does not exist: its 404.
    urls |= {re.sub(r"<[^>]+>", "no-such-thing", rule.rule) for rule in app.url_map.iter_rules() if rule.arguments}
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").data)
    urls |= {re.sub(r"^https?://[^/]+", "", loc.text) for loc in sitemap.iter() if loc.tag.endswith("loc")}
    languages = app.extensions["dp_site"].settings.languages
    urls |= {f"/{lang}{url}" for url in list(urls) for lang in languages[1:]}
    return urls


def crawl(app) -> dict[str, object]:
    """Every same-site URL reachable from the starting URLs, with its GET response."""
    client = app.test_client()
    queue, seen = deque(sorted(starting_urls(app))), {}
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft().split("#")[0].replace("&amp;", "&")
        if url in seen or not url:
            continue
        response = seen[url] = client.get(url)
        if response.mimetype == "text/html":
            queue.extend(link.decode() for link in LINK.findall(response.data))
    assert len(seen) < MAX_URLS, "more URLs than expected: raise MAX_URLS if the site really grew"
    return seen


@pytest.fixture(scope="module")
def crawled(real_app) -> dict[str, object]:
    return crawl(real_app)


def test_the_crawl_reaches_pages_assets_and_the_explainer(crawled):
    statuses = {response.status_code for response in crawled.values()}
    assert {200, 404} <= statuses
    assert any(url.startswith("/assets/") and url.endswith(".css") for url in crawled)
    assert any(url.startswith("/check/") for url in crawled)
    assert len(crawled) > 20


def test_every_url_has_the_full_header_set_for_every_method(real_app, crawled):
    client = real_app.test_client()
    for url, response in crawled.items():
        assert_full_set(response, f"GET {url}")
        for method in ("HEAD", "OPTIONS", "POST", "PUT"):
            assert_full_set(client.open(url, method=method, headers={"Sec-Fetch-Site": "same-origin"}),
                            f"{method} {url}")


def test_every_error_page_has_the_full_header_set(real_app, fixture_content):
    client = real_app.test_client()
    first = one(client.get("/check").data, "a.govuk-button--start")["href"].removeprefix("/check/")
    errors = {
        400: client.post(f"/check/{first}", data={first: "not-an-answer"}, headers={"Sec-Fetch-Site": "same-origin"}),
        403: client.post("/check/clear", headers={"Sec-Fetch-Site": "cross-site"}),
        404: client.get("/no-such-page"),
        405: client.post("/"),
        413: client.post("/check/clear", data="x" * 200_000),
    }
    app = create_app({"CONTENT_DIR": fixture_content})

    @app.get("/too-many-test-only")
    def too_many():
        abort(429)

    @app.get("/boom-test-only")
    def boom():
        raise RuntimeError("test")

    errors[429] = app.test_client().get("/too-many-test-only")
    errors[500] = app.test_client().get("/boom-test-only")
    for status, response in errors.items():
        assert response.status_code == status
        assert response.mimetype == "text/html"
        assert_full_set(response, str(status))
