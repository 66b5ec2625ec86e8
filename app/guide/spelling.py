"""Small spelling correction: the nearest known word by edit distance.

People type on phones, in a hurry, sometimes in a second language: "gim", "taxy",
"holliday". A few dozen lines of edit distance beat a spelling library here: the
vocabulary is small (the words of the guide or of the site) and known at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable

VOWELS = frozenset("aeiouy")
SLIP = 0.5  # the commonest slips cost half an edit: a vowel for a vowel ("gim"), a doubled letter ("holliday")


def distance(a: str, b: str, limit: float) -> float:
    """Edit distance where swapped neighbours count as one edit ("dirving" -> "driving").

    Swapping one vowel for another, or doubling or undoubling a letter, counts as half an
    edit: so "gim" is nearer "gym" than "gig", and "masage" nearer "massage" than "manage".
    Stops early and returns more than ``limit`` once the distance must be more than ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[float] = []
    previous = [float(j) for j in range(len(b) + 1)]
    for i, char_a in enumerate(a, 1):
        current = [float(i)] + [0.0] * len(b)
        for j, char_b in enumerate(b, 1):
            if char_a == char_b:
                change = 0.0
            elif char_a in VOWELS and char_b in VOWELS:
                change = SLIP
            else:
                change = 1.0
            drop_a = SLIP if i > 1 and a[i - 2] == char_a else 1.0  # a has a doubled letter b has once
            add_b = SLIP if j > 1 and b[j - 2] == char_b else 1.0  # b has a doubled letter a has once
            current[j] = min(previous[j] + drop_a, current[j - 1] + add_b, previous[j - 1] + change)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def allowed_edits(word: str) -> int:
    """One edit (or two half-edit slips) for most words, two for long ones; none under 3 letters."""
    if len(word) < 3:
        return 0
    return 1 if len(word) <= 7 else 2


def closest(word: str, vocabulary: Iterable[str]) -> str | None:
    """The known word nearest to ``word``, or None if nothing is close enough.

    Ties go to a word with the same first letter (people rarely get that wrong), then to
    the alphabetically first, so the answer never depends on the order of the vocabulary.
    """
    limit = allowed_edits(word)
    if limit == 0:
        return None
    best: tuple[float, int, str] | None = None
    letters = set(word)
    for known in vocabulary:
        # Cheap bound first: each letter one word has and the other lacks costs at least half an edit.
        if abs(len(word) - len(known)) > limit or max(len(letters - set(known)), len(set(known) - letters)) > 2 * limit:
            continue
        found = distance(word, known, limit)
        if found > limit:
            continue
        rank = (found, 0 if known[0] == word[0] else 1, known)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class SpellingIndex:
    """A vocabulary indexed for "did you mean", so a correction never compares with every word.

    Each known word is filed under itself and under each form with one letter deleted. A typed
    word's candidates are the words filed under it or under one of its one-letter deletions:
    every word one edit away (a letter added, dropped, changed or two swapped) shares a key with
    it. Only those few candidates get the full ``distance``. Two-edit slips in long words are
    found when they share a key too (a letter doubled and one dropped); the rest are missed, a
    fair price for a bounded cost: a lookup is a few dictionary reads per typed word.
    """

    def __init__(self, vocabulary: Iterable[str]):
        keys: dict[str, set[str]] = {}
        for known in vocabulary:
            for key in {known} | _deletes(known):
                keys.setdefault(key, set()).add(known)
        # Tuples, not sets: the index is kept in the start-up snapshot, and tuples load three times faster.
        self._keys: dict[str, tuple[str, ...]] = {key: tuple(sorted(words)) for key, words in keys.items()}

    def __contains__(self, word: str) -> bool:
        return word in self._keys.get(word, ())

    def closest(self, word: str) -> str | None:
        candidates: set[str] = set()
        for key in {word} | _deletes(word):
            candidates.update(self._keys.get(key, ()))
        return closest(word, candidates)
