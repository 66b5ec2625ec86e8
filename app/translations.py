"""Translations across every content type: who reviewed them, the term base, and how far each language has got.

- ``content/translation-reviews.yaml`` records, per translated file, who reviewed it and when.
  A file that says ``status: reviewed`` needs a record, and a record must name a file that exists:
  "reviewed" is a promise to readers, so it is backed by a name and a date.
- ``content/terms.yaml`` (the term base) gives one rendering per term and language, and the
  renderings to avoid: a translated file that uses one gets a warning on its line, naming the
  preferred rendering. The term base itself is checked too.
- ``coverage`` counts, per language and content type, what is translated and what is stale
  (translated from an older English version), for ``flask content check`` and the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content import DEFAULT, Problem, Site, schema
from .strict_yaml import YamlProblem, line_of, load

REVIEWS_FILE = "translation-reviews.yaml"
TERMS_FILE = "terms.yaml"
REVIEW_SCHEMA = schema.Schema(
    {"file": schema.Field(schema.text), "reviewer": schema.Field(schema.text), "date": schema.Field(schema.date)}
)


@dataclass(frozen=True)
class Translated:
    """One translated file, as the checks here need it."""

    path: str  # as shown to editors: content/pages/index.pl.md
    lang: str
    status: str  # draft or reviewed
    stale: bool  # translated from an older version of its English source


def _read(file: Path, shown: str) -> tuple[Any, dict[tuple, int], list[Problem]]:
    try:
        data, lines = load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, {}, []
    except YamlProblem as problem:
        return None, {}, [Problem(shown, problem.line, problem.message)]
    return data, lines, []


def check_reviews(root: Path, shown: str, translated: Iterable[Translated]) -> list[Problem]:
    """A reviewed translation needs a record in translation-reviews.yaml; a record needs its file."""
    data, lines, problems = _read(root / REVIEWS_FILE, shown)
    if problems:
        return problems
    records: dict[str, int] = {}
    if data is not None:
        if not isinstance(data, dict) or set(data) != {"reviews"} or not isinstance(data["reviews"], list):
            return [Problem(shown, 1, "this file must have one key, 'reviews:', with a list of reviews (or [])")]
        for index, record in enumerate(data["reviews"]):
            found = schema.validate(record, REVIEW_SCHEMA, lines, ("reviews", index))
            problems += [Problem(shown, line, message) for line, message in found]
            if found:
                continue
            line = line_of(lines, ("reviews", index, "file"))
            if not (root.parent / record["file"]).is_file():
                problems.append(Problem(shown, line, f"there is no file {record['file']}: write its path from "
                                        "the project folder, like content/pages/index.pl.md"))
            records[record["file"]] = line
    for item in translated:
        if item.status == "reviewed" and item.path not in records:
            problems.append(Problem(item.path, 1, f"a reviewed translation needs a record in content/{REVIEWS_FILE} "
                                    "(file, reviewer, date): add one, or say status: draft"))
    return problems


@dataclass(frozen=True)
class Avoid:
    lang: str
    pattern: re.Pattern
    written: str  # the rendering to avoid, as the term base writes it
    preferred: str  # what to write instead


def read_term_base(root: Path, shown: str, languages: Iterable[str]) -> tuple[list[Avoid], list[Problem]]:
    """The renderings to avoid, per language, and the term base's own problems."""
    data, lines, problems = _read(root / TERMS_FILE, shown)
    if problems or data is None:
        return [], problems
    languages = [lang for lang in languages if lang != DEFAULT]
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return [], [Problem(shown, 1, "the term base needs 'terms:', a list of terms")]
    avoid: list[Avoid] = []
    seen: dict[str, int] = {}
    for index, term in enumerate(data["terms"]):
        where = ("terms", index)
        line = line_of(lines, where)
        if not isinstance(term, dict) or not isinstance(term.get("id"), str) or not isinstance(term.get("en"), str):
            problems.append(Problem(shown, line, "each term needs an 'id' and its English 'en'"))
            continue
        if term["id"] in seen:
            first = seen[term["id"]]
            problems.append(Problem(shown, line, f"term '{term['id']}' is listed twice (first on line {first})"))
        seen[term["id"]] = line
        for lang in languages:
            preferred = term.get(lang)
            if not isinstance(preferred, str) or not preferred.strip():
                problems.append(Problem(shown, line, f"term '{term['id']}' has no '{lang}' rendering"))
                continue
            for written in term.get(f"{lang}_avoid") or ():
                if not isinstance(written, str) or not written.strip():
                    problems.append(Problem(shown, line_of(lines, (*where, f"{lang}_avoid")),
                                            f"'{lang}_avoid' must be a list of words"))
                elif written.casefold() == preferred.casefold():
                    problems.append(Problem(shown, line_of(lines, (*where, f"{lang}_avoid")),
                                            f"'{written}' is both the rendering to use and one to avoid"))
                else:
                    avoid.append(Avoid(lang, _starts_a_word(written), written, preferred))
    names = data.get("names") if isinstance(data.get("names"), dict) else {}
    for lang in languages:
        listed = ", ".join(str(name) for name in names.get(lang) or ())
        for written in names.get(f"{lang}_avoid") or ():
            # A name is a whole word with its capital: "Sam" is to avoid in Polish, "sam" ("alone") is not.
            pattern = re.compile(r"(?<!\w)" + re.escape(str(written)) + r"(?!\w)")
            avoid.append(Avoid(lang, pattern, str(written), f"a name from the term base's list ({listed})"))
    return avoid, problems


