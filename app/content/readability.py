"""Reading age and sentence length: a guide for editors, not a pass mark.

Reading age is the Flesch-Kincaid grade (a US school year) plus 5, the usual way
to turn it into a UK reading age; GOV.UK aims for about 9. Flesch-Kincaid counts
words per sentence and syllables per word, so it rewards exactly what plain
English asks for: short sentences and short, everyday words. Scores are noisy on
short texts, so pages under ``MIN_WORDS`` get no score. Problems are warnings:
``--strict`` (or a reviewer) decides; people who use the service decide best.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textstat.textstat import textstatistics

from .problems import Problem
from .prose import Block, sentences

# Highest reading age before a warning, per page type. Easy Read is strictest; legal pages
# (accessibility, privacy, cookies) must use some set terms, so they get a little more room.
READING_AGE_LIMITS = {"easy-read": 8, "story": 9, "guide": 10, "feedback": 10, "legal": 11}
# Longest sentence, in words, before a warning.
SENTENCE_LIMITS = {"easy-read": 15}
SENTENCE_LIMIT = 25
MIN_WORDS = 50
UK_AGE_OVER_US_GRADE = 5

_textstat = textstatistics()
# "en-GB" (with a hyphen) makes textstat count syllables with Pyphen's British English
# dictionary, which ships with it. "en" would make it download NLTK's cmudict from the
# internet the first time it runs, which fails offline and in CI.
_textstat.set_lang("en-GB")


@dataclass(frozen=True)
class Score:
    path: str
    words: int
    reading_age: float | None  # None when the page is too short to score


def score(path: str, prose: Iterable[Block]) -> Score:
    said = [s.text for block in prose if not block.is_heading for s in sentences(block)]
    # A list item or table cell with no full stop still ends a sentence.
    text = " ".join(t if t.rstrip()[-1:] in ".!?:" else t + "." for t in said)
    words = _textstat.lexicon_count(text)
    if words < MIN_WORDS:
        return Score(path, words, None)
    return Score(path, words, round(_textstat.flesch_kincaid_grade(text) + UK_AGE_OVER_US_GRADE, 1))


def check_reading_age(found: Score, page_type: str, line: int = 1) -> list[Problem]:
    limit = READING_AGE_LIMITS[page_type]
    if found.reading_age is None or found.reading_age <= limit:
        return []
    return [
        Problem(
            found.path,
            line,
            f"reading age {found.reading_age:g} is above {limit}, "
            f"the limit for {page_type.replace('easy-read', 'Easy Read')} pages: "
            "use shorter sentences and everyday words",
            "warning",
        )
    ]


def check_sentences(path: str, prose: Iterable[Block], page_type: str) -> list[Problem]:
    limit = SENTENCE_LIMITS.get(page_type, SENTENCE_LIMIT)
    return [
        Problem(
            path,
            s.line,
            f"sentence of {s.words} words (over {limit}): split it into shorter ones: '{_start(s.text)}'",
            "warning",
        )
        for block in prose
        if not block.is_heading
        for s in sentences(block)
        if s.words > limit
    ]


def _start(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
