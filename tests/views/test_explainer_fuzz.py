"""Hypothesis drives the explainer with generated input: no sequence of requests gives a 5xx."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app.eligibility import load_flow

FLOW = load_flow()
QUESTION_IDS = sorted(FLOW.questions)
ALL_VALUES = sorted({value for q in FLOW.questions.values() for value in q.options})
PATHS = ["/check", "/check/answers", "/check/result", "/check/clear", "/check/cleared", "/check/expired"]

question_ids = st.one_of(st.sampled_from(QUESTION_IDS), st.text(min_size=1, max_size=30))
values = st.one_of(st.sampled_from(ALL_VALUES), st.text(max_size=50))
request = st.tuples(
    st.sampled_from(["GET", "POST"]),
    st.one_of(question_ids.map(lambda q: f"/check/{q}"), st.sampled_from(PATHS)),
    st.dictionaries(question_ids, st.lists(values, max_size=3), max_size=3),
    st.sampled_from(["same-origin", "cross-site", None]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(request, min_size=1, max_size=12), cookie=st.one_of(st.none(), st.text(max_size=200)))
def test_no_request_sequence_causes_a_server_error(real_app, steps, cookie):
    client = real_app.test_client()
    if cookie is not None:
        client.set_cookie("dp_answers", cookie.encode("utf-8", "ignore").decode("latin-1"), path="/")
    for method, path, form, fetch_site in steps:
        headers = {"Sec-Fetch-Site": fetch_site} if fetch_site else {}
        data = MultiDict([(key, value) for key, vals in form.items() for value in vals])
        response = client.open(path, method=method, data=data, headers=headers)
        assert response.status_code < 500, (method, path, form)
        # Every explainer page and redirect may carry answers (308 is Werkzeug tidying "//" in a path).
        if response.status_code < 400 and response.status_code != 308:
            assert response.headers["Cache-Control"] == "no-store", path


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from(QUESTION_IDS), st.sampled_from(ALL_VALUES), max_size=len(QUESTION_IDS)))
def test_any_valid_looking_answers_lead_to_a_page_or_a_redirect(real_app, answers):
    """Random (often inconsistent) answers, posted in flow order: every step answers 303 or 400."""
    client = real_app.test_client()
    for qid in QUESTION_IDS:
        if qid in answers:
            response = client.post(f"/check/{qid}", data={qid: answers[qid]}, headers={"Sec-Fetch-Site": "same-origin"})
            assert response.status_code in (303, 400)
    for path in ("/check/answers", "/check/result"):
        assert client.get(path).status_code in (200, 303)
