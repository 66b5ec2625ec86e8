"""Glossary links: the first use of each term in a page's text links to its definition, once."""

from __future__ import annotations

import re

from app.content import check_content
from app.content.glossary import Glossary, Term
from app.content.render import render
from tests.conftest import TODAY, VALID_FRONT, page_text

GLOSSARY = Glossary(
    path="content/glossary.yaml",
    last_reviewed=None,
    review_due=None,
    owner="Test team",
    terms=(
        Term("care-and-support-plan", "Care and support plan", "The plan for an adult."),
        Term("carers-assessment", "Carer's assessment", "An assessment for a carer."),
        Term("direct-payment", "Direct payment", "Money from the council.", ("direct payments",)),
        Term("support-plan", "Support plan", "The plan for a carer."),
    ),
)


def glossary_links(markdown: str, **options) -> list[tuple[str, str]]:
    html = render(markdown, glossary=GLOSSARY, **options).html
    return re.findall(r'<a class="govuk-link app-glossary-link" href="/glossary#([^"]+)">([^<]+)</a>', html)


def test_only_the_first_use_of_a_term_is_linked():
    text = "A direct payment is money. You can stop a direct payment.\n\nDirect payments help.\n"
    assert glossary_links(text) == [("direct-payment", "direct payment")]


def test_other_forms_count_as_the_same_term_and_case_does_not_matter():
    assert glossary_links("DIRECT PAYMENTS are money. A direct payment helps.\n") == [("direct-payment", "DIRECT PAYMENTS")]


def test_the_longest_term_wins_and_shorter_terms_inside_it_are_not_linked_there():
    assert glossary_links("Your care and support plan. A support plan.\n") == [
        ("care-and-support-plan", "care and support plan"),
        ("support-plan", "support plan"),
    ]


def test_whole_words_only():
    assert glossary_links("Indirect payments and direct paymentsystem are not terms.\n") == []


def test_either_kind_of_apostrophe_matches():
    assert glossary_links("Ask for a carer’s assessment.\n") == [("carers-assessment", "carer’s assessment")]


def test_headings_and_existing_links_are_left_alone():
    text = "## What a direct payment is\n\nRead [about direct payments](https://www.gov.uk).\n\nA direct payment helps.\n"
    html = render(text, glossary=GLOSSARY).html
    assert '<h2 class="govuk-heading-l" id="what-a-direct-payment-is">What a direct payment is</h2>' in html
    assert '<a class="govuk-link" href="https://www.gov.uk">about direct payments</a>' in html
    assert glossary_links(text) == [("direct-payment", "direct payment")]


def test_terms_in_lists_tables_and_steps_are_linked_and_the_text_around_them_is_kept():
    text = "## 1. Ask\n\n- a direct payment, then\n- a support plan\n\n| Word | Meaning |\n|---|---|\n| Carer's assessment | x |\n"
    html = render(text, glossary=GLOSSARY, step_by_step=True).html
    assert '<li>a <a class="govuk-link app-glossary-link" href="/glossary#direct-payment">direct payment</a>, then</li>' in html
    assert glossary_links(text, step_by_step=True) == [
        ("direct-payment", "direct payment"), ("support-plan", "support plan"), ("carers-assessment", "Carer's assessment"),
    ]


def test_several_terms_in_one_sentence_and_inside_bold_text():
    html = render("A **direct payment** pays for your support plan.\n", glossary=GLOSSARY).html
    assert html == (
        '<p class="govuk-body">A <strong><a class="govuk-link app-glossary-link" href="/glossary#direct-payment">'
        'direct payment</a></strong> pays for your <a class="govuk-link app-glossary-link" '
        'href="/glossary#support-plan">support plan</a>.</p>'
    )


def test_no_glossary_means_no_links():
    assert "app-glossary-link" not in render("A direct payment.\n").html


def test_glossary_links_are_not_reported_as_the_pages_own_links():
    assert render("A direct payment.\n", glossary=GLOSSARY).links == []


def test_translated_pages_get_no_english_glossary_links(make_site):
    front = VALID_FRONT + "translation:\n  status: draft\n  source_reviewed: 2026-11-01\n"
    root = make_site({"pages/about.pl.md": page_text(front, "Płatność bezpośrednia (direct payment) to pieniądze.\n")})
    site, _problems = check_content(root, TODAY)
    assert "(direct payment)" in site.pages[("about", "pl")].html
    assert "app-glossary-link" not in site.pages[("about", "pl")].html
    assert "app-glossary-link" in site.pages[("paying", "en")].html
