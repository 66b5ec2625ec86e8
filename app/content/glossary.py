"""The glossary (jargon buster): terms from ``content/glossary.yaml``, and links to them from pages.

The first time a page uses a term, or one of its ``also`` forms, that word
becomes a plain link to ``/glossary#<id>``: visible, keyboard-reachable and read
out by screen readers like any other link, with no pop-up or script. It is done
once, while the page's Markdown is rendered at start-up.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..strict_yaml import YamlProblem, line_of, load
from . import schema as s
from .figures import Figure, fill_figures
from .pages import TRANSLATION, Translation
from .problems import Problem
from .prose import Block, normal, phrase_pattern

ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
TERM_SCHEMA = s.Schema(
    {
        "id": s.Field(s.matches(ID, "lower-case words joined by hyphens, like 'personal-budget'")),
        "term": s.Field(s.text),
        "also": s.Field(s.ListOf(s.text), required=False),  # other forms that mean the same, like plurals
        "definition": s.Field(s.text),
    }
)
GLOSSARY_SCHEMA = s.Schema(
    {
        "last_reviewed": s.Field(s.date),
        "review_due": s.Field(s.date),
        "owner": s.Field(s.text),
        "terms": s.Field(s.ListOf(TERM_SCHEMA, min_items=1)),
        # only in translations (glossary.pl.yaml): status, and the English glossary's last_reviewed
        "translation": s.Field(TRANSLATION, required=False),
    }
)
# Where a glossary link would not help: headings are for navigating, links are already links,
# and code is shown exactly as written.
NO_LINKS_INSIDE = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "abbr"}


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    also: tuple[str, ...] = ()
    line: int = 1

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normal(form) for form in (self.term, *self.also)))


@dataclass(frozen=True)
class Glossary:
    path: str
    last_reviewed: dt.date
    review_due: dt.date
    owner: str
    terms: tuple[Term, ...]  # in alphabetical order
    lang: str = "en"
    translation: Translation | None = None  # set in translated glossaries (glossary.pl.yaml)

    @cached_property
    def by_form(self) -> dict[str, Term]:
        return {form: term for term in self.terms for form in term.forms}

    @cached_property
    def pattern(self) -> re.Pattern:
        return phrase_pattern(self.by_form)

    def term_for(self, text: str) -> Term | None:
        return self.by_form.get(normal(text))

    def link_first_uses(self, root: etree.Element, href: str = "/glossary") -> None:
        """Make the first use of each term in ``root`` a link to its definition, in document order."""
        _Linker(self, href).visit(root)

    def blocks(self) -> list[Block]:
        """Each definition, for the language checks."""
        return [Block(term.line, term.definition) for term in self.terms]


class _Linker:
    def __init__(self, glossary: Glossary, href: str):
        self.glossary = glossary
        self.href = href
        self.linked: set[str] = set()

    def visit(self, parent: etree.Element) -> None:
        parent.text, links = self._split(parent.text)
        for link in reversed(links):
            parent.insert(0, link)
        index = len(links)
        while index < len(parent):
            child = parent[index]
            if child.tag not in NO_LINKS_INSIDE:
                self.visit(child)
            child.tail, links = self._split(child.tail)
            for offset, link in enumerate(links, start=1):
                parent.insert(index + offset, link)
            index += 1 + len(links)

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """Text before the first new link, and the new links, each carrying the text after it as its tail."""
        if not text:
            return text, []
        head, links, last = None, [], 0
        for match in self.glossary.pattern.finditer(text):
            term = self.glossary.term_for(match.group())
            if term is None or term.id in self.linked:
                continue
            self.linked.add(term.id)
            before = text[last : match.start()]
            if links:
                links[-1].tail = before
            else:
                head = before
            link = etree.Element("a", {"href": f"{self.href}#{term.id}", "class": "govuk-link app-glossary-link"})
            link.text = match.group()
            links.append(link)
            last = match.end()
        if not links:
            return text, []
        links[-1].tail = text[last:]
        return head, links


def read_glossary(
    file: Path, display_path: str, figures: Mapping[str, Figure] | None, lang: str = "en"
) -> tuple[Glossary | None, list[Problem]]:
    if not file.exists():
        return None, []  # a site may have no glossary
    try:
        data, lines = load(file.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        return None, [Problem(display_path, exc.line, exc.message)]
    problems = [Problem(display_path, line, msg) for line, msg in s.validate(data or {}, GLOSSARY_SCHEMA, lines)]
    if problems:
        return None, problems
    terms, owner_of = [], {}
    for index, item in enumerate(data["terms"]):
        line = line_of(lines, ("terms", index, "definition"))
        definition, found, _used = fill_figures(" ".join(item["definition"].split()), figures, lang)
        problems += [Problem(display_path, line, message) for _offset, message in found]
        also = tuple(x.strip() for x in item.get("also") or ())
        term = Term(item["id"], item["term"].strip(), definition, also, line)
        for form in term.forms:
            other = owner_of.setdefault(form, term.id)
            if other != term.id:
                where = line_of(lines, ("terms", index, "id"))
                problems.append(
                    Problem(display_path, where, f"'{form}' is already a term or 'also' form of '{other}': use it once")
                )
        if item["id"] in {t.id for t in terms}:
            id_line = line_of(lines, ("terms", index, "id"))
            problems.append(Problem(display_path, id_line, f"id '{item['id']}' is used twice"))
        terms.append(term)
    glossary = Glossary(
        path=display_path,
        last_reviewed=data["last_reviewed"],
        review_due=data["review_due"],
        owner=data["owner"].strip(),
        terms=tuple(sorted(terms, key=lambda t: t.term.lower())),
        lang=lang,
        translation=Translation(**data["translation"]) if data.get("translation") else None,
    )
    if lang == "en" and glossary.translation:
        problems.append(Problem(display_path, line_of(lines, ("translation",)),
                                "'translation' is only for translated glossaries like glossary.pl.yaml"))
    elif lang != "en" and not glossary.translation:
        problems.append(Problem(display_path, 1, "missing required key 'translation' (status and source_reviewed)"))
    return glossary, problems


def check_translated_glossary(glossary: Glossary, english: Glossary) -> list[Problem]:
    """A translated glossary has the English one's terms, by id: no more, no fewer."""
    ids = {term.id: term for term in glossary.terms}
    english_ids = {term.id for term in english.terms}
    problems = [Problem(glossary.path, 1, f"term '{term_id}' of {english.path} is not translated here")
                for term_id in sorted(english_ids - set(ids))]
    problems += [Problem(glossary.path, ids[term_id].line, f"there is no term '{term_id}' in {english.path}")
                 for term_id in sorted(set(ids) - english_ids)]
    if glossary.translation and glossary.translation.source_reviewed < english.last_reviewed:
        problems.append(Problem(glossary.path, 1, "translation is older than the English glossary "
                                f"(reviewed {english.last_reviewed.isoformat()})", "warning"))
    return problems
