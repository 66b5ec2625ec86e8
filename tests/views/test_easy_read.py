"""Easy Read pages, their pictures and the glossary, on the fixture site and the real content."""

from __future__ import annotations

import pytest

from app.security import HEADERS
from tests.conftest import FIXTURE_CONTENT
from tests.html import classes, direction, language, one, select, text

YEAR = 365 * 24 * 3600


def test_easy_read_page_shows_each_idea_as_a_picture_and_words(client, app):
    body = client.get("/easy-read/about").get_data(as_text=True)
    digest = app.extensions["dp_site"].pictures["phone"].digest
    assert text(one(body, "h1.govuk-heading-xl")) == "About us (Easy Read)"
    row = one(body, ".app-easy-read__row", with_text="You can phone us.")
    assert [child.name for child in row.find_all(recursive=False)] == ["img", "p"]  # the picture, then its words
    picture = one(row, "img.app-easy-read__picture")
    assert (picture["alt"], picture["src"]) == ("A person on the phone", f"/easy-read/images/phone.svg?v={digest}")
    assert classes(one(row, "p.app-easy-read__text")) == {"govuk-body", "app-easy-read__text"}
    assert "<script" not in body


def test_standard_page_and_easy_read_page_link_to_each_other(client):
    standard = client.get("/about").get_data(as_text=True)
    easy = client.get("/easy-read/about").get_data(as_text=True)
    to_easy = one(standard, "a", with_text="Easy Read version of this page")
    assert (to_easy["href"], to_easy["hreflang"]) == ("/easy-read/about", "en")
    assert one(easy, "a", with_text="Full version of this page")["href"] == "/about"
    assert "Easy Read version of this page" not in client.get("/paying").get_data(as_text=True)


def test_easy_read_in_another_language_is_the_english_page_marked_as_english(client):
    body = client.get("/pl/easy-read/about").get_data(as_text=True)
    assert one(body, "html")["lang"] == "pl"
    heading = one(body, "h1.govuk-heading-xl")
    assert text(heading) == "About us (Easy Read)"
    assert (language(heading), direction(heading)) == ("en", "ltr")
    assert select(body, 'a[href="/pl/about"]')  # the full version in the reader's language
    polish_page = client.get("/pl/about").get_data(as_text=True)
    assert "govuk-link" in classes(one(polish_page, 'a[href="/pl/easy-read/about"][hreflang="en"]'))


def test_easy_read_index_lists_the_pages(client):
    body = client.get("/easy-read").get_data(as_text=True)
    link = one(body, 'a[href="/easy-read/about"]')
    assert text(link) == "About us (Easy Read)" and "govuk-link" in classes(link)


