"""Language of parts (WCAG 3.1.2) on Polish and Urdu pages, on fixture content.

Every piece of English on a translated page is marked English, so that a screen reader switches
voice: the council's and the service's names from settings, official terms in brackets, and links
that lead to a page with no translation (which also say so in the reader's language). In Urdu,
every Latin run is isolated as well, so it is drawn in the right order.
"""

from __future__ import annotations

import re

import pytest
from bs4 import Comment, NavigableString

from app import create_app
from app.untranslated_links import mark_bracketed_english, mark_english_links
from tests.conftest import VALID_FRONT, page_text
from tests.html import one, parse, select

TRANSLATED = """
title: Strona
description: Strona testowa.
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: Test team
translation:
  status: draft
  source_reviewed: 2026-11-01
"""
BODY_PL = """
Zapytaj samorząd o ocenę potrzeb (needs assessment). Możesz też zadzwonić (tylko raz).

Zobacz [o nas](about.md), [płacenie](paying.md) i [stronę główną](index.md).
"""
BODY_UR = """
اپنی کونسل سے ضروریات کا جائزہ (needs assessment) مانگیں۔ NHS کی مدد بھی ملتی ہے۔

دیکھیں [ہمارے بارے میں](about.md) اور [ادائیگی](paying.md)۔
"""
# Words that are English and almost never Polish: a Polish text node holding one is English left unmarked.
ENGLISH_ONLY = re.compile(r"\b(the|and|your|you|of|with|what|how|this|guide|council|breadcrumb)\b", re.IGNORECASE)
LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from tests.conftest import fixture_site

    root = fixture_site(tmp_path_factory.mktemp("parts") / "content")
    settings = root / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("languages: [en, pl]", "languages: [en, pl, ur]"))
    (root / "pages" / "terms.md").write_text(
        page_text(VALID_FRONT, "See [about](about.md). Ask for a needs assessment.\n"), encoding="utf-8"
    )
    (root / "pages" / "terms.pl.md").write_text(page_text(TRANSLATED, BODY_PL), encoding="utf-8")
    urdu_front = TRANSLATED.replace("Strona testowa.", "آزمائشی صفحہ۔").replace("Strona", "صفحہ")
    (root / "pages" / "terms.ur.md").write_text(page_text(urdu_front, BODY_UR), encoding="utf-8")
    return create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()


def language_of(node) -> str | None:
    for parent in node.parents:
        if parent.get("lang"):
            return parent["lang"]
    return None


def unmarked_text(body, lang: str) -> list[str]:
    """Text on the page that the page's own language covers (no closer lang), outside user input (<bdi>)."""
    found = []
    for node in parse(body).body.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if node.parent.name in ("script", "style") or node.find_parent("bdi", lang=False):
            continue
        if node.strip() and language_of(node) == lang:
            found.append(node.strip())
    return found


@pytest.mark.parametrize(
    "path", ["/pl/", "/pl/terms", "/pl/about", "/pl/paying", "/pl/search?q=test", "/pl/glossary", "/pl/easy-read/about"]
)
def test_no_english_is_left_unmarked_on_polish_pages(client, path):
    response = client.get(path)
    assert response.status_code == 200
    english = [text for text in unmarked_text(response.data, "pl") if ENGLISH_ONLY.search(text)]
    assert english == []


@pytest.mark.parametrize(
    "path", ["/ur/", "/ur/terms", "/ur/about", "/ur/search?q=test", "/ur/glossary", "/ur/easy-read/about"]
)
def test_every_latin_run_on_urdu_pages_is_marked_and_isolated(client, path):
    response = client.get(path)
    assert response.status_code == 200
    latin = [text for text in unmarked_text(response.data, "ur") if LATIN.search(text)]
    assert latin == []


def test_settings_names_are_marked_english_on_translated_pages(client):
    for prefix, tag in (("/pl", "span"), ("/ur", "bdi")):
        body = client.get(f"{prefix}/terms").data
        for name in ("Testshire Council", "Test guide"):
            shown = list(parse(body).body.find_all(string=re.compile(name)))
            assert shown and all(node.parent.name == tag and node.parent["lang"] == "en" for node in shown)
    english = client.get("/terms").data
    names = parse(english).body.find_all(string=re.compile("Testshire Council|Test guide"))
    assert names and not any(node.parent.get("lang") for node in names)  # nothing to mark on an English page


def test_bracketed_english_terms_are_marked_and_polish_asides_are_not(client):
    body = client.get("/pl/terms").data
    marked = [span.get_text() for span in select(body, 'main span[lang="en"]')]
    assert "needs assessment" in marked
    assert "tylko raz" not in marked


def test_links_to_pages_with_no_translation_say_they_are_in_english(client):
    body = client.get("/pl/terms").data
    untranslated = one(body, 'main a[href="/pl/paying"]')
    assert untranslated["hreflang"] == "en"
    assert "(po angielsku)" in untranslated.get_text()
    translated = one(body, 'main a[href="/pl/about"]')
    assert "hreflang" not in translated.attrs and "angielsku" not in translated.get_text()
    urdu = one(client.get("/ur/terms").data, 'main a[href="/ur/paying"]')
    assert urdu["hreflang"] == "en" and "(انگریزی میں)" in urdu.get_text()


def test_a_query_is_isolated_inside_the_sentence_that_quotes_it(client):
    body = client.get("/ur/search?q=care+plan").data
    heading = one(body, "h1")
    assert one(heading, "bdi").get_text() == "care plan"
    assert "<bdi>" not in one(body, "title").get_text()  # the title is plain text


# The two transformations on their own: what is changed and what is left alone.


def test_mark_english_links_leaves_other_languages_and_marked_links_alone():
    html = (
        '<a class="govuk-link" href="/pl/a#part">A</a> <a href="/pl/b">B</a> '
        '<a href="/ur/a">C</a> <a href="https://example.org/a">D</a> <a href="/pl/a" hreflang="en">E</a>'
    )
    marked = parse(mark_english_links(html, "pl", lambda path: path == "a", "(po angielsku)"))
    a, b, c, d, e = select(marked, "a")
    assert a["hreflang"] == "en" and a["href"] == "/pl/a#part" and a.get_text() == "A (po angielsku)"
    assert "hreflang" not in b.attrs and "hreflang" not in c.attrs and "hreflang" not in d.attrs
    assert e.get_text() == "E"


def test_mark_bracketed_english_needs_every_word_to_be_english():
    vocabulary = {"needs", "assessment", "council", "nhs"}
    html = mark_bracketed_english(
        "<p>ocena (needs assessment), (na przykład), (lub nie), (NHS)</p>"
        '<p lang=x><span lang="en">(council)</span></p>',
        lambda word: word.lower() in vocabulary,
    )
    marked = [span.get_text() for span in select(html, 'span[lang="en"]')]
    assert marked == ["needs assessment", "NHS", "(council)"]
