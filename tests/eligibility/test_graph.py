"""The flow as a graph: every question reachable, every path ends in a result, every rule
cites the law; the validator reports every problem in a broken flow at once; and the shape of
the real flow matches the regulations (ten adult outcomes, eight carer outcomes, and so on).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from app.eligibility import FlowError, all_paths, graph_text, load_flow
from app.eligibility.graph import reachable
from app.eligibility.predicates import PREDICATES

FLOW = load_flow()


# --- the real flow ---------------------------------------------------------------------------


def test_every_question_is_reachable_from_the_start() -> None:
    assert reachable(FLOW.questions, FLOW.start) == set(FLOW.questions)


def test_every_path_ends_in_a_result_or_a_legal_test() -> None:
    paths = list(all_paths(FLOW))
    assert paths
    for path, end in paths:
        assert end.goto is None
        assert (end.result in FLOW.results) or (end.test in FLOW.tests), path
        assert len(path) == len(set(path)), f"a path repeats a question: {path}"
    visited = {q for path, _ in paths for q in path}
    assert visited == set(FLOW.questions)


def test_path_lengths() -> None:
    lengths = sorted(len(path) for path, _ in all_paths(FLOW))
    assert lengths[0] == 3    # who, about, age (under 18): children's services
    assert lengths[-1] == 17  # the carer path through all eight carer outcomes
    adult_full = [p for p, end in all_paths(FLOW) if end.test == "adult"
                  and "adult_impact" in p]
    assert {len(p) for p in adult_full} == {15}


def test_every_rule_that_decides_something_cites_the_law() -> None:
    for qid, question in FLOW.questions.items():
        for rule in question.rules:
            if rule.when or rule.goto is None:
                assert rule.cites, f"{qid}: {rule}"


def test_every_condition_test_result_and_information_cites_the_law() -> None:
    for group in (FLOW.conditions, FLOW.tests, FLOW.results, FLOW.infos):
        for key, item in group.items():
            assert item.cites, key


def test_every_question_read_by_a_legal_condition_cites_the_law() -> None:
    read = {q for c in FLOW.conditions.values()
            for q in PREDICATES[c.predicate].questions(c.params)}
    assert read
    for qid in read:
        assert FLOW.questions[qid].cites, qid


def test_every_citation_names_a_known_source_and_a_provision() -> None:
    cites = [c for q in FLOW.questions.values() for c in q.cites]
    cites += [c for q in FLOW.questions.values() for r in q.rules for c in r.cites]
    for group in (FLOW.conditions, FLOW.tests, FLOW.results, FLOW.infos):
        cites += [c for item in group.values() for c in item.cites]
    assert len(cites) > 50
    pattern = re.compile(
        r"^(Care Act 2014 s\.\d+(\(\d+\))?|SI 2015/313 reg [23](\(\d\))?(\([a-j]\))?(\([ivx]+\))?"
        r"|Children Act 1989 s\.17(ZA|ZD)?|Care and Support Statutory Guidance ch\. \d+)$"
    )
    for cite in cites:
        assert pattern.match(cite), cite
    assert not any("2014/" in c or "Regulations 2014" in c for c in cites)  # SI 2015/313


def test_graph_text_shows_every_question_result_condition_and_citation() -> None:
    text = graph_text(FLOW)
    for qid in FLOW.questions:
        assert re.search(rf"^{qid} \(", text, re.M), qid
    for rid in FLOW.results:
        assert rid in text
    for cid in FLOW.conditions:
        assert f"{cid}: " in text
    assert "SI 2015/313 reg 2(1)(b)" in text
    assert "likely_not_eligible" in text


def test_graph_text_as_mermaid() -> None:
    text = graph_text(FLOW, mermaid=True)
    assert text.startswith("flowchart TD\n")
    for qid in FLOW.questions:
        assert f"    {qid} -->" in text
    assert "test_adult" in text and "result_children_services" in text


# --- the law, as encoded in the real flow --------------------------------------------------


def test_adults_need_two_of_ten_outcomes_with_four_meanings_of_unable() -> None:
    cond = FLOW.conditions["adult_outcomes"]
    assert cond.predicate == "count_unable"
    assert cond.params["at_least"] == 2                                   # reg 2(1)(b)
    assert set(cond.params["unable"]) == {"unable_without_help", "pain_distress_anxiety",
                                          "danger", "takes_much_longer"}  # reg 2(3)(a)-(d)
    questions = cond.params["questions"]
    assert len(questions) == 10
    letters = [re.search(r"reg 2\(2\)\(([a-j])\)", " ".join(FLOW.questions[q].cites)).group(1)
               for q in questions]
    assert letters == list("abcdefghij")  # each outcome once: (i) is ONE outcome


def test_carers_need_one_of_eight_outcomes_with_three_meanings_of_unable() -> None:
    cond = FLOW.conditions["carer_outcomes"]
    assert cond.params["at_least"] == 1                                   # reg 3(2)(b): any
    assert set(cond.params["unable"]) == {"unable_without_help", "pain_distress_anxiety",
                                          "danger"}                       # reg 3(3)(a)-(c)
    questions = cond.params["questions"]
    numerals = [re.search(r"reg 3\(2\)\(b\)\(([ivx]+)\)", " ".join(FLOW.questions[q].cites))
                .group(1) for q in questions]
    assert numerals == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
    for qid in questions:
        assert "takes_much_longer" not in FLOW.questions[qid].options     # not for carers


def test_carer_health_alone_meets_the_circumstances_condition() -> None:
    cond = FLOW.conditions["carer_circumstances"]
    assert cond.predicate == "any_of"                                     # reg 3(1)(b): any
    assert set(cond.params["conditions"]) == {"carer_health_deteriorating", "carer_outcomes"}
    health = FLOW.conditions["carer_health_deteriorating"]
    assert health.params == {"question": "carer_health", "met": ("getting_worse",),
                             "not_met": ("not_getting_worse",), "unknown": ("not_sure",)}
    # Significant impact is still its own condition of the carer test (reg 3(1)(c)).
    assert "carer_wellbeing" in FLOW.tests["carer"].conditions


def test_not_applicable_is_offered_only_where_the_outcome_needs_someone_to_care_for() -> None:
    with_na = {q for q, question in FLOW.questions.items()
               if "not_applicable" in question.options}
    assert with_na == {"adult_child_care", "carer_child_care", "carer_other_caring"}
    for cid in ("adult_outcomes", "carer_outcomes"):
        assert "not_applicable" in FLOW.conditions[cid].params["ignored"]
        assert "not_applicable" not in FLOW.conditions[cid].params["unable"]


def test_not_sure_is_offered_on_every_question_a_legal_condition_reads() -> None:
    for cond in FLOW.conditions.values():
        for qid in PREDICATES[cond.predicate].questions(cond.params):
            assert "not_sure" in FLOW.questions[qid].options, qid


def test_wellbeing_questions_list_the_nine_areas_of_section_1() -> None:
    for qid in ("adult_impact", "carer_impact"):
        question = FLOW.questions[qid]
        assert question.kind == "checkboxes"
        areas = [o for o in question.options if o not in ("none", "not_sure")]
        assert len(areas) == 9
        assert set(question.exclusive) == {"none", "not_sure"}


def test_each_test_requires_all_of_its_conditions_and_tells_people_their_rights() -> None:
    assert FLOW.tests["adult"].conditions == ("adult_impairment", "adult_outcomes",
                                             "adult_wellbeing")
    for test in FLOW.tests.values():
        always = {ref.id for ref in test.info if not ref.results and not ref.when}
        assert "council_decides" in always                        # Care Act s.13
        assert always & {"right_to_needs_assessment", "right_to_carers_assessment"}


# --- broken flows: every problem, at once -----------------------------------------------------

GOOD = """\
version: 1
start: first
sources:
  Care Act 2014: {title: Care Act 2014, url: "https://www.legislation.gov.uk/ukpga/2014/23"}
