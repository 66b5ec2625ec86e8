"""Load the explainer flow from ``flow.yaml`` and prove it sound before anything uses it.

The flow is data so that the legal logic can be read, reviewed and cited without reading
code, and so that the web layer can build its pages from it. Because the flow encodes the
law, a mistake in it would give people wrong information about their rights. So the loader
refuses to return a flow unless ALL of these hold, and reports every problem at once:

- every question can be reached from the start, and there are no loops;
- every question's rules end with a rule that always applies, so every path ends in a
  result (a routing result, or a legal test whose result the engine decides);
- every rule that decides something (has a ``when``, or ends the route) cites the law, every
  condition, test, result and piece of information cites the law, every question whose
  answer a condition reads cites the law, and every citation names a known source;
- every id that is referred to exists, and every value used is an option of its question;
- the three results of a legal test exist (likely_eligible, unclear, likely_not_eligible);
- every result, whichever route leads to it, carries information in each role of INFO_ROLES:
  the free assessment, "only the council decides", and a next step (so no result page can
  leave out the person's rights).

The rule vocabulary is deliberately small: a ``when`` is a mapping whose keys are question ids
(the answer equals the value, or is in the list of values) or condition ids (the condition's
status equals the value, or is in the list). All keys must hold. Anything cleverer belongs in
a named predicate (predicates.py), where it is documented against the regulation it encodes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..strict_yaml import LineDict, YamlProblem, load_file
from ..strict_yaml import key_line as line_of
from . import graph
from .model import (
    ASSESSED_RESULTS,
    INFO_ROLES,
    MET,
    NOT_MET,
    UNKNOWN,
    Clause,
    Condition,
    Flow,
    FlowError,
    Info,
    InfoRef,
    Question,
    Result,
    Rule,
    Source,
    Test,
    frozen_map,
)
from .predicates import PREDICATES

__all__ = ["DEFAULT_FLOW_PATH", "condition_leaves", "load_flow", "parse_flow", "reason_ids"]

DEFAULT_FLOW_PATH = Path(__file__).with_name("flow.yaml")

# Ids and option values end up in URLs (/check/<question>), HTML ids and wording keys.
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_KINDS = ("radios", "checkboxes")
_RESULT_KINDS = ("assessed", "routed")
_CLAUSE_STATUSES = (MET, NOT_MET, UNKNOWN)

_TOP_KEYS = {"version", "start", "voice", "sources", "questions", "conditions", "info",
             "tests", "results"}
_QUESTION_KEYS = {"kind", "options", "exclusive", "cites", "next"}
_RULE_KEYS = {"when", "goto", "result", "test", "reasons", "cites"}
_TEST_KEYS = {"conditions", "info", "cites"}
_INFO_REF_KEYS = {"id", "when", "results"}


class _Problems:
    """Collects problems as ``path:line: message``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []

    def add(self, message: str, mapping: Any = None, key: Any = None, *,
            line: int | None = None) -> None:
        line = line if line is not None else line_of(mapping, key)
        where = f"{self.path}:{line}" if line else f"{self.path}"
        self.items.append(f"{where}: {message}")


def load_flow(path: Path | None = None) -> Flow:
    """Load and validate the flow (by default the packaged ``flow.yaml``).

    Raises :class:`FlowError`, whose ``problems`` lists every problem found."""
    path = Path(path) if path is not None else DEFAULT_FLOW_PATH
    try:
        data = load_file(path)
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise FlowError([f"{where}: {exc.message}"]) from None
    return parse_flow(data, path)


