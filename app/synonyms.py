"""The words people use, in one editor-owned file: ``content/synonyms.yaml``.

People ask in their own words and in their council's: "clawback", "contribution", "hubby",
"siłownia". One file, per language, says which words the site uses for them (``synonyms``) and,
for a few questions, which pages an editor pins to the top of the search (``best_bets``). Both the
header search and the /use lookup read it, so a word added here helps both.

    en:
      synonyms:
        clawback: unspent money      # a word people use: words the site uses
      best_bets:
        complain: [/complaints-and-the-ombudsman]   # words in a query: pages shown first

The file is read once at start-up. Problems are reported as ``path:line: message``; whether
each target word is one the site really uses is checked against the search index
(``app/search.py``), because only the index knows every word of every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .content import schema as s
from .content.languages import DEFAULT, is_known
from .content.problems import Problem
from .strict_yaml import YamlProblem, line_of, load

SECTIONS = ("synonyms", "best_bets")
FORMAT = "each language has 'synonyms:' (word: words the site uses) and 'best_bets:' (words: [/page, ...])"


@dataclass(frozen=True)
class Words:
    """One language's synonyms and best bets, with the line each was written on."""

    synonyms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    best_bets: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    lines: Mapping[tuple[str, str], int] = field(default_factory=lambda: MappingProxyType({}))  # (section, key)


@dataclass(frozen=True)
class Synonyms:
    path: str  # as shown to editors
    languages: Mapping[str, Words] = field(default_factory=lambda: MappingProxyType({}))

    def for_language(self, lang: str) -> Words:
        """A language's own words, over English's: a Polish reader may still type "clawback"."""
        english = self.languages.get(DEFAULT, Words())
        own = self.languages.get(lang, Words()) if lang != DEFAULT else Words()
        return Words(
            MappingProxyType({**english.synonyms, **own.synonyms}),
            MappingProxyType({**english.best_bets, **own.best_bets}),
        )


def read_synonyms(path: Path, display_path: str) -> tuple[Synonyms, list[Problem]]:
    """The file's words, or no words and the problems: a missing file is simply no synonyms."""
    empty = Synonyms(display_path)
    try:
        data, lines = load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return empty, []
    except YamlProblem as exc:
        return empty, [Problem(display_path, exc.line, exc.message)]
    if data is None:
        return empty, []
    if not isinstance(data, dict):
        return empty, [Problem(display_path, 1, f"this file maps each language code to its words: {FORMAT}")]
    problems, languages = [], {}
    for lang, sections in data.items():
        line = line_of(lines, (lang,))
        if not is_known(lang):
            problems.append(Problem(display_path, line, f"'{lang}' is not a language code the site knows"))
            continue
        if sections is None:
            continue
        if not isinstance(sections, dict) or set(sections) - set(SECTIONS):
            problems.append(Problem(display_path, line, FORMAT))
            continue
        words, found = _read_language(lang, sections, lines, display_path)
        problems += found
        languages[lang] = words
    return Synonyms(display_path, MappingProxyType(languages)), problems


def _read_language(lang: str, sections: dict, lines: dict, path: str) -> tuple[Words, list[Problem]]:
    problems, synonyms, best_bets, where = [], {}, {}, {}
    for word, target in (sections.get("synonyms") or {}).items():
        line = line_of(lines, (lang, "synonyms", word))
        if s.text(word) or s.text(target):
            problems.append(Problem(path, line, "each synonym must be 'word people use: words the site uses'"))
            continue
        synonyms[word.strip()] = target.strip()
        where[("synonyms", word.strip())] = line
    for words, targets in (sections.get("best_bets") or {}).items():
        line = line_of(lines, (lang, "best_bets", words))
        targets = [targets] if isinstance(targets, str) else targets
        if s.text(words) or not isinstance(targets, list) or not targets or any(s.text(t) for t in targets):
            problems.append(Problem(path, line, "each best bet must be 'words in a query: [/page, /use/item]'"))
            continue
        best_bets[words.strip()] = tuple(t.strip() for t in targets)
        where[("best_bets", words.strip())] = line
    return Words(MappingProxyType(synonyms), MappingProxyType(best_bets), MappingProxyType(where)), problems
