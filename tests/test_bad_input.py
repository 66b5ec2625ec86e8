"""Bad input: Hypothesis drives every route and method with generated paths, queries, headers,
cookies and bodies (anchors-quality.md B9, B11). Whatever arrives, the answer is never a 5xx and
always carries the security headers; a body over the limit is always 413.

Over 10,000 generated requests per run, in-process (Flask's test client, not HTTP), so it stays
fast. tests/views/test_explainer_fuzz.py adds sequences of explainer requests.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.answers_cookie import _fernet, cookie_name
from app.eligibility import load_flow
from app.security import HEADERS
from tests.html import one, select

FLOW = load_flow()
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
ANSWER_VALUES = sorted({value for q in FLOW.questions.values() for value in q.options})
LIMIT = 64 * 1024  # MAX_CONTENT_LENGTH in app/config.py
EXAMPLES = {"requests": 7_000, "content_headers": 3_000}


def header_safe(text: str) -> str:
    """What can really arrive in a header: latin-1 bytes, no line breaks (servers refuse those)."""
    return re.sub(r"[\r\n\x00]", "", text.encode("utf-8", "replace").decode("latin-1"))


def known_values(app) -> dict[str, list[str]]:
    site = app.extensions["dp_site"]
    return {
        "slug": sorted(site.slugs),
        "question_id": sorted(FLOW.questions),
        "name": [app.extensions["dp_stylesheet"].name, app.extensions["dp_icon"].name],
    }


def segment(known: list[str]) -> st.SearchStrategy[str]:
    anything = st.text(max_size=40)
    return st.one_of(
        st.sampled_from(known or ["x"]),
        anything.map(lambda text: urllib.parse.quote(text, safe="")),
        anything.filter(lambda text: not set(text) & set("?#")),  # raw, odd characters and all
        st.sampled_from(["..", "%", "%zz", "%00", "index", "a" * 300, "%2F", "~", ";x"]),
    )


def paths(app) -> st.SearchStrategy[str]:
    values = known_values(app)
    languages = list(app.extensions["dp_site"].settings.languages[1:])
    by_rule = []
    for rule in app.url_map.iter_rules():
        parts = re.split(r"<(?:[^:>]+:)?([^>]+)>", rule.rule)  # literal, name, literal, ...
        strategies = [st.just(part) if i % 2 == 0 else segment(values.get(part, [])) for i, part in enumerate(parts)]
        by_rule.append(st.tuples(*strategies).map("".join))
    prefix = st.sampled_from(["", "", "", *[f"/{code}" for code in languages], "/xx", "//", "/pl/pl"])
    return st.one_of(
        st.tuples(prefix, st.one_of(*by_rule)).map("".join),
        st.text(max_size=60).map(lambda text: "/" + urllib.parse.quote(text, safe="/%")),
    )


def queries() -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(""),
        st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=4).map(urllib.parse.urlencode),
        st.text(max_size=80).map(header_safe),  # bad percent-encoding, stray '&' and '='
    )


def cookies(app) -> st.SearchStrategy[str | None]:
    """No cookie, junk, a huge one, or a genuine encrypted cookie holding any JSON at all."""
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(ANSWER_VALUES),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner, max_size=5),
        max_leaves=12,
    )
    answers = st.dictionaries(st.sampled_from(sorted(FLOW.questions)), st.one_of(
        st.sampled_from(ANSWER_VALUES), st.lists(st.sampled_from(ANSWER_VALUES), max_size=3), json_values), max_size=8)
    with app.app_context():
        fernet = _fernet(app)

    def sealed(data) -> str:
        return fernet.encrypt(json.dumps(data).encode()).decode()

    return st.one_of(
        st.none(),
        st.text(max_size=200).map(header_safe),
        st.integers(4_000, 16_000).map(lambda n: "A" * n),
        st.fixed_dictionaries({"v": st.sampled_from(["self", "other", None, 3]), "a": answers}).map(sealed),
        json_values.map(sealed),
    )


def headers(app) -> st.SearchStrategy[dict[str, str]]:
    optional = {
        "Accept-Language": st.one_of(st.sampled_from(["pl", "ur,en;q=0.5", "*", "en-GB", ";q=x", "zz-ZZ"]),
                                     st.text(max_size=60).map(header_safe)),
        "Sec-Fetch-Site": st.one_of(st.sampled_from(["same-origin", "same-site", "cross-site", "none", ""]),
                                    st.text(max_size=20).map(header_safe)),
        "Origin": st.one_of(st.sampled_from(["http://localhost", "null", "https://evil.example", ""]),
                            st.text(max_size=40).map(header_safe)),
        "Content-Type": st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data",
                                         "multipart/form-data; boundary=x", "text/plain", "application/json", ""]),
        "Accept-Encoding": st.sampled_from(["br", "gzip", "identity", "br;q=0, gzip;q=0", "*", "x" * 500]),
        "If-None-Match": st.one_of(st.just("*"), st.text(max_size=50).map(header_safe)),
        "Range": st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=x"]),
        "Host": st.sampled_from(["localhost", "evil.example", "a" * 300, "[::1]:80"]),
    }
    return st.fixed_dictionaries({}, optional=optional)


def bodies() -> st.SearchStrategy[object]:
    form_keys = st.one_of(st.sampled_from(sorted(FLOW.questions)), st.text(max_size=20))
    form_values = st.one_of(st.sampled_from(ANSWER_VALUES), st.text(max_size=60))
    return st.one_of(
        st.none(),
        st.lists(st.tuples(form_keys, form_values), max_size=8).map(urllib.parse.urlencode),
        st.binary(max_size=300),
        st.sampled_from([LIMIT, LIMIT + 1, 300_000]).map(lambda n: b"x" * n),
    )


def as_server_sees_it(path: str) -> dict[str, str]:
    """The path as a WSGI server hands it over: percent-decoded bytes as latin-1 (PEP 3333). Set
    directly, because the test client would read a path starting with '//' as a host name."""
    return {"PATH_INFO": urllib.parse.unquote_to_bytes(path).decode("latin-1"), "SCRIPT_NAME": ""}


def check(response, method: str, path: str, body) -> None:
    assert response.status_code < 500, (method, path, response.status_code)
    if body is not None and len(body) > LIMIT:
        assert response.status_code == 413, (method, path, len(body))
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (method, path, name)


def run(test, examples: int) -> int:
    """Run a Hypothesis test and return how many requests it really generated."""
    calls = []
    settings(max_examples=examples, deadline=None, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])(
        test)(calls)
    return len(calls)


def test_any_request_to_any_route_never_gives_a_server_error(real_app):
    name = cookie_name(real_app)
    client = real_app.test_client(use_cookies=False)

    @given(method=st.sampled_from(METHODS), path=paths(real_app), query=queries(), cookie=cookies(real_app),
           extra=headers(real_app), body=bodies())
    def one_request(calls, method, path, query, cookie, extra, body):
        calls.append(1)
        sent = {**extra, "Cookie": f"{name}={cookie}"} if cookie is not None else extra
        response = client.open("/", method=method, query_string=query, headers=sent, data=body,
                               environ_overrides=as_server_sees_it(path))
        check(response, method, path, body)

    count = run(one_request, EXAMPLES["requests"])
    assert count >= EXAMPLES["requests"]


def test_content_pages_take_any_headers(real_app):
    """The headers people's browsers, proxies and bots really vary, against the pages most often asked for."""
    client = real_app.test_client(use_cookies=False)
    pages = ["/"] + [f"/{slug}" for slug in sorted(real_app.extensions["dp_site"].slugs) if slug != "index"]

    @given(page=st.sampled_from(pages), language=st.sampled_from(["", "/pl", "/ur", "/xx"]), extra=headers(real_app),
           cookie=st.text(max_size=5_000).map(header_safe), method=st.sampled_from(["GET", "HEAD"]))
    def one_page(calls, page, language, extra, cookie, method):
        calls.append(1)
        response = client.open(language + page, method=method, headers={**extra, "Cookie": cookie},
                               environ_overrides=as_server_sees_it(language + page))
        check(response, method, language + page, None)

    count = run(one_page, EXAMPLES["content_headers"])
    assert count >= EXAMPLES["content_headers"]


def test_start_page_with_answers_in_progress_offers_to_continue(real_client):
    """Found by the test above: the "continue" version of /check used to fail with a 500."""
    first = one(real_client.get("/check").data, "a.govuk-button--start")["href"].removeprefix("/check/")
    page = real_client.get(f"/check/{first}").data
    value = select(page, f'input[name="{first}"][value]')[0]["value"]
    real_client.post(f"/check/{first}", data={first: value}, headers={"Sec-Fetch-Site": "same-origin"})
    response = real_client.get("/check")
    assert response.status_code == 200
    assert b"Clear my answers" in response.data
