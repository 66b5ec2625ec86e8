"""Spoken-output journeys on the fixture site: moving by landmarks on every page type, and by headings
through a content page, an Easy Read page, a use and the search results, in English, Polish and Urdu.

The transcripts in e2e/transcripts/ are reviewed like code: `make e2e-update` rewrites them; read the diff.
"""

from __future__ import annotations

from functools import cache

import pytest
from babel.messages.mofile import read_mo

from e2e.journeys import JOURNEYS, answer_by_mouse
from e2e.pages import LANGUAGES, url_in
from e2e.spoken import ROOT, ScreenReader, assert_transcript

LANDMARK_PAGES = {
    "home": "/",
    "content": "/about",
    "easy-read": "/easy-read/about",
    "glossary": "/glossary",
    "guide": "/use",
    "guide-item": "/use/gym",
    "guide-category": "/use/category/wellbeing",
    "lookup": "/use?q=gym",
    "search": "/search?q=direct+payment",
    "not-found": "/no-such-page",
    "explainer-start": "/check",
}
HEADING_PAGES = {
    "content": "/about",
    "easy-read": "/easy-read/about",
    "guide-item": "/use/gym",
    "search": "/search?q=direct+payment",
}
LANDMARK_ROLES = ("banner", "navigation", "main", "contentinfo", "region", "search", "complementary", "form")


@cache
def catalog(lang: str) -> dict[str, str]:
    """The interface strings of a language: English msgid -> translation."""
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.mo", "rb") as file:
        return {m.id: m.string for m in read_mo(file) if isinstance(m.id, str) and m.id}


def landmarks(reader: ScreenReader, label: str | None = None) -> list[str]:
    reader.arrive(label)
    stops = reader.walk("moveToNextLandmark", "next landmark (D in NVDA, R in JAWS)")
    return [stop[0] for stop in stops]


def translate(lang: str, text: str) -> str:
    return text if lang == "en" else catalog(lang)[text]


def explainer_pages(page, base: str, reader: ScreenReader, lang: str) -> list[str]:
    """Landmarks on each explainer page type: a question, its error, check answers, a result, cleared."""
    heard = []
    page.goto(base + "/check")
    page.locator("main a.govuk-button").click()
    heard += landmarks(reader, "explainer question")
    page.locator("form:has(fieldset) button[type=submit]").click()
    heard += landmarks(reader, "explainer question with an error")
    answer_by_mouse(page, JOURNEYS["children_services"], translate(lang, "Continue"))
    heard += landmarks(reader, "check your answers")
    page.locator("main a.govuk-button").click()
    heard += landmarks(reader, "explainer result")
    page.locator("form.app-clear-answers button").click()
    heard += landmarks(reader, "answers cleared")
    return heard


def assert_named_in(lang: str, spoken: list[str]) -> None:
    """Every landmark's name is in the page's language: none is an English interface string left untranslated."""
    if lang == "en":
        return
    untranslated = {msgid for msgid, text in catalog(lang).items() if text != msgid}
    for phrase in spoken:
        role, _, name = phrase.partition(", ")
        assert not phrase.startswith("[en]"), f"a landmark in English on a {lang} page: {phrase}"
        if role in LANDMARK_ROLES and name:
            assert name not in untranslated, f"landmark name in English on a {lang} page: {phrase}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_moving_by_landmarks_on_every_page_type(page, fixture_url, lang):
    reader = ScreenReader(page)
    spoken = []
    for path in LANDMARK_PAGES.values():
        page.goto(fixture_url + url_in(lang, path))
        spoken += landmarks(reader)
    spoken += explainer_pages(page, fixture_url + url_in(lang, ""), reader, lang)
    roles = [phrase.partition(", ")[0] for phrase in spoken]
    pages = len(LANDMARK_PAGES) + 5
    for role in ("banner", "main", "contentinfo"):
        assert roles.count(role) == pages, f"{role}: {roles.count(role)} of {pages} pages"
    assert_named_in(lang, spoken)
    assert_transcript(f"landmarks-{lang}", reader.lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_moving_by_headings(page, fixture_url, lang):
    reader = ScreenReader(page)
    for path in HEADING_PAGES.values():
        page.goto(fixture_url + url_in(lang, path))
        reader.arrive()
        stops = reader.walk("moveToNextHeading", "next heading (H)")
        levels = [stop[0] for stop in stops if stop[0].split("] ", 1)[-1].startswith("heading, ")]
        assert len(levels) == len(stops), stops
        assert sum(line.endswith("level 1") for line in levels) == 1, f"{path}: one h1, heard {levels}"
    assert_transcript(f"headings-{lang}", reader.lines)
