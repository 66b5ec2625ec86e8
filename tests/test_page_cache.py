"""Content pages kept in memory (app/page_cache.py): the same bytes Flask sends, and nothing else kept."""

from __future__ import annotations

import pytest
from flask import make_response

from app import create_app
from app.page_cache import PageCache, same_for_everyone


@pytest.fixture()
def fresh_app(app):
    """The shared fixture app with nothing kept yet."""
    kept(app).clear()
    return app


def kept(app) -> dict:
    assert isinstance(app.wsgi_app, PageCache)
    return app.wsgi_app.kept


def without_date(response) -> list[tuple[str, str]]:
    return [(name, value) for name, value in response.headers.items() if name != "Date"]


@pytest.mark.parametrize("path", ["/", "/about", "/pl/about", "/pl/"])
def test_a_kept_page_is_exactly_what_flask_sent(fresh_app, path):
    client = fresh_app.test_client()
    from_flask = client.get(path)
    assert from_flask.status_code == 200 and path in kept(fresh_app)
    from_memory = client.get(path)
    assert from_memory.status == from_flask.status
    assert without_date(from_memory) == without_date(from_flask)
    assert from_memory.data == from_flask.data


def test_head_and_conditional_requests_match_flask(fresh_app, fixture_content):
    client = fresh_app.test_client()
    etag = client.get("/about").headers["ETag"]
    head = client.head("/about")
    full_length = client.get("/about").headers["Content-Length"]
    assert (head.status_code, head.data, head.headers["Content-Length"]) == (200, b"", full_length)
    # A new app answers the first conditional request through Flask: the kept answer must match it.
    flask_304 = create_app({"CONTENT_DIR": fixture_content, "TESTING": True}).test_client().get(
        "/about", headers={"If-None-Match": etag})
    kept_304 = client.get("/about", headers={"If-None-Match": etag})
    assert flask_304.status_code == kept_304.status_code == 304
    assert without_date(kept_304) == without_date(flask_304) and kept_304.data == b""
    assert client.get("/about", headers={"If-None-Match": '"something-else"'}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/check", "/check/cleared", "/healthz", "/robots.txt", "/sitemap.xml", "/no-such-page", "/index"]
)
def test_only_pages_that_are_the_same_for_everyone_are_kept(fresh_app, path):
    fresh_app.test_client().get(path)
    fresh_app.test_client().get(path)
    assert kept(fresh_app) == {}


def test_unusual_requests_go_to_flask(fresh_app):
    client = fresh_app.test_client()
    client.get("/about")
    assert client.get("/about?x=1").status_code == 200
    assert client.get("/about", data="x" * 100_000).status_code == 413  # a body is checked, not ignored
    assert client.get("/about", headers={"If-Match": '"nope"'}).status_code == 412
    assert client.post("/about").status_code == 405
    assert list(kept(fresh_app)) == ["/about"]


def test_a_response_with_a_cookie_is_never_kept(fixture_content):
    fresh_app = create_app({"CONTENT_DIR": fixture_content, "TESTING": True})

    @fresh_app.get("/cookie-test-only")
    def with_cookie():
        response = make_response("hello")
        response.set_cookie("test", "1")
        response.add_etag()
        return same_for_everyone(response)

    client = fresh_app.test_client()
    client.get("/cookie-test-only")
    assert "Set-Cookie" in client.get("/cookie-test-only").headers
    assert kept(fresh_app) == {}
