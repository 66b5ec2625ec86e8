"""Money figures and legal thresholds: dated data in settings, never literals in prose.

Amounts such as the capital limits or the minimum wage change every April. They
live once, with their dates and source, in ``content/settings.yaml`` under
``figures:``; pages write ``[figure: capital_upper_limit]`` for the amount and
``[figure period: capital_upper_limit]`` for the dates it applies to. A ``£``
followed by a digit in a page is an error, so an old amount cannot hide in a page.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date, format_interval
from babel.numbers import format_decimal

from ..strict_yaml import line_of
from . import schema as s

KINDS = ("money", "money_pence", "number", "text")
NAME = re.compile(r"[a-z][a-z0-9_]*")
TOKEN = re.compile(r"\[figure(?P<period> period)?:\s*(?P<name>[^\]\s]*)\s*\]")
# An amount written out: "£20", "£ 20", "20 pounds". The one rule, for pages, Easy Read, glossary and uses.
MONEY_LITERAL = re.compile(r"£\s*\d|\d\s*(?:pounds|GBP)\b", re.IGNORECASE)
MONEY_MESSAGE = (
    "write money amounts as figures from the settings, like [figure: capital_upper_limit], "
    "not as '£' and digits: an amount written out goes out of date"
)
# "6 April 2026 to 5 April 2027" and "from 6 April 2026": English, the language every page is written
# in first. Other languages' words are in the settings (figure_periods:), so adding one needs no Python.
ENGLISH_PERIOD = ("{start} to {end}", "from {start}")
PERIOD_SCHEMA = s.Schema({"between": s.Field(s.text), "from": s.Field(s.text)})


def _number_or_text(value: Any) -> str | None:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return None
    return "must be a number or some text"


FIGURE_SCHEMA = s.Schema(
    {
        "value": s.Field(_number_or_text),
        "kind": s.Field(s.one_of(*KINDS)),
        "applies_from": s.Field(s.date),
        "applies_to": s.Field(s.date, required=False),  # left out when there is no end date yet
        "source_title": s.Field(s.text),
        "source_url": s.Field(s.url),
    }
)


def is_section(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be a set of 'name:' sections"


@dataclass(frozen=True)
class Figure:
    name: str
    value: int | float | str
    kind: str
    applies_from: dt.date
    source_title: str
    source_url: str
    applies_to: dt.date | None = None
    line: int = 1  # where the figure is in the settings file
    # (between, from) wording of the period by language, from the settings' figure_periods
    period_words: Mapping[str, tuple[str, str]] = field(default_factory=dict, compare=False, hash=False)

    def shown(self, lang: str = "en") -> str:
        locale = "en_GB" if lang == "en" else lang
        if self.kind == "money":
            return "£" + format_decimal(self.value, format="#,##0", locale=locale)
        if self.kind == "money_pence":
            return "£" + format_decimal(self.value, format="#,##0.00", locale=locale)
        if self.kind == "number":
            return format_decimal(self.value, locale=locale)
        return str(self.value)

    def period(self, lang: str = "en") -> str:
        locale = "en_GB" if lang == "en" else lang
        start = format_date(self.applies_from, "d MMMM y", locale=locale)
        end = format_date(self.applies_to, "d MMMM y", locale=locale) if self.applies_to else None
        words = ENGLISH_PERIOD if lang == "en" else self.period_words.get(lang)
        if words is None:  # no words for this language: CLDR's own way of writing a span of dates
            if self.applies_to is None:
                return f"{start} –"
            return format_interval(self.applies_from, self.applies_to, "yMMMMd", locale=locale)
        bounded, open_ended = words
        return bounded.format(start=start, end=end) if end else open_ended.format(start=start)


def _value_problem(kind: str, value: Any) -> str | None:
    if kind == "money" and not isinstance(value, int):
        return "a 'money' figure is a whole number of pounds, like 23250 (use kind money_pence for pence)"
    if kind in ("money_pence", "number") and not isinstance(value, (int, float)):
        return f"a '{kind}' figure must be a number, like 12.71"
    if kind == "text" and not isinstance(value, str):
        return "a 'text' figure must be some text"
    return None


def read_periods(data: Any, lines: dict[tuple, int]) -> tuple[dict[str, tuple[str, str]], list[tuple[int, str]]]:
    """The ``figure_periods:`` section: per language, how a bounded and an open-ended period are worded."""
    periods: dict[str, tuple[str, str]] = {}
    problems: list[tuple[int, str]] = []
    for lang, words in data.items():
        path = ("figure_periods", lang)
        found = s.validate(words, PERIOD_SCHEMA, lines, path)
        if not found:
            for key, needs in (("between", ("{start}", "{end}")), ("from", ("{start}",))):
                missing = [token for token in needs if token not in words[key]]
                if missing:
                    found.append((line_of(lines, path + (key,)), f"'figure_periods.{lang}.{key}' must contain "
                                  + " and ".join(missing)))
        if found:
            problems += found
        else:
            periods[lang] = (words["between"], words["from"])
    return periods, problems


def read_figures(
    data: Any, lines: dict[tuple, int], periods: Mapping[str, tuple[str, str]] | None = None
) -> tuple[dict[str, Figure], list[tuple[int, str]]]:
    """Validate the ``figures:`` section of the settings; return the figures and ``(line, message)`` problems."""
    figures: dict[str, Figure] = {}
    problems: list[tuple[int, str]] = []
    for name, item in data.items():
        path = ("figures", name)
        if not isinstance(name, str) or not NAME.fullmatch(name):
            problems.append(
                (line_of(lines, path), f"figure name '{name}' must be lower-case words joined by underscores")
            )
            continue
        found = s.validate(item, FIGURE_SCHEMA, lines, path)
        if not found:
            message = _value_problem(item["kind"], item["value"])
            if message:
                found.append((line_of(lines, path + ("value",)), f"'figures.{name}.value': {message}"))
            elif item.get("applies_to") and item["applies_to"] < item["applies_from"]:
                found.append(
                    (line_of(lines, path + ("applies_to",)), f"'figures.{name}.applies_to' is before applies_from")
                )
        if found:
            problems += found
            continue
        figures[name] = Figure(
            name=name,
            value=item["value"],
            kind=item["kind"],
            applies_from=item["applies_from"],
            applies_to=item.get("applies_to"),
            source_title=item["source_title"].strip(),
            source_url=item["source_url"],
            line=line_of(lines, path),
            period_words=dict(periods or {}),
        )
    return figures, problems


def fill_figures(
    text: str, figures: Mapping[str, Figure] | None, lang: str
) -> tuple[str, list[tuple[int, str]], list[Figure]]:
    """Replace figure tokens in Markdown; return the text, ``(line index, message)`` problems, and the figures used.

    Line indexes count from 0 at the start of ``text``; tokens never span lines, so lines stay where they were.
    ``figures`` is None when the settings could not be read: tokens are then left alone, not reported.
    """
    problems: list[tuple[int, str]] = []
    used: dict[str, Figure] = {}

    def replace(index: int, match: re.Match) -> str:
        figure = (figures or {}).get(match["name"])
        if figure is None:
            if figures is None:
                return match.group()
            known = ", ".join(sorted(figures)) or "none yet"
            problems.append((index, f"unknown figure '{match['name']}' (figures in content/settings.yaml: {known})"))
            return match.group()
        used[figure.name] = figure
        return figure.period(lang) if match["period"] else figure.shown(lang)

    lines = text.split("\n")
    for index, line in enumerate(lines):
        if MONEY_LITERAL.search(line):
            problems.append((index, MONEY_MESSAGE))
        lines[index] = TOKEN.sub(functools.partial(replace, index), line)
    return "\n".join(lines), problems, list(used.values())