def parse_flow(data: Any, path: Path = DEFAULT_FLOW_PATH) -> Flow:
    """Build and validate a Flow from already-parsed YAML data (see :func:`load_flow`)."""
    problems = _Problems(path)
    if not isinstance(data, Mapping):
        raise FlowError([f"{path}: the flow file must be a mapping of sections"])
    for key in data:
        # Sections named x-... only hold YAML anchors for reuse; they are not read.
        if key not in _TOP_KEYS and not (isinstance(key, str) and key.startswith("x-")):
            problems.add(f"unknown section {key!r}", data, key)
    if data.get("version") != 1:
        problems.add("'version' must be 1", data, "version")

    sources = _parse_sources(data.get("sources"), data, problems)
    questions = _parse_questions(data.get("questions"), data, problems)
    conditions = _parse_conditions(data.get("conditions"), data, problems)
    infos = _parse_infos(data.get("info"), data, problems)
    tests = _parse_tests(data.get("tests"), data, problems)
    results = _parse_results(data.get("results"), data, problems)

    start = data.get("start")
    if not isinstance(start, str) or start not in questions:
        problems.add(f"'start' must name a question (got {start!r})", data, "start")
        start = ""

    voice_question, other_values = _parse_voice(data.get("voice"), data, questions, problems)

    draft = Flow(
        start=start,
        questions=frozen_map(questions),
        conditions=frozen_map(conditions),
        tests=frozen_map(tests),
        infos=frozen_map(infos),
        results=frozen_map(results),
        sources=frozen_map(sources),
        voice_question=voice_question,
        other_voice_values=other_values,
    )
    questions, tests = _check_cross_references(draft, data, problems)
    if problems.items:
        raise FlowError(problems.items)
    return replace(draft, questions=frozen_map(questions), tests=frozen_map(tests))


# --- small shape helpers -------------------------------------------------------------------


def _mapping(value: Any, what: str, parent: Any, key: Any, problems: _Problems) -> Mapping:
    if value is None:
        problems.add(f"{what} is missing", parent, key)
        return {}
    if not isinstance(value, Mapping):
        problems.add(f"{what} must be a mapping", parent, key)
        return {}
    return value


def _names(value: Any, what: str, parent: Any, key: Any, problems: _Problems,
           *, required: bool = False, ids: bool = True) -> tuple[str, ...]:
    if value is None:
        if required:
            problems.add(f"{what} is missing", parent, key)
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.add(f"{what} must be a list of names", parent, key)
        return ()
    if len(set(value)) != len(value):
        problems.add(f"{what} lists a name twice", parent, key)
    if ids:
        for v in value:
            if not _ID.match(v):
                problems.add(f"{what}: {v!r} must use only a-z, 0-9 and _", parent, key)
    if required and not value:
        problems.add(f"{what} must not be empty", parent, key)
    return tuple(value)


def _cites(value: Any, parent: Any, key: Any, problems: _Problems) -> tuple[str, ...]:
    return _names(value, "'cites'", parent, key, problems, ids=False)


def _at_line(line: int | None) -> LineDict:
    """An empty mapping that only carries a line number, for problems about parsed objects."""
    anchor = LineDict()
    anchor.line = line
    return anchor


def _check_id(name: Any, what: str, parent: Any, problems: _Problems) -> bool:
    if not isinstance(name, str) or not _ID.match(name):
        problems.add(f"{what} id {name!r} must use only a-z, 0-9 and _", parent, name)
        return False
    return True


def _entries(raw: Any, root: Any, name: str, what: str, allowed: Any, problems: _Problems):
    """Each well-formed ``(id, body, line)`` of a section. Bad ids, bodies that are not mappings and
    (when ``allowed`` is given) unknown keys are reported, so every section checks them alike."""
    section = _mapping(raw, f"section '{name}'", root, name, problems)
    for entry_id, body in section.items():
        if not _check_id(entry_id, what, section, problems):
            continue
        if not isinstance(body, Mapping):
            problems.add(f"{what} {entry_id!r} must be a mapping", section, entry_id)
            continue
        for key in body if allowed is not None else ():
            if key not in allowed:
                problems.add(f"{what} {entry_id!r}: unknown key {key!r}", body, key)
        yield entry_id, body, line_of(section, entry_id)


# --- sections ----------------------------------------------------------------------------


def _parse_sources(raw: Any, root: Any, problems: _Problems) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for key, value in _mapping(raw, "section 'sources'", root, "sources", problems).items():
        if not isinstance(value, Mapping) or not all(
            isinstance(value.get(k), str) and value.get(k) for k in ("title", "url")
        ) or set(value) - {"title", "url"}:
            problems.add(f"source {key!r} needs exactly a 'title' and a 'url'", raw, key)
            continue
        if not str(value["url"]).startswith("https://"):
            problems.add(f"source {key!r}: the url must start with https://", value, "url")
        sources[str(key)] = Source(str(key), value["title"], value["url"])
    return sources


