"""The explainer's words, kept in ``content/explainer/<lang>.yaml`` so editors can change them
without touching the logic, and checked against the flow so the two can never drift apart.

Every question, option, result and reason is written in two voices:

- "self": to the person themselves ("Can you…");
- "other": to someone answering for them, such as a social worker or a family member
  ("Can they…").

Each question also has a short label (for "Check your answers" and for listing outcomes on
the result page) and a "for practitioners" note naming the legal test and its paragraph.

This module only reads and checks. It has no opinion about how pages look.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..strict_yaml import YamlProblem, load_file
from ..strict_yaml import key_line as line_of
from .flow import reason_ids
from .model import VOICES, Flow, frozen_map

__all__ = [
    "OptionWording",
    "QuestionWording",
    "ReasonWording",
    "ResultWording",
    "Wording",
    "WordingError",
    "check_wording",
    "load_wording",
    "wording_problems",
]

_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
_SECTIONS = ("questions", "results", "reasons")
_QUESTION_KEYS = {"short", "practitioner_note", *VOICES}
_VOICE_KEYS = {"text", "hint", "error", "options"}
_OPTION_KEYS = {"label", "hint"}
_RESULT_KEYS = {"title", "summary"}


class WordingError(Exception):
    """The wording file could not be read at all. ``problems`` says why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class OptionWording:
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class QuestionWording:
    id: str
    voice: str
    text: str
    hint: str | None
    error: str
    short: str
    practitioner_note: str
    options: Mapping[str, OptionWording]


@dataclass(frozen=True)
class ResultWording:
    id: str
    voice: str
    title: str
    summary: str


@dataclass(frozen=True)
class ReasonWording:
    id: str
    voice: str
    text: str

    def __str__(self) -> str:
        return self.text


def _check_voice(voice: str) -> None:
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {VOICES}, not {voice!r}")


class Wording:
    """The words for one language. Look-ups raise KeyError for a missing key and ValueError
    for an unknown voice; run :func:`check_wording` at start-up so neither can happen."""

    def __init__(self, data: Mapping[str, Any], path: Path, lang: str) -> None:
        self.data = data
        self.path = path
        self.lang = lang

    def _section(self, name: str) -> Mapping[str, Any]:
        section = self.data.get(name)
        return section if isinstance(section, Mapping) else {}

    def question(self, question_id: str, voice: str = "self") -> QuestionWording:
        _check_voice(voice)
        entry = self._section("questions")[question_id]
        words = entry[voice]
        options = {
            value: OptionWording(label=opt["label"], hint=opt.get("hint"))
            for value, opt in words["options"].items()
        }
        return QuestionWording(
            id=question_id,
            voice=voice,
            text=words["text"],
            hint=words.get("hint"),
            error=words["error"],
            short=entry["short"],
            practitioner_note=entry["practitioner_note"],
            options=frozen_map(options),
        )

    def result(self, result_id: str, voice: str = "self") -> ResultWording:
        _check_voice(voice)
        words = self._section("results")[result_id][voice]
        return ResultWording(result_id, voice, words["title"], words["summary"])

    def reason(self, reason_id: str, voice: str = "self") -> ReasonWording:
        _check_voice(voice)
        return ReasonWording(reason_id, voice, self._section("reasons")[reason_id][voice])


def load_wording(content_dir: Path, lang: str = "en") -> Wording:
    """Read ``<content_dir>/explainer/<lang>.yaml``. Raises ValueError for a malformed
    language code and WordingError if the file cannot be read or is not a mapping. Whether
    its keys match the flow is :func:`check_wording`'s job."""
    if not isinstance(lang, str) or not _LANG.match(lang):
        raise ValueError(f"not a language code: {lang!r}")
    path = Path(content_dir) / "explainer" / f"{lang}.yaml"
    try:
        data = load_file(path)
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise WordingError([f"{where}: {exc.message}"]) from None
    if not isinstance(data, Mapping):
        raise WordingError([f"{path}: the wording file must be a mapping of sections"])
    return Wording(data, path, lang)


# --- checking ------------------------------------------------------------------------------


class _Report:
    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []

    def add(self, message: str, mapping: Any = None, key: Any = None) -> None:
        self.items.append((line_of(mapping, key) or 1, message))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _needs_text(
    mapping: Mapping[str, Any], key: str, where: str, report: _Report, parent: Any, parent_key: Any
) -> None:
    """A missing key is reported where its section starts (the line to add it under); an empty one on its line."""
    if key not in mapping:
        report.add(f"{where} has no '{key}': add it", parent, parent_key)
    elif not _text(mapping[key]):
        report.add(f"{where}: '{key}' must be some text", mapping, key)


def _keys(mapping: Mapping[str, Any], allowed: set[str], where: str, report: _Report) -> None:
    for key in mapping:
        if key not in allowed:
            report.add(f"{where}: unexpected key {key!r}", mapping, key)


def _matching(expected: list[str] | tuple[str, ...], section: Mapping[str, Any], what: str,
              report: _Report, parent: Any, parent_key: str) -> None:
    for key in expected:
        if key not in section:
            report.add(f"{what} {key!r} has no wording", parent, parent_key)
    for key in section:
        if key not in expected:
            report.add(f"{what} {key!r} is not in the flow (remove it, or add it to the flow)",
                       section, key)


def check_wording(flow: Flow, wording: Wording) -> list[str]:
    """:func:`wording_problems` as ``path:line: message`` lines."""
    return [f"{wording.path}:{line}: {message}" for line, message in wording_problems(flow, wording)]


