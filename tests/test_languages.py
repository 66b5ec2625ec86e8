"""Languages: every route in every language, complete catalogs, honest fallback, right to left.

English, Polish and Urdu (right to left) are switched on in content/settings.yaml. Each page
must say which language it is in (and which way it reads), keep the official English terms
people will hear from the council, say when a translation is a draft or out of date, and
survive a broken interface catalog.
"""

from __future__ import annotations

import logging
import shutil
from collections import deque
from gettext import c2py
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.support import Translations

from app import create_app
from app.config import PROJECT_ROOT
from app.content.bidi import isolate_ltr
from app.content.languages import language
from app.eligibility import check_wording, load_flow, load_wording

from .conftest import FIXTURE_CONTENT, page_text
from .html import classes, html_lang, none, one, parse, select, sitemap, text, texts

TRANSLATIONS = PROJECT_ROOT / "translations"
CONTENT = PROJECT_ROOT / "content"
# Terms people will hear from the council: a translation shows them in English the first time.
KEY_TERMS = ["direct payment", "personal assistant", "care and support plan", "support plan",
             "needs assessment", "personal budget"]


def in_language(lang: str, path: str) -> str:
    return path if lang == "en" else f"/{lang}{path}"


@pytest.fixture(scope="session")
def languages(real_app) -> tuple[str, ...]:
    return real_app.extensions["dp_site"].settings.languages


def test_the_site_offers_english_polish_and_urdu(languages):
    assert languages == ("en", "pl", "ur")
    assert [language(code).direction for code in languages] == ["ltr", "ltr", "rtl"]


# --- every route, every language ----------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _same_language_links(body: str, lang: str) -> list[str]:
    parser = _Links()
    parser.feed(body)
    prefixes = tuple(f"/{code}/" for code in ("pl", "ur"))
    links = []
    for href in parser.hrefs:
        href = href.split("#", 1)[0]
        if not href.startswith("/") or href.startswith("//") or href.startswith("/assets/"):
            continue
        if (lang == "en" and not href.startswith(prefixes)) or (lang != "en" and href.startswith(f"/{lang}/")):
            links.append(href)
    return links


def _routes_without_arguments(app) -> list[str]:
    skip = {"/healthz", "/robots.txt", "/sitemap.xml"}  # not pages: no <html lang>
    return sorted(
        rule.rule for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.arguments
        and rule.rule not in skip
        and not rule.rule.startswith("/assets")
    )


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
def test_every_route_answers_in_every_language_with_the_right_lang_and_dir(real_app, lang):
    """Every page a person can reach by following links from the home page, plus every route with no
    parameters and every content page, answers 200 (or a redirect) with <html lang dir> for the language."""
    client = real_app.test_client()
    site = real_app.extensions["dp_site"]
    start = ["/", *(f"/{slug}" for slug in site.slugs if slug != "index"), *_routes_without_arguments(real_app)]
    queue = deque(in_language(lang, path) for path in start)
    seen: set[str] = set(queue)
    checked = 0
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code in (200, 303), url
        if response.status_code == 303:
            continue  # an explainer step with no answers yet goes back to where the person should be
        body = response.get_data(as_text=True)
        assert html_lang(body) == (lang, language(lang).direction), url
        checked += 1
        for link in _same_language_links(body, lang):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert checked >= len(site.slugs)


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
def test_not_found_is_in_the_request_language(real_client, lang):
    response = real_client.get(in_language(lang, "/no-such-page"))
    assert response.status_code == 404
    assert html_lang(response.get_data(as_text=True)) == (lang, language(lang).direction)


def test_language_switcher_names_each_language_in_itself(real_client):
    body = real_client.get("/ur/who-can-get-a-direct-payment").get_data(as_text=True)
    english = one(body, 'a.app-language-switcher__link[hreflang="en"]')
    assert (english["href"], english["lang"], english["dir"], text(english)) == (
        "/who-can-get-a-direct-payment", "en", "ltr", "English"
    )
    assert "govuk-link" in classes(english)
    polish = one(body, 'a.app-language-switcher__link[hreflang="pl"]')
    assert (polish["href"], polish["lang"], polish["dir"], text(polish)) == (
        "/pl/who-can-get-a-direct-payment", "pl", "ltr", "Polski"
    )
    current = one(body, ".app-language-switcher__current")
    assert current.name == "span" and not current.has_attr("href")
    assert (current["lang"], current["dir"], current["aria-current"], text(current)) == ("ur", "rtl", "true", "اردو")


