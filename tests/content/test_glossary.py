"""Glossary links: the first use of each term in a page's text links to its definition, once."""

from __future__ import annotations

from app.content import check_content
from app.content.glossary import Glossary, Term
from app.content.render import render
from tests.conftest import TODAY, VALID_FRONT, page_text
from tests.html import classes, none, one, select, text

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
    """(term id, linked words) for each glossary link, in order."""
    html = render(markdown, glossary=GLOSSARY, **options).html
    links = select(html, "a.app-glossary-link")
    for link in links:
        assert "govuk-link" in classes(link) and link["href"].startswith("/glossary#"), link
    return [(link["href"].removeprefix("/glossary#"), link.get_text()) for link in links]


def test_only_the_first_use_of_a_term_is_linked():
    markdown = "A direct payment is money. You can stop a direct payment.\n\nDirect payments help.\n"
    assert glossary_links(markdown) == [("direct-payment", "direct payment")]


def test_other_forms_count_as_the_same_term_and_case_does_not_matter():
    links = glossary_links("DIRECT PAYMENTS are money. A direct payment helps.\n")
    assert links == [("direct-payment", "DIRECT PAYMENTS")]


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
    markdown = (
        "## What a direct payment is\n\nRead [about direct payments](https://www.gov.uk).\n\nA direct payment helps.\n"
    )
    html = render(markdown, glossary=GLOSSARY).html
    heading = one(html, "h2#what-a-direct-payment-is")
    assert text(heading) == "What a direct payment is"
    none(heading, "*")  # no link inside the heading
    link = one(html, 'a[href="https://www.gov.uk"]')
    assert (text(link), classes(link)) == ("about direct payments", {"govuk-link"})
    none(link, "*")  # no link inside the link
    assert glossary_links(markdown) == [("direct-payment", "direct payment")]


def test_terms_in_lists_tables_and_steps_are_linked_and_the_text_around_them_is_kept():
    markdown = (
        "## 1. Ask\n\n- a direct payment, then\n- a support plan\n\n"
        "| Word | Meaning |\n|---|---|\n| Carer's assessment | x |\n"
    )
    html = render(markdown, glossary=GLOSSARY, step_by_step=True).html
    item = one(html, "li", with_text="a direct payment, then")
    link = one(item, "a.app-glossary-link")
    assert (link["href"], text(link)) == ("/glossary#direct-payment", "direct payment")
    assert glossary_links(markdown, step_by_step=True) == [
        ("direct-payment", "direct payment"),
        ("support-plan", "support plan"),
        ("carers-assessment", "Carer's assessment"),
    ]


def test_several_terms_in_one_sentence_and_inside_bold_text():
    markdown = "A **direct payment** pays for your support plan.\n"
    paragraph = one(render(markdown, glossary=GLOSSARY).html, "p")
    assert classes(paragraph) == {"govuk-body"} and text(paragraph) == "A direct payment pays for your support plan."
    assert glossary_links(markdown) == [("direct-payment", "direct payment"), ("support-plan", "support plan")]
    bold = one(paragraph, "strong")
    assert text(bold) == "direct payment" and one(bold, "a")["href"] == "/glossary#direct-payment"  # bold kept


def test_no_glossary_means_no_links():
    none(render("A direct payment.\n").html, ".app-glossary-link")


def test_glossary_links_are_not_reported_as_the_pages_own_links():
    assert render("A direct payment.\n", glossary=GLOSSARY).links == []


def test_translated_pages_get_no_english_glossary_links(make_site):
    front = VALID_FRONT + "translation:\n  status: draft\n  source_reviewed: 2026-11-01\n"
    root = make_site({"pages/about.pl.md": page_text(front, "Płatność bezpośrednia (direct payment) to pieniądze.\n")})
    site, _problems = check_content(root, TODAY)
    assert "(direct payment)" in site.pages[("about", "pl")].html
    none(site.pages[("about", "pl")].html, ".app-glossary-link")
    assert select(site.pages[("paying", "en")].html, "a.app-glossary-link")