questions:
  first:
    kind: radios
    options: [yes, no, not_sure]
    cites: ["Care Act 2014 s.9(1)"]
    next:
      - when: {first: no}
        result: elsewhere
        reasons: [note, free, decides, next]
        cites: ["Care Act 2014 s.9(3)"]
      - goto: second
  second:
    kind: radios
    options: [a, b, not_sure]
    cites: ["Care Act 2014 s.13(1)"]
    next:
      - test: main
        cites: ["Care Act 2014 s.13(1)"]
conditions:
  c_first:
    predicate: answer
    question: first
    met: [yes]
    unknown: [not_sure]
    cites: ["Care Act 2014 s.9(1)"]
  c_second:
    predicate: answer
    question: second
    met: [a]
    not_met: [b]
    unknown: [not_sure]
    cites: ["Care Act 2014 s.13(1)"]
tests:
  main:
    conditions: [c_first, c_second]
    cites: ["Care Act 2014 s.13(1)"]
    info:
      - id: free
      - id: decides
      - id: next
info:
  note:
    cites: ["Care Act 2014 s.9(3)"]
  free:
    role: free_assessment
    cites: ["Care Act 2014 s.9(3)"]
  decides:
    role: council_decides
    cites: ["Care Act 2014 s.13(1)"]
  next:
    role: next_step
    cites: ["Care Act 2014 s.9(1)"]
