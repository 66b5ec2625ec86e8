"""The Care Act 2014 eligibility explainer engine: pure Python, no web framework.

It encodes the national eligibility criteria in the Care and Support (Eligibility Criteria)
Regulations 2015 (SI 2015/313): reg 2 for adults who need care and support, reg 3 for
carers. It routes people the adult rules do not cover (under-18s, parent carers of children,
paid carers and volunteers) to information about where their rights come from instead of
telling them "no".

It never decides anything. Only the council can, after an assessment (Care Act 2014 s.13). It
says "likely", "unclear" or "likely not", always with the reasons and the law behind each.

The flow (questions, routing, conditions, citations) is data in ``flow.yaml``, validated when
loaded. The words are in ``content/explainer/<lang>.yaml``. Typical use::

    flow = load_flow()                       # once, at start-up; raises FlowError
    wording = load_wording(content_dir)      # once; check_wording(flow, wording) == []
    answers = clean_answers(flow, answers)   # drop anything invalid or off the route
    qid = next_question(flow, answers)       # None when the result is ready
    decision = decide(flow, answers)         # .result, .reasons, .cites
"""

from __future__ import annotations

from .engine import (
    Decision,
    Reason,
    Walk,
    clean_answers,
    decide,
    next_question,
    normalise_answer,
    progress,
    route,
    voice_for,
    walk,
)
from .flow import DEFAULT_FLOW_PATH, load_flow, reason_ids
from .graph import all_paths, graph_text
from .model import (
    ASSESSED_RESULTS,
    VOICES,
    Answer,
    Condition,
    Flow,
    FlowError,
    Question,
    Result,
    Rule,
    Source,
    Test,
)
from .wording import (
    TRANSLATION_STATUSES,
    OptionWording,
    QuestionWording,
    ReasonWording,
    ResultWording,
    Wording,
    WordingError,
    check_wording,
    load_wording,
    wording_problems,
)

__all__ = [
    "ASSESSED_RESULTS",
    "DEFAULT_FLOW_PATH",
    "TRANSLATION_STATUSES",
    "VOICES",
    "Answer",
    "Condition",
    "Decision",
    "Flow",
    "FlowError",
    "OptionWording",
    "Question",
    "QuestionWording",
    "Reason",
    "ReasonWording",
    "Result",
    "ResultWording",
    "Rule",
    "Source",
    "Test",
    "Walk",
    "Wording",
    "WordingError",
    "all_paths",
    "check_wording",
    "clean_answers",
    "decide",
    "graph_text",
    "load_flow",
    "load_wording",
    "next_question",
    "normalise_answer",
    "progress",
    "reason_ids",
    "route",
    "voice_for",
    "walk",
    "wording_problems",
]
