"""Words to avoid, each with a plainer word to use instead (GOV.UK style).

The list is data that editors own: ``content/words-to-avoid.yaml``. It is checked
against every heading, paragraph, list item and table cell, and each use is a
warning naming its line and the plainer alternative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..strict_yaml import YamlProblem, load
from . import schema as s
from .problems import Problem
from .prose import Block, normal, phrase_pattern

WORDS_SCHEMA = s.Schema(
    {
        "words": s.Field(
            s.ListOf(
                s.Schema(
                    {
                        "avoid": s.Field(s.ListOf(s.text, min_items=1)),  # the word and its other forms
                        "instead": s.Field(s.text),
                    }
                ),
                min_items=1,
            )
        )
    }
)


@dataclass(frozen=True)
class WordsToAvoid:
    pattern: re.Pattern | None
    instead: dict[str, str]  # lower-case form -> plainer alternative

    def check(self, path: str, prose: Iterable[Block]) -> list[Problem]:
        if self.pattern is None:
            return []
        problems = []
        for block in prose:
            for match in self.pattern.finditer(block.text):
                word = match.group()
                instead = self.instead[normal(word)]
                problems.append(
                    Problem(path, block.line_at(match.start()), f"'{word}': say '{instead}' instead", "warning")
                )
        return problems


NONE = WordsToAvoid(None, {})


def read_words_to_avoid(file: Path, display_path: str) -> tuple[WordsToAvoid, list[Problem]]:
    if not file.exists():
        return NONE, []
    try:
        data, lines = load(file.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        return NONE, [Problem(display_path, exc.line, exc.message)]
    found = s.validate(data or {}, WORDS_SCHEMA, lines)
    if found:
        return NONE, [Problem(display_path, line, message) for line, message in found]
    instead = {normal(form): item["instead"].strip() for item in data["words"] for form in item["avoid"]}
    return WordsToAvoid(phrase_pattern(instead), instead), []
