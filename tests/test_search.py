"""Site search: ranking, languages, safe highlighting, kind answers, privacy, and odd input that never fails."""

from __future__ import annotations

import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import create_app
from app.config import PROJECT_ROOT
from app.search import (
    MAX_QUERY_LENGTH,
    Document,
    SearchIndex,
    check_synonyms,
    html_text,
    page_sections,
    query_terms,
)
from app.synonyms import Synonyms, Words
from tests.html import classes, none, one, select, text

FTS_SYNTAX = ['"', '""', '"gym', "*", "gym*", "NEAR(", "NEAR(gym care)", "AND", "OR", "NOT", "gym AND", "- gym",
              "-", "^gym", "title:gym", "{title}: gym", "(", ")", "'", ";", "--", "DROP TABLE docs;", "\\", "\x00",
              "\ue000", "\ue001gym\ue000", "%", "_", "+", "gym + care", ":", "🙂", "ąęłśż", "اردو", "ｇｙｍ"]


@pytest.fixture(scope="module")
def app_real():
    return create_app({"TESTING": True})


@pytest.fixture(scope="module")
def index(app_real) -> SearchIndex:
    return app_real.extensions["dp_search"]


@pytest.fixture()
def client_real(app_real):
    return app_real.test_client()


def paths(results) -> list[str]:
    return [hit.path for hit in results.hits]


# Ranking sanity: the obvious page comes first.

@pytest.mark.parametrize(
    ("query", "first"),
    [("gym", "/use/gym"), ("taxi", "/use/taxi"), ("payroll service", "/use/payroll"), ("dog walker", "/use/dog-walker"),
     ("what is a direct payment", "/what-is-a-direct-payment"), ("eligible needs check", "/check"),
     ("care home", "/use/care-home"), ("home care", "/use/home-care-agency")],
)
def test_the_obvious_result_comes_first(index, query, first):
    assert paths(index.search(query, "en"))[0] == first


def test_titles_count_more_than_body_text(index):
    top = paths(index.search("insurance", "en"))[:3]
    assert "/use/insurance" in top


def test_stemming_finds_other_forms_of_a_word(index):
    assert any("/use/payroll" in paths(index.search(word, "en")) for word in ("payslip", "payslips"))
    assert index.search("assistants", "en").total == index.search("assistant", "en").total


def test_every_kind_of_document_is_searchable(index, app_real):
    kinds = {hit.kind for page in range(1, 6) for hit in index.search("care", "en", page).hits}
    expected = {"page", "use"}
    site = app_real.extensions["dp_site"]
    if site.easy_read:
        expected.add("easy_read")
    if site.glossary:
        expected.add("glossary")
    assert expected <= kinds | _kinds_for_each_title(index, site)


def _kinds_for_each_title(index, site) -> set[str]:
    """Each Easy Read page and glossary term can be found by its own title."""
    found = set()
    for page in site.easy_read.values():
        if any(hit.path == f"/easy-read/{page.slug}" for hit in index.search(page.title, "en").hits):
            found.add("easy_read")
    if site.glossary:
        term = site.glossary.terms[0]
        if any(hit.path == f"/glossary#{term.id}" for hit in index.search(term.term, "en").hits):
            found.add("glossary")
    return found


def test_search_is_in_the_current_language_with_english_where_a_translation_is_missing(partly_translated_app):
    index = partly_translated_app.extensions["dp_search"]
    polish = index.search("płatności", "pl")
    assert polish.total and all(hit.text_lang == "pl" for hit in polish.hits[:3])
    assert index.search("płatności", "en").total == 0
    english_in_polish = index.search("dog walker", "pl")  # a use whose translation was taken out
    assert "/use/dog-walker" in paths(english_in_polish)
    assert all(hit.text_lang == "en" for hit in english_in_polish.hits)
    translated_use = index.search("gym", "pl")  # a translated use: found by its English keyword, shown in Polish
    assert {hit.path: hit.text_lang for hit in translated_use.hits}["/use/gym"] == "pl"


