"""The words of a Markdown body, with the line each sentence starts on, for the language checks."""

from __future__ import annotations

from app.content.prose import blocks, sentences


def test_blocks_are_paragraphs_list_items_cells_and_headings_with_markup_removed():
    body = (
        "## A *heading*\n"           # line 10
        "\n"
        "A [link](a.md) and **bold**\n"
        "over two lines.\n"
        "\n"
        "- first item\n"             # line 15
        "- second item\n"
        "\n"
        "| Who | What |\n"
        "|---|---|\n"
        "| You | Pay |\n"           # line 20
        "\n"
        "![A phone](images/phone.svg)\n"
        "You can phone.\n"
    )
    found = [(b.line, b.text, b.is_heading) for b in blocks(body, 10)]
    assert found == [
        (10, "A heading", True),
        (12, "A link and bold over two lines.", False),
        (15, "first item", False),
        (16, "second item", False),
        (18, "Who", False), (18, "What", False), (20, "You", False), (20, "Pay", False),
        (23, "You can phone.", False),
    ]


def test_each_sentence_knows_the_line_it_starts_on():
    body = "One short sentence. Then a second\nthat runs on. And a third.\n\n```\nCode. Is. Skipped.\n```\n"
    found = [(s.line, s.text, s.words) for block in blocks(body, 1) for s in sentences(block)]
    assert found == [(1, "One short sentence.", 3), (1, "Then a second that runs on.", 6), (2, "And a third.", 3)]


def test_abbreviations_with_a_lower_case_word_after_do_not_end_a_sentence():
    [block] = blocks("Read section 9 of the Care Act, e.g. the first part.\n", 1)
    assert len(sentences(block)) == 1