def _starts_a_word(written: str) -> re.Pattern:
    # At the start of a word, case-insensitively: a Polish stem catches its endings.
    return re.compile(r"(?<!\w)" + re.escape(written), re.IGNORECASE)


SEARCH_WORDS = ("keywords:", "also:")


def check_terms(root: Path, avoid: list[Avoid], translated: Iterable[Translated]) -> list[Problem]:
    """A warning on each line of a translated file that uses a rendering the term base says to avoid."""
    problems: list[Problem] = []
    for item in translated:
        wanted = [a for a in avoid if a.lang == item.lang]
        if not wanted:
            continue
        text = (root.parent / item.path).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith(SEARCH_WORDS):
                continue  # a use's keywords are the words people type, avoided renderings included
            for entry in wanted:
                if entry.pattern.search(line):
                    problems.append(Problem(item.path, number, f"'{entry.written}' is a rendering the term base "
                                            f"says to avoid: write '{entry.preferred}'", "warning"))
    return problems


def coverage(site: Site) -> list[str]:
    """Per language and content type: translated/total, and how many translations are stale."""
    kinds = {
        "pages": (
            list(site.slugs),
            {(p.slug, p.lang): site.is_stale(p) for p in site.pages.values() if p.lang != DEFAULT},
        ),
        "Easy Read": (
            list(site.easy_read),
            {key: bool(p.translation and p.translation.source_reviewed < site.easy_read[p.slug].last_reviewed)
             for key, p in site.easy_read_translations.items()},
        ),
    }
    if site.uses is not None:
        uses = site.uses
        kinds["uses"] = (list(uses.items), {key: uses.is_stale(i) for key, i in uses.translations.items()})
    lines = []
    for lang in site.settings.languages:
        if lang == DEFAULT:
            continue
        parts = []
        for kind, (english, translated) in kinds.items():
            done = [key for key in translated if key[1] == lang]
            stale = sum(1 for key in done if translated[key])
            parts.append(f"{kind} {len(done)}/{len(english)}" + (f" ({stale} stale)" if stale else ""))
        parts.append("glossary " + ("yes" if lang in site.glossaries else "no"))
        if site.uses is not None:
            parts.append("categories " + ("yes" if lang in site.uses.category_translations else "no"))
        parts.append("explainer " + ("yes" if lang in site.wording else "no"))
        lines.append(f"{lang}: " + ", ".join(parts))
    return lines
