"""Reading age (Flesch-Kincaid grade + 5) with a limit per page type, and sentence length."""

from __future__ import annotations

import nltk
import pytest

from app.content import readability
from app.content.prose import blocks

# About reading age 9.5: fine for a guide page (limit 10), too hard for a story (limit 9).
MIDDLING = (
    "You can ask the council for a needs assessment at any time. "
    "Someone from the council talks with you about your everyday life and your family. "
    "They ask what you find difficult and what matters most to you. "
    "The council then decides whether your needs are eligible for support. "
    "If they are, the council must usually arrange suitable support. "
    "You may need to pay something towards the cost of your support.\n"
)


def score(text: str) -> readability.Score:
    return readability.score("page.md", blocks(text, 1))


def test_reading_age_is_flesch_kincaid_grade_plus_five_and_needs_enough_words():
    assert score(MIDDLING).reading_age == 9.5
    assert score(MIDDLING).words == 71
    assert score("A short page.\n").reading_age is None


def test_the_limit_depends_on_the_page_type():
    found = score(MIDDLING)
    assert readability.check_reading_age(found, "guide") == []
    assert readability.check_reading_age(found, "legal") == []
    assert [str(p) for p in readability.check_reading_age(found, "story")] == [
        "page.md:1: warning: reading age 9.5 is above 9, the limit for story pages: "
        "use shorter sentences and everyday words"
    ]
    assert readability.check_reading_age(found, "easy-read") != []


def test_easy_read_is_the_strictest_and_every_page_type_has_a_limit():
    from app.content.pages import PAGE_TYPES

    limits = readability.READING_AGE_LIMITS
    assert set(limits) == {*PAGE_TYPES, "easy-read"}
    assert limits["easy-read"] == min(limits.values())
    assert readability.SENTENCE_LIMITS["easy-read"] < readability.SENTENCE_LIMIT


def test_a_list_item_without_a_full_stop_still_ends_a_sentence():
    items = "".join(f"- item number {n} on the list\n" for n in range(12))
    assert score(items).reading_age == score(items.replace(" list\n", " list.\n")).reading_age


def test_scores_are_worked_out_offline(monkeypatch):
    """textstat must count syllables with its bundled dictionary, never fetch NLTK's cmudict."""

    def no_network(*args, **kwargs):
        raise AssertionError("textstat tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", no_network)
    monkeypatch.setattr(nltk.data, "find", no_network)
    assert score(MIDDLING.replace("suitable", "good")).reading_age is not None


@pytest.mark.parametrize(
    ("page_type", "words", "expected"), [("guide", 26, 1), ("guide", 25, 0), ("easy-read", 16, 1), ("easy-read", 15, 0)]
)
def test_sentence_length_limits(page_type, words, expected):
    sentence = " ".join(["word"] * words) + ".\n"
    assert len(readability.check_sentences("page.md", blocks(sentence, 1), page_type)) == expected