def test_alternates_in_head_and_sitemap_include_urdu(real_client):
    site = real_client.application.config["SITE_URL"]
    body = real_client.get("/what-is-a-direct-payment").get_data(as_text=True)
    assert one(body, 'head link[rel="alternate"][hreflang="ur"]')["href"] == "/ur/what-is-a-direct-payment"
    pages = sitemap(real_client.get("/sitemap.xml").data)
    assert f"{site}/ur/what-is-a-direct-payment" in pages
    assert pages[f"{site}/what-is-a-direct-payment"]["ur"] == f"{site}/ur/what-is-a-direct-payment"


# --- interface catalogs -------------------------------------------------------------------------


def _catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as file:
        return read_po(file, locale=lang)


@pytest.mark.parametrize("lang", ["pl", "ur"])
def test_every_switched_on_language_has_a_complete_catalog_with_its_own_plural_rule(lang):
    catalog = _catalog(lang)
    expected = get_plural(lang)
    assert catalog.num_plurals == expected.num_plurals, "the Plural-Forms header must match the language's CLDR rule"
    # Compare what the rules do, not how a Babel release happens to write them.
    catalog_form, cldr_form = c2py(catalog.plural_expr), c2py(expected.plural_expr)
    differ = [n for n in range(1001) if catalog_form(n) != cldr_form(n)]
    assert not differ, f"the Plural-Forms header picks a different form from CLDR for n = {differ[:10]}"
    with open(TRANSLATIONS / "messages.pot", "rb") as file:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert set(translated) == template
    plural_messages = [m for m in translated.values() if m.pluralizable]
    assert plural_messages, "at least one message depends on a number"
    for message in plural_messages:
        assert len(message.string) == expected.num_plurals and all(message.string), message.id[0]


def _compiled(lang: str, directory: Path) -> Translations:
    """Compile the .po exactly as `make translations` does, into ``directory``."""
    target = directory / lang / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with open(target / "messages.mo", "wb") as file:
        write_mo(file, _catalog(lang))
    with open(target / "messages.mo", "rb") as file:
        return Translations(file)


def test_polish_plural_forms_follow_the_number(tmp_path):
    catalog = _compiled("pl", tmp_path)
    singular = (
        "We clear your answers if you have not used this page for %(num)s minute, "
        "or if we cannot read them safely. This keeps your information private."
    )
    plural = singular.replace("minute,", "minutes,")
    forms = {n: catalog.ungettext(singular, plural, n) % {"num": n} for n in (1, 2, 5, 22, 25, 60)}
    assert "przez 1 minutę " in forms[1]
    assert "przez 2 minuty " in forms[2] and "przez 22 minuty " in forms[22]
    assert "przez 5 minut " in forms[5] and "przez 25 minut " in forms[25] and "przez 60 minut " in forms[60]


@pytest.mark.parametrize(
    ("minutes", "polish"), [(1, "przez 1 minutę "), (22, "przez 22 minuty "), (60, "przez 60 minut ")]
)
def test_the_idle_time_page_uses_the_plural_rule(fixture_content, minutes, polish):
    app = create_app({"CONTENT_DIR": fixture_content, "TESTING": True, "EXPLAINER_IDLE_MINUTES": minutes})
    assert polish in app.test_client().get("/pl/check/expired").get_data(as_text=True)


def test_urdu_catalog_compiles_and_translates(tmp_path):
    catalog = _compiled("ur", tmp_path)
    assert catalog.ugettext("Skip to main content") == "مرکزی مواد پر جائیں"


# --- a broken or missing catalog never breaks the site ------------------------------------------


def _site_with_urdu(make_site) -> Path:
    settings = (FIXTURE_CONTENT / "settings.yaml").read_text(encoding="utf-8")
    assert "languages: [en, pl]" in settings
    return make_site({"settings.yaml": settings.replace("languages: [en, pl]", "languages: [en, pl, ur]")})


def _translations_copy(tmp_path: Path) -> Path:
    directory = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, directory, ignore=shutil.ignore_patterns("*.mo"))
    for lang in ("pl", "ur"):
        _compiled(lang, directory)
    return directory


def _i18n_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "app.i18n" and r.levelno >= logging.WARNING]


