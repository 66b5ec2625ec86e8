"""The lookup: real phrasings find the right uses, misspellings are corrected, and odd input never fails."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import create_app
from app.guide.lookup import MAX_QUERY_LENGTH, normalise, singular, words
from app.guide.spelling import closest, distance
from tests.guide.phrases import PHRASES


@pytest.fixture(scope="module")
def guide():
    # Module scope: Hypothesis runs thousands of examples against one guide.
    return create_app({"TESTING": True}).extensions["dp_guide"]


@pytest.mark.parametrize(("phrase", "expected"), list(PHRASES.items()), ids=list(PHRASES))
def test_real_phrasings_find_the_right_uses(guide, phrase, expected):
    found = [item.id for item in guide.lookup(phrase).matches]
    wanted = (expected,) if isinstance(expected, str) else expected
    assert set(wanted) <= set(found), found
    assert found[0] in wanted  # and one of them comes first


def test_the_phrase_table_is_big_enough():
    assert len(PHRASES) >= 30


@pytest.mark.parametrize(
    ("typed", "used"),
    [("holliday", "holiday"), ("gim", "gym"), ("taxy", "taxi"), ("masage", "massage"), ("insurence", "insurance")],
)
def test_misspellings_are_corrected_and_said(guide, typed, used):
    assert guide.lookup(typed).corrections == ((typed, used),)


def test_synonyms_swap_everyday_words_for_the_guides(guide):
    assert [i.id for i in guide.lookup("hubby").matches] == ["partner"]
    assert guide.lookup("hubby").corrections == ()  # a synonym is not a spelling mistake


def test_no_match_is_an_empty_answer_not_an_error(guide):
    result = guide.lookup("xylophone tuning")
    assert result.matches == () and not result.is_empty_query


@pytest.mark.parametrize("query", ["", "   ", "can I use my", "?!", "the a an"])
def test_queries_with_no_meaning_find_nothing(guide, query):
    assert guide.lookup(query).matches == ()


def test_a_huge_query_is_cut_and_flagged(guide):
    result = guide.lookup("gym " * 1000)
    assert result.too_long and len(result.query) <= MAX_QUERY_LENGTH
    assert [i.id for i in result.matches] == ["gym"]


def test_normalising_folds_case_accents_and_punctuation():
    assert normalise("  Café’s   GYM-membership!! ") == "cafes gym membership"
    assert words("Can I use my DP for driving lessons?") == ("driving", "lesson")
    assert [singular(w) for w in ("activities", "glasses", "lessons", "bus", "class")] == [
        "activity", "glass", "lesson", "bus", "class",
    ]


def test_edit_distance():
    assert distance("dirving", "driving", 2) == 1  # swapped neighbours are one edit
    assert distance("gim", "gym", 1) == 0.5  # a vowel for a vowel is half an edit
    assert distance("holliday", "holiday", 1) == 0.5  # so is a doubled letter
    assert distance("cat", "dog", 1) > 1  # stops early past the limit
    assert closest("gim", {"gig", "gym"}) == "gym"
    assert closest("ab", {"ab"}) is None  # too short to correct
    assert closest("zzzzzz", {"gym"}) is None


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all_never_fails(guide, query):
    result = guide.lookup(query)
    assert len(result.query) <= MAX_QUERY_LENGTH
    assert len(result.matches) <= 10


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["gym", "my", "pay", "holliday", "wife", "\"", "*", "NEAR(", "-", "’", "é", "🙂", "can", "I"]),
        max_size=12,
    )
)
def test_mixed_real_words_and_symbols_never_fail(guide, parts):
    guide.lookup(" ".join(parts))


@pytest.mark.parametrize(
    "query", ["how do i get a direct payment", "council cut my hours", "can I complain about my social worker"]
)
def test_a_question_no_use_answers_gets_no_verdict(guide, query):
    assert guide.lookup(query).matches == ()


def test_a_question_sharing_a_word_with_a_use_is_unsure_not_answered(guide):
    result = guide.lookup("council cut my hours")
    assert result.matches == () and result.unsure


@pytest.mark.parametrize(("query", "lang"), [("siłownia", "pl"), ("silowni", "pl"), ("جم", "ur"), ("gym", "pl")])
def test_polish_and_urdu_words_find_uses_shown_in_that_language(guide, query, lang):
    matches = guide.lookup(query, lang).matches
    assert [item.id for item in matches][:1] == ["gym"] and matches[0].lang == lang


def test_the_spelling_index_finds_one_edit_slips_without_scanning_the_vocabulary():
    from app.guide.spelling import SpellingIndex

    vocabulary = {"holiday", "gym", "massage", "insurance", "taxi", "driving"}
    index = SpellingIndex(vocabulary)
    for typed in ("holliday", "gim", "masage", "insurence", "taxy", "dirving"):
        assert index.closest(typed) == closest(typed, vocabulary), typed
    assert index.closest("zzzzzzz") is None and "gym" in index and "gim" not in index