def test_matches_are_highlighted_as_pieces_never_as_html():
    idx = SearchIndex.build(
        [Document("page", "/x", "en", "en", "A <b>gym</b> page", "Text with <script>gym</script> in it.")]
    )
    hit = idx.search("gym", "en").hits[0]
    assert ("gym", True) in hit.title and ("gym", True) in hit.snippet
    # plain text pieces, escaped by the template
    assert "".join(words for words, _ in hit.snippet) == "Text with <script>gym</script> in it."


def test_results_pages(index):
    first, second = index.search("care", "en", 1), index.search("care", "en", 2)
    assert first.total > 10 and first.pages > 1 and len(first.hits) == 10
    assert set(paths(first)).isdisjoint(paths(second))
    assert index.search("care", "en", 9999).page == first.pages  # a page past the end shows the last one
    assert index.search("care", "en", -3).page == 1


def test_a_document_with_any_of_the_words_is_found(index):
    assert "/use/gym" in paths(index.search("gym xylophone", "en"))


def _docs(*titles_and_bodies, lang="en"):
    return [Document("page", f"/p{n}", lang, lang, title, body) for n, (title, body) in enumerate(titles_and_bodies)]


def test_a_question_ranks_the_page_with_its_meaningful_words_first():
    idx = SearchIndex.build(_docs(
        ("Ways to manage the money", "How you can get a direct payment paid into a bank account. " * 20),
        ("How to get a direct payment", "Ask your council for an assessment. " * 40),
        ("Getting to work", "Get support at work."),
    ))
    assert paths(idx.search("how do i get a direct payment?", "en"))[0] == "/p1"


def test_a_page_is_cut_into_its_sections_at_each_second_level_heading():
    html = ('<p>Intro.</p><h2 class="x" id="going-into-hospital">Going into <em>hospital</em></h2><p>Tell us.</p>'
            '<h3 id="short-stays">Short stays</h3><p>Fine.</p><h2 id="moving">Moving</h2><p>Call.</p>')
    assert [(anchor, heading, html_text(part)) for anchor, heading, part in page_sections(html)] == [
        ("going-into-hospital", "Going into hospital", "Tell us. Short stays Fine."), ("moving", "Moving", "Call."),
    ]
    assert list(page_sections("<p>No headings.</p>")) == []


def _page_with_sections(path, title, intro, *sections):
    yield Document("page", path, "en", "en", title, " ".join([intro, *(f"{h} {b}" for h, b in sections)]))
    for heading, body in sections:
        anchor = heading.lower().replace(" ", "-")
        yield Document("page", f"{path}#{anchor}", "en", "en", heading, body, title, page_title=title)


def test_an_answer_inside_a_long_page_is_found_as_its_section_and_each_page_comes_once():
    filler = "Your council must meet your eligible needs in another way. " * 30
    idx = SearchIndex.build([
        *_page_with_sections(
            "/stopping", "Stopping a direct payment", filler,
            ("If you want to stop", filler), ("Going into hospital", "Tell the council when you go into hospital."),
        ),
        Document("page", "/health", "en", "en", "Health care", filler + "A hospital is health care."),
    ])
    results = idx.search("direct payment while in hospital", "en")
    first = results.hits[0]
    assert (first.path, first.page_path, first.page_title) == (
        "/stopping#going-into-hospital", "/stopping", "Stopping a direct payment",
    )
    assert ("hospital", True) in first.snippet
    assert [hit.page_path for hit in results.hits] == ["/stopping", "/health"] and results.total == 2


def test_a_best_bet_pins_the_whole_page_not_one_of_its_sections():
    words = Words({}, {"hospital": ("/stopping",)}, {})
    idx = SearchIndex.build([
        *_page_with_sections("/stopping", "Stopping", "Intro.", ("Going into hospital", "Tell the council.")),
        Document("page", "/health", "en", "en", "Hospital", "Hospital hospital."),
    ], Synonyms("content/synonyms.yaml", {"en": words}))
    results = idx.search("hospital", "en")
    assert [hit.path for hit in results.hits] == ["/stopping", "/health"] and results.hits[0].best_bet


