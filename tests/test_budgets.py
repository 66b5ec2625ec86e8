"""Page-weight budgets (anchors-quality.md A8), checked on the real content with the test client.

Sizes are what leaves the server: HTML gzipped at deploy/nginx.conf's level (nginx compresses
pages as they go out), static files as the app and nginx send them to a browser that accepts
brotli. Timing is `make bench`'s job, not these tests'.
"""

from __future__ import annotations

import gzip
import re
from xml.etree import ElementTree

import brotli
import pytest

from bench.client import InProcess, walk_explainer
from tests.html import one

KB = 1024
NGINX_GZIP_LEVEL = 5  # gzip_comp_level in deploy/nginx.conf
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
YEAR = 365 * 24 * 3600
# What a browser fetches for a page: stylesheets, icons, images, scripts, fonts, frames.
SUBRESOURCE = re.compile(
    rb'<(?:link[^>]*\srel="(?:stylesheet|icon|preload|modulepreload|apple-touch-icon)"[^>]*\shref'
    rb'|img[^>]*\ssrc|script[^>]*\ssrc|iframe[^>]*\ssrc|source[^>]*\ssrcset)="([^"]+)"'
)


def html_on_the_wire(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=NGINX_GZIP_LEVEL))


def content_pages(client) -> list[str]:
    """Every content page in every language, from the sitemap."""
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").data)
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in locations]
    assert len(paths) >= 5, paths
    return paths


@pytest.fixture(scope="module")
def pages(real_app) -> list[str]:
    return content_pages(real_app.test_client())


def first_visit(client, path: str) -> list[tuple[str, int, object]]:
    """(url, bytes sent, response) for the page and everything a browser then fetches for it."""
    page = client.get(path, headers=BROWSER)
    assert page.status_code == 200, path
    fetched = [(path, html_on_the_wire(page.data), page)]
    urls = [url.decode() for url in SUBRESOURCE.findall(page.data)]
    if not re.search(rb'<link[^>]*\srel="icon"', page.data):
        urls.append("/favicon.ico")  # browsers ask for it when a page names no icon
    for url in urls:
        response = client.get(url, headers=BROWSER)
        fetched.append((url, len(response.data), response))
    return fetched


def test_first_visit_to_every_content_page_is_at_most_35kb_in_5_requests(real_client, pages):
    too_heavy = {}
    for path in pages:
        fetched = first_visit(real_client, path)
        total = sum(size for _, size, _ in fetched)
        # Easy Read pictures are the content itself (one per idea), not decoration: those pages keep
        # the weight budget, but each picture is a request of its own (a few hundred bytes each).
        max_requests = None if path.startswith("/easy-read/") else 5
        too_many = max_requests is not None and len(fetched) > max_requests
        if total > 35 * KB or too_many or any(r.status_code != 200 for _, _, r in fetched):
            too_heavy[path] = [(url, size, r.status_code) for url, size, r in fetched]
    assert not too_heavy


def test_no_javascript_and_no_web_fonts(real_client, pages):
    for path in pages:
        for url, _, response in first_visit(real_client, path):
            assert response.mimetype not in ("text/javascript", "application/javascript"), url
            assert not response.mimetype.startswith("font/"), url
            assert b"<script" not in response.get_data(), url
    css = real_client.get(one(real_client.get("/").data, 'link[rel="stylesheet"]')["href"])
    assert b"@font-face" not in css.data and b".woff" not in css.data


def test_repeat_visit_is_one_request(real_client, pages):
    """Everything but the HTML may be kept for a year without asking again, so only the page is fetched."""
    for path in pages:
        for url, _, response in first_visit(real_client, path)[1:]:
            cache_control = response.cache_control
            assert cache_control.immutable and cache_control.max_age >= YEAR, (path, url)


def explainer_pages(client) -> list[tuple[str, object]]:
    """Every page of two complete walks (first and last answers), in-process."""
    seen = []
    for pick in (0, -1):
        flask_client = client.application.test_client()
        seen += [(path, reply) for path, reply in walk_explainer(InProcess(flask_client), pick=pick)
                 if reply.status == 200]
    return seen


def test_html_of_every_page_is_at_most_14kb_compressed(real_client, pages):
    sizes = {path: html_on_the_wire(real_client.get(path).data) for path in pages}
    sizes |= {path: html_on_the_wire(reply.body) for path, reply in explainer_pages(real_client)}
    for path, status in [("/no-such-page", 404), ("/", 405), ("/check/cleared", 200)]:
        response = real_client.post(path) if status == 405 else real_client.get(path)
        assert response.status_code == status
        sizes[f"{path} ({status})"] = html_on_the_wire(response.data)
    assert {path: size for path, size in sizes.items() if size > 14 * KB} == {}
    assert len(sizes) > len(pages) + 5


def test_stylesheet_is_at_most_12kb_brotli_as_served(real_client):
    href = one(real_client.get("/").data, 'link[rel="stylesheet"]')["href"]
    response = real_client.get(href, headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert len(response.data) <= 12 * KB
    assert len(brotli.decompress(response.data)) > len(response.data)  # really compressed


def test_content_pages_have_a_strong_etag_a_short_max_age_and_answer_304(real_client, pages):
    explainer_start = re.compile(r"^(/[a-z]{2})?/check$")  # in the sitemap, but an explainer page
    for path in [path for path in pages if not explainer_start.match(path)]:
        response = real_client.get(path)
        etag = response.headers["ETag"]
        assert etag.startswith('"'), (path, etag)  # strong, not W/
        assert response.cache_control.public and 0 < response.cache_control.max_age <= 3600, path
        again = real_client.get(path, headers={"If-None-Match": etag})
        assert (again.status_code, again.data) == (304, b""), path


def test_explainer_pages_are_never_stored(real_client):
    replies = walk_explainer(InProcess(real_client.application.test_client()), pick=0)
    assert len(replies) > 6
    for path, reply in replies:
        assert reply.header("Cache-Control") == "no-store", path