def wording_problems(flow: Flow, wording: Wording) -> list[tuple[int, str]]:
    """Every problem that stops the wording matching the flow, as ``(line, message)``: missing or
    extra questions, options, results and reasons, a missing voice, empty text, a hint written in
    one voice but not the other, or a malformed ``translation:`` key. Empty when the wording is complete."""
    report = _Report()
    _check_translation_meta(wording, report)
    data = wording.data
    sections: dict[str, Mapping[str, Any]] = {}
    for name in _SECTIONS:
        section = data.get(name)
        if not isinstance(section, Mapping):
            report.add(f"section {name!r} is missing or is not a mapping", data, name)
            section = {}
        sections[name] = section

    questions = sections["questions"]
    _matching(list(flow.questions), questions, "question", report, data, "questions")
    for qid, question in flow.questions.items():
        entry = questions.get(qid)
        if entry is None:
            continue
        where = f"question {qid!r}"
        if not isinstance(entry, Mapping):
            report.add(f"{where} must be a mapping", questions, qid)
            continue
        _keys(entry, _QUESTION_KEYS, where, report)
        for key in ("short", "practitioner_note"):
            _needs_text(entry, key, where, report, questions, qid)
        hints: dict[str, bool] = {}
        option_hints: dict[str, dict[str, bool]] = {}
        for voice in VOICES:
            words = entry.get(voice)
            vwhere = f"{where}, voice {voice!r}"
            if not isinstance(words, Mapping):
                report.add(f"{vwhere} is missing", entry, qid)
                continue
            _keys(words, _VOICE_KEYS, vwhere, report)
            for key in ("text", "error"):
                _needs_text(words, key, vwhere, report, entry, voice)
            if "hint" in words and not _text(words["hint"]):
                report.add(f"{vwhere}: 'hint' is empty (remove it or write one)", words, "hint")
            hints[voice] = "hint" in words
            options = words.get("options")
            if not isinstance(options, Mapping):
                report.add(f"{vwhere}: 'options' is missing", words, "options")
                continue
            _matching(question.options, options, f"{vwhere}: option", report, words, "options")
            option_hints[voice] = {}
            for value in question.options:
                opt = options.get(value)
                if opt is None:
                    continue
                if not isinstance(opt, Mapping):
                    report.add(f"{vwhere}: option {value!r} must be a mapping", options, value)
                    continue
                _keys(opt, _OPTION_KEYS, f"{vwhere}: option {value!r}", report)
                if not _text(opt.get("label")):
                    report.add(f"{vwhere}: option {value!r} needs a 'label'", opt, "label")
                if "hint" in opt and not _text(opt["hint"]):
                    report.add(f"{vwhere}: option {value!r} has an empty 'hint'", opt, "hint")
                option_hints[voice][value] = "hint" in opt
        if len(set(hints.values())) > 1:
            report.add(f"{where}: the hint is written in one voice but not the other", entry)
        if len(option_hints) == len(VOICES):
            for value in question.options:
                flags = {option_hints[v].get(value) for v in VOICES}
                if len(flags) > 1:
                    report.add(f"{where}: option {value!r} has a hint in one voice only", entry)

    _check_pairs(list(flow.results), sections["results"], "result", report, data,
                 lambda words, where: _check_result(words, where, report))
    _check_pairs(sorted(reason_ids(flow)), sections["reasons"], "reason", report, data,
                 lambda words, where: _check_reason(words, where, report))
    return report.items


# A translated wording file says how far it has been checked, like a translated page:
# translation: {status: draft, source_reviewed: 2026-11-25}. Without it, it counts as a draft.
TRANSLATION_STATUSES = ("draft", "reviewed")


def _check_translation_meta(wording: Wording, report: _Report) -> None:
    meta = wording.data.get("translation")
    if meta is None:
        return
    if (not isinstance(meta, Mapping) or set(meta) != {"status", "source_reviewed"}
            or meta["status"] not in TRANSLATION_STATUSES or not isinstance(meta["source_reviewed"], dt.date)):
        report.add("'translation' must be {status: draft or reviewed, source_reviewed: YYYY-MM-DD}",
                   wording.data, "translation")


def _check_pairs(expected: list[str], section: Mapping[str, Any], what: str, report: _Report,
                 data: Any, check_one: Any) -> None:
    _matching(expected, section, what, report, data, f"{what}s")
    for key in expected:
        entry = section.get(key)
        if entry is None:
            continue
        where = f"{what} {key!r}"
        if not isinstance(entry, Mapping):
            report.add(f"{where} must have 'self' and 'other'", section, key)
            continue
        _keys(entry, set(VOICES), where, report)
        for voice in VOICES:
            if voice not in entry:
                report.add(f"{where}: voice {voice!r} is missing", section, key)
                continue
            check_one((entry, voice), f"{where}, voice {voice!r}")


def _check_result(pair: tuple[Mapping[str, Any], str], where: str, report: _Report) -> None:
    entry, voice = pair
    words = entry[voice]
    if not isinstance(words, Mapping):
        report.add(f"{where} must have 'title' and 'summary'", entry, voice)
        return
    _keys(words, _RESULT_KEYS, where, report)
    for key in sorted(_RESULT_KEYS):
        _needs_text(words, key, where, report, entry, voice)


def _check_reason(pair: tuple[Mapping[str, Any], str], where: str, report: _Report) -> None:
    entry, voice = pair
    if not _text(entry[voice]):
        report.add(f"{where} must be some text", entry, voice)
