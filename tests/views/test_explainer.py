"""The explainer's pages: Post/Redirect/Get, the answers cookie, bad input and privacy."""

from __future__ import annotations

import time

import pytest
from cryptography.fernet import Fernet

from app import create_app
from app.answers_cookie import _fernet
from tests.html import direction, language, one, select, text

ADULT_LIKELY = {
    "who": "myself", "about": "own_needs", "age": "18_or_over", "impairment": "linked",
    "adult_nutrition": "unable_without_help", "adult_hygiene": "pain_distress_anxiety",
    "adult_toilet": "able", "adult_clothing": "able", "adult_home_safety": "able",
    "adult_habitable_home": "able", "adult_relationships": "able", "adult_work": "able",
    "adult_community": "able", "adult_child_care": "not_applicable", "adult_impact": ["health", "control"],
}
COOKIE = "dp_answers"


@pytest.fixture()
def visitor(real_app):
    return real_app.test_client()


def answer(client, question: str, value) -> str:
    """Post one answer the way a browser does; return where the site sends us next."""
    data = {question: value}
    response = client.post(f"/check/{question}", data=data, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def walk(client, answers: dict) -> str:
    location = "/check/who"
    while location.startswith("/check/") and location not in ("/check/answers", "/check/result"):
        question = location.rsplit("/", 1)[1]
        location = answer(client, question, answers[question])
    return location


def test_start_page_sets_no_cookie_and_is_not_stored(visitor):
    response = visitor.get("/check")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert select(response.data, 'a[href="/check/who"]')


def test_first_question_sets_no_cookie_until_answered(visitor):
    response = visitor.get("/check/who")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_answering_redirects_with_see_other_and_an_encrypted_session_cookie(visitor):
    response = visitor.post("/check/who", data={"who": "myself"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/check/about"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=gAAAAA")  # a Fernet token, not readable JSON
    assert "myself" not in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Expires" not in cookie and "Max-Age" not in cookie  # gone when the browser closes


def test_whole_adult_walk_reaches_a_likely_eligible_result(visitor):
    assert walk(visitor, ADULT_LIKELY) == "/check/answers"
    answers_page = visitor.get("/check/answers").get_data(as_text=True)
    assert "Check your answers" in answers_page
    assert len(select(answers_page, "main .govuk-summary-list__row")) == len(ADULT_LIKELY)
    result = visitor.get("/check/result")
    assert result.status_code == 200
    body = result.get_data(as_text=True)
    assert "This is not a decision" in body
    assert "SI 2015/313 reg 2" in body
    assert result.headers["Cache-Control"] == "no-store"


def test_change_link_says_what_it_changes(visitor):
    walk(visitor, ADULT_LIKELY)
    body = visitor.get("/check/answers").get_data(as_text=True)
    links = [link for link in select(body, ".govuk-summary-list__actions a") if text(link).startswith("Change ")]
    change_links = [text(one(link, ".govuk-visually-hidden")) for link in links]  # what a screen reader adds
    assert len(change_links) == len(ADULT_LIKELY)
    assert all(change_links)
    assert len(set(change_links)) == len(change_links)


def test_changing_an_answer_can_add_questions_and_drops_answers_off_the_route(visitor):
    walk(visitor, ADULT_LIKELY)
    # Now say the needs are not linked to an impairment: the outcome questions fall off the route.
    location = answer(visitor, "impairment", "not_linked")
    assert location == "/check/answers"
    body = visitor.get("/check/answers").get_data(as_text=True)
    assert "adult_nutrition" not in body
    assert len(select(body, "main .govuk-summary-list__row")) == 4


def test_skipping_ahead_is_sent_back_to_the_next_question(visitor):
    answer(visitor, "who", "myself")
    assert visitor.get("/check/result").headers["Location"] == "/check/about"
    assert visitor.get("/check/answers").headers["Location"] == "/check/about"
    assert visitor.get("/check/adult_impact").headers["Location"] == "/check/about"


def test_unknown_question_is_a_kind_404(visitor):
    response = visitor.get("/check/favourite_colour")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_no_answer_shows_an_error_summary_linked_to_the_question(visitor):
    response = visitor.post("/check/who", data={}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert text(one(body, "title")).startswith("Error: ")
    # The question's fieldset, not the first option: without JavaScript the question and error stay in view.
    one(body, 'a[href="#who-fieldset"]')
    one(body, 'fieldset[id="who-fieldset"]')
    assert select(body, "[autofocus]")


@pytest.mark.parametrize("bad", [{"who": "everyone"}, {"who": ["myself", "someone_else"]}, {"who": "x" * 5000}])
def test_invalid_or_repeated_values_are_refused_kindly(visitor, bad):
    response = visitor.post("/check/who", data=bad, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    assert "There is a problem" in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


def test_answers_survive_a_validation_error(visitor):
    answer(visitor, "who", "someone_else")
    answer(visitor, "about", "own_needs")
    response = visitor.post("/check/age", data={"age": "ancient"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 400
    # the earlier answers are still there: the back link leads to "about", answered "for someone else"
    assert select(response.data, 'a[href="/check/about"]')
    body = visitor.get("/check/about").get_data(as_text=True)
    assert one(body, 'input[value="own_needs"]').has_attr("checked")


def test_cross_site_post_is_refused_and_answers_kept(visitor):
    answer(visitor, "who", "myself")
    response = visitor.post("/check/about", data={"about": "caring"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert "We could not save that answer" in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers
    assert visitor.get("/check/answers").headers["Location"] == "/check/about"  # "who" still answered


def test_post_from_another_origin_is_refused(visitor):
    response = visitor.post("/check/who", data={"who": "myself"}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_tampered_cookie_leads_to_a_kind_page(visitor):
    answer(visitor, "who", "myself")
    visitor.set_cookie(COOKIE, "gAAAAABnot-a-real-token", path="/")
    response = visitor.get("/check/about")
    assert response.status_code == 303 and response.headers["Location"] == "/check/expired"
    page = visitor.get("/check/expired")
    assert "cleared to protect your privacy" in page.get_data(as_text=True)
    assert f"{COOKIE}=;" in page.headers["Set-Cookie"]


def test_expired_cookie_leads_to_the_privacy_page(real_app, visitor):
    with real_app.app_context():
        old = _fernet(real_app).encrypt_at_time(b'{"v":"self","a":{"who":"myself"}}', int(time.time()) - 61 * 60)
    visitor.set_cookie(COOKIE, old.decode(), path="/")
    assert visitor.get("/check/about").headers["Location"] == "/check/expired"


def test_cookie_from_another_key_is_not_trusted(visitor):
    foreign = Fernet(Fernet.generate_key()).encrypt(b'{"v":"self","a":{"who":"myself"}}')
    visitor.set_cookie(COOKIE, foreign.decode(), path="/")
    assert visitor.get("/check/about").headers["Location"] == "/check/expired"


def test_clear_my_answers_deletes_the_cookie(visitor):
    answer(visitor, "who", "myself")
    response = visitor.post("/check/clear", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.headers["Location"] == "/check/cleared"
    assert f"{COOKIE}=;" in response.headers["Set-Cookie"]
    assert visitor.get_cookie(COOKIE) is None
    assert "Your answers have been cleared" in visitor.get("/check/cleared").get_data(as_text=True)


def test_wrong_method_and_oversized_body(visitor):
    assert visitor.put("/check/who").status_code == 405
    assert visitor.post("/check/who", data={"who": "a" * 70_000}).status_code == 413


def test_voice_follows_who_is_answering(visitor):
    answer(visitor, "who", "someone_else")
    answer(visitor, "about", "own_needs")
    body = visitor.get("/check/age").get_data(as_text=True)
    assert "For practitioners" in body


def test_production_cookie_uses_the_host_prefix():
    app = create_app({"DP_ENV": "production", "SECRET_KEY": "p" * 64, "TESTING": True, "SITE_URL": "https://localhost"})
    client = app.test_client()
    response = client.post(
        "/check/who", data={"who": "myself"}, base_url="https://localhost", headers={"Sec-Fetch-Site": "same-origin"}
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-dp_answers=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_polish_explainer_falls_back_to_english_marked_as_english(make_site):
    """With no Polish explainer wording, a Polish reader gets the English question, marked as English."""
    site = make_site()
    (site / "explainer" / "pl.yaml").unlink()
    client = create_app({"CONTENT_DIR": site, "TESTING": True}).test_client()
    body = client.get("/pl/check/who").get_data(as_text=True)
    assert one(body, "html")["lang"] == "pl"
    assert language(one(body, "legend")) == "en"
    assert direction(one(body, "legend")) == "ltr"
    one(body, 'form[action="/pl/check/who"]')