@pytest.mark.parametrize("url", ["/easy-read/paying", "/easy-read/nowhere", "/easy-read/images/nowhere.svg"])
def test_missing_easy_read_pages_and_pictures_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_pictures_are_svg_with_a_long_cache_for_their_current_address(client, app):
    picture = app.extensions["dp_site"].pictures["phone"]
    response = client.get(picture.url)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data.startswith(b"<svg")
    assert response.cache_control.max_age == YEAR
    assert response.cache_control.immutable
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    again = client.get(picture.url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_picture_address_without_its_current_version_is_cached_briefly(client, app):
    response = client.get("/easy-read/images/phone.svg?v=old")
    assert response.status_code == 200
    assert response.cache_control.max_age == app.config["CONTENT_MAX_AGE"]
    assert not response.cache_control.immutable


def test_glossary_lists_terms_alphabetically_each_with_its_own_heading_id(client):
    body = client.get("/glossary").get_data(as_text=True)
    ids = [term["id"] for term in select(body, "h2.app-glossary__term")]
    assert ids == ["care-and-support-plan", "direct-payment", "personal-budget", "support-plan"]
    definition = one(body, "h2#direct-payment").find_next_sibling()
    assert (definition.name, classes(definition)) == ("p", {"govuk-body"})
    assert text(definition) == "Money from the council to arrange your own care and support."


def test_glossary_in_another_language_marks_the_english_terms(client):
    body = client.get("/pl/glossary").get_data(as_text=True)
    assert one(body, "html")["lang"] == "pl"
    terms = select(body, "h2.app-glossary__term")
    assert terms
    assert {(language(term), direction(term)) for term in terms} == {("en", "ltr")}


def test_glossary_links_on_a_page_point_at_terms_that_exist(client):
    page = client.get("/paying").get_data(as_text=True)
    glossary = client.get("/glossary").get_data(as_text=True)
    targets = [link["href"].removeprefix("/glossary#") for link in select(page, "a.govuk-link.app-glossary-link")]
    assert targets == ["direct-payment", "personal-budget", "care-and-support-plan"]
    for target in targets:
        one(glossary, f'[id="{target}"]')


def test_real_easy_read_pages_render_and_link_both_ways(real_app, real_client):
    site = real_app.extensions["dp_site"]
    assert len(site.easy_read) >= 6
    for slug in site.easy_read:
        body = real_client.get(f"/easy-read/{slug}").get_data(as_text=True)
        assert len(select(body, "h1")) == 1
        one(body, f'a[href="/{slug}"]', with_text="Full version of this page")
        standard = real_client.get(f"/{slug}").get_data(as_text=True)
        to_easy = select(standard, f'a[href="/easy-read/{slug}"][hreflang="en"]')
        assert [link for link in to_easy if text(link).startswith("Easy Read version")], slug
        for picture in select(body, "img.app-easy-read__picture"):
            assert picture.get("alt"), picture
            assert real_client.get(picture["src"]).status_code == 200


def test_every_real_glossary_link_has_its_term(real_app, real_client):
    site = real_app.extensions["dp_site"]
    ids = {term.id for term in site.glossary.terms}
    linked = set()
    for slug in site.slugs:
        links = select(site.pages[(slug, "en")].html, "a.app-glossary-link")
        linked |= {link["href"].removeprefix("/glossary#") for link in links}
    assert linked and linked <= ids
    assert real_client.get("/glossary").status_code == 200


EASY_READ_PL = """\
---
title: O nas (tekst łatwy do czytania)
description: O nas, prostymi słowami.
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: Test team
source_reviewed: 2026-11-01
translation:
  status: draft
  source_reviewed: 2026-11-01
---
![Osoba przy telefonie](images/phone.svg)
Możesz do nas zadzwonić.

## Pieniądze {#money}

![Monety](images/coins.svg)
Pieniądze są dla Ciebie.
"""


def test_a_translated_easy_read_page_is_served_in_its_language_as_a_draft(make_site):
    from app import create_app

    root = make_site({"easy-read/about.pl.md": EASY_READ_PL})
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    page = client.get("/pl/easy-read/about").get_data(as_text=True)
    assert text(one(page, "h1")) == "O nas (tekst łatwy do czytania)"
    assert one(page, "html")["lang"] == "pl"
    assert not select(page, 'h1[lang="en"]')
    assert "draft" not in text(one(page, "h1"))
    assert select(page, ".app-translation-note")  # says it is a draft, in the reader's language
    english = client.get("/easy-read/about").get_data(as_text=True)
    assert text(one(english, "h1")) == "About us (Easy Read)"


def test_a_translated_easy_read_page_needs_its_english_page_and_translation_key(make_site):
    from app.load import read_content
    from tests.conftest import TODAY

    root = make_site({
        "easy-read/paying.pl.md": EASY_READ_PL,
        "easy-read/about.pl.md": EASY_READ_PL.replace("  status: draft\n  source_reviewed: 2026-11-01\n", "")
        .replace("translation:\n", ""),
    })
    assert [str(p) for p in read_content(root, TODAY).problems] == [
        "content/easy-read/about.pl.md:1: missing required key 'translation' (status and source_reviewed)",
        "content/easy-read/paying.pl.md:1: translation of an Easy Read page that does not exist: "
        "add easy-read/paying.md first",
    ]


GLOSSARY_PL = """\
last_reviewed: 2026-11-01
review_due: 2027-05-01
owner: Test team
translation: {status: draft, source_reviewed: 2026-11-01}
terms:
  - id: support-plan
    term: Plan wsparcia
    also: [planu wsparcia]
    definition: Plan, który mówi, jak zaspokoić Twoje potrzeby.
  - id: direct-payment
    term: Płatność bezpośrednia
    definition: Pieniądze od rady na opiekę i wsparcie.
  - id: personal-budget
    term: Budżet osobisty
    definition: Ile kosztuje zaspokojenie potrzeb.
  - id: care-and-support-plan
    term: Plan opieki i wsparcia
    definition: Plan wsparcia dla osoby dorosłej.
"""


def test_a_translated_glossary_is_served_and_links_first_uses_in_translated_pages(make_site):
    from app import create_app

    about = (FIXTURE_CONTENT / "pages" / "about.pl.md").read_text(encoding="utf-8")
    root = make_site({"glossary.pl.yaml": GLOSSARY_PL,
                      "pages/about.pl.md": about.replace("Tekst z", "Zobacz swój plan wsparcia. Tekst z")})
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    glossary = client.get("/pl/glossary").get_data(as_text=True)
    assert "Płatność bezpośrednia" in [text(h) for h in select(glossary, "h2")]
    assert not select(glossary, 'div[lang="en"]')
    page = client.get("/pl/about").get_data(as_text=True)
    [link] = select(page, "a.app-glossary-link")
    assert (link["href"], text(link)) == ("/pl/glossary#support-plan", "plan wsparcia")


def test_a_translated_glossary_has_the_english_terms(make_site):
    from app.load import read_content
    from tests.conftest import TODAY

    root = make_site({"glossary.pl.yaml": GLOSSARY_PL.replace("  - id: personal-budget", "  - id: personal-budgets")})
    assert [str(p) for p in read_content(root, TODAY).problems] == [
        "content/glossary.pl.yaml:1: term 'personal-budget' of content/glossary.yaml is not translated here",
        "content/glossary.pl.yaml:15: there is no term 'personal-budgets' in content/glossary.yaml",
    ]
