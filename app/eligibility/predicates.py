"""The tiny registry of named predicates that turn answers into a condition's status.

The flow file names a predicate for each legal condition, with parameters. Keeping the list
this short is deliberate: every way the explainer can reach a legal conclusion is one of the
four functions below, each tested directly and each tied to the regulation it encodes.

Every predicate returns one of:

- "met": the condition holds whatever any "not sure" answer turns out to be;
- "not_met": the condition fails whatever any "not sure" answer turns out to be;
- "unknown": it depends on something the person was not sure about;
- "not_asked": none of its questions are on the person's route (see engine.decide).

Reading "met"/"not_met" as "true under every way the unsure answers could go" is what lets
the engine say "likely" only when the answers really support it, and "unclear" otherwise.

The regulations are the Care and Support (Eligibility Criteria) Regulations 2015
(SI 2015/313), "the Regulations" below.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from .model import MET, NOT_ASKED, NOT_MET, UNKNOWN, Answer, Question

__all__ = ["PREDICATES", "Evaluation", "Predicate"]


@dataclass(frozen=True)
class Evaluation:
    """The status of a condition, and what made it so.

    ``counted`` holds the question ids that counted towards the condition (for outcome
    counting: the outcomes the person is unable to achieve); ``unsure`` the question ids
    answered "not sure"; ``selected`` the checkbox values that made the condition met
    (for wellbeing: the areas affected)."""

    status: str
    counted: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    selected: tuple[str, ...] = ()


EvaluateCondition = Callable[[str], Evaluation]

class Predicate(ABC):
    """Base class. Subclasses declare ``name``, ``params`` ({key: kind}) and ``required``.

    Parameter kinds: "id" (one question or condition id), "ids" (a list of them), "values"
    (a list of option values), "count" (a whole number from 1)."""

    name: ClassVar[str]
    params: ClassVar[dict[str, str]]
    required: ClassVar[tuple[str, ...]]

    # --- reading the parameters -------------------------------------------------------

    def parse(self, raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Check the shape of the parameters; return them with lists made into tuples."""
        problems: list[str] = []
        parsed: dict[str, Any] = {}
        for key in raw:
            if key not in self.params:
                allowed = ", ".join(sorted(self.params))
                problems.append(f"unknown parameter {key!r} for predicate {self.name!r}"
                                f" (allowed: {allowed})")
        for key in self.required:
            if key not in raw:
                problems.append(f"predicate {self.name!r} needs the parameter {key!r}")
        for key, kind in self.params.items():
            if key not in raw:
                if kind in ("ids", "values"):
                    parsed[key] = ()
                continue
            value = raw[key]
            if kind == "id":
                if not isinstance(value, str) or not value:
                    problems.append(f"parameter {key!r} must be an id")
                    continue
                parsed[key] = value
            elif kind in ("ids", "values"):
                if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                    problems.append(f"parameter {key!r} must be a list of names")
                    continue
                if len(set(value)) != len(value):
                    problems.append(f"parameter {key!r} lists a name twice")
                parsed[key] = tuple(value)
            elif kind == "count":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    problems.append(f"parameter {key!r} must be a whole number from 1")
                    continue
                parsed[key] = value
        return parsed, problems

    # --- what a predicate refers to ---------------------------------------------------

    def questions(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The question ids whose answers this predicate reads."""
        return ()

    def children(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """The condition ids this predicate combines."""
        return ()

    def statuses(self, params: Mapping[str, Any]) -> frozenset[str]:
        """The statuses (other than "not_asked") this predicate can return."""
        return frozenset({MET, NOT_MET, UNKNOWN})

    def check(self, params: Mapping[str, Any], questions: Mapping[str, Question],
              conditions: Mapping[str, Any]) -> list[str]:
        """Cross-reference problems (unknown ids, values that are not options)."""
        return []

    @abstractmethod
    def evaluate(self, params: Mapping[str, Any], answers: Mapping[str, Answer],
                 evaluate_condition: EvaluateCondition) -> Evaluation:
        """The condition's status over the answers, with the outcomes that counted."""

    # --- shared helpers ---------------------------------------------------------------

    @staticmethod
    def _question(questions: Mapping[str, Question], qid: str, kind: str,
                  problems: list[str]) -> Question | None:
        question = questions.get(qid)
        if question is None:
            problems.append(f"unknown question {qid!r}")
            return None
        if question.kind != kind:
            problems.append(f"question {qid!r} must be {kind}, not {question.kind}")
            return None
        return question


class AnswerPredicate(Predicate):
    """Map one radio answer to a status.

    Used where the Regulations or the Act turn on a single fact:
    reg 2(1)(a) (needs arise from or relate to a physical or mental impairment or illness),
    reg 3(1)(a) (needs arise from providing necessary care for an adult),
    reg 3(2)(a) (the carer's physical or mental health is, or is at risk of, deteriorating),
    and Care Act 2014 s.10(3) and s.10(9) (a carer is an adult who cares, not under a contract
    or as voluntary work). An option not listed gives "unknown", never a guess.
    """

    name = "answer"
    params: ClassVar[dict[str, str]] = {"question": "id", "met": "values", "not_met": "values", "unknown": "values"}
    required = ("question",)

    def questions(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["question"],) if "question" in params else ()

    def statuses(self, params: Mapping[str, Any]) -> frozenset[str]:
        found = {UNKNOWN}
        if params.get("met"):
            found.add(MET)
        if params.get("not_met"):
            found.add(NOT_MET)
        return frozenset(found)

    def check(self, params: Mapping[str, Any], questions: Mapping[str, Question],
              conditions: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        if not (params.get("met") or params.get("not_met")):
            problems.append("predicate 'answer' must list some 'met' or 'not_met' values")
        question = self._question(questions, params.get("question", ""), "radios", problems)
        if question is None:
            return problems
        seen: set[str] = set()
        for key in ("met", "not_met", "unknown"):
            for value in params.get(key, ()):
                if value not in question.options:
                    problems.append(f"{value!r} is not an option of question {question.id!r}")
                if value in seen:
                    problems.append(f"{value!r} is given more than one status")
                seen.add(value)
        return problems

    def evaluate(self, params: Mapping[str, Any], answers: Mapping[str, Answer],
                 evaluate_condition: EvaluateCondition) -> Evaluation:
        qid = params["question"]
        if qid not in answers:
            return Evaluation(NOT_ASKED)
        value = answers[qid]
        if value in params.get("met", ()):
            return Evaluation(MET, counted=(qid,))
        if value in params.get("not_met", ()):
            return Evaluation(NOT_MET)
        return Evaluation(UNKNOWN, unsure=(qid,))


class CountUnablePredicate(Predicate):
    """Count the outcomes a person is unable to achieve, and compare with a threshold.

    Adults, reg 2(1)(b): unable to achieve **two or more** of the ten outcomes in reg 2(2)
    (``at_least: 2``), where "unable" has the four meanings of reg 2(3)(a)-(d).
    Carers, reg 3(2)(b): unable to achieve **any** of the eight outcomes (``at_least: 1``),
    where "unable" has only the three meanings of reg 3(3)(a)-(c): there is no "takes
    significantly longer" for carers.

    Every option of every counted question must be placed in exactly one of ``unable``,
    ``unsure`` or ``ignored``, so a new option can never be counted (or ignored) by accident.
    "Not applicable" (no child to care for: reg 2(2)(j), reg 3(2)(b)(i)) is ``ignored``: it
    never counts as unable, and it is never treated as an "able" answer either.

    met: at least ``at_least`` outcomes are unable.
    not_met: even if every unsure outcome were unable, there would be too few.
    unknown: otherwise. An unanswered question counts as unsure.
    """

    name = "count_unable"
    params: ClassVar[dict[str, str]] = {"questions": "ids", "unable": "values", "unsure": "values",
                                        "ignored": "values", "at_least": "count"}
    required = ("questions", "unable", "at_least")

    def questions(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(params.get("questions", ()))

    def statuses(self, params: Mapping[str, Any]) -> frozenset[str]:
        return frozenset({MET, NOT_MET, UNKNOWN})

    def check(self, params: Mapping[str, Any], questions: Mapping[str, Question],
              conditions: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        groups = {key: set(params.get(key, ())) for key in ("unable", "unsure", "ignored")}
        for a, b in (("unable", "unsure"), ("unable", "ignored"), ("unsure", "ignored")):
            for value in sorted(groups[a] & groups[b]):
                problems.append(f"{value!r} is in both {a!r} and {b!r}")
        if not params.get("questions"):
            problems.append("predicate 'count_unable' needs at least one question")
        if params.get("at_least", 1) > len(params.get("questions", ())):
            problems.append("'at_least' is more than the number of questions")
        classified = groups["unable"] | groups["unsure"] | groups["ignored"]
        used: set[str] = set()
        for qid in params.get("questions", ()):
            question = self._question(questions, qid, "radios", problems)
            if question is None:
                continue
            used.update(question.options)
            for option in question.options:
                if option not in classified:
                    problems.append(f"option {option!r} of question {qid!r} is not placed in"
                                    " 'unable', 'unsure' or 'ignored'")
        for value in sorted(classified - used):
            problems.append(f"{value!r} is not an option of any counted question")
        return problems

    def evaluate(self, params: Mapping[str, Any], answers: Mapping[str, Answer],
                 evaluate_condition: EvaluateCondition) -> Evaluation:
        qids = params["questions"]
        if not any(qid in answers for qid in qids):
            return Evaluation(NOT_ASKED)
        unable = tuple(q for q in qids if answers.get(q) in params["unable"])
        unsure = tuple(q for q in qids
                       if q not in answers or answers[q] in params.get("unsure", ()))
        needed = params["at_least"]
        if len(unable) >= needed:
            status = MET
        elif len(unable) + len(unsure) < needed:
            status = NOT_MET
        else:
            status = UNKNOWN
        return Evaluation(status, counted=unable, unsure=unsure)


class AnySelectedPredicate(Predicate):
    """A checkbox question where ticking any real option meets the condition.

    Used for significant impact on wellbeing, reg 2(1)(c) (adults) and reg 3(1)(c) (carers):
    the options are the nine areas of wellbeing in Care Act 2014 s.1(2), plus "none of these"
    (``not_met``) and "not sure" (``unknown``). Both of those must be exclusive options, so
    they can never be ticked together with an area. "Significant" has its everyday meaning and
    the council decides it; the explainer only records what the person says.
    """

    name = "any_selected"
    params: ClassVar[dict[str, str]] = {"question": "id", "not_met": "values", "unknown": "values"}
    required = ("question", "not_met")

    def questions(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["question"],) if "question" in params else ()

    def check(self, params: Mapping[str, Any], questions: Mapping[str, Question],
              conditions: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        question = self._question(questions, params.get("question", ""), "checkboxes", problems)
        if question is None:
            return problems
        for key in ("not_met", "unknown"):
            for value in params.get(key, ()):
                if value not in question.options:
                    problems.append(f"{value!r} is not an option of question {question.id!r}")
                elif value not in question.exclusive:
                    problems.append(f"{value!r} must be an exclusive option of {question.id!r}")
        return problems

    def evaluate(self, params: Mapping[str, Any], answers: Mapping[str, Answer],
                 evaluate_condition: EvaluateCondition) -> Evaluation:
        qid = params["question"]
        if qid not in answers:
            return Evaluation(NOT_ASKED)
        value = answers[qid]
        ticked = (value,) if isinstance(value, str) else tuple(value)
        special = set(params.get("not_met", ())) | set(params.get("unknown", ()))
        areas = tuple(v for v in ticked if v not in special)
        if areas:
            return Evaluation(MET, counted=(qid,), selected=areas)
        if ticked and all(v in params.get("not_met", ()) for v in ticked):
            return Evaluation(NOT_MET)
        return Evaluation(UNKNOWN, unsure=(qid,))


class AnyOfPredicate(Predicate):
    """Met if any one of the listed conditions is met.

    Encodes reg 3(1)(b): the carer's needs have the effect that **any** of the circumstances in
    reg 3(2) applies, that is: their health is, or is at risk of, deteriorating (reg 3(2)(a)),
    OR they are unable to achieve any of the carer outcomes (reg 3(2)(b)). Health
    deterioration is enough on its own.

    met: any part is met. not_met: every part that was asked is not met. unknown: otherwise.
    Parts not asked are left out (a carer whose health is getting worse is not asked about
    the outcomes: the answer could not change this condition).
    """

    name = "any_of"
    params: ClassVar[dict[str, str]] = {"conditions": "ids"}
    required = ("conditions",)

    def children(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(params.get("conditions", ()))

    def check(self, params: Mapping[str, Any], questions: Mapping[str, Question],
              conditions: Mapping[str, Any]) -> list[str]:
        problems: list[str] = []
        children = params.get("conditions", ())
        if len(children) < 2:
            problems.append("predicate 'any_of' needs at least two conditions")
        for cid in children:
            child = conditions.get(cid)
            if child is None:
                problems.append(f"unknown condition {cid!r}")
            elif child.predicate == self.name:
                problems.append(f"'any_of' cannot contain another 'any_of' ({cid!r})")
        return problems

    def evaluate(self, params: Mapping[str, Any], answers: Mapping[str, Answer],
                 evaluate_condition: EvaluateCondition) -> Evaluation:
        parts = [evaluate_condition(cid) for cid in params["conditions"]]
        asked = [p for p in parts if p.status != NOT_ASKED]
        counted = tuple(q for p in asked if p.status == MET for q in p.counted)
        unsure = tuple(q for p in asked for q in p.unsure)
        if not asked:
            return Evaluation(NOT_ASKED)
        if any(p.status == MET for p in asked):
            return Evaluation(MET, counted=counted, unsure=unsure)
        if all(p.status == NOT_MET for p in asked):
            return Evaluation(NOT_MET, unsure=unsure)
        return Evaluation(UNKNOWN, unsure=unsure)


PREDICATES: Mapping[str, Predicate] = {
    p.name: p
    for p in (AnswerPredicate(), CountUnablePredicate(), AnySelectedPredicate(), AnyOfPredicate())
}
