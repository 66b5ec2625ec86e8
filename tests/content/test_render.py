"""Markdown rendering: GOV.UK classes, heading ids, link rewriting and sanitising."""

from __future__ import annotations

from app.content.render import render, rewrite_link
from tests.html import classes, none, one, parse, select, text


def test_headings_get_ids_and_govuk_classes():
    result = render("## What you can do\n\n### Paying a family member\n\nText.")
    h2 = one(result.html, "h2#what-you-can-do")
    assert classes(h2) == {"govuk-heading-l"} and text(h2) == "What you can do"
    assert classes(one(result.html, "h3#paying-a-family-member")) == {"govuk-heading-m"}
    assert classes(one(result.html, "p", with_text="Text.")) == {"govuk-body"}
    assert result.headings == [
        (2, "what-you-can-do", "What you can do"),
        (3, "paying-a-family-member", "Paying a family member"),
    ]


def test_non_latin_headings_keep_readable_ids():
    result = render("## Kto może otrzymać płatność")
    assert result.headings[0][1] == "kto-może-otrzymać-płatność"


def test_links_to_markdown_files_become_site_urls():
    assert rewrite_link("who-can-get-one.md", "") == "/who-can-get-one"
    assert rewrite_link("who-can-get-one.md#carers", "/pl") == "/pl/who-can-get-one#carers"
    assert rewrite_link("index.md", "/pl") == "/pl/"
    assert rewrite_link("https://www.gov.uk", "/pl") == "https://www.gov.uk"
    html = render("[Who can get one](who-can-get-one.md)", prefix="/pl").html
    link = one(html, "a")
    assert (link["href"], text(link), classes(link)) == ("/pl/who-can-get-one", "Who can get one", {"govuk-link"})


def test_raw_html_is_escaped_not_run():
    html = render('Hello <script>alert("x")</script> <b onclick="x()">bold</b>').html
    assert "<script" not in html
    assert "<b" not in html
    none(html, "script, b, [onclick]")
    assert text(one(html, "p")) == 'Hello <script>alert("x")</script> <b onclick="x()">bold</b>'  # shown as text


def test_javascript_links_lose_their_target():
    html = render("[Click](javascript:alert(1)) and [mail](mailto:a@b.example)").html
    assert "javascript:" not in html
    one(html, 'a[href="mailto:a@b.example"]')


def test_lists_tables_and_insets_use_govuk_styles():
    html = render("- one\n- two\n\n1. first\n\n> Important\n\n| A | B |\n|---|---|\n| 1 | 2 |\n").html
    assert classes(one(html, "ul")) == {"govuk-list", "govuk-list--bullet"}
    assert classes(one(html, "ol")) == {"govuk-list", "govuk-list--number"}
    assert classes(one(html, "div.govuk-inset-text")) == {"govuk-inset-text"}
    header = one(html, "th", with_text="A")
    assert classes(header) == {"govuk-table__header"} and header["scope"] == "col"


def test_step_by_step_wraps_each_h2_section_in_an_ordered_list():
    html = render("Intro.\n\n## 1. Ask\n\nText one.\n\n## 2. Wait\n\nText two.\n", step_by_step=True).html
    intro = parse(html).find()
    assert (intro.name, classes(intro), text(intro)) == ("p", {"govuk-body"}, "Intro.")
    assert len(select(html, "li.app-step-by-step__step")) == 2
    assert len(select(html, "ol > li")) == 2  # each h2 section is one step of an ordered list
    title = one(html, 'h2[id="1-ask"]')
    assert classes(title) == {"govuk-heading-m", "app-step-by-step__title"} and text(title) == "1. Ask"


def test_h1_in_body_is_noticed():
    assert render("# A second title").has_h1 is True
    assert render("## Fine").has_h1 is False


def test_site_routes_in_a_translated_page_keep_the_readers_language():
    assert rewrite_link("/check", "/pl") == "/pl/check"
    assert rewrite_link("/use/gym", "/ur") == "/ur/use/gym"
    assert rewrite_link("/check", "") == "/check"  # English
    assert rewrite_link("/check", "/easy-read") == "/check"  # a page prefix, not a language
    assert rewrite_link("//example.org/x", "/pl") == "//example.org/x"
    html = render("[Sprawdź](/check) i [przewodnik](/use).", prefix="/pl").html
    assert [a["href"] for a in select(html, "a")] == ["/pl/check", "/pl/use"]