def _parse_when(raw: Any, parent: Any, key: Any, problems: _Problems) -> tuple[Clause, ...]:
    """Parse a ``when`` mapping. Whether each key is a question or a condition is settled in
    the cross-reference check, once both are known."""
    if raw is None:
        return ()
    if not isinstance(raw, Mapping) or not raw:
        problems.add("'when' must be a non-empty mapping", parent, key)
        return ()
    clauses = []
    for name, value in raw.items():
        values = (value,) if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not values or not all(
            isinstance(v, str) for v in values
        ):
            problems.add(f"'when' {name!r}: give a value or a list of values", raw, name)
            continue
        clauses.append(Clause(str(name), tuple(values), target=""))
    return tuple(clauses)


def _parse_rule(raw: Any, qid: str, parent: Any, index: int, problems: _Problems) -> Rule | None:
    if not isinstance(raw, Mapping):
        problems.add(f"question {qid!r}: rule {index + 1} must be a mapping", parent)
        return None
    for key in raw:
        if key not in _RULE_KEYS:
            problems.add(f"question {qid!r}: rule {index + 1} has unknown key {key!r}", raw, key)
    targets = [k for k in ("goto", "result", "test") if k in raw]
    if len(targets) != 1:
        problems.add(f"question {qid!r}: rule {index + 1} needs exactly one of goto, result,"
                     " test", raw)
        return None
    target = raw[targets[0]]
    if not isinstance(target, str):
        problems.add(f"question {qid!r}: rule {index + 1}: {targets[0]} must be an id", raw,
                     targets[0])
        return None
    reasons = _names(raw.get("reasons"), "'reasons'", raw, "reasons", problems)
    if reasons and targets[0] != "result":
        problems.add(f"question {qid!r}: rule {index + 1}: 'reasons' only go with a result",
                     raw, "reasons")
    return Rule(
        when=_parse_when(raw.get("when"), raw, "when", problems),
        goto=target if targets[0] == "goto" else None,
        result=target if targets[0] == "result" else None,
        test=target if targets[0] == "test" else None,
        reasons=reasons,
        cites=_cites(raw.get("cites"), raw, "cites", problems),
        line=line_of(raw),
    )


def _parse_questions(raw: Any, root: Any, problems: _Problems) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for qid, body, line in _entries(raw, root, "questions", "question", _QUESTION_KEYS, problems):
        kind = body.get("kind")
        if kind not in _KINDS:
            problems.add(f"question {qid!r}: 'kind' must be radios or checkboxes", body, "kind")
        options = _names(body.get("options"), f"question {qid!r}: 'options'", body, "options",
                         problems, required=True)
        if kind == "radios" and len(options) < 2:
            problems.add(f"question {qid!r}: radios need at least two options", body, "options")
        exclusive = _names(body.get("exclusive"), f"question {qid!r}: 'exclusive'", body,
                           "exclusive", problems)
        if exclusive and kind != "checkboxes":
            problems.add(f"question {qid!r}: only checkboxes have exclusive options", body,
                         "exclusive")
        for value in exclusive:
            if value not in options:
                problems.add(f"question {qid!r}: exclusive {value!r} is not an option", body,
                             "exclusive")
        rules_raw = body.get("next")
        rules: list[Rule] = []
        if not isinstance(rules_raw, list) or not rules_raw:
            problems.add(f"question {qid!r} has no 'next' rules, so its path has no result",
                         body, "next")
        else:
            for index, rule_raw in enumerate(rules_raw):
                rule = _parse_rule(rule_raw, qid, body, index, problems)
                if rule is not None:
                    rules.append(rule)
        questions[qid] = Question(
            id=qid,
            kind=kind if kind in _KINDS else "radios",
            options=options,
            cites=_cites(body.get("cites"), body, "cites", problems),
            exclusive=exclusive,
            rules=tuple(rules),
            line=line,
        )
    return questions


