"""Behind nginx (DP_PROXY_COUNT=1) the app believes the proxy about the scheme: a form posted from the
https site by a browser that sends Origin but no Sec-Fetch-Site is not mistaken for a cross-site post."""

from __future__ import annotations

import pytest

from app import create_app

FORM = {"who": "myself"}
OLD_BROWSER = {"Origin": "https://localhost"}  # no Sec-Fetch-Site: Safari before 16.4, for one


@pytest.fixture()
def behind_proxy(fixture_content):
    return create_app({"CONTENT_DIR": fixture_content, "TESTING": True, "PROXY_COUNT": 1}).test_client()


def test_a_post_from_our_https_site_is_accepted_behind_the_proxy(behind_proxy):
    response = behind_proxy.post("/check/who", data=FORM, headers={**OLD_BROWSER, "X-Forwarded-Proto": "https"})
    assert response.status_code == 303


def test_a_post_from_another_site_is_still_refused_behind_the_proxy(behind_proxy):
    headers = {"Origin": "https://evil.example", "X-Forwarded-Proto": "https"}
    assert behind_proxy.post("/check/who", data=FORM, headers=headers).status_code == 403


def test_without_a_proxy_forwarded_headers_are_not_believed(client):
    response = client.post("/check/who", data=FORM, headers={**OLD_BROWSER, "X-Forwarded-Proto": "https"})
    assert response.status_code == 403