def test_a_truncated_catalog_falls_back_to_english_and_is_logged_once(make_site, tmp_path, caplog):
    translations = _translations_copy(tmp_path)
    mo = translations / "ur" / "LC_MESSAGES" / "messages.mo"
    mo.write_bytes(mo.read_bytes()[: mo.stat().st_size // 2])
    with caplog.at_level(logging.WARNING, logger="app.i18n"):
        app = create_app({"CONTENT_DIR": _site_with_urdu(make_site), "TRANSLATIONS_DIR": translations})
        client = app.test_client()
        pages = ["/ur/", "/ur/about", "/ur/check/cleared", "/ur/check/who", "/ur/no-such-page"]
        responses = [client.get(url) for url in pages * 2]
        polish = client.get("/pl/about").get_data(as_text=True)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404] * 2
    body = responses[1].get_data(as_text=True)
    assert html_lang(body) == ("ur", "rtl")  # still an Urdu page: only the interface words fall back
    assert "Skip to main content" in body and "Accessibility statement" in body
    assert "Przejdź do głównej treści" in polish  # other languages are untouched
    records = _i18n_records(caplog)
    assert len(records) == 1
    assert "'ur'" in records[0].getMessage() and "cannot be read" in records[0].getMessage()


def test_a_missing_catalog_falls_back_to_english_and_is_logged_once(make_site, tmp_path, caplog):
    translations = _translations_copy(tmp_path)
    (translations / "pl" / "LC_MESSAGES" / "messages.mo").unlink()
    with caplog.at_level(logging.WARNING, logger="app.i18n"):
        app = create_app({"CONTENT_DIR": _site_with_urdu(make_site), "TRANSLATIONS_DIR": translations})
        bodies = [app.test_client().get("/pl/about").get_data(as_text=True) for _ in range(3)]
    assert "Skip to main content" in bodies[0]
    records = _i18n_records(caplog)
    assert len(records) == 1 and "'pl'" in records[0].getMessage() and "missing" in records[0].getMessage()


def test_healthy_catalogs_log_nothing(make_site, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="app.i18n"):
        create_app({"CONTENT_DIR": _site_with_urdu(make_site), "TRANSLATIONS_DIR": _translations_copy(tmp_path)})
    assert _i18n_records(caplog) == []


# --- translation notes: fallback, draft, reviewed, out of date -----------------------------------


def test_each_kind_of_translation_note(make_site):
    def translated(status: str, source_reviewed: str) -> str:
        return page_text(f"""
            title: O nas
            description: Strona o nas.
            last_reviewed: 2026-11-01
            review_due: 2027-05-01
            owner: Test team
            translation: {{status: {status}, source_reviewed: {source_reviewed}}}
            """)

    root = make_site({
        "pages/about.pl.md": translated("reviewed", "2026-11-01"),
        "pages/paying.pl.md": translated("draft", "2026-01-01"),
    })
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    reviewed = client.get("/pl/about").get_data(as_text=True)
    assert "To tłumaczenie zostało sprawdzone przez osobę biegle mówiącą po polsku." in reviewed
    assert "wersją roboczą" not in reviewed and "zmieniła się" not in reviewed
    stale_draft = client.get("/pl/paying").get_data(as_text=True)
    assert "To tłumaczenie jest wersją roboczą." in stale_draft
    assert "Strona po angielsku zmieniła się od czasu tego tłumaczenia" in stale_draft
    current_english = one(stale_draft, "a", with_text="Przeczytaj aktualną stronę po angielsku")
    assert (current_english["href"], current_english["hreflang"]) == ("/paying", "en")
    fallback = client.get("/pl/").get_data(as_text=True)
    assert "Ta strona nie została jeszcze przetłumaczona" in fallback
    one(fallback, '.govuk-grid-row[lang="en"][dir="ltr"]')


@pytest.mark.parametrize("lang", ["pl", "ur"])
def test_real_translations_say_they_are_drafts_made_from_the_current_english(real_app, real_client, lang):
    site = real_app.extensions["dp_site"]
    translated = [page for (slug, code), page in site.pages.items() if code == lang]
    assert {p.slug for p in translated} >= {"index", "what-is-a-direct-payment", "who-can-get-a-direct-payment",
                                            "check", "after-you-check"}
    for page in translated:
        assert page.translation.status == "draft", f"{page.path}: not checked by a fluent speaker, so a draft"
        english = site.pages[(page.slug, "en")]
        assert page.translation.source_reviewed == english.last_reviewed, f"{page.path} is older than its English page"
    body = real_client.get(in_language(lang, "/what-is-a-direct-payment")).get_data(as_text=True)
    note = one(body, ".app-translation-note")
    one(note, 'a[href="/what-is-a-direct-payment"][hreflang="en"]')


def test_untranslated_navigation_titles_are_marked_english(partly_translated_client, real_app):
    body = partly_translated_client.get("/ur/").get_data(as_text=True)
    nav = one(body, "ul.govuk-service-navigation__list")
    english = select(nav, 'a span[lang="en"][dir="ltr"]')  # help-and-advice, its translation taken out
    help_page = real_app.extensions["dp_site"].find("help-and-advice", "en").page
    assert [text(span) for span in english] == [help_page.nav_title]
    translated = one(nav, 'a[href="/ur/what-is-a-direct-payment"]')
    assert not translated.has_attr("lang") and not select(translated, "[lang]")


# --- key terms and right-to-left text ----------------------------------------------------------


def _text(html: str) -> str:
    return " ".join(parse(html).get_text(" ").split()).lower()


@pytest.mark.parametrize("lang", ["pl", "ur"])
def test_translations_keep_the_official_english_terms(real_app, lang):
    site = real_app.extensions["dp_site"]
    for (slug, code), page in site.pages.items():
        if code != lang:
            continue
        english = _text(site.pages[(slug, "en")].html)
        translated = _text(page.html)
        for term in KEY_TERMS:
            if term in english:
                assert term in translated, f"{page.path}: show '{term}' in English beside the translation"


def test_urdu_pages_isolate_english_terms_and_numbers(real_app):
    site = real_app.extensions["dp_site"]
    urdu = site.pages[("who-can-get-a-direct-payment", "ur")].html
    assert "needs assessment" in texts(urdu, 'bdi[lang="en"]')
    assert "18" in texts(urdu, "bdi:not([lang])")  # a number has no language, only a direction
    polish = site.pages[("who-can-get-a-direct-payment", "pl")].html
    none(polish, "bdi")  # left-to-right text needs no isolation


def test_isolating_keeps_tags_code_and_entities():
    html = ('<p class="govuk-body">کونسل (council) یا 0123 456 7890، Carer&#x27;s Allowance، SI 2015/313 reg 2(1)(a) '
            '<code>dp_answers</code> &amp; <a href="/ur/x">GOV.UK</a>۔</p>')
    assert isolate_ltr(html) == (
        '<p class="govuk-body">کونسل (<bdi lang="en">council</bdi>) یا <bdi>0123 456 7890</bdi>، '
        '<bdi lang="en">Carer\'s Allowance</bdi>، <bdi lang="en">SI 2015/313 reg 2(1)(a)</bdi> '
        '<code>dp_answers</code> &amp; <a href="/ur/x"><bdi lang="en">GOV.UK</bdi></a>۔</p>'
    )
    assert isolate_ltr("<bdi>already 1</bdi> اور") == "<bdi>already 1</bdi> اور"


# --- the explainer in each language ------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "ur"])
def test_explainer_wording_matches_the_flow_in_every_language(lang):
    assert check_wording(load_flow(), load_wording(CONTENT, lang)) == []


def test_urdu_explainer_is_urdu_right_to_left_with_english_isolated(real_client):
    response = real_client.get("/ur/check/who")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html_lang(body) == ("ur", "rtl")
    assert "آپ کس کے لیے جواب دے رہے ہیں؟" in body
    assert "These questions have not been translated yet" not in body
    none(body, '.govuk-grid-row[lang="en"]')
    assert "یہ ترجمہ ابھی مسودہ ہے۔" in body  # the wording file says it is a draft, so the page does
    about = real_client.post("/ur/check/who", data={"who": "someone_else"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert about.status_code == 303
    page = real_client.get(about.headers["Location"]).get_data(as_text=True)
    assert "Care Act 2014 s.9(1)" in texts(page, 'bdi[lang="en"]')  # the practitioner note's citation


def test_explainer_wording_translation_status_is_checked(tmp_path):
    from app.eligibility import wording_problems
    from app.views.explainer import translation_status

    english = (CONTENT / "explainer" / "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "explainer").mkdir()
    (tmp_path / "explainer" / "pl.yaml").write_text(
        "translation: {status: draft, source_reviewed: 2026-11-25}\n" + english, encoding="utf-8"
    )
    draft = load_wording(tmp_path, "pl")
    assert wording_problems(load_flow(), draft) == [] and translation_status(draft) == "draft"
    (tmp_path / "explainer" / "pl.yaml").write_text(
        "translation: {status: checked, source_reviewed: 2026-11-25}\n" + english, encoding="utf-8"
    )
    assert wording_problems(load_flow(), load_wording(tmp_path, "pl")) == [
        (1, "'translation' must be {status: draft or reviewed, source_reviewed: YYYY-MM-DD}")
    ]
