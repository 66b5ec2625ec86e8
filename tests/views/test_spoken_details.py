"""Details a screen reader meets that the browser tests also hear: real links, the error pattern, and no English
left in the hidden words of a Polish or Urdu page. Real content, because only it has Urdu and enough results."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
HIDDEN_ERROR = {"en": "Error:", "pl": "Błąd:", "ur": "خرابی:"}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("path", ["/check", "/pl/check", "/ur/check"])
def test_link_buttons_are_real_links(real_client, path):
    start = soup(real_client.get(path))
    assert start.select("[role=button]") == []
    assert start.select_one("main a.govuk-button.govuk-button--start")["href"].endswith("/check/who")
    real_client.post(path + "/who", data={"who": "myself"}, headers=SAME_SITE)
    for following in [path, path + "/answers"]:
        assert soup(real_client.get(following)).select("[role=button]") == []
    cleared = soup(real_client.post(path + "/clear", headers=SAME_SITE, follow_redirects=True))
    assert cleared.select("[role=button]") == []
    assert cleared.select_one("main a.govuk-button")["href"] == path


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
def test_error_summary_comes_first_and_leads_to_the_question(real_client, lang):
    prefix = "" if lang == "en" else f"/{lang}"
    page = soup(real_client.post(f"{prefix}/check/who", data={}, headers=SAME_SITE))
    main = page.select_one("main")
    first = main.find(True)
    assert first.select_one(".govuk-error-summary") is not None, first
    note = main.select_one(".app-translation-note")
    if note is not None:  # a draft translation: its note comes after the summary
        assert first.sourceline < note.sourceline
    link = page.select_one(".govuk-error-summary a")
    target = page.select_one(link["href"])
    assert target.name == "fieldset" and target["tabindex"] == "-1"
    assert "who-error" in target["aria-describedby"].split()
    assert page.select_one("#who-error .govuk-visually-hidden").get_text(strip=True) == HIDDEN_ERROR[lang]


@pytest.mark.parametrize(("lang", "label"), [("pl", "Ścieżka nawigacji"), ("ur", "آپ کہاں ہیں")])
def test_breadcrumb_is_named_in_the_page_language(real_client, lang, label):
    for path in ["/use/gym", "/use/category/carers", "/use?q=gym"]:
        crumbs = soup(real_client.get(f"/{lang}{path}")).select_one("nav.govuk-breadcrumbs")
        assert crumbs["aria-label"] == label, path


@pytest.mark.parametrize(("lang", "words"), [("pl", ["Poprzednia", "strona", "Następna"]),
                                             ("ur", ["پچھلا", "صفحہ", "اگلا"])])
def test_pagination_words_are_in_the_page_language(real_client, lang, words):
    page = soup(real_client.get(f"/{lang}/search?q=direct+payment&page=2"))
    pagination = page.select_one("nav.govuk-pagination")
    assert pagination is not None, "the query needs more than one page of results"
    text = pagination.get_text(" ", strip=True)
    for word in words:
        assert word in text
    for english in ["Previous", "Next", " page"]:
        assert english not in text
