"""The frozen shapes the flow file is loaded into, and the statuses the engine speaks in.

Everything here is immutable: one ``Flow`` is loaded at start-up and shared by every request,
so no request can change what another one sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "ASSESSED_RESULTS",
    "INFO",
    "INFO_ROLES",
    "LIKELY_ELIGIBLE",
    "LIKELY_NOT_ELIGIBLE",
    "MET",
    "NOT_ASKED",
    "NOT_MET",
    "UNCLEAR",
    "UNKNOWN",
    "VOICES",
    "Answer",
    "Clause",
    "Condition",
    "Flow",
    "FlowError",
    "Info",
    "InfoRef",
    "Question",
    "Result",
    "Rule",
    "Source",
    "Test",
    "frozen_map",
]

# What one answer looks like: a radio value, or the tuple of ticked checkbox values.
Answer = str | tuple[str, ...]

# Condition statuses. "not_asked" never reaches a Reason: the engine turns it into
# "unknown" or leaves it out (see engine.decide).
MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"
NOT_ASKED = "not_asked"
INFO = "info"

# The three results of a legal test. The engine's decision rule produces exactly these, so
# the flow file must declare them (with kind: assessed).
LIKELY_ELIGIBLE = "likely_eligible"
UNCLEAR = "unclear"
LIKELY_NOT_ELIGIBLE = "likely_not_eligible"
ASSESSED_RESULTS = (LIKELY_ELIGIBLE, UNCLEAR, LIKELY_NOT_ELIGIBLE)

# The two ways the wording speaks: to the person ("Can you…") or about them to someone
# helping them, such as a social worker or family member ("Can they…").
VOICES = ("self", "other")


def frozen_map(data: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    """A read-only view of a copy of ``data``."""
    return MappingProxyType(dict(data or {}))


class FlowError(Exception):
    """The flow file is not valid. ``problems`` lists every problem found, not just the first,
    so one run tells an editor everything that needs fixing."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"the eligibility flow has {count} problem(s):\n{lines}")


@dataclass(frozen=True)
class Source:
    """A legal source that citations may name, e.g. ``Care Act 2014``."""

    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Clause:
    """One part of a ``when``: the answer to ``key`` (a question id) is one of ``values``, or
    the status of condition ``key`` is one of ``values``. ``target`` says which."""

    key: str
    values: tuple[str, ...]
    target: str  # "question" or "condition"


@dataclass(frozen=True)
class Rule:
    """One routing rule of a question. Rules are tried in order; the first whose clauses all
    hold is used. Exactly one of ``goto`` (next question), ``result`` (a routing result) or
    ``test`` (evaluate a legal test) is set."""

    when: tuple[Clause, ...] = ()
    goto: str | None = None
    result: str | None = None
    test: str | None = None
    reasons: tuple[str, ...] = ()  # info ids shown with a routing result
    cites: tuple[str, ...] = ()
    line: int | None = None

    @property
    def ends_route(self) -> bool:
        return self.goto is None

    def describe_target(self) -> str:
        if self.goto is not None:
            return self.goto
        if self.result is not None:
            return f"RESULT {self.result}"
        return f"TEST {self.test}"


@dataclass(frozen=True)
class Question:
    """One page of the explainer. ``kind`` is "radios" (one answer) or "checkboxes" (one or
    more); ``exclusive`` lists checkbox options that cannot be ticked with any other."""

    id: str
    kind: str
    options: tuple[str, ...]
    cites: tuple[str, ...] = ()
    exclusive: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class Condition:
    """A legal condition, evaluated by a named predicate (see predicates.py)."""

    id: str
    predicate: str
    params: Mapping[str, Any]
    cites: tuple[str, ...]
    line: int | None = None


# What a piece of information does on the result page. Every result, whatever route led to
# it, must carry one of each (the loader checks), so no page can leave out the person's rights:
# "free_assessment" (they can ask for a free assessment whatever their money, Care Act 2014
# s.9(3), s.10(4)), "council_decides" (only the council decides, s.13) and "next_step".
INFO_ROLES = ("free_assessment", "council_decides", "next_step")


@dataclass(frozen=True)
class Info:
    """A piece of information shown with a result (status "info"), with its legal basis.
    ``role`` is one of INFO_ROLES, or None for information that explains the result."""

    id: str
    cites: tuple[str, ...]
    role: str | None = None


@dataclass(frozen=True)
class InfoRef:
    """Use of an Info inside a test: shown only if its ``when`` holds and, when ``results`` is
    not empty, only with those results."""

    id: str
    when: tuple[Clause, ...] = ()
    results: tuple[str, ...] = ()


@dataclass(frozen=True)
class Test:
    """A legal test: all of ``conditions`` must be met (reg 2(1) for adults, reg 3(1) for
    carers)."""

    id: str
    conditions: tuple[str, ...]
    info: tuple[InfoRef, ...]
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """A result page. ``kind`` is "assessed" (one of the three results of a legal test) or
    "routed" (the person is pointed elsewhere, e.g. children's services)."""

    id: str
    kind: str
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Flow:
    start: str
    questions: Mapping[str, Question]
    conditions: Mapping[str, Condition] = field(default_factory=frozen_map)
    tests: Mapping[str, Test] = field(default_factory=frozen_map)
    infos: Mapping[str, Info] = field(default_factory=frozen_map)
    results: Mapping[str, Result] = field(default_factory=frozen_map)
    sources: Mapping[str, Source] = field(default_factory=frozen_map)
    voice_question: str | None = None
    other_voice_values: tuple[str, ...] = ()
