"""The wording in content/explainer/en.yaml matches the flow exactly, in both voices, and says
what the law needs it to say (carer-blind, typical week, likely not certain, plain English).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from app.eligibility import (
    VOICES,
    Wording,
    WordingError,
    check_wording,
    load_flow,
    load_wording,
    reason_ids,
)

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
FLOW = load_flow()
WORDING = load_wording(CONTENT)
# Tests of the checker's behaviour use the fixture's frozen copy: an editor's rewording cannot fail them.
FIXTURE_WORDING = load_wording(ROOT / "tests" / "fixtures" / "content")
ADULT_OUTCOMES = FLOW.conditions["adult_outcomes"].params["questions"]
CARER_OUTCOMES = FLOW.conditions["carer_outcomes"].params["questions"]


def test_the_wording_matches_the_flow() -> None:
    assert check_wording(FLOW, WORDING) == []


@pytest.mark.parametrize("voice", VOICES)
@pytest.mark.parametrize("qid", list(FLOW.questions))
def test_every_question_has_wording_in_both_voices(qid: str, voice: str) -> None:
    words = WORDING.question(qid, voice)
    assert words.text.strip() and words.error.strip()
    assert words.short.strip() and words.practitioner_note.strip()
    assert set(words.options) == set(FLOW.questions[qid].options)
    for value in FLOW.questions[qid].options:
        assert words.options[value].label.strip()


@pytest.mark.parametrize("voice", VOICES)
def test_every_result_and_reason_has_wording_in_both_voices(voice: str) -> None:
    for rid in FLOW.results:
        result = WORDING.result(rid, voice)
        assert result.title.strip() and result.summary.strip()
    for rid in reason_ids(FLOW):
        assert WORDING.reason(rid, voice).text.strip()


def test_the_two_voices_differ_where_they_should() -> None:
    for qid in ADULT_OUTCOMES:
        assert WORDING.question(qid, "self").text.startswith("Can you ")
        assert WORDING.question(qid, "other").text.startswith("Can they ")
    for qid in CARER_OUTCOMES:
        assert " can you " in WORDING.question(qid, "self").text
        assert " can they " in WORDING.question(qid, "other").text
    assert WORDING.result("likely_eligible", "self").title != \
        WORDING.result("likely_eligible", "other").title


def test_lookups_refuse_unknown_voices_and_ids() -> None:
    with pytest.raises(ValueError):
        WORDING.question("who", "they")
    with pytest.raises(KeyError):
        WORDING.question("no_such_question")
    with pytest.raises(KeyError):
        WORDING.result("eligible")
    with pytest.raises(KeyError):
        WORDING.reason("no_such_reason")
    assert str(WORDING.reason("council_decides")) == WORDING.reason("council_decides").text


# --- check_wording finds every kind of mismatch -------------------------------------------------


def _broken(change) -> list[str]:
    data = copy.deepcopy(dict(FIXTURE_WORDING.data))
    change(data)
    return check_wording(FLOW, Wording(data, FIXTURE_WORDING.path, "en"))


@pytest.mark.parametrize("name,change,expected", [
    ("missing question", lambda d: d["questions"].pop("adult_toilet"),
     "question 'adult_toilet' has no wording"),
    ("extra question", lambda d: d["questions"].__setitem__("adult_shopping", {}),
     "question 'adult_shopping' is not in the flow"),
    ("missing voice", lambda d: d["questions"]["paid"].pop("other"),
     "question 'paid', voice 'other' is missing"),
    ("missing option", lambda d: d["questions"]["carer_home"]["self"].__setitem__(
        "options", {k: v for k, v in d["questions"]["carer_home"]["self"]["options"].items()
                    if k != "danger"}),
     "option 'danger' has no wording"),
    ("extra option", lambda d: d["questions"]["carer_home"]["other"].__setitem__(
        "options", {**d["questions"]["carer_home"]["other"]["options"],
                    "takes_much_longer": {"label": "It takes them longer"}}),
     "option 'takes_much_longer' is not in the flow"),
    ("empty text", lambda d: d["questions"]["age"]["self"].__setitem__("text", "  "),
     "voice 'self': 'text' must be some text"),
    ("missing error", lambda d: d["questions"]["age"]["other"].pop("error"),
     "question 'age', voice 'other' has no 'error': add it"),
    ("missing practitioner note", lambda d: d["questions"]["age"].pop("practitioner_note"),
     "question 'age' has no 'practitioner_note': add it"),
    ("unexpected key", lambda d: d["questions"]["age"]["self"].__setitem__("title", "Age"),
     "unexpected key 'title'"),
    ("hint in one voice", lambda d: d["questions"]["age"]["self"].__setitem__("hint", "Age"),
     "the hint is written in one voice but not the other"),
    ("missing result", lambda d: d["results"].pop("unclear"), "result 'unclear' has no wording"),
    ("extra result", lambda d: d["results"].__setitem__("eligible", {}),
     "result 'eligible' is not in the flow"),
    ("result without summary", lambda d: d["results"]["unclear"]["other"].pop("summary"),
     "result 'unclear', voice 'other' has no 'summary': add it"),
    ("missing reason", lambda d: d["reasons"].pop("carer_health_deteriorating_unknown"),
     "reason 'carer_health_deteriorating_unknown' has no wording"),
    ("extra reason", lambda d: d["reasons"].__setitem__("carer_status_not_met", {}),
     "reason 'carer_status_not_met' is not in the flow"),
    ("reason in one voice", lambda d: d["reasons"]["young_carer"].pop("self"),
     "reason 'young_carer': voice 'self' is missing"),
    ("missing section", lambda d: d.pop("reasons"), "section 'reasons' is missing"),
])
def test_check_wording_reports_each_mismatch(name: str, change, expected: str) -> None:
    problems = _broken(change)
    assert any(expected in p for p in problems), (name, problems)


def test_problems_name_the_file_and_line() -> None:
    problems = _broken(lambda d: d["questions"]["age"]["self"].__setitem__("text", ""))
    assert len(problems) == 1
    line = next(i for i, text in enumerate(
        FIXTURE_WORDING.path.read_text(encoding="utf-8").splitlines(), 1)
        if text.strip() == "text: Are you 18 or over?")
    assert problems[0].startswith(f"{FIXTURE_WORDING.path}:{line}: ")


def test_load_wording_refuses_odd_language_codes_and_missing_files(tmp_path: Path) -> None:
    for lang in ("../en", "en/../../x", "EN", "", "e"):
        with pytest.raises(ValueError):
            load_wording(CONTENT, lang)
    with pytest.raises(WordingError):
        load_wording(tmp_path, "pl")
    (tmp_path / "explainer").mkdir()
    (tmp_path / "explainer" / "cy.yaml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(WordingError):
        load_wording(tmp_path, "cy")


# --- what the words must say -------------------------------------------------------------------


@pytest.mark.parametrize("voice,pronoun,their", [("self", "you", "your"), ("other", "them", "their")])
def test_adult_outcome_questions_are_carer_blind_caused_by_the_condition_and_over_time(
        voice: str, pronoun: str, their: str) -> None:
    # Eligibility is decided as if no unpaid carer helped (statutory guidance ch. 6), only what
    # the needs cause counts ("as a result of", reg 2(1)(b)), and fluctuating needs are judged
    # over whatever period the council needs (reg 2(4)): rare but serious times count too.
    for qid in (*ADULT_OUTCOMES, "adult_impact"):
        hint = " ".join(WORDING.question(qid, voice).hint.split())
        assert f"as if no family member or friend was helping {pronoun}" in hint, qid
    for qid in ADULT_OUTCOMES:
        hint = " ".join(WORDING.question(qid, voice).hint.split())
        assert f"Only count what is hard because of {their} health or disability" in hint, qid
        assert "rarely but are serious" in hint, qid
        assert "typical week" not in hint, qid


@pytest.mark.parametrize("voice", VOICES)
def test_carer_questions_count_only_what_caring_causes_over_time(voice: str) -> None:
    # reg 3(1)(a): the needs arise as a consequence of caring; reg 3(4): over a period.
    for qid in (*CARER_OUTCOMES, "carer_health"):
        hint = " ".join(WORDING.question(qid, voice).hint.split())
        assert "rarely but are serious" in hint and "typical week" not in hint, qid
    for qid in CARER_OUTCOMES:
        assert "Only count what is hard because of caring" in WORDING.question(qid, voice).hint


def test_likely_impact_has_no_time_limit() -> None:
    # "is, or is likely to be" (reg 2(1)(c), 3(1)(c)): nothing says the effect must come "soon".
    for text in _user_facing_texts():
        assert not re.search(r"\bsoon\b", text), text


@pytest.mark.parametrize("voice", VOICES)
def test_prompting_and_supervision_count_as_needing_help(voice: str) -> None:
    for qid in ADULT_OUTCOMES:
        hint = WORDING.question(qid, voice).options["unable_without_help"].hint
        assert "remind" in hint and "safe" in hint


@pytest.mark.parametrize("voice", VOICES)
def test_no_diagnosis_is_needed(voice: str) -> None:
    assert "diagnosis" in WORDING.question("impairment", voice).hint


@pytest.mark.parametrize("voice", VOICES)
def test_carer_options_never_offer_takes_longer(voice: str) -> None:
    for qid in CARER_OUTCOMES:
        labels = " ".join(o.label for o in WORDING.question(qid, voice).options.values())
        assert "longer" not in labels


def test_practitioner_notes_name_the_paragraph_they_test() -> None:
    for qid, question in FLOW.questions.items():
        note = " ".join(WORDING.question(qid).practitioner_note.split())
        if not question.cites:
            continue
        provisions = [re.sub(r"^(Care Act 2014|SI 2015/313|Children Act 1989) ", "", c)
                      for c in question.cites]
        assert any(p in note for p in provisions), (qid, provisions)


def _user_facing_texts() -> list[str]:
    texts: list[str] = []
    for qid in FLOW.questions:
        for voice in VOICES:
            words = WORDING.question(qid, voice)
            texts += [words.text, words.error, words.hint or ""]
            texts += [o.label for o in words.options.values()]
            texts += [o.hint or "" for o in words.options.values()]
    for voice in VOICES:
        for rid in FLOW.results:
            result = WORDING.result(rid, voice)
            texts += [result.title, result.summary]
        texts += [WORDING.reason(rid, voice).text for rid in reason_ids(FLOW)]
    return [t for t in texts if t]


def test_nothing_says_flatly_that_someone_is_or_is_not_eligible() -> None:
    flat = re.compile(r"\b(you|they|you're|they're) (are|is) (not )?eligible\b|\bineligible\b"
                      r"|\b(your|their) needs are (not )?eligible\b", re.I)
    for text in _user_facing_texts():
        assert not flat.search(text), text


def test_sentences_are_short() -> None:
    for text in _user_facing_texts():
        for sentence in re.split(r"(?<=[.?!])\s+", " ".join(text.split())):
            assert len(sentence.split()) <= 20, sentence


@pytest.mark.parametrize("voice", VOICES)
def test_every_test_result_says_only_the_council_decides_after_an_assessment(voice: str) -> None:
    for rid in ("likely_eligible", "unclear", "likely_not_eligible"):
        summary = WORDING.result(rid, voice).summary
        assert "council" in summary and "assessment" in summary, rid
        assert "money" in summary, rid  # the assessment does not depend on money (s.9(3))
    for rid in FLOW.results:
        assert "assessment" in WORDING.result(rid, voice).summary, rid
