"""The eligibility explainer in real Chromium: keyboard-only, screen reader tree, axe, Back, no-JS, privacy.

Servers: the accessibility-tree snapshots and the privacy journey (which follows the menu's link by its name)
run on the fixture site (``fixture_url``), whose explainer wording is a frozen copy
(tests/fixtures/content/explainer/, e2e/fixture_content/README.md): an editor rewording
content/explainer/*.yaml or a page title must not fail them. The other tests run on the real site
(``base_url``): they find controls by the interface's own words (the templates') and answers by their ids,
and check behaviour (keyboard, Back, axe, no JavaScript, printing) that fails only on a real defect.
"""

from __future__ import annotations

import re

import pytest

from e2e.journeys import JOURNEYS, answer_by_keyboard, answer_by_mouse
from e2e.test_screen_reader import assert_snapshot

COOKIE = "__Host-dp_answers"  # the e2e server runs with DP_ENV=production


def cookies(context) -> list[str]:
    return [c["name"] for c in context.cookies()]


def start(page, base_url):
    page.goto(base_url + "/check")
    page.get_by_role("link", name="Start now").click()


@pytest.mark.parametrize(
    "journey", ["children_services", "likely_eligible", "carer_likely_eligible", "carer_all_outcomes"]
)
def test_whole_explainer_by_keyboard_alone(page, base_url, journey):
    page.goto(base_url + "/check")
    presses = 0
    # From the top of the start page: skip link, Enter, Tab to "Start now", Enter.
    for key in ["Tab", "Enter", "Tab"]:
        page.keyboard.press(key)
        presses += 1
    while page.evaluate("document.activeElement.textContent.trim()") != "Start now":
        page.keyboard.press("Tab")
        presses += 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    presses += 1
    presses += answer_by_keyboard(page, JOURNEYS[journey])
    assert page.url.endswith("/check/answers")
    page.get_by_role("link", name="See your result").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/check/result")
    assert page.get_by_role("heading", level=1).inner_text()
    print(f"\n{journey}: {presses + 1} key presses")  # reported on the issue
    assert presses < 200


def test_validation_error_is_announced_and_focused(page, fixture_url):
    start(page, fixture_url)
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert summary.get_by_role("alert").count() == 1
    # The summary is the first thing in <main>, before the back link.
    first_in_main = page.locator("main > :first-child")
    assert first_in_main.locator(".govuk-error-summary").count() == 1
    link = summary.get_by_role("link")
    link.click()
    # The link goes to the question's fieldset: a screen reader reads the question, its hint and the error,
    # and the next Tab reaches the first option.
    assert page.evaluate("document.activeElement.tagName") == "FIELDSET"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "who"
    assert_snapshot("explainer-error", page.get_by_role("main").aria_snapshot())