results:
  likely_eligible: {kind: assessed, cites: ["Care Act 2014 s.13(1)"]}
  unclear: {kind: assessed, cites: ["Care Act 2014 s.13(1)"]}
  likely_not_eligible: {kind: assessed, cites: ["Care Act 2014 s.13(1)"]}
  elsewhere: {kind: routed, cites: ["Care Act 2014 s.9(3)"]}
"""


def _load(tmp_path: Path, text: str):
    path = tmp_path / "flow.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_flow(path)


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(FlowError) as info:
        _load(tmp_path, text)
    assert str(info.value).count("\n  - ") == len(info.value.problems)
    return info.value.problems


def test_the_small_good_flow_loads_and_yes_and_no_stay_text(tmp_path: Path) -> None:
    flow = _load(tmp_path, GOOD)
    assert flow.questions["first"].options == ("yes", "no", "not_sure")


def test_an_unreachable_question_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("conditions:\n", """\
  orphan:
    kind: radios
    options: [a, b]
    next:
      - goto: second
conditions:
""", 1)
    problems = _problems(tmp_path, text)
    assert any("'orphan' can never be reached" in p for p in problems)


def test_a_rule_without_a_citation_is_reported_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace('        cites: ["Care Act 2014 s.9(3)"]\n', "", 1)
    problems = _problems(tmp_path, text)
    assert any(re.search(r"flow\.yaml:11: question 'first', rule 1: a rule that decides"
                         r" something must cite the law", p) for p in problems), problems


def test_a_path_without_a_result_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("      - test: main\n", "      - when: {second: a}\n        test: main\n")
    problems = _problems(tmp_path, text)
    assert any("the last rule must always apply" in p for p in problems)


def test_a_question_with_no_rules_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("""\
    next:
      - test: main
        cites: ["Care Act 2014 s.13(1)"]
""", "")
    problems = _problems(tmp_path, text)
    assert any("'second' has no 'next' rules" in p for p in problems)


def test_unknown_ids_are_reported(tmp_path: Path) -> None:
    text = (GOOD.replace("goto: second", "goto: secnd")
            .replace("result: elsewhere", "result: somewhere")
            .replace("question: second", "question: third")
            .replace("reasons: [note,", "reasons: [nothing,"))
    problems = _problems(tmp_path, text)
    for expected in ("goto names unknown question 'secnd'", "unknown result 'somewhere'",
                     "unknown question 'third'", "unknown info 'nothing'"):
        assert any(expected in p for p in problems), (expected, problems)


def test_a_loop_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("      - test: main\n        cites: [\"Care Act 2014 s.13(1)\"]\n",
                        "      - goto: first\n")
    problems = _problems(tmp_path, text)
    assert any("the questions loop: first -> second -> first" in p for p in problems), problems


def test_a_citation_to_an_unknown_source_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace('cites: ["Care Act 2014 s.9(1)"]\n    next', 'cites: ["Care Act s.9"]\n'
                        "    next", 1)
    problems = _problems(tmp_path, text)
    assert any("citation 'Care Act s.9' must start with a known source" in p for p in problems)


def test_a_value_that_is_not_an_option_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("when: {first: no}", "when: {first: nope}")
    problems = _problems(tmp_path, text)
    assert any("'nope' is not an option of 'first'" in p for p in problems)


def test_an_unknown_predicate_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace("predicate: answer\n    question: second",
                        "predicate: guess\n    question: second")
    problems = _problems(tmp_path, text)
    assert any("unknown predicate 'guess'" in p for p in problems)


def test_an_option_not_placed_by_an_outcome_count_is_reported(tmp_path: Path) -> None:
    # The guard that stops "takes longer" being silently ignored (or counted) for carers.
    text = GOOD.replace("""\
  c_second:
    predicate: answer
    question: second
    met: [a]
    not_met: [b]
    unknown: [not_sure]
""", """\
  c_second:
    predicate: count_unable
    questions: [second]
    unable: [a]
    unsure: [not_sure]
    at_least: 1
