"""Translated uses (gym.pl.md): shown in their language with the draft note, English as a marked fallback,
and checked so a translation can never change what the law says."""

from __future__ import annotations

from app import create_app
from tests.guide.conftest import GYM
from tests.guide.test_loader import guide_problems
from tests.html import classes, direction, html_lang, language, one, select, text, texts

GYM_PL = GYM.replace("title: A gym or swimming", "title: Siłownia lub basen").replace(
    "summary: It depends on your support plan.", "summary: To zależy od Twojego planu wsparcia (support plan)."
).replace("Exercise can meet a need.", "Ćwiczenia mogą zaspokoić potrzebę.").replace(
    "owner: Test team", "owner: Test team\ntranslation:\n  status: draft\n  source_reviewed: 2026-11-01"
)


def line_of(text: str, needle: str) -> int:
    """The file line of ``needle`` in a fixture written with a leading newline (stripped when saved)."""
    return text.lstrip().splitlines().index(needle) + 1


def test_a_translated_use_is_shown_in_its_language_with_the_draft_note(make_guide):
    client = create_app({"CONTENT_DIR": make_guide({"use/gym.pl.md": GYM_PL}), "TESTING": True}).test_client()
    body = client.get("/pl/use/gym").get_data(as_text=True)
    assert one(body, "html")["lang"] == "pl"
    title = one(body, "h1")
    assert "govuk-heading-xl" in classes(title) and text(title) == "Siłownia lub basen"
    assert language(title) == "pl"  # not marked English
    assert "Ćwiczenia mogą zaspokoić potrzebę." in body
    assert "To tłumaczenie jest wersją roboczą." in body  # the draft note, in Polish
    note = one(body, ".app-translation-note")
    assert len([words for words in texts(body, "p.govuk-body") if words.startswith("To tłumaczenie")]) == 1
    one(note, 'a[href="/use/gym"][hreflang="en"]')  # the draft note links to the English use
    english = client.get("/use/gym").get_data(as_text=True)
    assert "A gym or swimming" in english and "Siłownia" not in english


def test_lists_show_translated_titles_and_mark_english_ones(make_guide):
    client = create_app({"CONTENT_DIR": make_guide({"use/gym.pl.md": GYM_PL}), "TESTING": True}).test_client()
    for url in ["/pl/use", "/pl/use/category/fun"]:
        body = client.get(url).get_data(as_text=True)
        gym = one(body, 'li a[href="/pl/use/gym"]', with_text="Siłownia lub basen").find_parent("li")
        assert (gym.get("lang"), gym.get("dir")) == ("pl", "ltr"), url
    index = client.get("/pl/use").get_data(as_text=True)
    care_home = one(index, 'li a[href="/pl/use/care-home"]', with_text="Living in a care home").find_parent("li")
    assert (care_home.get("lang"), care_home.get("dir")) == ("en", "ltr")


def test_an_untranslated_use_falls_back_to_english_marked_so(partly_translated_client, partly_translated_app):
    guide = partly_translated_app.extensions["dp_guide"]
    untranslated = next(i for i in guide.items if (i, "ur") not in guide.translations)
    body = partly_translated_client.get(f"/ur/use/{untranslated}").get_data(as_text=True)
    assert html_lang(body) == ("ur", "rtl")
    heading = one(body, "h1")
    assert "govuk-heading-xl" in classes(heading) and text(heading) == guide.items[untranslated].title
    assert (language(heading), direction(heading)) == ("en", "ltr")
    assert "اس صفحے کا ابھی ترجمہ نہیں ہوا" in body  # the fallback note, in Urdu
    assert "یہ ترجمہ ابھی مسودہ ہے" not in body


