"""Easy Read pages, their pictures and the glossary, on the fixture site and the real content."""

from __future__ import annotations

import re

import pytest

from app.security import HEADERS

YEAR = 365 * 24 * 3600


def test_easy_read_page_shows_each_idea_as_a_picture_and_words(client, app):
    body = client.get("/easy-read/about").get_data(as_text=True)
    digest = app.extensions["dp_site"].pictures["phone"].digest
    assert '<h1 class="govuk-heading-xl">About us (Easy Read)</h1>' in body
    assert (
        f'<div class="app-easy-read__row"><img alt="A person on the phone" class="app-easy-read__picture" '
        f'src="/easy-read/images/phone.svg?v={digest}"><p class="govuk-body app-easy-read__text">You can phone us.</p></div>'
    ) in body
    assert "<script" not in body


def test_standard_page_and_easy_read_page_link_to_each_other(client):
    standard = client.get("/about").get_data(as_text=True)
    easy = client.get("/easy-read/about").get_data(as_text=True)
    assert '<a class="govuk-link" href="/easy-read/about" hreflang="en">Easy Read version of this page</a>' in standard
    assert '<a class="govuk-link" href="/about">Full version of this page</a>' in easy
    assert "Easy Read version of this page" not in client.get("/paying").get_data(as_text=True)


def test_easy_read_in_another_language_is_the_english_page_marked_as_english(client):
    body = client.get("/pl/easy-read/about").get_data(as_text=True)
    assert '<html lang="pl"' in body
    assert '<h1 class="govuk-heading-xl" lang="en" dir="ltr">About us (Easy Read)</h1>' in body
    assert 'href="/pl/about"' in body  # the full version in the reader's language
    assert '<a class="govuk-link" href="/pl/easy-read/about" hreflang="en">' in client.get("/pl/about").get_data(as_text=True)


def test_easy_read_index_lists_the_pages(client):
    body = client.get("/easy-read").get_data(as_text=True)
    assert '<a class="govuk-link" href="/easy-read/about">About us (Easy Read)</a>' in body


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
    ids = re.findall(r'<h2 class="govuk-heading-m app-glossary__term" id="([^"]+)">', body)
    assert ids == ["care-and-support-plan", "direct-payment", "personal-budget", "support-plan"]
    assert "<p class=\"govuk-body\">Money from the council to arrange your own care and support.</p>" in body


def test_glossary_in_another_language_marks_the_english_terms(client):
    body = client.get("/pl/glossary").get_data(as_text=True)
    assert '<html lang="pl"' in body
    assert '<div lang="en" dir="ltr">' in body


def test_glossary_links_on_a_page_point_at_terms_that_exist(client):
    page = client.get("/paying").get_data(as_text=True)
    glossary = client.get("/glossary").get_data(as_text=True)
    targets = re.findall(r'class="govuk-link app-glossary-link" href="/glossary#([^"]+)"', page)
    assert targets == ["direct-payment", "personal-budget", "care-and-support-plan"]
    for target in targets:
        assert f'id="{target}"' in glossary


def test_real_easy_read_pages_render_and_link_both_ways(real_app, real_client):
    site = real_app.extensions["dp_site"]
    assert len(site.easy_read) >= 6
    for slug in site.easy_read:
        body = real_client.get(f"/easy-read/{slug}").get_data(as_text=True)
        assert body.count("<h1") == 1
        assert f'href="/{slug}">Full version of this page</a>' in body
        assert f'href="/easy-read/{slug}" hreflang="en">Easy Read version' in real_client.get(f"/{slug}").get_data(as_text=True)
        for src in re.findall(r'<img alt="[^"]+" class="app-easy-read__picture" src="([^"]+)"', body):
            assert real_client.get(src).status_code == 200


def test_every_real_glossary_link_has_its_term(real_app, real_client):
    site = real_app.extensions["dp_site"]
    ids = {term.id for term in site.glossary.terms}
    linked = set()
    for slug in site.slugs:
        linked |= set(re.findall(r'app-glossary-link" href="/glossary#([^"]+)"', site.pages[(slug, "en")].html))
    assert linked and linked <= ids
    assert real_client.get("/glossary").status_code == 200