def test_synonyms_add_the_sites_words_and_best_bets_come_first():
    words = Words({"clawback": "unspent money"}, {"complain": ("/p2",)}, {})
    synonyms = Synonyms("content/synonyms.yaml", {"en": words})
    idx = SearchIndex.build(_docs(
        ("Unspent money", "When the council asks for money back."),
        ("Keeping records", "Records of what you spend."),
        ("Complaints", "How to make a complaint."),
        ("Complain about a care agency", "complain complain complain"),
    ), synonyms)
    assert paths(idx.search("what is clawback", "en"))[0] == "/p0"
    complain = idx.search("how do I complain", "en")
    assert paths(complain)[:2] == ["/p2", "/p3"] and complain.hits[0].best_bet and not complain.hits[1].best_bet


def test_the_content_check_names_synonyms_and_best_bets_that_lead_nowhere():
    words = Words(
        {"clawback": "unspent money", "surplus": "leftover cash"},
        {"complain": ("/p0", "/nowhere")},
        {("synonyms", "clawback"): 3, ("synonyms", "surplus"): 4, ("best_bets", "complain"): 6},
    )
    idx = SearchIndex.build(_docs(("Unspent money", "Money back.")))
    problems = [str(p) for p in check_synonyms(idx, Synonyms("content/synonyms.yaml", {"en": words}))]
    assert problems == [
        "content/synonyms.yaml:4: 'leftover cash' has words no en page or use contains (leftover, cash), "
        "so 'surplus' would find nothing more",
        "content/synonyms.yaml:6: '/nowhere' is not the address of a page or use",
    ]


def test_polish_words_are_found_in_other_forms_and_without_their_accents():
    idx = SearchIndex.build(_docs(("Siłownia", "Możesz zapłacić za siłownię."), lang="pl"))
    for typed in ("siłownia", "siłowni", "silownie", "SIŁOWNIĘ"):
        assert paths(idx.search(typed, "pl")) == ["/p0"], typed


def test_a_misspelling_gets_a_suggestion(index):
    results = index.search("holliday", "en")
    assert results.total == 0 and results.suggestion == "holiday"


def test_html_to_text():
    assert html_text('<p class="x">One&nbsp;<strong>two</strong></p><ul><li>three</li></ul>') == "One two three"


def test_queries_are_quoted_words_only_and_capped():
    terms, _ = query_terms('NEAR("gym" care*) AND -pool', "en", ())
    assert terms[:4] == ['"near"', '"gym"', '"care"', '"pool"'] and all(re.fullmatch(r'"[\w ]+"', t) for t in terms)
    assert len(query_terms(" ".join(f"word{n}" for n in range(500)), "en", ())[0]) == 8


def test_suggestions_only_for_a_few_short_unknown_words(index):
    assert index.search("holliday", "en").suggestion == "holiday"
    assert index.search("holliday gimm taxy masage", "en").suggestion is None  # four unknown words: no guessing
    assert index.search("h" * 25, "en").suggestion is None


@pytest.mark.parametrize("query", FTS_SYNTAX)
def test_fts_syntax_and_odd_characters_never_fail(index, query):
    for lang in ("en", "pl", "ur"):
        index.search(query, lang)


def test_a_huge_query_is_cut(index):
    results = index.search("care " * 10_000, "en")
    assert results.too_long and len(results.query) <= MAX_QUERY_LENGTH and results.total


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=250), st.sampled_from(["en", "pl", "ur"]), st.integers(min_value=-5, max_value=50))
def test_any_query_at_all_never_fails(index, query, lang, page):
    results = index.search(query, lang, page)
    assert results.total >= len(results.hits)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(FTS_SYNTAX + ["care", "gym", "home", "pay"]), max_size=10))
def test_fts_syntax_mixed_with_real_words_never_fails(index, parts):
    index.search(" ".join(parts), "en")


def test_each_thread_gets_its_own_connection(index):
    errors: list[Exception] = []

    def run():
        try:
            for _ in range(50):
                assert index.search("care home", "en").total
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# The /search page.

def test_search_page_announces_the_count_in_its_h1_and_title(client_real):
    response = client_real.get("/search?q=taxi")
    body = response.get_data(as_text=True)
    count = re.fullmatch(r"(\d+) results? for ‘taxi’", text(one(body, "h1")))
    assert count and int(count[1]) >= 1
    assert re.match(r"\d+ results? for ‘taxi’ – ", text(one(body, "title")))
    assert select(body, "mark.app-search__match")
    assert select(body, 'a[href="/use/taxi"]')