def _parse_conditions(raw: Any, root: Any, problems: _Problems) -> dict[str, Condition]:
    conditions: dict[str, Condition] = {}
    for cid, body, line in _entries(raw, root, "conditions", "condition", None, problems):
        name = body.get("predicate")
        predicate = PREDICATES.get(name) if isinstance(name, str) else None
        if predicate is None:
            known = ", ".join(sorted(PREDICATES))
            problems.add(f"condition {cid!r}: unknown predicate {name!r} (known: {known})",
                         body, "predicate")
            continue
        raw_params = {k: v for k, v in body.items() if k not in ("predicate", "cites")}
        params, param_problems = predicate.parse(raw_params)
        for message in param_problems:
            problems.add(f"condition {cid!r}: {message}", body)
        conditions[cid] = Condition(
            id=cid,
            predicate=name,
            params=frozen_map(params),
            cites=_cites(body.get("cites"), body, "cites", problems),
            line=line,
        )
    return conditions


def _parse_infos(raw: Any, root: Any, problems: _Problems) -> dict[str, Info]:
    infos: dict[str, Info] = {}
    section = _mapping(raw, "section 'info'", root, "info", problems)
    for iid, body in section.items():
        if not _check_id(iid, "info", section, problems):
            continue
        if not isinstance(body, Mapping) or set(body) - {"cites", "role"}:
            problems.add(f"info {iid!r} must be a mapping with 'cites' and an optional 'role'",
                         section, iid)
            continue
        role = body.get("role")
        if role is not None and role not in INFO_ROLES:
            problems.add(f"info {iid!r}: 'role' must be one of {', '.join(INFO_ROLES)}", body,
                         "role")
            role = None
        infos[iid] = Info(iid, _cites(body.get("cites"), body, "cites", problems), role)
    return infos


def _parse_tests(raw: Any, root: Any, problems: _Problems) -> dict[str, Test]:
    tests: dict[str, Test] = {}
    for tid, body, _line in _entries(raw, root, "tests", "test", _TEST_KEYS, problems):
        refs: list[InfoRef] = []
        info_raw = body.get("info") or []
        if not isinstance(info_raw, list):
            problems.add(f"test {tid!r}: 'info' must be a list", body, "info")
            info_raw = []
        for item in info_raw:
            if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
                problems.add(f"test {tid!r}: each info needs an 'id'", body, "info")
                continue
            for key in item:
                if key not in _INFO_REF_KEYS:
                    problems.add(f"test {tid!r}: info has unknown key {key!r}", item, key)
            refs.append(InfoRef(
                id=item["id"],
                when=_parse_when(item.get("when"), item, "when", problems),
                results=_names(item.get("results"), "'results'", item, "results", problems),
            ))
        tests[tid] = Test(
            id=tid,
            conditions=_names(body.get("conditions"), f"test {tid!r}: 'conditions'", body,
                              "conditions", problems, required=True),
            info=tuple(refs),
            cites=_cites(body.get("cites"), body, "cites", problems),
        )
    return tests


def _parse_results(raw: Any, root: Any, problems: _Problems) -> dict[str, Result]:
    results: dict[str, Result] = {}
    section = _mapping(raw, "section 'results'", root, "results", problems)
    for rid, body in section.items():
        if not _check_id(rid, "result", section, problems):
            continue
        if not isinstance(body, Mapping) or set(body) - {"kind", "cites"}:
            problems.add(f"result {rid!r} must be a mapping with 'kind' and 'cites'", section, rid)
            continue
        kind = body.get("kind")
        if kind not in _RESULT_KINDS:
            problems.add(f"result {rid!r}: 'kind' must be assessed or routed", body, "kind")
        results[rid] = Result(rid, str(kind), _cites(body.get("cites"), body, "cites", problems))
    for rid in ASSESSED_RESULTS:
        if rid not in results:
            problems.add(f"the result {rid!r} is missing (a legal test can produce it)", root,
                         "results")
        elif results[rid].kind != "assessed":
            problems.add(f"result {rid!r} must have kind: assessed", section, rid)
    for rid, result in results.items():
        if result.kind == "assessed" and rid not in ASSESSED_RESULTS:
            problems.add(f"result {rid!r}: only {', '.join(ASSESSED_RESULTS)} are assessed",
                         section, rid)
    return results


