"""Markdown rendering: GOV.UK classes, heading ids, link rewriting and sanitising."""

from __future__ import annotations

from app.content.render import render, rewrite_link


def test_headings_get_ids_and_govuk_classes():
    result = render("## What you can do\n\n### Paying a family member\n\nText.")
    assert '<h2 class="govuk-heading-l" id="what-you-can-do">What you can do</h2>' in result.html
    assert '<h3 class="govuk-heading-m" id="paying-a-family-member">' in result.html
    assert '<p class="govuk-body">Text.</p>' in result.html
    assert result.headings == [(2, "what-you-can-do", "What you can do"), (3, "paying-a-family-member", "Paying a family member")]


def test_non_latin_headings_keep_readable_ids():
    result = render("## Kto może otrzymać płatność")
    assert result.headings[0][1] == "kto-może-otrzymać-płatność"


def test_links_to_markdown_files_become_site_urls():
    assert rewrite_link("who-can-get-one.md", "") == "/who-can-get-one"
    assert rewrite_link("who-can-get-one.md#carers", "/pl") == "/pl/who-can-get-one#carers"
    assert rewrite_link("index.md", "/pl") == "/pl/"
    assert rewrite_link("https://www.gov.uk", "/pl") == "https://www.gov.uk"
    html = render("[Who can get one](who-can-get-one.md)", prefix="/pl").html
    assert '<a class="govuk-link" href="/pl/who-can-get-one">Who can get one</a>' in html


def test_raw_html_is_escaped_not_run():
    html = render('Hello <script>alert("x")</script> <b onclick="x()">bold</b>').html
    assert "<script" not in html
    assert "<b" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_lose_their_target():
    html = render("[Click](javascript:alert(1)) and [mail](mailto:a@b.example)").html
    assert "javascript:" not in html
    assert 'href="mailto:a@b.example"' in html


def test_lists_tables_and_insets_use_govuk_styles():
    html = render("- one\n- two\n\n1. first\n\n> Important\n\n| A | B |\n|---|---|\n| 1 | 2 |\n").html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert '<div class="govuk-inset-text">' in html
    assert '<th class="govuk-table__header" scope="col">A</th>' in html


def test_step_by_step_wraps_each_h2_section_in_an_ordered_list():
    html = render("Intro.\n\n## 1. Ask\n\nText one.\n\n## 2. Wait\n\nText two.\n", step_by_step=True).html
    assert html.startswith('<p class="govuk-body">Intro.</p>')
    assert html.count('<li class="app-step-by-step__step">') == 2
    assert '<h2 class="govuk-heading-m app-step-by-step__title" id="1-ask">1. Ask</h2>' in html


def test_h1_in_body_is_noticed():
    assert render("# A second title").has_h1 is True
    assert render("## Fine").has_h1 is False
