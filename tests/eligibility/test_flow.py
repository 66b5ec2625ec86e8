"""Routing: one test per branch of the flow, and the public functions over answers.

A final test checks that the branch cases below use every rule in flow.yaml, so a new rule
cannot be added without a test for it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

import pytest

from app.eligibility import (
    clean_answers,
    decide,
    load_flow,
    next_question,
    normalise_answer,
    progress,
    route,
    voice_for,
    walk,
)

FLOW = load_flow()

START = {"who": "myself"}
ADULT = {"who": "myself", "about": "own_needs", "age": "18_or_over"}
CARER = {"who": "myself", "about": "caring", "age": "18_or_over"}
ADULT_CHAIN = ["adult_nutrition", "adult_hygiene", "adult_toilet", "adult_clothing",
               "adult_home_safety", "adult_habitable_home", "adult_relationships",
               "adult_work", "adult_community", "adult_child_care"]
CARER_CHAIN = ["carer_child_care", "carer_other_caring", "carer_home", "carer_nutrition",
               "carer_relationships", "carer_work", "carer_community", "carer_recreation"]
ADULT_ALL_ABLE = {**ADULT, "impairment": "linked",
                  **dict.fromkeys(ADULT_CHAIN[:-1], "able"), "adult_child_care": "not_applicable"}
CARER_TO_CAUSE = {**CARER, "cared_for_age": "adult", "paid": "unpaid",
                  "necessary_care": "needed"}
CARER_TO_HEALTH = {**CARER_TO_CAUSE, "because_of_caring": "because_of_caring"}
CARER_ALL_ABLE = {**CARER_TO_HEALTH, "carer_health": "not_getting_worse",
                  **dict.fromkeys(CARER_CHAIN, "able")}


def _with(base: dict, **changes: object) -> dict:
    return {**base, **changes}


def _chain_cases(chain: list[str], base: dict, value: str) -> Iterator[tuple]:
    answers = dict(base)
    for here, after in itertools.pairwise(chain):
        answers[here] = value
        yield (f"{here} -> {after}", dict(answers), ("goto", after))


# (name, answers, (kind, target)); kind is "goto", "result" or "test".
BRANCHES = [
    ("who=myself -> about", {"who": "myself"}, ("goto", "about")),
    ("who=someone_else -> about", {"who": "someone_else"}, ("goto", "about")),
    ("about=own_needs -> age", {**START, "about": "own_needs"}, ("goto", "age")),
    ("about=caring -> age", {**START, "about": "caring"}, ("goto", "age")),
    ("under 18, own needs -> children's services",
     _with(ADULT, age="under_18"), ("result", "children_services")),
    ("under 18, carer -> children's services (young carer)",
     _with(CARER, age="under_18"), ("result", "children_services")),
    ("18+, own needs -> impairment", ADULT, ("goto", "impairment")),
    ("18+, carer -> cared_for_age", CARER, ("goto", "cared_for_age")),
    # Adults
    ("impairment=not_linked -> adult test",
     _with(ADULT, impairment="not_linked"), ("test", "adult")),
    ("impairment=linked -> first outcome",
     _with(ADULT, impairment="linked"), ("goto", "adult_nutrition")),
    ("impairment=not_sure -> first outcome",
     _with(ADULT, impairment="not_sure"), ("goto", "adult_nutrition")),
    *_chain_cases(ADULT_CHAIN, _with(ADULT, impairment="linked"), "able"),
    ("outcomes definitely fewer than two -> adult test (wellbeing skipped)",
     ADULT_ALL_ABLE, ("test", "adult")),
    ("outcomes met -> wellbeing",
     _with(ADULT_ALL_ABLE, adult_work="danger", adult_community="danger"),
     ("goto", "adult_impact")),
    ("outcomes unknown -> wellbeing",
     _with(ADULT_ALL_ABLE, adult_work="danger", adult_child_care="not_sure"),
     ("goto", "adult_impact")),
    ("wellbeing -> adult test",
     _with(ADULT_ALL_ABLE, adult_work="danger", adult_community="danger",
           adult_impact=("health",)), ("test", "adult")),
    # Carers
    ("caring for a child -> children's services (parent carer)",
     _with(CARER, cared_for_age="child"), ("result", "children_services")),
    ("caring for an adult -> paid", _with(CARER, cared_for_age="adult"), ("goto", "paid")),
    ("caring for an adult and a child -> paid",
     _with(CARER, cared_for_age="adult_and_child"), ("goto", "paid")),
    ("paid -> not a carer under the Act",
     _with(CARER, cared_for_age="adult", paid="paid"), ("result", "not_a_carer_under_the_act")),
    ("volunteer -> not a carer under the Act",
     _with(CARER, cared_for_age="adult", paid="volunteer"),
     ("result", "not_a_carer_under_the_act")),
    ("unpaid -> necessary care",
     _with(CARER, cared_for_age="adult", paid="unpaid"), ("goto", "necessary_care")),
    ("paid for some, unpaid for the rest -> necessary care (s.10(9): the unpaid part counts)",
     _with(CARER, cared_for_age="adult", paid="partly_paid"), ("goto", "necessary_care")),
    ("not sure if paid -> necessary care",
     _with(CARER, cared_for_age="adult", paid="not_sure"), ("goto", "necessary_care")),
    ("care not needed -> carer test",
     _with(CARER_TO_CAUSE, necessary_care="not_needed"), ("test", "carer")),
    ("care needed -> because of caring", CARER_TO_CAUSE, ("goto", "because_of_caring")),
    ("not sure if care needed -> because of caring",
     _with(CARER_TO_CAUSE, necessary_care="not_sure"), ("goto", "because_of_caring")),
    ("not because of caring -> carer test (reg 3(1)(a))",
     _with(CARER_TO_CAUSE, because_of_caring="not_because_of_caring"), ("test", "carer")),
    ("because of caring -> health", CARER_TO_HEALTH, ("goto", "carer_health")),
    ("not sure if because of caring -> health",
     _with(CARER_TO_CAUSE, because_of_caring="not_sure"), ("goto", "carer_health")),
    ("health getting worse -> wellbeing (outcomes skipped)",
     _with(CARER_TO_HEALTH, carer_health="getting_worse"), ("goto", "carer_impact")),
    ("health not getting worse -> first carer outcome",
     _with(CARER_TO_HEALTH, carer_health="not_getting_worse"), ("goto", "carer_child_care")),
    ("health not sure -> first carer outcome",
     _with(CARER_TO_HEALTH, carer_health="not_sure"), ("goto", "carer_child_care")),
    *_chain_cases(CARER_CHAIN, _with(CARER_TO_HEALTH, carer_health="not_getting_worse"), "able"),
    ("circumstances definitely not met -> carer test (wellbeing skipped)",
     CARER_ALL_ABLE, ("test", "carer")),
    ("one carer outcome unable -> wellbeing",
     _with(CARER_ALL_ABLE, carer_recreation="danger"), ("goto", "carer_impact")),
    ("health not sure, outcomes able -> wellbeing",
     _with(CARER_ALL_ABLE, carer_health="not_sure"), ("goto", "carer_impact")),
    ("carer wellbeing -> carer test",
     _with(CARER_ALL_ABLE, carer_recreation="danger", carer_impact=("none",)),
     ("test", "carer")),
]


@pytest.mark.parametrize("answers,expected", [(a, e) for _, a, e in BRANCHES],
                         ids=[name for name, _, _ in BRANCHES])
def test_branch(answers: dict, expected: tuple[str, str]) -> None:
    kind, target = expected
    w = walk(FLOW, answers)
    if kind == "goto":
        assert w.end is None
        assert next_question(FLOW, answers) == target
        assert route(FLOW, answers)[-1] == target
    else:
        assert w.end is not None
        assert next_question(FLOW, answers) is None
        assert getattr(w.end, kind) == target
        decision = decide(FLOW, answers)
        if kind == "result":
            assert decision.result == target
            assert decision.test is None
        else:
            assert decision.test == target


def test_the_branch_cases_use_every_rule_in_the_flow() -> None:
    used = {step for _, answers, _ in BRANCHES for step in walk(FLOW, answers).steps}
    every = {(qid, i) for qid, q in FLOW.questions.items() for i in range(len(q.rules))}
    assert every - used == set()


# --- next_question and route -------------------------------------------------------------


def test_an_empty_start_asks_the_first_question() -> None:
    assert next_question(FLOW, {}) == "who"
    assert route(FLOW, {}) == ["who"]


def test_a_later_answer_does_not_skip_an_unanswered_earlier_question() -> None:
    answers = _with(ADULT_ALL_ABLE)
    del answers["adult_toilet"]
    assert next_question(FLOW, answers) == "adult_toilet"
    assert route(FLOW, answers)[-1] == "adult_toilet"


def test_stale_answers_off_the_route_are_ignored_after_a_change() -> None:
    # Someone answered as a carer, then changed "about" to their own needs.
    answers = {**CARER_ALL_ABLE, "carer_recreation": "danger", "carer_impact": ("health",),
               "about": "own_needs"}
    path = route(FLOW, answers)
    assert path == ["who", "about", "age", "impairment"]
    assert not set(path) & {"paid", "carer_health", "carer_impact"}
    assert next_question(FLOW, answers) == "impairment"


def test_decide_refuses_an_incomplete_route() -> None:
    with pytest.raises(ValueError, match="not complete"):
        decide(FLOW, ADULT)
    with pytest.raises(ValueError):
        decide(FLOW, {})


# --- clean_answers ----------------------------------------------------------------------


def test_clean_answers_keeps_valid_answers_on_the_route() -> None:
    answers = _with(ADULT_ALL_ABLE, adult_work="danger", adult_community="danger",
                    adult_impact=("health",))
    assert clean_answers(FLOW, answers) == answers


def test_clean_answers_drops_unknown_ids_invalid_values_and_off_route_answers() -> None:
    answers = {
        **ADULT,
        "impairment": "maybe",            # not an option
        "adult_nutrition": "able",        # after an invalid answer: off the route
        "no_such_question": "able",       # unknown id
        "paid": "unpaid",                 # a carer question: off the adult route
    }
    assert clean_answers(FLOW, answers) == ADULT


@pytest.mark.parametrize("bad", [None, 3, 2.5, True, b"myself", ["myself"], ("myself",),
                                 {"myself": 1}, "", "MYSELF", " myself"])
def test_clean_answers_drops_wrongly_typed_radio_answers(bad: object) -> None:
    assert clean_answers(FLOW, {"who": bad}) == {}


@pytest.mark.parametrize("bad", [None, "answers", 42, ["who"], object()])
def test_clean_answers_of_something_that_is_not_a_mapping_is_empty(bad: object) -> None:
    assert clean_answers(FLOW, bad) == {}
    assert next_question(FLOW, bad) == "who"


def test_clean_answers_never_raises_on_a_hostile_mapping() -> None:
    class Hostile(Mapping):
        def __getitem__(self, key: str) -> str:
            raise RuntimeError("boom")

        def __iter__(self):
            return iter(["who"])

        def __len__(self) -> int:
            return 1

    assert clean_answers(FLOW, Hostile()) == {}


CHECKBOX_BASE = _with(ADULT_ALL_ABLE, adult_work="danger", adult_community="danger")


@pytest.mark.parametrize("given,expected", [
    (("health",), ("health",)),
    ("health", ("health",)),                                  # one value sent as text
    (["relationships", "health"], ("health", "relationships")),  # put in option order
    (("health", "health"), ("health",)),                      # a repeated value
    (("none",), ("none",)),
    (("not_sure",), ("not_sure",)),
])
def test_checkbox_answers_are_normalised(given: object, expected: tuple) -> None:
    cleaned = clean_answers(FLOW, {**CHECKBOX_BASE, "adult_impact": given})
    assert cleaned["adult_impact"] == expected


@pytest.mark.parametrize("bad", [(), [], ("health", "none"), ("not_sure", "health"),
                                 ("none", "not_sure"), ("health", "nonsense"), (1,), None,
                                 {"health": True}])
def test_invalid_checkbox_answers_are_dropped(bad: object) -> None:
    cleaned = clean_answers(FLOW, {**CHECKBOX_BASE, "adult_impact": bad})
    assert "adult_impact" not in cleaned
    assert next_question(FLOW, {**CHECKBOX_BASE, "adult_impact": bad}) == "adult_impact"


def test_normalise_answer_is_strict_for_radios() -> None:
    question = FLOW.questions["adult_nutrition"]
    assert normalise_answer(question, "able") == "able"
    assert normalise_answer(question, "not_applicable") is None  # only for outcome (j)
    assert normalise_answer(FLOW.questions["adult_child_care"], "not_applicable") == \
        "not_applicable"


# --- progress ----------------------------------------------------------------------------


LONGEST = 17  # who, about, age, cared_for_age, paid, necessary_care, because_of_caring,
#              carer_health, 8 carer outcomes, carer_impact


def test_progress_counts_up_to_the_longest_route() -> None:
    assert progress(FLOW, {}, "who") == (1, LONGEST)
    assert progress(FLOW, ADULT, "impairment") == (4, LONGEST)
    assert progress(FLOW, CARER_TO_HEALTH, "carer_health") == (8, LONGEST)


def _walk_progress(full: dict) -> list[tuple[int, int]]:
    order = route(FLOW, full)
    return [progress(FLOW, {q: full[q] for q in order[:n]}, order[n]) for n in range(len(order))]


@pytest.mark.parametrize("full", [
    _with(ADULT_ALL_ABLE, adult_work="danger", adult_community="danger", adult_impact=("health",)),
    _with(CARER_TO_HEALTH, carer_health="getting_worse", carer_impact=("health",)),
    _with(CARER_ALL_ABLE, carer_recreation="danger", carer_impact=("none",)),
], ids=["adult", "carer whose health is getting worse (outcomes skipped)", "carer, every outcome"])
def test_progress_never_goes_back_or_jumps(full: dict) -> None:
    # "Question 3 of 16" then "4 of 15" read as going backwards: the "up to" total is the same
    # on every page, and the position moves on by exactly one, even when questions are skipped.
    steps = _walk_progress(full)
    assert [position for position, _ in steps] == list(range(1, len(steps) + 1))
    assert {most for _, most in steps} == {LONGEST}


def test_progress_refuses_a_question_off_the_route() -> None:
    with pytest.raises(ValueError):
        progress(FLOW, ADULT, "paid")


# --- voice -----------------------------------------------------------------------------------


@pytest.mark.parametrize("answers,voice", [
    ({"who": "myself"}, "self"),
    ({"who": "someone_else"}, "other"),
    ({}, "self"),
    ({"who": "nonsense"}, "self"),
    ({"who": ["someone_else"]}, "self"),
    (None, "self"),
])
def test_voice(answers: object, voice: str) -> None:
    assert voice_for(FLOW, answers) == voice
