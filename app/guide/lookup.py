"""The lookup: "Can I use my direct payment for…?" — a word or two in, matching uses out.

People type what they would say: "gym", "pay my wife", "my daughter", "holliday". So the
query is cleaned (case, accents, punctuation, filler words such as "can I use my"),
colloquial words are swapped for the guide's words (``content/use/_synonyms.yaml``),
misspelt words are corrected against the guide's own vocabulary, and each use is scored
by the keyword phrases its editors wrote. It is plain Python over a few hundred words,
so it answers in microseconds and never fails on odd input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .spelling import closest

MAX_QUERY_LENGTH = 100  # characters; longer queries are cut here and the person is told
MAX_RESULTS = 10
MAX_WORDS = 10  # meaningful words looked at; more add nothing but time

# Words that carry no meaning in "Can I use my direct payment to pay for…?" questions.
STOP_WORDS = frozenset(
    [
        "a", "about", "am", "an", "and", "any", "are", "at", "be", "buy", "by", "can", "could", "do", "does", "dp",
        "dps", "for", "from", "get", "getting", "have", "help", "i", "if", "in", "is", "it", "its", "my", "of", "on",
        "or", "our", "pay", "paid", "paying", "payment", "payments", "direct", "money", "please", "some", "that", "the",
        "their", "them", "they", "this", "to", "use", "used", "using", "want", "what", "would", "you", "your",
    ]
)


def normalise(text: str) -> str:
    """Lower case, no accents, no apostrophes, and only letters, digits and single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def singular(word: str) -> str:
    """A rough singular, applied to both sides so "lessons" meets "lesson" and "activities" "activity"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> tuple[str, ...]:
    """The meaningful words of ``text``, normalised and made singular, in order."""
    return tuple(singular(w) for w in normalise(text).split() if w not in STOP_WORDS)


@dataclass(frozen=True)
class LookupResult:
    query: str  # as the person typed it (cut to MAX_QUERY_LENGTH)
    too_long: bool
    corrections: tuple[tuple[str, str], ...]  # (typed, used instead)
    matches: tuple[Any, ...]  # guide items, best first

    @property
    def is_empty_query(self) -> bool:
        return not normalise(self.query)


@dataclass(frozen=True)
class Finder:
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # item id -> its keyword phrases as words
    items: Mapping[str, Any]
    synonyms: tuple[tuple[re.Pattern, str], ...]  # longest first
    vocabulary: frozenset[str]

    @classmethod
    def build(cls, items: Mapping[str, Any], synonyms: Mapping[str, str]) -> Finder:
        phrases = {
            item_id: tuple(p for p in (words(k) for k in (*item.keywords, item.title)) if p)
            for item_id, item in items.items()
        }
        vocabulary = frozenset(w for item_phrases in phrases.values() for p in item_phrases for w in p)
        compiled = tuple(
            (re.compile(rf"\b{re.escape(normalise(word))}\b"), normalise(target))
            for word, target in sorted(synonyms.items(), key=lambda pair: -len(pair[0]))
        )
        return cls(phrases, items, compiled, vocabulary)

    def find(self, query: str) -> LookupResult:
        too_long = len(query) > MAX_QUERY_LENGTH
        query = query[:MAX_QUERY_LENGTH].strip()
        text = normalise(query)
        for pattern, target in self.synonyms:
            text = pattern.sub(target, text)
        typed = words(text)[:MAX_WORDS]
        corrected = {}  # each unknown word is looked up once, however often it is typed
        for word in set(typed) - self.vocabulary:
            better = closest(word, self.vocabulary)
            if better:
                corrected[word] = better
        corrections = tuple(dict.fromkeys((word, corrected[word]) for word in typed if word in corrected))
        return LookupResult(query, too_long, corrections, self._rank(tuple(corrected.get(w, w) for w in typed)))

    def _rank(self, query_words: tuple[str, ...]) -> tuple[Any, ...]:
        """Uses whose keyword phrases appear whole in the query, best first; else partial matches.

        A phrase counts whole only with its words in order ("care home" is not "home care").
        Weak matches are dropped when there is a much stronger one, so "stair lift" does not
        also bring up a use that only has "lift".
        """
        scores = {item_id: _score(query_words, phrases, whole=True) for item_id, phrases in self.phrases.items()}
        if not any(scores.values()):
            scores = {item_id: _score(query_words, phrases, whole=False) for item_id, phrases in self.phrases.items()}
        best = max(scores.values(), default=0)
        if not best:
            return ()
        ranked = sorted((i for i, score in scores.items() if score > best / 2), key=lambda i: -scores[i])
        return tuple(self.items[item_id] for item_id in ranked[:MAX_RESULTS])


def _score(query_words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...], whole: bool) -> int:
    """Whole phrases score 3 a word; with ``whole=False``, each query word found in a phrase scores 1."""
    if whole:
        return sum(3 * len(p) for p in set(phrases) if _contains(query_words, p))
    return len({w for w in query_words for p in phrases if w in p})


def _contains(words_: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words_[start : start + size] == phrase for start in range(len(words_) - size + 1))