def test_real_translations_are_served_in_polish_and_urdu(real_client, real_app):
    guide = real_app.extensions["dp_guide"]
    for lang in ("pl", "ur"):
        translated = [item for (item_id, code), item in guide.translations.items() if code == lang]
        assert len(translated) >= 15, lang
        for item in translated:
            assert item.translation.status == "draft"
            assert item.verdict == guide.items[item.id].verdict
            body = real_client.get(f"/{lang}/use/{item.id}").get_data(as_text=True)
            heading = one(body, "h1.govuk-heading-xl")
            assert text(heading) == item.title
            assert language(heading) == lang  # not marked English


def test_a_translation_must_keep_the_english_verdict(make_guide):
    changed = GYM_PL.replace("verdict: depends_on_plan", "verdict: usually_yes")
    line = line_of(changed, "verdict: usually_yes")
    assert guide_problems(make_guide({"use/gym.pl.md": changed})) == [
        f"content/use/gym.pl.md:{line}: 'verdict' must be the same as in gym.md (the verdict is a legal fact)"
    ]


def test_a_translation_must_keep_the_english_sources_and_related_uses(make_guide):
    changed = GYM_PL.replace("related: [care-home]\n", "")
    assert guide_problems(make_guide({"use/gym.pl.md": changed})) == [
        "content/use/gym.pl.md:1: 'related' must be the same as in gym.md (translate the words only)"
    ]


def test_a_translation_of_a_missing_use_is_an_error(make_guide):
    assert guide_problems(make_guide({"use/swimming.pl.md": GYM_PL})) == [
        "content/use/swimming.pl.md:1: translation of a page that does not exist: add swimming.md first"
    ]


def test_a_translation_needs_its_translation_key_and_a_switched_on_language(make_guide):
    no_key = GYM_PL.replace("translation:\n  status: draft\n  source_reviewed: 2026-11-01\n", "")
    assert guide_problems(make_guide({"use/gym.pl.md": no_key, "use/care-home.ur.md": GYM_PL})) == [
        "content/use/care-home.ur.md:1: 'ur' is not a language this site has switched on",
        "content/use/gym.pl.md:1: missing required key 'translation' (status and source_reviewed)",
    ]


def test_an_older_translation_is_a_warning_and_the_page_says_so(make_guide):
    older = GYM_PL.replace("source_reviewed: 2026-11-01", "source_reviewed: 2026-06-01")
    root = make_guide({"use/gym.pl.md": older})
    assert guide_problems(root) == [
        "content/use/gym.pl.md:1: warning: translation is older than the English page (reviewed 2026-11-01)"
    ]
    body = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client().get("/pl/use/gym").get_data(as_text=True)
    assert "Strona po angielsku zmieniła się od czasu tego tłumaczenia" in body  # the stale note, in Polish
    assert len(select(body, ".app-translation-note")) == 1


CATEGORIES_PL = """
translation: {status: draft, source_reviewed: 2026-11-25}
categories:
  - id: fun
    title: Przyjemności
    description: Rzeczy do robienia.
  - id: law
    title: Na co nie możesz jej wydać
    description: Czego prawo nie pozwala.
"""


def test_translated_category_titles_are_served_and_checked(make_guide):
    from app import create_app
    from tests.html import select, text

    root = make_guide({"use/_categories.pl.yaml": CATEGORIES_PL})
    client = create_app({"CONTENT_DIR": root, "TESTING": True}).test_client()
    page = client.get("/pl/use/category/fun").get_data(as_text=True)
    assert text(select(page, "h1")[0]) == "Przyjemności"
    assert "Fun things" in text(select(client.get("/use/category/fun").get_data(as_text=True), "h1")[0])


def test_a_translated_category_file_has_the_english_ids(make_guide):
    from app.load import read_content
    from tests.conftest import TODAY

    broken = make_guide({"use/_categories.pl.yaml": CATEGORIES_PL.replace("id: law", "id: laws")})
    assert [str(p) for p in read_content(broken, TODAY).problems] == [
        "content/use/_categories.pl.yaml:1: category 'law' of _categories.yaml is not translated here",
        "content/use/_categories.pl.yaml:6: there is no category 'laws' in _categories.yaml",
    ]
