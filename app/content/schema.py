"""Closed schemas for front matter and settings.

A schema lists every allowed key. Unknown keys are errors too, so a typo such as
``reveiw_due`` is caught instead of silently ignored. Each problem carries the
line of the offending key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..strict_yaml import line_of

Check = Callable[[Any], str | None]  # returns an error message, or None if the value is fine


@dataclass(frozen=True)
class Field:
    check: Check | Schema | ListOf
    required: bool = True


@dataclass(frozen=True)
class ListOf:
    item: Check | Schema
    min_items: int = 0


@dataclass(frozen=True)
class Schema:
    fields: dict[str, Field]


def text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be some text"
    return None


def date(value: Any) -> str | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    return "must be a date written as YYYY-MM-DD"


def integer(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number"
    return None


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def url(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"https://[^\s\"'<>]+", value):
        return "must be a full web address starting with https://"
    return None


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        if value not in choices:
            return f"must be one of: {', '.join(choices)}"
        return None

    return check


def matches(pattern: str, description: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            return f"must be {description}"
        return None

    return check


def validate(data: Any, schema: Schema, lines: dict[tuple, int], path: tuple = ()) -> list[tuple[int, str]]:
    """Check ``data`` against ``schema``; return ``(line, message)`` pairs for every problem."""
    where = ".".join(str(p) for p in path)
    if not isinstance(data, dict):
        return [(line_of(lines, path), f"{where or 'this'} must be a set of 'key: value' lines "
                 "(is the ':' after a name missing?)")]
    problems: list[tuple[int, str]] = []
    missing = [key for key, field in schema.fields.items() if field.required and data.get(key) is None]
    misspelt: set[str] = set()
    for key in data:
        if key not in schema.fields:
            line = line_of(lines, path + (key,))
            # One mistake, one message: 'titel' is the missing 'title' misspelt, not two problems.
            close = difflib.get_close_matches(str(key), missing, n=1, cutoff=0.75)
            if close:
                misspelt.add(close[0])
                problems.append((line, f"'{_join(path, key)}' should be '{_join(path, close[0])}': check the spelling"))
                continue
            allowed = ", ".join(schema.fields)
            problems.append((line, f"unknown key '{_join(path, key)}' (allowed: {allowed})"))
    for key, field in schema.fields.items():
        if key in misspelt:
            continue
        if key not in data or data[key] is None:
            if field.required:
                problems.append((line_of(lines, path), f"missing required key '{_join(path, key)}'"))
            continue
        problems += _check(data[key], field.check, lines, path + (key,))
    return problems


def _check(value: Any, check: Check | Schema | ListOf, lines: dict[tuple, int], path: tuple) -> list[tuple[int, str]]:
    if isinstance(check, Schema):
        return validate(value, check, lines, path)
    if isinstance(check, ListOf):
        if not isinstance(value, list):
            return [(line_of(lines, path), f"'{_join(path)}' must be a list")]
        if len(value) < check.min_items:
            return [(line_of(lines, path), f"'{_join(path)}' needs at least {check.min_items} item(s)")]
        found: list[tuple[int, str]] = []
        for index, item in enumerate(value):
            found += _check(item, check.item, lines, path + (index,))
        return found
    message = check(value)
    return [(line_of(lines, path), f"'{_join(path)}' {message}")] if message else []


def _join(path: tuple, key: Any = None) -> str:
    parts = [str(p) for p in path] + ([str(key)] if key is not None else [])
    return ".".join(parts)
