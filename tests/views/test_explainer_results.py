"""Every result page, routed or assessed, in every language and both voices, states the person's
rights (a free assessment whatever their money; only the council decides) and what to do next,
and reading a result keeps the answers alive. Runs on the fixture site; the words checked are
read from the wording files, so editors can change them without breaking this test."""

from __future__ import annotations

import html
import re
import time

import pytest

from app import create_app
from app.answers_cookie import _fernet
from app.eligibility import decide, load_flow

FLOW = load_flow()
COOKIE = "dp_answers"
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}

ADULT = {"about": "own_needs", "age": "18_or_over", "impairment": "linked",
         **dict.fromkeys(FLOW.conditions["adult_outcomes"].params["questions"], "able"),
         "adult_child_care": "not_applicable"}
CARER = {"about": "caring", "age": "18_or_over", "cared_for_age": "adult", "paid": "unpaid",
         "necessary_care": "needed", "because_of_caring": "because_of_caring",
         "carer_health": "not_getting_worse",
         **dict.fromkeys(FLOW.conditions["carer_outcomes"].params["questions"], "able"),
         "carer_child_care": "not_applicable", "carer_other_caring": "not_applicable"}

# One walk to each end of the flow: every routed rule and every result of each legal test.
WALKS = {
    "adult likely": {**ADULT, "adult_nutrition": "danger", "adult_toilet": "danger", "adult_impact": ["health"]},
    "adult unclear": {**ADULT, "adult_nutrition": "danger", "adult_toilet": "not_sure", "adult_impact": ["health"]},
    "adult not likely": ADULT,
    "adult, needs not linked to a condition": {**ADULT, "impairment": "not_linked"},
    "carer likely": {**CARER, "carer_health": "getting_worse", "carer_impact": ["health"]},
    "carer unclear": {**CARER, "because_of_caring": "not_sure", "carer_health": "getting_worse",
                      "carer_impact": ["health"]},
    "carer not likely": CARER,
    "carer, not because of caring": {**CARER, "because_of_caring": "not_because_of_caring"},
    "carer paid for part": {**CARER, "paid": "partly_paid", "carer_health": "getting_worse",
                            "carer_impact": ["health"]},
    "paid carer": {**CARER, "paid": "paid"},
    "volunteer": {**CARER, "paid": "volunteer"},
    "young person": {**ADULT, "age": "under_18"},
    "young carer": {**CARER, "age": "under_18"},
    "parent carer": {**CARER, "cared_for_age": "child"},
}


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory):
    """The fixture site with Urdu switched on too (right to left), so every language is walked."""
    from tests.conftest import fixture_site

    root = fixture_site(tmp_path_factory.mktemp("three") / "content")
    settings = root / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("languages: [en, pl]", "languages: [en, pl, ur]"),
                        encoding="utf-8")
    return create_app({"CONTENT_DIR": root, "TESTING": True})


def walk(client, prefix: str, answers: dict) -> None:
    location = f"{prefix}/check/who"
    while not location.endswith("/check/answers"):
        question = location.rsplit("/", 1)[1]
        response = client.post(location, data={question: answers[question]}, headers=SAME_SITE)
        assert response.status_code == 303, (question, response.status_code)
        location = response.headers["Location"]


def section(body: str, heading_id: str) -> str:
    """The HTML between a heading and the next h2."""
    start = body.index(f'id="{heading_id}"')
    end = body.find("<h2", start)
    return body[start:end if end != -1 else None]


def plain(fragment: str) -> str:
    """The text without tags or any white space (Urdu pages wrap English words in <bdi>)."""
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_the_walks_reach_every_result_and_every_routed_rule() -> None:
    ends = set()
    for answers in WALKS.values():
        ends.add(decide(FLOW, {"who": "myself", **answers}).result)
    assert ends == set(FLOW.results)
    routed_rules = {(qid, i) for qid, q in FLOW.questions.items() for i, r in enumerate(q.rules) if r.result}
    from app.eligibility import walk as engine_walk
    used = {engine_walk(FLOW, {"who": "myself", **a}).steps[-1] for a in WALKS.values()}
    assert routed_rules <= used


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
@pytest.mark.parametrize("who", ["myself", "someone_else"])
@pytest.mark.parametrize("name", list(WALKS))
def test_every_result_states_the_rights_and_the_next_steps(three_languages, lang, who, name):
    app = three_languages
    client = app.test_client()
    prefix = "" if lang == "en" else f"/{lang}"
    answers = {"who": who, **WALKS[name]}
    walk(client, prefix, answers)
    response = client.get(f"{prefix}/check/result")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    wording = app.extensions["dp_wording"][lang]
    voice = "other" if who == "someone_else" else "self"
    decision = decide(FLOW, answers)
    by_role: dict[str, list[str]] = {}
    for reason in decision.reasons:
        if reason.role:
            by_role.setdefault(reason.role, []).append("".join(wording.reason(reason.id, voice).text.split()))
    rights, steps = plain(section(body, "your-rights")), plain(section(body, "what-to-do-next"))
    # The flow guarantees each role (app/eligibility/flow.py); the page must show them, in place.
    assert set(by_role) == {"free_assessment", "council_decides", "next_step"}, name
    for role in ("free_assessment", "council_decides"):
        assert any(text in rights for text in by_role[role]), (role, rights)
    assert all(text in steps for text in by_role["next_step"]), steps
    assert 'class="govuk-list govuk-list--number app-next-steps"' in body
    # The handover: the date it was checked, each question's legal test, and room to write.
    assert re.search(r'class="govuk-body-s app-handout__date">[^<]*\d{4}', body)
    assert body.count("app-notes__line") >= 10
    first_note = "".join(wording.question("who", voice).practitioner_note.split())
    assert first_note[:40] in plain(body)


def test_reading_the_result_keeps_the_answers_alive(app):
    client = app.test_client()
    walk(client, "", {"who": "myself", **WALKS["adult likely"]})
    token = client.get_cookie(COOKIE).value
    with app.app_context():
        fernet = _fernet(app)
        answers = fernet.decrypt(token.encode())
        # The last answer was 50 minutes ago: one more minute of reading must not lose it later.
        client.set_cookie(COOKIE, fernet.encrypt_at_time(answers, int(time.time()) - 50 * 60).decode(), path="/")
        for path in ("/check/result", "/check/answers", "/check/adult_nutrition"):
            response = client.get(path)
            assert response.status_code == 200, path
            fresh = client.get_cookie(COOKIE).value
            assert time.time() - fernet.extract_timestamp(fresh.encode()) < 60, path
            assert fernet.decrypt(fresh.encode()) == answers
            client.set_cookie(COOKIE, fernet.encrypt_at_time(answers, int(time.time()) - 50 * 60).decode(), path="/")


def test_pages_without_answers_still_set_no_cookie(app):
    client = app.test_client()
    for path in ("/check/who", "/check/result", "/check/answers"):
        assert "Set-Cookie" not in client.get(path).headers, path