""")
    problems = _problems(tmp_path, text)
    assert any("option 'b' of question 'second' is not placed" in p for p in problems)


def test_a_routed_result_without_the_persons_rights_is_reported(tmp_path: Path) -> None:
    # Every result page must say the assessment is free, that only the council decides, and
    # what to do next: a route that forgets one is refused, naming the rule and the role.
    problems = _problems(tmp_path, GOOD.replace("reasons: [note, free, decides, next]",
                                                "reasons: [note, free, next]"))
    assert len(problems) == 1, problems
    assert re.search(r"flow\.yaml:11: question 'first', rule 1: the result needs information with"
                     r" role 'council_decides'", problems[0]), problems


def test_a_test_result_without_a_next_step_is_reported(tmp_path: Path) -> None:
    # Information shown only with some results, or only "when" something holds, does not
    # count: the unclear result here would have no next step.
    text = GOOD.replace("      - id: next\n", "      - id: next\n        results: [likely_eligible,"
                        " likely_not_eligible]\n")
    problems = _problems(tmp_path, text)
    assert problems == [p for p in problems if "test 'main': the result 'unclear' needs"
                        " information with role 'next_step'" in p] and len(problems) == 1, problems


def test_an_unknown_info_role_is_reported(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("role: next_step", "role: later"))
    assert any("info 'next': 'role' must be one of free_assessment, council_decides, next_step"
               in p for p in problems), problems


def test_a_missing_assessed_result_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace('  unclear: {kind: assessed, cites: ["Care Act 2014 s.13(1)"]}\n', "")
    problems = _problems(tmp_path, text)
    assert any("the result 'unclear' is missing" in p for p in problems)


def test_a_condition_may_not_share_an_id_with_a_question(tmp_path: Path) -> None:
    text = GOOD.replace("  c_second:\n", "  second:\n").replace("[c_first, c_second]",
                                                                 "[c_first, second]")
    problems = _problems(tmp_path, text)
    assert any("condition 'second' has the same id as a question" in p for p in problems)


def test_unused_definitions_are_reported(tmp_path: Path) -> None:
    text = GOOD.replace("\ninfo:\n", "\ninfo:\n  spare:\n    cites: [\"Care Act 2014 s.1(2)\"]\n")
    problems = _problems(tmp_path, text)
    assert any("info 'spare' is never used" in p for p in problems)


def test_many_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    text = (GOOD.replace("goto: second", "goto: secnd")
            .replace('        cites: ["Care Act 2014 s.9(3)"]\n', "", 1)
            .replace("conditions:\n", "  orphan:\n    kind: radios\n    options: [a, b]\n"
                     "    next:\n      - goto: second\nconditions:\n", 1)
            .replace("predicate: answer\n    question: second",
                     "predicate: guess\n    question: second"))
    problems = _problems(tmp_path, text)
    for expected in ("unknown question 'secnd'", "must cite the law", "'orphan' can never",
                     "unknown predicate 'guess'"):
        assert any(expected in p for p in problems), (expected, problems)


def test_a_duplicated_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    text = GOOD.replace("  second:\n    kind: radios\n",
                        "  first:\n    kind: radios\n    options: [a]\n    next: []\n"
                        "  second:\n    kind: radios\n", 1)
    problems = _problems(tmp_path, text)
    assert len(problems) == 1
    assert re.search(r"flow\.yaml:16: 'first' is written twice .*\(first on line 6\)",
                     problems[0]), problems


def test_a_yaml_syntax_error_is_reported_with_a_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, GOOD.replace("start: first", "start: [first"))
    assert len(problems) == 1 and re.search(r"flow\.yaml:\d+: a list in \[ \] is opened on this line", problems[0])


def test_a_missing_file_is_a_flow_error(tmp_path: Path) -> None:
    with pytest.raises(FlowError) as info:
        load_flow(tmp_path / "missing.yaml")
    assert info.value.problems[0].endswith("missing.yaml:1: this file is missing")


def test_the_validator_reports_rather_than_crashes_on_malformed_flows() -> None:
    """Whatever an editor does to the file, the result is a FlowError listing problems, never
    a Python traceback from deep inside the loader."""
    import copy
    import random

    from app.eligibility.flow import DEFAULT_FLOW_PATH, parse_flow
    from app.strict_yaml import load_file

    base = load_file(DEFAULT_FLOW_PATH)

    def paths(node, prefix=()):
        yield prefix
        if isinstance(node, dict):
            for key, value in node.items():
                yield from paths(value, prefix + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from paths(value, prefix + (index,))

    every = list(paths(base))[1:]
    junk = [None, 1, True, "x", [], {}, ["a"], {"a": 1}, [None], "not_sure"]
    rng = random.Random(20150313)
    for _ in range(300):
        data = copy.deepcopy(base)
        where = rng.choice(every)
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = rng.choice(junk)
        try:
            parse_flow(data)
        except FlowError as error:
            assert error.problems
            assert all(isinstance(p, str) and p for p in error.problems)


def test_the_engine_never_imports_the_web_layer() -> None:
    """Engines stay pure (design.md "Three layers"); import-linter enforces the same rule."""
    import ast

    forbidden = ("flask", "flask_babel", "wtforms", "app.views", "app.web", "jinja2")
    package = Path(__file__).resolve().parents[2] / "app" / "eligibility"
    modules = sorted(package.glob("*.py"))
    assert len(modules) >= 5
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(forbidden), f"{module.name} imports {name}"
