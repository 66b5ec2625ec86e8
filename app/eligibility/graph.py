"""The flow seen as a graph: reachability, cycles, path lengths, and a printable rendering.

The validator uses these to prove, at start-up, that every question can be reached and that
every path ends in a result. ``graph_text`` backs the ``flask eligibility graph`` command, so
a reviewer (lawyer, social worker, editor) can read the whole flow with its citations on one
screen without reading code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .model import Clause, Flow, Question, Rule

__all__ = [
    "all_paths",
    "ancestors",
    "find_cycle",
    "graph_text",
    "longest_from",
    "reachable",
    "successors",
]


def successors(question: Question) -> list[str]:
    """The questions a question can lead to, in rule order, without repeats."""
    seen: list[str] = []
    for rule in question.rules:
        if rule.goto is not None and rule.goto not in seen:
            seen.append(rule.goto)
    return seen


def _known_successors(questions: Mapping[str, Question], qid: str) -> list[str]:
    question = questions.get(qid)
    if question is None:
        return []
    return [t for t in successors(question) if t in questions]


def reachable(questions: Mapping[str, Question], start: str) -> set[str]:
    """Every question that some route from ``start`` can visit."""
    found: set[str] = set()
    todo = [start] if start in questions else []
    while todo:
        qid = todo.pop()
        if qid in found:
            continue
        found.add(qid)
        todo.extend(_known_successors(questions, qid))
    return found


def ancestors(questions: Mapping[str, Question], target: str) -> set[str]:
    """Every question that can come before ``target`` on some route (not ``target`` itself
    unless there is a cycle)."""
    parents: dict[str, set[str]] = {}
    for qid in questions:
        for nxt in _known_successors(questions, qid):
            parents.setdefault(nxt, set()).add(qid)
    found: set[str] = set()
    todo = list(parents.get(target, ()))
    while todo:
        qid = todo.pop()
        if qid in found:
            continue
        found.add(qid)
        todo.extend(parents.get(qid, ()))
    return found


def find_cycle(questions: Mapping[str, Question]) -> list[str] | None:
    """A list of question ids forming a loop, or None. A loop would let a route go on for
    ever, so the validator refuses any."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(questions, white)
    stack: list[str] = []

    def visit(qid: str) -> list[str] | None:
        colour[qid] = grey
        stack.append(qid)
        for nxt in _known_successors(questions, qid):
            if colour[nxt] == grey:
                return stack[stack.index(nxt):] + [nxt]
            if colour[nxt] == white:
                loop = visit(nxt)
                if loop:
                    return loop
        stack.pop()
        colour[qid] = black
        return None

    for qid in questions:
        if colour[qid] == white:
            loop = visit(qid)
            if loop:
                return loop
    return None


def longest_from(flow: Flow, qid: str) -> int:
    """The most questions a route starting at ``qid`` (counting it) can still ask. Used for
    "Question 4 of 15": an estimate that can only go down as answers come in."""
    memo: dict[str, int] = {}

    def depth(current: str) -> int:
        if current not in memo:
            nexts = _known_successors(flow.questions, current)
            memo[current] = 1 + max((depth(n) for n in nexts), default=0)
        return memo[current]

    return depth(qid)


def all_paths(flow: Flow) -> Iterator[tuple[tuple[str, ...], Rule]]:
    """Every path through the graph from the start, as (question ids, the rule that ends it).

    This follows every rule, including rules whose conditions could never hold together, so it
    is a superset of the routes real answers can take."""

    def walk(qid: str, prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Rule]]:
        path = prefix + (qid,)
        for rule in flow.questions[qid].rules:
            if rule.goto is None:
                yield path, rule
            else:
                yield from walk(rule.goto, path)

    yield from walk(flow.start, ())


# --- rendering ---------------------------------------------------------------------------


def _clause_text(clause: Clause) -> str:
    values = clause.values[0] if len(clause.values) == 1 else "[" + ", ".join(clause.values) + "]"
    op = "=" if len(clause.values) == 1 else "in"
    return f"{clause.key} {op} {values}"


def _when_text(when: tuple[Clause, ...]) -> str:
    return " and ".join(_clause_text(c) for c in when) if when else "otherwise"


def _cites(cites: tuple[str, ...]) -> str:
    return f"  [{'; '.join(cites)}]" if cites else ""


def graph_text(flow: Flow, *, mermaid: bool = False) -> str:
    """A readable rendering of the whole flow: questions with their options and routing
    rules, then conditions, tests and results, each with its citations. With
    ``mermaid=True``, a Mermaid flowchart of the routing instead."""
    if mermaid:
        return _mermaid(flow)
    out: list[str] = [f"Eligibility explainer flow (starts at: {flow.start})", ""]
    order = _display_order(flow)
    out.append("QUESTIONS")
    for qid in order:
        q = flow.questions[qid]
        extra = f"; only alone: {', '.join(q.exclusive)}" if q.exclusive else ""
        out.append(f"{qid} ({q.kind}: {', '.join(q.options)}{extra}){_cites(q.cites)}")
        for rule in q.rules:
            reasons = f" with {', '.join(rule.reasons)}" if rule.reasons else ""
            out.append(f"    if {_when_text(rule.when)} -> {rule.describe_target()}"
                       f"{reasons}{_cites(rule.cites)}")
    out += ["", "CONDITIONS"]
    for cond in flow.conditions.values():
        params = "; ".join(
            f"{k}={', '.join(v) if isinstance(v, tuple) else v}"
            for k, v in cond.params.items() if v != ()
        )
        out.append(f"{cond.id}: {cond.predicate}({params}){_cites(cond.cites)}")
    out += ["", "TESTS (all conditions must be met)"]
    for test in flow.tests.values():
        out.append(f"{test.id}: {' AND '.join(test.conditions)}{_cites(test.cites)}")
        for ref in test.info:
            limits = []
            if ref.when:
                limits.append(f"if {_when_text(ref.when)}")
            if ref.results:
                limits.append(f"with {', '.join(ref.results)}")
            suffix = f" ({'; '.join(limits)})" if limits else ""
            out.append(f"    info {ref.id}{suffix}{_cites(flow.infos[ref.id].cites)}")
    out += ["", "RESULTS"]
    for result in flow.results.values():
        out.append(f"{result.id} ({result.kind}){_cites(result.cites)}")
    out += [
        "",
        "DECISION RULE for a test: any condition not met -> likely_not_eligible;"
        " all met -> likely_eligible; otherwise -> unclear.",
    ]
    return "\n".join(out) + "\n"


def _display_order(flow: Flow) -> list[str]:
    """Questions in the order they are written in the flow file (which is written in the
    order people meet them), starting question first."""
    return [flow.start] + [q for q in flow.questions if q != flow.start]


def _mermaid(flow: Flow) -> str:
    out = ["flowchart TD"]
    ends: set[str] = set()
    for qid in _display_order(flow):
        for rule in flow.questions[qid].rules:
            label = _when_text(rule.when).replace('"', "'")
            if rule.goto is not None:
                target = rule.goto
            else:
                target = f"result_{rule.result}" if rule.result else f"test_{rule.test}"
                ends.add(target)
            out.append(f'    {qid} -->|"{label}"| {target}')
    for end in sorted(ends):
        out.append(f"    {end}[[{end}]]")
    return "\n".join(out) + "\n"
