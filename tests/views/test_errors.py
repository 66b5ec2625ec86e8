"""Error responses: a 405 says what is allowed; a 500 is logged as its type and route, nothing more."""

from __future__ import annotations

import logging

import pytest

from app import create_app


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("POST", "/about", {"GET", "HEAD", "OPTIONS"}),
    ("PUT", "/check/who", {"GET", "HEAD", "OPTIONS", "POST"}),
    ("DELETE", "/pl/about", {"GET", "HEAD", "OPTIONS"}),
])
def test_a_405_lists_the_methods_allowed(client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert {value.strip() for value in response.headers["Allow"].split(",")} == allowed
    assert response.mimetype == "text/html"


def test_a_500_is_logged_as_its_type_and_route_only(fixture_content, caplog):
    app = create_app({"CONTENT_DIR": fixture_content})
    secret = "my-answer-was-dementia"

    @app.post("/boom-test-only/<part>")
    def boom(part):
        raise KeyError(f"{secret} {part}")

    with caplog.at_level(logging.DEBUG):
        response = app.test_client().post(f"/boom-test-only/{secret}", data={"notes": secret})
    assert response.status_code == 500
    assert "internal error: KeyError on POST /boom-test-only/<part>" in caplog.text
    assert secret not in caplog.text
    assert "Traceback" not in caplog.text and all(record.exc_info is None for record in caplog.records)
