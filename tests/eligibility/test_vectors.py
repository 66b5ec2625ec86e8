"""Legal test vectors: answers in, the result the regulations call for out.

The vectors live in vectors.yaml, each with the paragraph it tests. A second test compares
the engine with an independent, plain-Python reading of reg 2 and reg 3 over many generated
answer sets, so that a change to flow.yaml that breaks the law (say, "at_least: 1" for
adults, or "takes longer" for carers) fails here even if no vector happens to cover it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.eligibility import decide, load_flow, next_question, reason_ids, route

FLOW = load_flow()
DATA = yaml.safe_load(Path(__file__).with_name("vectors.yaml").read_text(encoding="utf-8"))
VECTORS = DATA["vectors"]
CONDITION_REASONS = {
    rid for rid in reason_ids(FLOW) if rid not in FLOW.infos
}

# Items of law-facts.md section 14 that concern the eligibility explainer. (The others are
# about direct payments, money and other nations.)
SECTION_14_FOR_THE_EXPLAINER = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20}


def build_answers(vector: dict) -> dict:
    answers = dict(DATA["bases"][vector["base"]]) if "base" in vector else {}
    for key, value in (vector.get("answers") or {}).items():
        if value == "~":
            answers.pop(key, None)
        else:
            answers[key] = tuple(value) if isinstance(value, list) else value
    return answers


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(vector: dict) -> None:
    answers = build_answers(vector)
    expect = vector["expect"]

    if "next_question" in expect:
        assert next_question(FLOW, answers) == expect["next_question"]
        with pytest.raises(ValueError):
            decide(FLOW, answers)
        return

    assert next_question(FLOW, answers) is None, "the route should be complete"
    decision = decide(FLOW, answers)
    assert decision.result == expect["result"], vector["description"]
    assert decision.cites, "a decision must cite the law"
    for reason in decision.reasons:
        assert reason.cites, f"reason {reason.id} cites nothing"

    condition_ids = {r.id for r in decision.reasons if r.status != "info"}
    info_ids = {r.id for r in decision.reasons if r.status == "info"}
    if "conditions" in expect:
        assert condition_ids == set(expect["conditions"])
    if "outcomes" in expect:
        counted = [q for r in decision.reasons for q in r.outcomes]
        assert counted == expect["outcomes"]
    if "areas" in expect:
        assert [a for r in decision.reasons for a in r.areas] == expect["areas"]
    for iid in expect.get("info", []):
        assert iid in info_ids, f"missing information {iid}"
    for iid in expect.get("no_info", []):
        assert iid not in info_ids, f"unexpected information {iid}"
    path = route(FLOW, answers)
    if "route_length" in expect:
        assert len(path) == expect["route_length"], path
    for qid in expect.get("not_on_route", []):
        assert qid not in path


# --- the vectors themselves --------------------------------------------------------------


def test_there_are_at_least_forty_vectors_with_unique_ids() -> None:
    ids = [v["id"] for v in VECTORS]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_every_vector_is_described_and_cites_a_paragraph(vector: dict) -> None:
    assert len(vector["description"].split()) >= 6
    assert vector["cites"]
    for cite in vector["cites"]:
        source = next((s for s in FLOW.sources if cite.startswith(s + " ")), None)
        assert source, f"{cite!r} does not name a known source"
        provision = cite[len(source) + 1:]
        assert re.match(r"^(s\.\d+[A-Z]*|reg \d+|ch\. \d+)", provision), cite


def test_vectors_cover_every_relevant_naive_mistake_in_law_facts_section_14() -> None:
    covered = {item for v in VECTORS for item in v.get("law_facts_14", [])}
    assert covered >= SECTION_14_FOR_THE_EXPLAINER, SECTION_14_FOR_THE_EXPLAINER - covered


def test_vectors_reach_every_result_and_every_reason() -> None:
    results = {v["expect"].get("result") for v in VECTORS}
    assert set(FLOW.results) <= results
    conditions = {c for v in VECTORS for c in v["expect"].get("conditions", [])}
    assert conditions == CONDITION_REASONS
    infos = {i for v in VECTORS for i in v["expect"].get("info", [])}
    assert infos == set(FLOW.infos)


# --- an independent reading of the regulations --------------------------------------------

ADULT_OUTCOMES = ["adult_nutrition", "adult_hygiene", "adult_toilet", "adult_clothing",
                  "adult_home_safety", "adult_habitable_home", "adult_relationships",
                  "adult_work", "adult_community", "adult_child_care"]
CARER_OUTCOMES = ["carer_child_care", "carer_other_caring", "carer_home", "carer_nutrition",
                  "carer_relationships", "carer_work", "carer_community", "carer_recreation"]
ADULT_UNABLE = {"unable_without_help", "pain_distress_anxiety", "danger",
                "takes_much_longer"}  # reg 2(3)(a)-(d)
CARER_UNABLE = {"unable_without_help", "pain_distress_anxiety", "danger"}  # reg 3(3)(a)-(c)
AREAS = ["dignity", "health", "protection", "control", "participation", "social_and_economic",
         "relationships", "accommodation", "contribution"]  # Care Act s.1(2)(a)-(i)


def _three_valued(met: bool, not_met: bool) -> str:
    return "met" if met else "not_met" if not_met else "unknown"


def _impact(value: tuple[str, ...]) -> str:
    return _three_valued(any(v in AREAS for v in value), value == ("none",))


def _combine(statuses: list[str]) -> str:
    if "not_met" in statuses:
        return "likely_not_eligible"
    if all(s == "met" for s in statuses):
        return "likely_eligible"
    return "unclear"


def oracle(answers: dict) -> str:
    """What reg 2 / reg 3 (and the routing rules) say, written without the engine."""
    if answers["age"] == "under_18":
        return "children_services"
    if answers["about"] == "own_needs":
        c1 = {"linked": "met", "not_linked": "not_met", "not_sure": "unknown"}[
            answers["impairment"]]
        values = [answers[q] for q in ADULT_OUTCOMES]
        unable = sum(v in ADULT_UNABLE for v in values)
        unsure = values.count("not_sure")
        c2 = _three_valued(unable >= 2, unable + unsure < 2)  # reg 2(1)(b): two or more
        return _combine([c1, c2, _impact(answers["adult_impact"])])
    if answers["cared_for_age"] == "child":
        return "children_services"
    if answers["paid"] in ("paid", "volunteer"):
        return "not_a_carer_under_the_act"
    # s.10(9) excludes only care given under a contract: the unpaid part of partly paid care counts.
    status = "met" if answers["paid"] in ("unpaid", "partly_paid") else "unknown"
    # reg 3(1)(a): necessary care, AND the needs arise as a consequence of providing it.
    necessary = {"needed": "met", "not_needed": "not_met", "not_sure": "unknown"}[
        answers["necessary_care"]]
    from_caring = {"because_of_caring": "met", "not_because_of_caring": "not_met",
                   "not_sure": "unknown"}[answers["because_of_caring"]]
    c1 = "not_met" if "not_met" in (necessary, from_caring) else (
        "met" if necessary == from_caring == "met" else "unknown")
    values = [answers[q] for q in CARER_OUTCOMES]
    unable = sum(v in CARER_UNABLE for v in values)
    unsure = values.count("not_sure")
    health = answers["carer_health"]
    # reg 3(1)(b): health deteriorating (reg 3(2)(a)) OR any one outcome (reg 3(2)(b)).
    c2 = _three_valued(health == "getting_worse" or unable >= 1,
                       health == "not_getting_worse" and unable + unsure == 0)
    return _combine([status, c1, c2, _impact(answers["carer_impact"])])


def _outcome(options: list[str]) -> st.SearchStrategy[str]:
    # Weighted towards "able" so that every threshold is crossed often.
    return st.one_of(st.just("able"), st.just("able"), st.sampled_from(options))


IMPACT = st.one_of(
    st.lists(st.sampled_from(AREAS), min_size=1, max_size=3, unique=True).map(tuple),
    st.just(("none",)),
    st.just(("not_sure",)),
)
ANSWERS = st.fixed_dictionaries({
    "who": st.sampled_from(["myself", "someone_else"]),
    "about": st.sampled_from(["own_needs", "caring"]),
    "age": st.sampled_from(["18_or_over", "18_or_over", "18_or_over", "under_18"]),
    "impairment": st.sampled_from(["linked", "linked", "not_linked", "not_sure"]),
    **{q: _outcome(sorted(ADULT_UNABLE | {"not_sure"})) for q in ADULT_OUTCOMES[:-1]},
    "adult_child_care": _outcome(sorted(ADULT_UNABLE | {"not_sure", "not_applicable"})),
    "adult_impact": IMPACT,
    "cared_for_age": st.sampled_from(["adult", "adult", "adult_and_child", "child"]),
    "paid": st.sampled_from(["unpaid", "unpaid", "partly_paid", "paid", "volunteer", "not_sure"]),
    "necessary_care": st.sampled_from(["needed", "needed", "not_needed", "not_sure"]),
    "because_of_caring": st.sampled_from(["because_of_caring", "because_of_caring",
                                          "not_because_of_caring", "not_sure"]),
    "carer_health": st.sampled_from(["getting_worse", "not_getting_worse",
                                     "not_getting_worse", "not_sure"]),
    **{q: _outcome(sorted(CARER_UNABLE | {"not_sure", "not_applicable"}))
       for q in CARER_OUTCOMES[:2]},
    **{q: st.one_of(st.just("able"), st.just("able"), st.just("able"),
                    st.sampled_from(sorted(CARER_UNABLE | {"not_sure"})))
       for q in CARER_OUTCOMES[2:]},
    "carer_impact": IMPACT,
})


@settings(max_examples=600, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_engine_agrees_with_an_independent_reading_of_the_regulations(answers: dict) -> None:
    assert next_question(FLOW, answers) is None
    assert decide(FLOW, answers).result == oracle(answers)