def _parse_voice(raw: Any, root: Any, questions: Mapping[str, Question],
                 problems: _Problems) -> tuple[str | None, tuple[str, ...]]:
    if raw is None:
        return None, ()
    if not isinstance(raw, Mapping) or set(raw) != {"question", "other"}:
        problems.add("'voice' needs exactly 'question' and 'other'", root, "voice")
        return None, ()
    qid = raw["question"]
    values = _names(raw["other"], "'voice' 'other'", raw, "other", problems, required=True)
    question = questions.get(qid) if isinstance(qid, str) else None
    if question is None:
        problems.add(f"'voice' names an unknown question {qid!r}", raw, "question")
        return None, ()
    for value in values:
        if value not in question.options:
            problems.add(f"'voice': {value!r} is not an option of {qid!r}", raw, "other")
    return qid, values


# --- cross references --------------------------------------------------------------------


def _resolve_clauses(flow: Flow, clauses: tuple[Clause, ...], where: str, mapping: Any,
                     problems: _Problems, *, before: set[str] | None) -> tuple[Clause, ...]:
    """Check each clause and mark whether it tests a question or a condition. ``before`` is the
    set of questions that can be answered by the time the clause is evaluated (None: any)."""
    resolved = []
    for clause in clauses:
        if clause.key in flow.questions:
            question = flow.questions[clause.key]
            for value in clause.values:
                if value not in question.options:
                    problems.add(f"{where}: {value!r} is not an option of {clause.key!r}",
                                 mapping, "when")
            if before is not None and clause.key not in before:
                problems.add(f"{where}: 'when' uses {clause.key!r}, which is never answered"
                             " before this point", mapping, "when")
            resolved.append(Clause(clause.key, clause.values, "question"))
        elif clause.key in flow.conditions:
            for value in clause.values:
                if value not in _CLAUSE_STATUSES:
                    problems.add(f"{where}: condition status must be met, not_met or unknown,"
                                 f" not {value!r}", mapping, "when")
            if before is not None and not set(_condition_questions(flow, clause.key)) & before:
                problems.add(f"{where}: 'when' uses condition {clause.key!r}, none of whose"
                             " questions are answered before this point", mapping, "when")
            resolved.append(Clause(clause.key, clause.values, "condition"))
        else:
            problems.add(f"{where}: 'when' names unknown question or condition {clause.key!r}",
                         mapping, "when")
    return tuple(resolved)


def _condition_questions(flow: Flow, cid: str, depth: int = 0) -> tuple[str, ...]:
    cond = flow.conditions.get(cid)
    if cond is None or depth > len(flow.conditions):
        return ()
    predicate = PREDICATES[cond.predicate]
    own = predicate.questions(cond.params)
    nested = tuple(q for child in predicate.children(cond.params)
                   for q in _condition_questions(flow, child, depth + 1))
    return own + nested


def condition_leaves(flow: Flow, cid: str) -> tuple[str, ...]:
    """The conditions that give reasons for ``cid``: its parts for an ``any_of``, else itself."""
    cond = flow.conditions[cid]
    children = PREDICATES[cond.predicate].children(cond.params)
    return children if children else (cid,)


def reason_ids(flow: Flow) -> dict[str, tuple[str, ...]]:
    """Every reason id a decision can contain, with the citations it carries.

    A condition gives ``<condition id>_<status>`` for each status its predicate can produce
    (plus "unknown", used when a condition was not asked but still matters); every piece of
    information gives its own id. The wording file must have exactly these keys."""
    found: dict[str, tuple[str, ...]] = {}
    for test in flow.tests.values():
        for cid in test.conditions:
            if cid not in flow.conditions:
                continue
            for leaf in condition_leaves(flow, cid):
                cond = flow.conditions.get(leaf)
                if cond is None:
                    continue
                statuses = PREDICATES[cond.predicate].statuses(cond.params) | {UNKNOWN}
                for status in sorted(statuses):
                    found[f"{leaf}_{status}"] = cond.cites
    for iid, info in flow.infos.items():
        found[iid] = info.cites
    return found


def _check_cite(cite: str, flow: Flow, where: str, mapping: Any, problems: _Problems) -> None:
    for key in flow.sources:
        if cite.startswith(key + " ") and len(cite) > len(key) + 1:
            return
    problems.add(f"{where}: citation {cite!r} must start with a known source"
                 f" ({', '.join(flow.sources)}) and then name a section or paragraph", mapping)