@pytest.mark.parametrize("lang", ["", "/pl", "/ur"])
def test_error_link_keeps_the_question_and_error_in_view_without_javascript(browser, base_url, lang):
    """At 320 x 640 with no JavaScript, following the summary's link shows the question and its error."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + lang + "/check/who")
    page.locator("form:has(fieldset) button[type=submit]").click()
    checked = 0
    for _ in range(3):  # the first question, then two more by choosing the first option each time
        page.locator(".govuk-error-summary a").click()
        for selector in ["legend", ".govuk-error-message"]:
            box = page.locator(selector).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 640, (page.url, selector, box)
        checked += 1
        page.locator("fieldset input").first.check()
        page.locator("form:has(fieldset) button[type=submit]").click()
        page.locator("form:has(fieldset) button[type=submit]").click()  # nothing chosen on the next question
    assert checked == 3
    context.close()


def test_question_page_snapshot(page, fixture_url):
    start(page, fixture_url)
    assert_snapshot("explainer-question", page.get_by_role("main").aria_snapshot())


def test_change_from_check_answers_and_back(page, fixture_url):
    start(page, fixture_url)
    answer_by_mouse(page, JOURNEYS["likely_eligible"])
    assert_snapshot("explainer-check-answers", page.get_by_role("main").aria_snapshot())
    row = page.locator(".govuk-summary-list__row").nth(4)
    before = row.locator(".govuk-summary-list__value").inner_text()
    row.get_by_role("link", name=re.compile(r"^Change ")).click()
    assert page.url.endswith("/check/adult_nutrition")
    assert page.locator("input[value='unable_without_help']").is_checked()  # the saved answer is shown
    danger = page.locator("input[value='danger']")
    danger_label = page.locator(f"label[for='{danger.get_attribute('id')}']").inner_text()
    danger.check()
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith("/check/answers")  # straight back: nothing else changed on the route
    after = page.locator(".govuk-summary-list__row").nth(4).locator(".govuk-summary-list__value").inner_text()
    assert after != before
    assert after == danger_label


def test_browser_back_works_on_every_step(page, base_url):
    start(page, base_url)
    visited = []
    answers = JOURNEYS["likely_eligible"]
    while "/check/answers" not in page.url:
        question = page.url.rsplit("/", 1)[1]
        visited.append(question)
        value = answers[question]
        for v in value if isinstance(value, list) else [value]:
            page.locator(f"input[name='{question}'][value='{v}']").check()
        page.get_by_role("button", name="Continue").click()
    for question in reversed(visited):
        # history.back() is what the browser's Back button does; Playwright's go_back() can lose the
        # page when Chromium swaps renderer processes on a no-store page.
        page.evaluate("history.back()")
        page.wait_for_url(f"**/check/{question}")
        assert page.locator("h1").count() == 1
        value = answers[question]
        first = value[0] if isinstance(value, list) else value
        assert page.locator(f"input[name='{question}'][value='{first}']").is_checked()


@pytest.mark.parametrize(
    "journey", ["likely_eligible", "unclear", "likely_not_eligible", "children_services", "not_a_carer_under_the_act",
                "carer_partly_paid", "carer_not_because_of_caring"]
)
def test_each_result_snapshot_and_axe(page, fixture_url, run_axe, journey):
    start(page, fixture_url)
    answer_by_mouse(page, JOURNEYS[journey])
    page.get_by_role("link", name="See your result").click()
    assert page.url.endswith("/check/result")
    assert run_axe() == []
    # The date checked changes every day; everything else on the page is the reviewed fixture.
    main = page.get_by_role("main").aria_snapshot()
    tree = re.sub(r"Checked on \d{1,2} [A-Z][a-z]+ \d{4}", "Checked on (date)", main)
    assert_snapshot(f"explainer-result-{journey}", tree)


def test_axe_on_every_explainer_page(page, base_url, run_axe):
    page.goto(base_url + "/check")
    assert run_axe() == []
    page.get_by_role("link", name="Start now").click()
    checked = 0
    answers = JOURNEYS["likely_eligible"]
    while "/check/answers" not in page.url:
        assert run_axe() == [], page.url
        checked += 1
        question = page.url.rsplit("/", 1)[1]
        if checked == 1:  # the error state too
            page.get_by_role("button", name="Continue").click()
            assert run_axe() == []
        value = answers[question]
        for v in value if isinstance(value, list) else [value]:
            page.locator(f"input[name='{question}'][value='{v}']").check()
        page.get_by_role("button", name="Continue").click()
    assert run_axe() == []
    page.get_by_role("button", name="Clear my answers").click()
    assert run_axe() == []
    assert checked == len(answers)


def test_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    start(page, base_url)
    answer_by_mouse(page, JOURNEYS["carer_likely_eligible"])
    page.get_by_role("link", name="See your result").click()
    assert "/check/result" in page.url
    assert page.locator("script").count() == 0
    context.close()


def test_answers_never_appear_in_a_url_and_cookies_come_and_go(page, context, fixture_url):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(fixture_url + "/")
    page.get_by_role("link", name="Check your needs").first.click()
    assert cookies(context) == []  # nothing before the explainer starts
    page.get_by_role("link", name="Start now").click()
    assert cookies(context) == []
    answer_by_mouse(page, JOURNEYS["likely_eligible"])
    assert cookies(context) == [COOKIE]
    cookie = context.cookies()[0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["expires"] == -1
    page.get_by_role("link", name="See your result").click()
    page.get_by_role("button", name="Clear my answers").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your answers have been cleared"
    assert cookies(context) == []
    for url in urls:
        assert "?" not in url, url
        path = url.split("://", 1)[1].split("/", 1)[1]
        assert re.fullmatch(
            r"|check(/[a-z0-9_]+)?|assets/(app\.[0-9a-f]{12}\.css|icon\.[0-9a-f]{12}\.svg)|favicon\.ico", path
        ), url


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF that Chromium wrote: one "/Type /Page" object each (the tree is "/Pages")."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


@pytest.mark.parametrize("journey", ["likely_eligible", "carer_all_outcomes"])
def test_printed_handover_fits_two_a4_pages_with_a_date_and_lines_to_write_on(page, base_url, journey):
    # A social worker prints (or saves as PDF) the result during an assessment: the full adult walk
    # and the longest carer walk must fit on two A4 pages, dated, with visible lines for notes.
    start(page, base_url)
    answer_by_mouse(page, JOURNEYS[journey])
    page.get_by_role("link", name="See your result").click()
    page.emulate_media(media="print")
    assert re.fullmatch(r"Checked on \d{1,2} [A-Z][a-z]+ \d{4}", page.locator(".app-handout__date").inner_text())
    for heading in ["My notes", "What matters to you" if journey == "likely_eligible" else "What matters to them",
                    "Your rights", "What to do next", "Your answers"]:
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    lines = page.locator(".app-notes__line")
    assert lines.count() >= 10
    for index in range(lines.count()):
        box = lines.nth(index).bounding_box()
        assert box and box["height"] >= 20 and box["width"] > 200  # 7 mm apart, across a column
        assert lines.nth(index).evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    notes = page.locator(".app-answers__note")
    assert notes.count() == len(JOURNEYS[journey]) and notes.first.is_visible()  # the legal test behind each answer
    assert not page.get_by_role("button", name="Clear my answers").is_visible()
    pages = pdf_pages(page.pdf(format="A4"))
    print(f"\n{journey}: {pages} A4 pages")  # reported on the issue
    assert 1 <= pages <= 2
    page.emulate_media(media="screen")
    assert not page.get_by_role("heading", name="My notes").is_visible()


def test_pdf_page_counter_counts_pages(page, base_url):
    # The counter above must be able to fail: a page forced to break three times is four pages.
    page.set_content("<p>1</p><p style='break-before:page'>2</p><p style='break-before:page'>3</p>"
                     "<p style='break-before:page'>4</p>")
    assert pdf_pages(page.pdf(format="A4")) == 4


def test_question_counter_never_goes_back_or_jumps(page, base_url):
    # A carer whose health is getting worse skips the eight carer outcomes: the counter still
    # moves on by one, and its "up to" total never changes.
    start(page, base_url)
    answers = JOURNEYS["carer_likely_eligible"]
    captions = []
    while (question := page.url.rsplit("/", 1)[1]) in answers:
        captions.append(page.locator("legend .govuk-caption-l").inner_text())
        for value in answers[question] if isinstance(answers[question], list) else [answers[question]]:
            page.locator(f"input[name='{question}'][value='{value}']").check()
        page.get_by_role("button", name="Continue").click()
    numbers = [re.fullmatch(r"Question (\d+) of up to (\d+)", c).groups() for c in captions]
    assert [int(n) for n, _ in numbers] == list(range(1, len(answers) + 1))
    assert len({total for _, total in numbers}) == 1
