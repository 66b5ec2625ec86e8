"""'Is this page useful?' on the fixture site (with the tiny guide), stored in SQLite and in a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import textwrap
import uuid

import pytest
from bs4 import BeautifulSoup

from app import create_app
from app.feedback import Entry
from bench.client import InProcess, walk_explainer
from tests.conftest import fixture_site
from tests.guide.conftest import GUIDE_FILES

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
EVERYTHING = dt.date(2000, 1, 1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def feedback_app(request, tmp_path_factory):
    root = fixture_site(tmp_path_factory.mktemp("feedback") / "content")
    for name, text in GUIDE_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    settings = root / "settings.yaml"
    settings.write_text(settings.read_text().replace("languages: [en, pl]", "languages: [en, pl, ur]"))
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db')}/feedback.sqlite3"
    else:
        url = request.getfixturevalue("postgres_server").new_database()
    return create_app({"CONTENT_DIR": root, "TESTING": True, "DATABASE_URL": url})


@pytest.fixture()
def fb(feedback_app):
    store = feedback_app.extensions["dp_feedback"]
    store.delete_before(dt.date(9999, 12, 31))
    return feedback_app.test_client()


def stored(client) -> list[Entry]:
    return client.application.extensions["dp_feedback"].entries(EVERYTHING)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def post(client, url="/feedback", headers=None, **form):
    return client.post(url, data=form, headers={**SAME_SITE, **(headers or {})})


@pytest.mark.parametrize(("url", "action", "path"), [
    ("/", "/feedback", "/"),
    ("/about", "/feedback", "/about"),
    ("/pl/about", "/pl/feedback", "/about"),
    ("/ur/paying", "/ur/feedback", "/paying"),
    ("/easy-read/about", "/feedback", "/easy-read/about"),
    ("/easy-read", "/feedback", "/easy-read"),
    ("/glossary", "/feedback", "/glossary"),
    ("/use", "/feedback", "/use"),
    ("/pl/use/gym", "/pl/feedback", "/use/gym"),
    ("/search?q=paying", "/feedback", "/search"),
    ("/use?q=gym", "/feedback", "/use"),
])
def test_every_kind_of_page_asks_is_this_page_useful(fb, url, action, path):
    page = soup(fb.get(url))
    section = page.select_one("section#feedback")
    assert section["aria-labelledby"] == "feedback-heading"
    forms = section.select("form")
    assert [form["action"] for form in forms] == [action, action]
    assert all(form["method"] == "post" for form in forms)
    assert {field["value"] for field in section.select("input[name=path]")} == {path}
    buttons = forms[0].select("button")
    assert [button["value"] for button in buttons] == ["yes", "no"]
    assert all(button.select_one("span.govuk-visually-hidden") for button in buttons)  # "Yes this page is useful"
    if action == "/feedback":
        assert [button.get_text() for button in buttons] == ["Yes this page is useful", "No this page is not useful"]
    assert section.select_one("details summary").get_text(strip=True)
    assert section.select_one("textarea#feedback-comment")
    assert not section.select_one("textarea[maxlength]")  # too long is refused kindly, never cut short
    honeypots = section.select("input[name=website]")
    assert len(honeypots) == 2 and all(hp.find_parent("div").has_attr("hidden") for hp in honeypots)
    assert page.select_one(".govuk-phase-banner a")["href"] == "#feedback"


def test_the_search_is_kept_so_the_reader_returns_to_their_results(fb):
    section = soup(fb.get("/search?q=paying&page=2")).select_one("section#feedback")
    assert {field["value"] for field in section.select("input[name=q]")} == {"paying"}
    reply = post(fb, path="/search", q="paying", page="2", answer="yes")
    assert reply.headers["Location"] == "/search?q=paying&page=2&feedback=thanks#feedback"
    assert stored(fb) == [Entry(dt.date.today(), "/search", "en", "yes")]  # never the query


def test_the_explainer_result_asks_but_its_questions_never_do(fb):
    walk = walk_explainer(InProcess(fb), start="/check/" + fb.application.extensions["dp_flow"].start)
    pages = {path: BeautifulSoup(reply.body, "html.parser") for path, reply in walk if reply.status == 200}
    result = pages.pop("/check/result")
    assert result.select_one("section#feedback input[name=path]")["value"] == "/check/result"
    for path, page in pages.items():
        if path.startswith("/check/"):
            assert not page.select("section#feedback, form[action$='/feedback']"), path
            assert page.select_one(".govuk-phase-banner a")["href"] == "/contact", path
    assert post(fb, path="/check/result", answer="no").headers["Location"] == "/check/result?feedback=no#feedback"
    question = next(path for path in pages if path.startswith("/check/") and path != "/check/answers")
    assert post(fb, path=question, answer="no").status_code == 400
    assert len(stored(fb)) == 1


def test_yes_is_stored_and_the_reader_returns_to_the_page_thanked(fb):
    reply = post(fb, path="/about", answer="yes", comment="ignored for a yes")
    assert reply.status_code == 303
    assert reply.headers["Location"] == "/about?feedback=thanks#feedback"
    assert "Set-Cookie" not in reply.headers
    assert stored(fb) == [Entry(dt.date.today(), "/about", "en", "yes", None)]
    section = soup(fb.get(reply.headers["Location"])).select_one("section#feedback")
    assert section.select_one("h2").get_text() == "Thank you for your feedback"
    assert not section.select("form")


def test_no_thanks_and_asks_what_was_missing(fb):
    reply = post(fb, url="/pl/feedback", path="/about", answer="no")
    assert reply.headers["Location"] == "/pl/about?feedback=no#feedback"
    assert stored(fb) == [Entry(dt.date.today(), "/about", "pl", "no", None)]
    section = soup(fb.get(reply.headers["Location"])).select_one("section#feedback")
    assert section.select_one("h2").get_text() == "Dziękujemy za Twoją opinię"
    form = section.select_one("form")
    assert form["action"] == "/pl/feedback"
    assert form.select_one("button[value=problem]") and form.select_one("textarea#feedback-comment")


def test_a_problem_report_is_stored_without_personal_details(fb):
    comment = "I could not find the form. Email jo@example.com or ring 07700 900123, NHS 943 476 5919."
    reply = post(fb, url="/ur/feedback", path="/paying", answer="problem", comment=comment)
    assert reply.headers["Location"] == "/ur/paying?feedback=thanks#feedback"
    [entry] = stored(fb)
    assert entry == Entry(dt.date.today(), "/paying", "ur", "problem",
                          "I could not find the form. Email [email address removed] or ring [phone number removed], "
                          "NHS [NHS number removed].")


def test_an_empty_problem_report_still_counts(fb):
    post(fb, path="/easy-read/about", answer="problem", comment="   ")
    assert stored(fb) == [Entry(dt.date.today(), "/easy-read/about", "en", "problem", None)]


def test_a_comment_over_1200_characters_is_refused_kindly_keeping_what_was_typed(fb):
    typed = "The page does not say what happens if I move to another council. " * 20  # 1,300 characters
    reply = post(fb, path="/about", answer="problem", comment=typed)
    assert reply.status_code == 400
    assert reply.headers["Cache-Control"] == "no-store"
    page = soup(reply)
    assert page.select_one("textarea#feedback-comment").get_text() == typed
    summary = page.select_one(".govuk-error-summary a")
    assert summary["href"] == "#feedback-comment"
    assert summary.get_text(strip=True) == (
        "Your message has 1,300 characters. Make it 1,200 characters or fewer, then send it again.")
    assert page.select_one("title").get_text().startswith("Error:")
    assert page.select_one("main a[href='/about']").get_text() == "Go back to the page"
    assert stored(fb) == []
    assert post(fb, path="/about", answer="problem", comment="x" * 1200).status_code == 303


def test_posts_from_other_sites_are_refused_keeping_what_was_typed(fb):
    reply = post(fb, path="/about", answer="problem", comment="my words", headers={"Sec-Fetch-Site": "cross-site"})
    assert reply.status_code == 403
    assert soup(reply).select_one("textarea#feedback-comment").get_text() == "my words"
    no_fetch = fb.post("/feedback", data={"path": "/about", "answer": "yes"}, headers={"Origin": "https://evil.example"})
    assert no_fetch.status_code == 403
    assert stored(fb) == []


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(fb):
    reply = post(fb, path="/about", answer="problem", comment="buy now", website="https://spam.example")
    assert reply.headers["Location"] == "/about?feedback=thanks#feedback"
    assert stored(fb) == []


@pytest.mark.parametrize("form", [
    {"path": "/nowhere", "answer": "yes"},
    {"path": "//evil.example/about", "answer": "yes"},
    {"path": "https://evil.example/", "answer": "yes"},
    {"path": "/easy-read/paying", "answer": "yes"},
    {"path": "/use/nothing-like-this", "answer": "yes"},
    {"path": "/feedback", "answer": "yes"},
    {"path": "/check/answers", "answer": "yes"},
    {"path": "/healthz", "answer": "yes"},
    {"path": "/about", "answer": "maybe"},
    {"path": "/about"},
    {"answer": "yes"},
    {"path": "/" + "a" * 300, "answer": "yes"},
])
def test_anything_but_a_real_page_and_answer_is_a_bad_request(fb, form):
    assert post(fb, **form).status_code == 400
    assert stored(fb) == []


def test_nginx_sending_a_post_twice_stores_it_once(fb):
    request_id = {"X-Request-Id": uuid.uuid4().hex}
    assert post(fb, path="/about", answer="no", headers=request_id).status_code == 303
    assert post(fb, path="/about", answer="no", headers=request_id).status_code == 303
    assert len(stored(fb)) == 1


def test_nothing_about_the_person_is_stored_or_set(fb):
    reply = post(fb, path="/about", answer="problem", comment="hello",
                 headers={"User-Agent": "UA-MARKER", "X-Forwarded-For": "203.0.113.9", "Cookie": "x=COOKIE-MARKER"})
    assert "Set-Cookie" not in reply.headers
    store = fb.application.extensions["dp_feedback"]
    with store.engine.connect() as connection:
        rows = [tuple(map(str, row)) for row in connection.exec_driver_sql("SELECT * FROM feedback").all()]
    assert len(rows) == 1
    text = " ".join(rows[0])
    for marker in ("UA-MARKER", "203.0.113.9", "COOKIE-MARKER", "127.0.0.1", ":"):
        assert marker not in text  # ":" would be a time of day


def test_the_thank_you_is_never_kept_in_the_page_cache(fb):
    assert "Is this page useful?" in fb.get("/paying").get_data(as_text=True)
    assert "Is this page useful?" in fb.get("/paying").get_data(as_text=True)  # from memory now
    thanked = fb.get("/paying?feedback=thanks").get_data(as_text=True)
    assert "Thank you for your feedback" in thanked and "Is this page useful?" not in thanked
    again = fb.get("/paying").get_data(as_text=True)
    assert "Is this page useful?" in again and "Thank you for your feedback" not in again


def test_with_the_database_stopped_pages_still_serve_and_the_form_says_try_later(postgres_server, fixture_content):
    app = create_app({"CONTENT_DIR": fixture_content, "TESTING": True, "DATABASE_URL": postgres_server.url})
    client = app.test_client()
    assert post(client, path="/about", answer="yes").status_code == 303
    postgres_server.stop()
    try:
        for url in ("/", "/about", "/pl/about", "/easy-read/about", "/glossary", "/search?q=pay"):
            assert client.get(url).status_code == 200, url
        reply = post(client, path="/about", answer="problem", comment="Please keep my words")
        assert reply.status_code == 503
        assert reply.headers["Retry-After"]
        page = soup(reply)
        assert page.select_one("h1").get_text() == "Sorry, we could not save your feedback"
        assert "Please try again later." in page.get_text()
        assert page.select_one("textarea#feedback-comment").get_text() == "Please keep my words"
        yes = post(client, url="/pl/feedback", path="/about", answer="yes")
        assert yes.status_code == 503
        assert soup(yes).select_one("h1").get_text() == "Przepraszamy, nie udało się zapisać Twojej opinii"
    finally:
        postgres_server.start()
    assert post(client, path="/about", answer="problem", comment="Please keep my words").status_code == 303
