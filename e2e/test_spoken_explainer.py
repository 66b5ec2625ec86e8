"""The whole adult and carer explainer as a screen reader speaks it, answered by form controls, in three languages.

Data-driven: the walk follows whatever route the flow gives for the journey's answers (a question the journey
does not know gets its first option), and every expectation is built from the flow and the wording the site
loaded, so a change of wording or a new question does not fail it; a broken label, legend, hint, position,
error pattern or result heading does. On each question the listener:

1. presses Continue with nothing chosen, hears the error summary (the page's first thing), Tabs to its link
   and follows it: focus lands on the question's group, which says the question, its hint and the error;
2. reads the form item by item: each option with its position ("position 2, set size 3");
3. Tabs to the options, chooses with the arrow keys or Space, Tabs to Continue and presses Enter.

Then check answers ("See your result" is a link) and the result: its heading and every reason.
The transcripts are kept in test-reports/transcripts/ for a person to read.
"""

from __future__ import annotations

import pytest

from app.eligibility import clean_answers, decide, load_flow, load_wording, voice_for
from e2e.journeys import JOURNEYS, current_question, wanted_answer
from e2e.pages import LANGUAGES, url_in
from e2e.spoken import ScreenReader, plain, save_report
from e2e.test_spoken_pages import translate

ROUTES = {"adult": "likely_eligible", "carer": "carer_all_outcomes"}


def spoken(phrases: list[str]) -> list[str]:
    """Phrases without the language mark."""
    return [p.split("] ", 1)[1] if p.startswith("[") else p for p in phrases]


def heard_line(phrases: list[str], start: str, *parts: str) -> str:
    """The phrase that starts with ``start`` and contains every one of ``parts``; fail with what was heard."""
    for phrase in spoken(phrases):
        if phrase.startswith(start) and all(part in phrase for part in parts):
            return phrase
    wanted = " … ".join([start, *parts])
    raise AssertionError(f"never heard «{wanted}»; heard:\n" + "\n".join(phrases))


class Listener:
    def __init__(self, page, reader: ScreenReader, lang: str, wording) -> None:
        self.page, self.reader, self.lang, self.wording = page, reader, lang, wording
        self.checked = 0  # announcements checked against the flow and wording

    def expect(self, phrases: list[str], start: str, *parts: str) -> str:
        line = heard_line(phrases, start, *parts)
        self.checked += 1
        return line

    def to_continue(self) -> None:
        """Tab on until the focus is on Continue (the screen reader says "button, Continue"), then press Enter."""
        label = translate(self.lang, "Continue")
        for _ in range(40):
            if spoken(self.reader.press("Tab"))[-1:] == [f"button, {label}"]:
                break
        else:
            raise AssertionError(f"Tab never reached the {label} button")
        self.checked += 1
        self.reader.press("Enter", navigates=True)

    def question(self, qid: str, flow, answers: dict) -> None:
        words = self.wording.question(qid, voice_for(flow, clean_answers(flow, answers)))
        q = flow.questions[qid]
        error = plain(words.error)

        # 1. Nothing chosen: the error summary, its link, and the question it leads to.
        self.reader.arrive(f"question {qid}")
        self.reader.note("focus Continue (B in NVDA: next button), press Enter with nothing chosen")
        self.page.locator("form:has(fieldset) button[type=submit]").focus()
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        assert current_question(self.page) == qid
        heard = self.reader.arrive(f"question {qid}, nothing chosen")
        heard += self.reader.command("moveToNextMain")
        first = self.reader.next()  # the first thing in <main>
        self.expect(first, "alert")
        heard = first + self.reader.read_until("heading, ")
        self.expect(heard, "heading, ", translate(self.lang, "There is a problem"))
        self.expect(self.reader.press("Tab"), f"link, {error}")  # the focus starts on the summary
        landed = self.reader.press("Enter")
        self.expect(landed, "group, ", plain(words.text), f"{translate(self.lang, 'Error')}: {error}",
                    *([plain(words.hint)] if words.hint else []))

        # 2. Reading the form: every option, with its position.
        self.reader.note("read on (down arrow)")
        heard = self.reader.read_through("form")
        role = "radio" if q.kind == "radios" else "checkbox"
        for index, value in enumerate(q.options, start=1):
            option = words.options[value]
            parts = [plain(option.hint)] if option.hint else []
            if role == "radio":
                parts.append(f"position {index}, set size {len(q.options)}")
            self.expect(heard, f"{role}, {plain(option.label)}", *parts, "not checked")

        # 3. Answering by form controls.
        wanted = wanted_answer(self.page, answers, qid)
        values = wanted if isinstance(wanted, list) else [wanted]
        answers[qid] = wanted
        answering = self.reader.press("Tab")  # from the question's group to its first option
        assert self.page.evaluate("document.activeElement.name") == qid, answering
        for value in values:
            while self.page.evaluate("document.activeElement.value") != value:
                answering += self.reader.press("ArrowDown" if role == "radio" else "Tab")
            self.expect(answering[-1:], f"{role}, {plain(words.options[value].label)}")
            if not self.page.evaluate("document.activeElement.checked"):
                self.reader.press("Space")
            # The virtual screen reader takes "checked" from the HTML attribute, so it cannot hear a choice
            # made on the page; Chromium's own accessibility tree (what NVDA and JAWS are given) says it.
            label = plain(words.options[value].label)
            assert self.page.get_by_role(role, name=label, exact=True, checked=True).count() == 1, (qid, label)
            self.reader.note(f"Chromium's accessibility tree: {role} «{label}» is checked")
            self.checked += 1
        self.to_continue()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("route", list(ROUTES))