def _check_cross_references(
    flow: Flow, data: Mapping, problems: _Problems
) -> tuple[dict[str, Question], dict[str, Test]]:
    """Check every reference between sections. Returns the questions and tests with their
    ``when`` clauses resolved (each clause then knows whether it tests a question or a
    condition)."""
    qsection = data.get("questions") if isinstance(data.get("questions"), Mapping) else {}
    csection = data.get("conditions") if isinstance(data.get("conditions"), Mapping) else {}
    tsection = data.get("tests") if isinstance(data.get("tests"), Mapping) else {}

    # Routing: targets exist, rules can all be reached, the last rule always applies,
    # and every deciding rule cites the law.
    used_results: set[str] = set()
    used_tests: set[str] = set()
    used_conditions: set[str] = set()
    used_infos: set[str] = set()
    resolved_questions: dict[str, Question] = {}
    for qid, question in flow.questions.items():
        body = qsection.get(qid)
        before = graph.ancestors(flow.questions, qid) | {qid}
        new_rules = []
        for index, rule in enumerate(question.rules):
            where = f"question {qid!r}, rule {index + 1}"
            raw_rule = _at_line(rule.line)  # problems below point at the rule's own line
            if rule.goto is not None and rule.goto not in flow.questions:
                problems.add(f"{where}: goto names unknown question {rule.goto!r}", line=rule.line)
            if rule.result is not None:
                used_results.add(rule.result)
                if rule.result not in flow.results:
                    problems.add(f"{where}: unknown result {rule.result!r}", line=rule.line)
                elif flow.results[rule.result].kind != "routed":
                    problems.add(f"{where}: {rule.result!r} can only come from a test",
                                 line=rule.line)
            if rule.test is not None:
                used_tests.add(rule.test)
                if rule.test not in flow.tests:
                    problems.add(f"{where}: unknown test {rule.test!r}", line=rule.line)
            for iid in rule.reasons:
                used_infos.add(iid)
                if iid not in flow.infos:
                    problems.add(f"{where}: unknown info {iid!r}", line=rule.line)
            if (rule.when or rule.ends_route) and not rule.cites:
                problems.add(f"{where}: a rule that decides something must cite the law",
                             line=rule.line)
            for cite in rule.cites:
                _check_cite(cite, flow, where, raw_rule, problems)
            when = _resolve_clauses(flow, rule.when, where, raw_rule, problems, before=before)
            used_conditions.update(c.key for c in when if c.target == "condition")
            if not rule.when and index != len(question.rules) - 1:
                problems.add(f"{where}: this rule always applies, so the rules after it are"
                             " never used", line=rule.line)
            new_rules.append(Rule(when, rule.goto, rule.result, rule.test, rule.reasons,
                                  rule.cites, rule.line))
        if question.rules and question.rules[-1].when:
            problems.add(f"question {qid!r}: the last rule must always apply (no 'when'), so"
                         " every answer leads somewhere", body, "next")
        for cite in question.cites:
            _check_cite(cite, flow, f"question {qid!r}", body, problems)
        resolved_questions[qid] = replace(question, rules=tuple(new_rules))

    # Shape of the graph.
    if flow.start:
        unreachable = sorted(set(flow.questions) - graph.reachable(flow.questions, flow.start))
        for qid in unreachable:
            problems.add(f"question {qid!r} can never be reached from the start", qsection, qid)
    loop = graph.find_cycle(flow.questions)
    if loop:
        problems.add(f"the questions loop: {' -> '.join(loop)}", qsection)

    # Conditions: predicate cross-checks, citations, and cited questions.
    questions_read: set[str] = set()
    for cid, cond in flow.conditions.items():
        body = csection.get(cid)
        predicate = PREDICATES[cond.predicate]
        for message in predicate.check(cond.params, flow.questions, flow.conditions):
            problems.add(f"condition {cid!r}: {message}", body)
        if not cond.cites:
            problems.add(f"condition {cid!r} must cite the law", body)
        for cite in cond.cites:
            _check_cite(cite, flow, f"condition {cid!r}", body, problems)
        questions_read.update(q for q in predicate.questions(cond.params) if q in flow.questions)
        used_conditions.update(predicate.children(cond.params))
    for qid in sorted(questions_read):
        if not flow.questions[qid].cites:
            problems.add(f"question {qid!r} is read by a legal condition, so it must cite the law",
                         qsection, qid)

    # Tests.
    resolved_tests: dict[str, Test] = {}
    for tid, test in flow.tests.items():
        body = tsection.get(tid)
        if not test.cites:
            problems.add(f"test {tid!r} must cite the law", body)
        for cite in test.cites:
            _check_cite(cite, flow, f"test {tid!r}", body, problems)
        for cid in test.conditions:
            used_conditions.add(cid)
            if cid not in flow.conditions:
                problems.add(f"test {tid!r}: unknown condition {cid!r}", body, "conditions")
        resolved_refs = []
        for ref in test.info:
            used_infos.add(ref.id)
            if ref.id not in flow.infos:
                problems.add(f"test {tid!r}: unknown info {ref.id!r}", body, "info")
            for rid in ref.results:
                if rid not in ASSESSED_RESULTS:
                    problems.add(f"test {tid!r}: info {ref.id!r} lists {rid!r}, which a test"
                                 " cannot produce", body, "info")
            when = _resolve_clauses(flow, ref.when, f"test {tid!r}, info {ref.id!r}", body,
                                    problems, before=None)
            resolved_refs.append(InfoRef(ref.id, when, ref.results))
        resolved_tests[tid] = replace(test, info=tuple(resolved_refs))

    # Every result page states the person's rights and what to do next, whichever route led to
    # it: each routing rule's reasons, and each test's information for each result it can
    # give, must include one piece of information in every role. Information with a "when"
    # does not count, because it is not always shown.
    for qid, question in flow.questions.items():
        for index, rule in enumerate(question.rules):
            if rule.result is not None:
                roles = {flow.infos[i].role for i in rule.reasons if i in flow.infos}
                for role in INFO_ROLES:
                    if role not in roles:
                        problems.add(f"question {qid!r}, rule {index + 1}: the result needs"
                                     f" information with role {role!r} in its reasons",
                                     line=rule.line)
    for tid, test in flow.tests.items():
        for rid in ASSESSED_RESULTS:
            roles = {flow.infos[ref.id].role for ref in test.info
                     if ref.id in flow.infos and not ref.when
                     and (not ref.results or rid in ref.results)}
            for role in INFO_ROLES:
                if role not in roles:
                    problems.add(f"test {tid!r}: the result {rid!r} needs information with"
                                 f" role {role!r} (without 'when')", tsection.get(tid))

    # Information and results cite the law.
    for iid, info in flow.infos.items():
        if not info.cites:
            problems.add(f"info {iid!r} must cite the law", data.get("info"), iid)
        for cite in info.cites:
            _check_cite(cite, flow, f"info {iid!r}", data.get("info"), problems)
    for rid, result in flow.results.items():
        if not result.cites:
            problems.add(f"result {rid!r} must cite the law", data.get("results"), rid)
        for cite in result.cites:
            _check_cite(cite, flow, f"result {rid!r}", data.get("results"), problems)

    # Nothing defined and never used: it would be untested, unreviewed law.
    for rid, result in flow.results.items():
        if result.kind == "routed" and rid not in used_results:
            problems.add(f"result {rid!r} is never used", data.get("results"), rid)
    for tid in flow.tests:
        if tid not in used_tests:
            problems.add(f"test {tid!r} is never used", tsection, tid)
    for cid in flow.conditions:
        if cid not in used_conditions:
            problems.add(f"condition {cid!r} is never used", csection, cid)
    for iid in flow.infos:
        if iid not in used_infos:
            problems.add(f"info {iid!r} is never used", data.get("info"), iid)

    # A "when" key may name a question or a condition, so the two must never share an id.
    for cid in sorted(set(flow.conditions) & set(flow.questions)):
        problems.add(f"condition {cid!r} has the same id as a question; rename one", csection,
                     cid)

    # Reason ids come from condition ids and info ids: they must not collide.
    condition_reasons = {f"{cid}_{s}" for cid in flow.conditions for s in _CLAUSE_STATUSES}
    for iid in sorted(set(flow.infos) & condition_reasons):
        problems.add(f"info {iid!r} clashes with a condition's reason id", data.get("info"), iid)
    return resolved_questions, resolved_tests
