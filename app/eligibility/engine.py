"""Pure functions over a Flow and a person's answers: route, clean, progress and decide.

``answers`` is always a mapping of question id to a radio value (str) or the ticked checkbox
values (tuple of str). It may come from a cookie that has been tampered with, so nothing
here trusts it: an unknown id, a value that is not an option, or an answer to a question that
is not on the person's current route is simply ignored. Ignoring answers off the route
matters legally too: after a person changes an earlier answer (say, from "carer" to "my own
needs"), their old answers must not count towards a decision about a different legal test.

The decision rule (applied to the conditions of the test at the end of the route):

============================================  =====================
Condition statuses                            Result
============================================  =====================
any condition is not_met                      likely_not_eligible
every condition is met                        likely_eligible
otherwise (some unknown, none not_met)        unclear
============================================  =====================

A condition is only "not_met" when it fails however the person's "not sure" answers turn out
(see predicates.py), so "likely not eligible" never rests on a guess. For example, an adult
with one outcome "unable" and one "not sure" gets "unclear" (it could be two, reg 2(1)(b));
one "unable" and all the rest "able" or "not applicable" gets "likely not eligible"; and a
definite "no big effect on wellbeing" gives "likely not eligible" even if an outcome answer
was "not sure", because reg 2(1) needs all three conditions. Whatever the result, the
explainer never decides: only the council can, after an assessment (Care Act 2014 s.13), and
everyone who appears to need care and support has the right to an assessment whatever their
money (s.9(3), s.10(4)). Every test's information carries that message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import graph
from .flow import condition_leaves
from .model import (
    INFO,
    LIKELY_ELIGIBLE,
    LIKELY_NOT_ELIGIBLE,
    MET,
    NOT_ASKED,
    NOT_MET,
    UNCLEAR,
    UNKNOWN,
    Answer,
    Clause,
    Flow,
    Question,
    Rule,
    Test,
)
from .predicates import PREDICATES, Evaluation

__all__ = [
    "Decision",
    "Reason",
    "Walk",
    "clean_answers",
    "decide",
    "evaluate_condition",
    "next_question",
    "normalise_answer",
    "progress",
    "route",
    "voice_for",
    "walk",
]


@dataclass(frozen=True)
class Reason:
    """One line of "why" on the result page.

    ``id`` is the wording key: ``<condition>_<status>`` for a legal condition, or an info id.
    ``status`` is "met", "not_met", "unknown" or "info". ``outcomes`` lists the outcome
    question ids that counted as "unable" (for outcome conditions), ``unsure`` those answered
    "not sure", and ``areas`` the wellbeing areas ticked (for the wellbeing condition)."""

    id: str
    status: str
    cites: tuple[str, ...]
    outcomes: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    condition: str | None = None
    role: str | None = None  # for information: its role on the result page (model.INFO_ROLES)


@dataclass(frozen=True)
class Decision:
    """The explainer's answer: ``result`` (a result id), the ``reasons`` behind it, the
    ``cites`` for the result as a whole, and the ``test`` applied (None for routing results,
    such as children's services)."""

    result: str
    reasons: tuple[Reason, ...]
    cites: tuple[str, ...]
    test: str | None = None


@dataclass(frozen=True)
class Walk:
    """One walk through the flow. ``route`` is the questions visited, ending with the first
    unanswered one if the route is not complete; ``answers`` the valid answers on the route;
    ``steps`` the (question id, index of the rule used) pairs; ``end`` the rule that ended the
    route, or None if a question is still unanswered."""

    route: tuple[str, ...]
    answers: Mapping[str, Answer]
    steps: tuple[tuple[str, int], ...]
    end: Rule | None


# --- answers -------------------------------------------------------------------------------


def normalise_answer(question: Question, value: Any) -> Answer | None:
    """The answer in its standard form, or None if it is not a valid answer.

    Radios: one option value. Checkboxes: a non-empty set of option values (a single str is
    accepted as one value), returned in option order without repeats; an exclusive option
    ("none of these", "not sure") must be the only value."""
    if question.kind == "radios":
        return value if isinstance(value, str) and value in question.options else None
    values = (value,) if isinstance(value, str) else value
    if not isinstance(values, list | tuple) or not values:
        return None
    if not all(isinstance(v, str) and v in question.options for v in values):
        return None
    chosen = tuple(o for o in question.options if o in set(values))
    if len(chosen) > 1 and any(v in question.exclusive for v in chosen):
        return None
    return chosen


def voice_for(flow: Flow, answers: Any) -> str:
    """"other" when the person answering is doing so for someone else, else "self"."""
    if not isinstance(answers, Mapping) or flow.voice_question is None:
        return "self"
    value = answers.get(flow.voice_question)
    return "other" if isinstance(value, str) and value in flow.other_voice_values else "self"


# --- routing -------------------------------------------------------------------------------


def evaluate_condition(flow: Flow, cid: str, answers: Mapping[str, Answer]) -> Evaluation:
    """Evaluate one condition over ``answers`` (which should already be on-route only)."""
    cond = flow.conditions[cid]
    predicate = PREDICATES[cond.predicate]
    return predicate.evaluate(cond.params, answers,
                              lambda child: evaluate_condition(flow, child, answers))


def _clause_holds(flow: Flow, clause: Clause, answers: Mapping[str, Answer]) -> bool:
    if clause.target == "condition":
        return evaluate_condition(flow, clause.key, answers).status in clause.values
    value = answers.get(clause.key)
    if value is None:
        return False
    if isinstance(value, str):
        return value in clause.values
    return any(v in clause.values for v in value)


def _when_holds(flow: Flow, when: tuple[Clause, ...], answers: Mapping[str, Answer]) -> bool:
    return all(_clause_holds(flow, clause, answers) for clause in when)


def walk(flow: Flow, answers: Any) -> Walk:
    """Follow the flow from the start using the valid answers. Never raises on bad input."""
    if not isinstance(answers, Mapping):
        answers = {}
    route: list[str] = []
    seen: dict[str, Answer] = {}
    steps: list[tuple[str, int]] = []
    qid = flow.start
    # A validated flow has no loops; the limit only guards against a hand-made Flow.
    for _ in range(len(flow.questions) + 1):
        question = flow.questions[qid]
        route.append(qid)
        try:
            raw = answers.get(qid)
        except Exception:
            raw = None
        value = normalise_answer(question, raw)
        if value is None:
            return Walk(tuple(route), dict(seen), tuple(steps), None)
        seen[qid] = value
        index = next((i for i, rule in enumerate(question.rules) if _when_holds(flow, rule.when, seen)), None)
        if index is None:  # pragma: no cover - the validator makes the last rule always apply
            raise RuntimeError(f"no rule applies at question {qid!r}")
        rule = question.rules[index]
        steps.append((qid, index))
        if rule.goto is None:
            return Walk(tuple(route), dict(seen), tuple(steps), rule)
        qid = rule.goto
    raise RuntimeError("the flow loops")  # pragma: no cover - the validator forbids loops


def route(flow: Flow, answers: Any) -> list[str]:
    """The question ids on the current route, in order. If the route is not complete, the
    last id is the first unanswered question. Answers off the route are ignored."""
    return list(walk(flow, answers).route)


def next_question(flow: Flow, answers: Any) -> str | None:
    """The first question on the route not yet (validly) answered, or None when the route is
    complete and a result is ready."""
    w = walk(flow, answers)
    return w.route[-1] if w.end is None else None


def clean_answers(flow: Flow, answers: Any) -> dict[str, Answer]:
    """Only the valid answers on the current route, in standard form. Unknown ids, invalid
    values and answers off the route are dropped. Never raises."""
    return dict(walk(flow, answers).answers)


def progress(flow: Flow, answers: Any, question_id: str) -> tuple[int, int]:
    """(position, most) for "Question 4 of up to 17".

    ``most`` is the length of the longest route through the whole flow, so it is the same on
    every page of every walk. A total that followed the person's own route had to start high
    and fall as answers skipped questions ("3 of 16", then "4 of 15"), which reads as going
    backwards; a fixed "up to" never changes, and the position only ever moves on by one.
    Raises ValueError if ``question_id`` is not on the current route."""
    w = walk(flow, answers)
    if question_id not in w.route:
        raise ValueError(f"question {question_id!r} is not on the current route")
    position = w.route.index(question_id) + 1
    return position, graph.longest_from(flow, flow.start)


# --- deciding ------------------------------------------------------------------------------


def decide(flow: Flow, answers: Any) -> Decision:
    """The result for a complete route, with its reasons. Raises ValueError if the route is
    not complete (a question on it is still unanswered)."""
    w = walk(flow, answers)
    if w.end is None:
        raise ValueError(f"the route is not complete: question {w.route[-1]!r} is unanswered")
    rule = w.end
    if rule.result is not None:
        result = flow.results[rule.result]
        reasons = tuple(
            Reason(iid, INFO, flow.infos[iid].cites, role=flow.infos[iid].role)
            for iid in rule.reasons
        )
        return Decision(result.id, reasons, _merge(rule.cites, result.cites), None)
    test = flow.tests[rule.test]
    return _decide_test(flow, test, w.answers, rule)


def _decide_test(flow: Flow, test: Test, answers: Mapping[str, Answer], rule: Rule) -> Decision:
    evaluations = {cid: evaluate_condition(flow, cid, answers) for cid in test.conditions}
    statuses = [e.status for e in evaluations.values()]
    if NOT_MET in statuses:
        result_id = LIKELY_NOT_ELIGIBLE
    elif all(s == MET for s in statuses):
        result_id = LIKELY_ELIGIBLE
    else:
        result_id = UNCLEAR  # unknown, or (never in the shipped flow) not asked

    reasons: list[Reason] = []
    for cid in test.conditions:
        top = evaluations[cid]
        for leaf in condition_leaves(flow, cid):
            e = top if leaf == cid else evaluate_condition(flow, leaf, answers)
            status = e.status
            if status == NOT_ASKED:
                # Not asked because another answer already settled things: a part of an
                # "any of" that is met anyway, or any condition once another is not met.
                if (leaf != cid and top.status == MET) or result_id == LIKELY_NOT_ELIGIBLE:
                    continue
                status = UNKNOWN
            cond = flow.conditions[leaf]
            is_count = cond.predicate == "count_unable"
            reasons.append(Reason(
                id=f"{leaf}_{status}",
                status=status,
                cites=cond.cites,
                outcomes=e.counted if is_count else (),
                unsure=e.unsure if is_count else (),
                areas=e.selected,
                condition=leaf,
            ))
    for ref in test.info:
        if ref.results and result_id not in ref.results:
            continue
        if ref.when and not _when_holds(flow, ref.when, answers):
            continue
        info = flow.infos[ref.id]
        reasons.append(Reason(ref.id, INFO, info.cites, role=info.role))
    result = flow.results[result_id]
    return Decision(result_id, tuple(reasons), _merge(rule.cites, test.cites, result.cites),
                    test.id)


def _merge(*groups: tuple[str, ...]) -> tuple[str, ...]:
    merged: list[str] = []
    for group in groups:
        for cite in group:
            if cite not in merged:
                merged.append(cite)
    return tuple(merged)
