"""The lookup: "Can I use my direct payment for…?" — a word or two in, matching uses out.

People type what they would say: "gym", "pay my wife", "my daughter", "holliday", "siłownia".
So the query is cleaned (case, accents, punctuation, filler words such as "can I use my", in
the reader's language), the words people use are swapped for the guide's words
(``content/synonyms.yaml``), misspelt words are corrected against the guide's own vocabulary,
and each use is scored by the keyword phrases its editors wrote, in English and in the
reader's language. It is plain Python over a few hundred words, so it answers in microseconds
and never fails on odd input.

The lookup knows when it does not know: a use is only offered when its keywords account for
enough of the question (``CONFIDENCE``). "council cut my hours" shares a word with a use or two,
but none of them answers it; then the lookup says "no use matches" and the view shows the site
search for the same words instead of a confident-looking, unrelated verdict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..words import STOP_WORDS, normalise, singular, stem
from .spelling import SpellingIndex

MAX_QUERY_LENGTH = 100  # characters; longer queries are cut here and the person is told
MAX_RESULTS = 10
MAX_WORDS = 10  # meaningful words looked at; more add nothing but time
# The share of the question's meaningful words a use's keywords must account for before it is offered.
# Half: "gym membership" finds the gym; "council cut my hours" (one word of three, at best) finds no use.
CONFIDENCE = 0.5

# Words that carry no meaning in "Can I use my direct payment to pay for…?" questions. In English, a
# list of its own (editors' keywords are checked against it, so it changes with care); in Polish and
# Urdu, the language's question words (app/words.py) and the words for paying and using.
_PL_PAYING = "kupić zapłacić płacić opłacić użyć wydać wykorzystać pieniądze"
_UR_PAYING = "خرید خریدنا ادا استعمال پیسے رقم"
LOOKUP_STOP_WORDS = {
    "en": frozenset(
        [
            "a", "about", "allowed", "am", "an", "and", "any", "are", "at", "be", "buy", "by", "can", "could", "do",
            "does", "dp", "dps", "for", "from", "get", "getting", "have", "help", "how", "i", "if", "in", "is", "it",
            "its", "me", "my", "of", "on", "or", "our", "pay", "paid", "paying", "payment", "payments", "direct",
            "money", "please", "should", "some", "that", "the", "their", "them", "they", "this", "to", "use", "used",
            "using", "want", "what", "when", "where", "which", "who", "why", "will", "would", "you", "your",
        ]
    ),
    "pl": STOP_WORDS["pl"] | frozenset(_PL_PAYING.split()),
    "ur": STOP_WORDS["ur"] | frozenset(_UR_PAYING.split()),
}
_LOOKUP_STOP = {lang: frozenset(normalise(w) for w in stop) for lang, stop in LOOKUP_STOP_WORDS.items()}

__all__ = ["MAX_QUERY_LENGTH", "Finder", "LookupResult", "normalise", "singular", "words"]


def words(text: str, lang: str = "en") -> tuple[str, ...]:
    """The meaningful words of ``text``, normalised and stemmed for ``lang``, in order."""
    stop = _LOOKUP_STOP.get(lang, frozenset()) | _LOOKUP_STOP["en"]
    return tuple(stem(w, lang) for w in normalise(text).split() if w not in stop)


@dataclass(frozen=True)
class LookupResult:
    query: str  # as the person typed it (cut to MAX_QUERY_LENGTH)
    too_long: bool
    corrections: tuple[tuple[str, str], ...]  # (typed, used instead)
    matches: tuple[Any, ...]  # guide items, best first: empty when no use answers the question well enough
    unsure: bool = False  # some use shared a word with the question, but not enough of it to be offered

    @property
    def is_empty_query(self) -> bool:
        return not normalise(self.query)


@dataclass(frozen=True)
class Finder:
    lang: str
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # item id -> its keyword phrases as words
    items: Mapping[str, Any]  # item id -> the use as shown in this language
    synonyms: tuple[tuple[re.Pattern, str], ...]  # longest first
    vocabulary: frozenset[str]  # the keywords' words: what a misspelling is corrected to
    known: frozenset[str]  # every word the uses are written in: real words, never "corrected"
    spelling: SpellingIndex

    @classmethod
    def build(
        cls,
        items: Mapping[str, Any],
        synonyms: Mapping[str, str],
        lang: str = "en",
        shown: Mapping[str, Any] | None = None,
    ) -> Finder:
        """``items`` in English; ``shown`` the same uses in ``lang`` where translated (their keywords count too)."""
        shown = shown or {}
        phrases = {}
        for item_id, item in items.items():
            translated = shown.get(item_id)
            texts = (*item.keywords, item.title, *((*translated.keywords, translated.title) if translated else ()))
            phrases[item_id] = tuple(dict.fromkeys(p for p in (words(t, lang) for t in texts) if p))
        vocabulary = frozenset(w for item_phrases in phrases.values() for p in item_phrases for w in p)
        known = frozenset(
            w
            for item in (*items.values(), *shown.values())
            for w in normalise(" ".join([item.summary, item.example, *item.checks, item.reason_html])).split()
        )
        keywords = {p for item_phrases in phrases.values() for p in item_phrases}
        # Only synonyms that lead to a use, for words that are not keywords already: "clawback: unspent
        # money" is for the search, and swapping it in here would only hide the word typed.
        compiled = tuple(
            (re.compile(rf"\b{re.escape(normalise(word))}\b"), normalise(target))
            for word, target in sorted(synonyms.items(), key=lambda pair: -len(pair[0]))
            if words(target, lang) and set(words(target, lang)) <= vocabulary and words(word, lang) not in keywords
        )
        items_shown = {item_id: shown.get(item_id, item) for item_id, item in items.items()}
        return cls(lang, phrases, items_shown, compiled, vocabulary, known, SpellingIndex(vocabulary))

    def find(self, query: str) -> LookupResult:
        too_long = len(query) > MAX_QUERY_LENGTH
        query = query[:MAX_QUERY_LENGTH].strip()
        text = normalise(query)
        for pattern, target in self.synonyms:
            text = pattern.sub(target, text)
        typed = words(text, self.lang)[:MAX_WORDS]
        corrected = {}  # each unknown word is looked up once, however often it is typed
        for word in set(typed) - self.vocabulary - self.known:
            better = self.spelling.closest(word)
            if better:
                corrected[word] = better
        corrections = tuple(dict.fromkeys((word, corrected[word]) for word in typed if word in corrected))
        matches, unsure = self._rank(tuple(corrected.get(w, w) for w in typed))
        return LookupResult(query, too_long, corrections if matches else (), matches, unsure)

    def _rank(self, query_words: tuple[str, ...]) -> tuple[tuple[Any, ...], bool]:
        """Uses whose keyword phrases appear whole in the query, best first; else partial matches.

        A phrase counts whole only with its words in order ("care home" is not "home care").
        Weak matches are dropped when there is a much stronger one, so "stair lift" does not
        also bring up a use that only has "lift". Nothing is offered when the best use accounts
        for less than CONFIDENCE of the question's words (a partial match counts half).
        """
        if not query_words:
            return (), False
        scores = {item_id: _score(query_words, phrases, whole=True) for item_id, phrases in self.phrases.items()}
        whole = any(score for score, _covered in scores.values())
        if not whole:
            scores = {item_id: _score(query_words, phrases, whole=False) for item_id, phrases in self.phrases.items()}
        best = max((score for score, _covered in scores.values()), default=0)
        if not best:
            return (), False
        covered = max(len(covered) for score, covered in scores.values() if score == best)
        if covered / len(set(query_words)) * (1 if whole else 0.5) < CONFIDENCE:
            return (), True
        ranked = sorted((i for i, (score, _c) in scores.items() if score > best / 2), key=lambda i: -scores[i][0])
        return tuple(self.items[item_id] for item_id in ranked[:MAX_RESULTS]), False


def _score(
    query_words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...], whole: bool
) -> tuple[int, frozenset[str]]:
    """The score and the query words it accounts for.

    Whole phrases score 3 a word; with ``whole=False``, each query word found in a phrase scores 1.
    """
    if whole:
        found = [p for p in set(phrases) if _contains(query_words, p)]
        return sum(3 * len(p) for p in found), frozenset(w for p in found for w in p)
    covered = frozenset(w for w in query_words for p in phrases if w in p)
    return len(covered), covered


def _contains(words_: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words_[start : start + size] == phrase for start in range(len(words_) - size + 1))