def test_whole_explainer_by_form_controls(page, fixture_url, fixture_content_dir, lang, route):
    reader = ScreenReader(page)
    try:
        walk(page, fixture_url, fixture_content_dir, lang, route, reader)
    finally:
        save_report(f"explainer-{route}-{lang}", reader.lines)


def walk(page, fixture_url, fixture_content_dir, lang, route, reader) -> None:
    flow = load_flow()
    wording = load_wording(fixture_content_dir, lang)
    listener = Listener(page, reader, lang, wording)
    answers: dict = dict(JOURNEYS[ROUTES[route]])
    page.goto(fixture_url + url_in(lang, "/check"))
    reader.arrive()
    start = page.locator("main a.govuk-button")
    start.focus()
    listener.expect(reader.heard_now(), f"link, {translate(lang, 'Start now')}")
    reader.press("Enter", navigates=True)

    given: dict = {}
    questions = 0
    while (qid := current_question(page)) is not None:
        listener.question(qid, flow, answers)
        given[qid] = answers[qid]
        questions += 1
    assert page.url.endswith("/check/answers")

    reader.arrive("check your answers")
    page.locator("main a.govuk-button").focus()
    listener.expect(reader.heard_now(), f"link, {translate(lang, 'See your result')}")
    reader.press("Enter", navigates=True)

    final = clean_answers(flow, given)
    voice = voice_for(flow, final)
    decision = decide(flow, final)
    reader.arrive("result")
    headings = reader.walk("moveToNextHeading", "next heading (H)")
    listener.expect([stop[0] for stop in headings], "heading, ", plain(wording.result(decision.result, voice).title),
                    "level 1")
    # The result has three groups, each under its own heading: why (the legal conditions), the person's
    # rights, and what to do next (docs/adr/008). Every reason must be heard in its group.
    sections = [("Why we think this", ".app-reasons:not(.app-rights)", (None,)),
                ("Your rights", ".app-rights", ("free_assessment", "council_decides")),
                ("What to do next", ".app-next-steps", ("next_step",))]
    reader.arrive("result, the reasons")
    for heading, selector, roles in sections:
        group = [reason for reason in decision.reasons if reason.role in roles]
        assert page.locator(f"{selector} > li").count() == len(group), heading
        if not group:
            continue
        title = translate(lang, heading)
        for _ in range(20):
            if any(title in phrase for phrase in reader.command("moveToNextHeading")):
                break
        else:
            raise AssertionError(f"never heard the heading {title!r}")
        heard = reader.read_through("list")
        # A reason can be spoken in pieces (an English term isolated in an Urdu sentence is its own text run).
        squeezed = "".join(spoken(heard)).replace(" ", "")
        for reason in group:
            text = plain(wording.reason(reason.id, voice).text)
            assert text.replace(" ", "") in squeezed, f"{heading}: reason never heard: {text}\n" + "\n".join(heard)
            listener.checked += 1

    print(f"\n{route} in {lang}: {questions} questions, {listener.checked} announcements checked, "
          f"{len(reader.lines)} lines heard")
    assert questions >= 3
