"""The web layer: routes, languages, headers, caching, cookies and start-up rules."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.config import ConfigError
from app.content import ContentError
from app.security import HEADERS
from tests.html import classes, html_lang, one, select, sitemap, text

PAGES = ["/", "/about", "/pl/", "/pl/about"]
ROUTES = PAGES + ["/healthz", "/robots.txt", "/sitemap.xml"]


@pytest.mark.parametrize("url", ROUTES)
def test_every_route_answers_with_security_headers_and_no_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(("url", "lang"), [("/", "en"), ("/about", "en"), ("/pl/", "pl"), ("/pl/about", "pl")])
def test_html_lang_matches_the_url(client, url, lang):
    assert html_lang(client.get(url).data) == (lang, "ltr")


def test_each_page_has_one_h1_and_a_title_that_starts_with_it(client):
    body = client.get("/about").get_data(as_text=True)
    assert len(select(body, "h1")) == 1
    assert text(one(body, "title")) == "About us – Test guide – Testshire Council"


def test_layout_has_landmarks_and_skip_link(client):
    body = client.get("/about").get_data(as_text=True)
    assert one(body, "a.govuk-skip-link")["href"] == "#main-content"
    main = one(body, "main#main-content")
    assert "govuk-main-wrapper" in classes(main) and main["tabindex"] == "-1"
    one(body, "header")
    one(body, "footer")
    one(body, 'nav[aria-label="Main menu"]')


def test_polish_interface_strings_are_translated(client):
    body = client.get("/pl/about").get_data(as_text=True)
    assert "Przejdź do głównej treści" in body  # skip link
    assert "Deklaracja dostępności" in body  # footer
    assert "To tłumaczenie jest wersją roboczą" in body  # draft notice from front matter


def test_untranslated_page_falls_back_to_english_marked_as_english(client):
    body = client.get("/pl/").get_data(as_text=True)
    assert html_lang(body.encode()) == ("pl", "ltr")
    assert "Ta strona nie została jeszcze przetłumaczona" in body
    one(body, '.govuk-grid-row[lang="en"][dir="ltr"]')
    assert "Test home" in body


def test_links_inside_a_polish_page_stay_in_polish(client):
    body = client.get("/pl/about").get_data(as_text=True)
    assert select(body, 'a[href="/pl/"]')
    assert select(body, 'a[href="/pl/about"]')  # navigation


def test_language_switcher_links_to_the_same_page(client):
    body = client.get("/about").get_data(as_text=True)
    polish = one(body, 'a.app-language-switcher__link[hreflang="pl"]')
    assert polish["href"] == "/pl/about" and text(polish) == "Polski"
    assert (polish["lang"], polish["dir"]) == ("pl", "ltr")
    assert "govuk-link" in classes(polish)
    assert one(body, 'head link[rel="alternate"][hreflang="pl"]')["href"] == "/pl/about"


def test_contact_box_uses_site_settings(client):
    body = client.get("/about").get_data(as_text=True)
    assert select(body, 'a[href="tel:01234567890"]')
    assert select(body, 'a[href="mailto:dp@testshire.example"]')


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [("/no-such-page", "en", "Page not found"), ("/pl/no-such-page", "pl", "Nie znaleziono strony")],
)
def test_404_in_the_request_language(client, url, lang, title):
    response = client.get(url)
    assert response.status_code == 404
    assert html_lang(response.data)[0] == lang
    assert text(one(response.data, "h1.govuk-heading-xl")) == title
    assert response.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]


def test_home_page_has_one_address(client):
    assert client.get("/index").status_code == 404


def test_wrong_method_gets_a_kind_405(client):
    response = client.post("/about")
    assert response.status_code == 405
    assert "Sorry, that did not work" in response.get_data(as_text=True)


def test_oversized_body_gets_413(client):
    response = client.post("/about", data={"x": "a" * 100_000})
    assert response.status_code == 413


def test_server_error_page_is_generic_and_keeps_headers(fixture_content):
    app = create_app({"CONTENT_DIR": fixture_content})

    @app.get("/boom-test-only")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/boom-test-only")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret detail" not in body and "Traceback" not in body
    assert "Sorry, there is a problem with the service" in body
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_content_pages_are_cacheable_and_answer_304(client):
    first = client.get("/about")
    assert first.headers["Cache-Control"] == "public, max-age=300"
    etag = first.headers["ETag"]
    assert not etag.startswith("W/")
    again = client.get("/about", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""


def test_stylesheet_is_fingerprinted_compressed_and_immutable(client):
    body = client.get("/").get_data(as_text=True)
    href = one(body, 'link[rel="stylesheet"]')["href"]
    assert re.fullmatch(r"/assets/app\.[0-9a-f]{12}\.css", href), href
    for encoding in ("br", "gzip"):
        response = client.get(href, headers={"Accept-Encoding": encoding})
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]
    plain = client.get(href)
    assert b":root{--dp-brand-colour:#005a30}" in plain.data
    assert client.get("/assets/app.000000000000.css").status_code == 404


SITE = "https://guide.testshire.example"  # site_url in the fixture settings
ANOTHER_HOST = {"Host": "evil.example"}


def test_sitemap_lists_pages_with_language_alternates(client):
    response = client.get("/sitemap.xml", headers=ANOTHER_HOST)
    pages = sitemap(response.data)
    assert f"{SITE}/pl/about" in pages
    assert pages[f"{SITE}/about"]["pl"] == f"{SITE}/pl/about"
    assert f"{SITE}/pl/" not in pages  # no Polish home page: not offered as one
    assert "evil.example" not in response.get_data(as_text=True)  # the site's own address, whatever Host was sent


def test_robots_points_to_sitemap(client):
    body = client.get("/robots.txt", headers=ANOTHER_HOST).get_data(as_text=True)
    assert body.endswith(f"Sitemap: {SITE}/sitemap.xml\n")


def test_site_url_from_the_environment_wins(fixture_content):
    app = create_app({"CONTENT_DIR": fixture_content, "SITE_URL": "http://staging.testshire.example:8080/"})
    body = app.test_client().get("/robots.txt").get_data(as_text=True)
    assert body.endswith("Sitemap: http://staging.testshire.example:8080/sitemap.xml\n")


@pytest.mark.parametrize("url", ["ftp://guide.testshire.example", "https://guide.testshire.example/guide",
                                 "https:///nohost", "https://guide.testshire.example/?x=1"])
def test_a_site_url_that_is_not_just_an_origin_refuses_to_start(fixture_content, url):
    with pytest.raises(ConfigError) as error:
        create_app({"CONTENT_DIR": fixture_content, "SITE_URL": url})
    assert "site_url" in str(error.value)


def test_production_refuses_to_start_without_a_site_url(make_site):
    root = make_site()
    settings = root / "settings.yaml"
    settings.write_text(settings.read_text().replace(f"site_url: {SITE}\n", ""))
    with pytest.raises(ConfigError) as error:
        create_app({"CONTENT_DIR": root, "DP_ENV": "production", "SECRET_KEY": "x" * 64})
    assert "DP_SITE_URL" in str(error.value) and "site_url" in str(error.value)


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_production_refuses_a_missing_secret_key(monkeypatch):
    monkeypatch.delenv("DP_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError) as error:
        create_app({"DP_ENV": "production"})
    assert str(error.value).startswith("DP_SECRET_KEY must be set")
    assert "\n" not in str(error.value)


def test_production_runs_without_debug_with_a_real_key():
    app = create_app({"DP_ENV": "production", "SECRET_KEY": "x" * 64, "SITE_URL": "https://guide.example"})
    assert app.debug is False
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_broken_content_refuses_to_start(make_site):
    root = make_site({"pages/about.md": "no front matter\n"})
    with pytest.raises(ContentError) as error:
        create_app({"CONTENT_DIR": root})
    assert "content/pages/about.md:1: front matter missing" in str(error.value)