def test_search_page_without_a_query_is_a_cacheable_form(client_real):
    response = client_real.get("/search")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "public, max-age=300"
    body = response.get_data(as_text=True)
    assert "govuk-label--s" in classes(one(body, 'label.govuk-label[for="search-q"]'))
    none(body, '[id="site-search-q"]')  # no second search box in the header here


@pytest.mark.parametrize(
    "url", ["/search?q=care", "/search?q=", "/search?q=zzzz", "/pl/search?q=care", "/search?q=care&page=2"]
)
def test_pages_with_a_query_are_never_stored(client_real, url):
    response = client_real.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers and "Set-Cookie" not in response.headers


def test_empty_too_long_and_no_result_queries_are_answered_kindly(client_real):
    empty = client_real.get("/search?q=").get_data(as_text=True)
    assert "Type a word or two to search for" in empty
    long = client_real.get("/search", query_string={"q": "care " * 1000}).get_data(as_text=True)
    assert "we only used the first 100 characters" in long
    nothing = client_real.get("/search?q=xylophone").get_data(as_text=True)
    assert "No results for ‘xylophone’" in nothing and "What you can do next" in nothing
    assert select(nothing, 'a[href="/use?q=xylophone"]')


@pytest.mark.parametrize("query", ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "care</mark><b>"])
def test_queries_are_escaped_on_the_page(client_real, query):
    body = client_real.get("/search", query_string={"q": query}).get_data(as_text=True)
    assert "<script>alert" not in body and "<img src=x" not in body and "</mark><b>" not in body


@pytest.mark.parametrize("query", FTS_SYNTAX)
def test_the_page_never_fails_on_odd_input(client_real, query):
    assert client_real.get("/search", query_string={"q": query, "page": "x"}).status_code == 200


def test_the_header_search_box_works_without_javascript(client_real):
    body = client_real.get("/what-is-a-direct-payment").get_data(as_text=True)
    form = one(body, "form.app-site-search")
    assert (form["action"], form["method"], form["role"]) == ("/search", "get", "search")
    label = one(form, 'label[for="site-search-q"]')
    assert text(label) == "Search this site" and {"govuk-label", "govuk-visually-hidden"} <= classes(label)


def test_queries_are_never_logged():
    """gunicorn logs the path only (%(U)s), never the query string (%(q)s) or the request line (%(r)s)."""
    config = (PROJECT_ROOT / "deploy" / "gunicorn.conf.py").read_text()
    log_format = re.search(r"access_log_format = (.+)", config)[1]
    assert "%(U)s" in log_format
    assert "%(q)s" not in log_format and "%(r)s" not in log_format and "%(f)s" not in log_format


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["/search", "/use", "/pl/search", "/ur/use"]))
def test_any_query_in_the_address_gets_a_page(app_real, query, path):
    response = app_real.test_client().get(path, query_string={"q": query})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_urdu_letters_with_a_hamza_are_kept_whole_as_the_index_keeps_them():
    """"کیئرر" (carer) and "الاؤنس" (allowance): decomposing "ئ" or "ؤ" would lose the hamza the
    index keeps, and the query would never match; the optional vowel marks are still dropped."""
    from app.words import normalise

    assert normalise("کیئرر الاؤنس") == "کیئرر الاؤنس"
    assert normalise("براہِ") == "براہ"
    assert normalise("Siłownia Café") == "silownia cafe"


def test_a_section_result_links_to_its_heading_and_names_its_page(make_site):
    from tests.conftest import VALID_FRONT, page_text

    body = "Intro.\n\n## Going into hospital\n\nTell the council when you go into hospital.\n\n## Moving\n\nCall us.\n"
    front = VALID_FRONT.replace("title: A page", "title: Stopping a payment")
    client = create_app({"CONTENT_DIR": make_site({"pages/stopping.md": page_text(front, body)}), "TESTING": True})
    client = client.test_client()
    for prefix in ("", "/pl"):
        page = client.get(f"{prefix}/search?q=hospital").get_data(as_text=True)
        link = one(page, f'.app-search__title a[href="{prefix}/stopping#going-into-hospital"]')
        assert text(link) == "Stopping a payment: Going into hospital"
        assert len(select(page, f'.app-search__title a[href^="{prefix}/stopping"]')) == 1  # the page comes once
