"""Polish and Urdu in real Chromium: the explainer in Urdu by keyboard alone, axe on every
explainer page in each language, and the right-to-left layout at 320 px.

Page types in every language (axe, reflow) come from e2e/pages.py, which lists "ur" too.

Servers: the Urdu keyboard journey, which checks the result's heading, and the Urdu question snapshot run on
the fixture site (``fixture_url``), whose explainer wording is a frozen copy (e2e/fixture_content/README.md):
a translator rewording content/explainer/ur.yaml must not fail them. The axe, right-to-left layout and
language-of-parts tests run on the real site (``base_url``): they check the real pages and fail only on a real
defect, never on a change of words.
"""

from __future__ import annotations

import pytest

from e2e.journeys import JOURNEYS, answer_by_keyboard, current_question
from e2e.pages import all_pages
from e2e.test_screen_reader import assert_snapshot

# The buttons' names in each language (translations/<lang>/LC_MESSAGES/messages.po).
BUTTONS = {
    "pl": {"start": "Zacznij teraz", "continue": "Dalej", "result": "Zobacz wynik"},
    "ur": {"start": "ابھی شروع کریں", "continue": "جاری رکھیں", "result": "اپنا نتیجہ دیکھیں"},
}
URDU_TITLES = {  # the fixture site's tests/fixtures/content/explainer/ur.yaml, results.*.title
    "likely_eligible": "آپ کی ضروریات ممکنہ طور پر اہلیت کی شرائط پوری کرتی ہیں",
    "carer_all_outcomes": "ان کی ضروریات ممکنہ طور پر اہلیت کی شرائط پوری کرتی ہیں",
}
NOT_ON_LEFT_EDGE = 1  # px of slack when comparing edges


def html_lang_dir(page) -> tuple[str, str]:
    html = page.locator("html")
    return html.get_attribute("lang"), html.get_attribute("dir")


def answer_by_clicking(page, lang: str, answers: dict, run_axe=None) -> int:
    """Answer each question by clicking; run axe on every question page if given. Returns pages seen."""
    seen = 0
    while (question := current_question(page)) is not None:
        if run_axe:
            assert run_axe() == [], page.url
        seen += 1
        wanted = answers[question]
        for value in wanted if isinstance(wanted, list) else [wanted]:
            page.locator(f"input[name='{question}'][value='{value}']").check()
        page.get_by_role("button", name=BUTTONS[lang]["continue"], exact=True).click()
    return seen


@pytest.mark.parametrize("journey", ["likely_eligible", "carer_all_outcomes"])
def test_whole_explainer_in_urdu_by_keyboard_alone(page, fixture_url, journey):
    page.goto(fixture_url + "/ur/check")
    assert html_lang_dir(page) == ("ur", "rtl")
    presses = 0
    for key in ["Tab", "Enter", "Tab"]:  # skip link, into the main content
        page.keyboard.press(key)
        presses += 1
    while page.evaluate("document.activeElement.textContent.trim()") != BUTTONS["ur"]["start"]:
        page.keyboard.press("Tab")
        presses += 1
    with page.expect_navigation():
        page.keyboard.press("Enter")
    presses += 1 + answer_by_keyboard(page, JOURNEYS[journey], continue_label=BUTTONS["ur"]["continue"])
    assert page.url.endswith("/ur/check/answers")
    assert html_lang_dir(page) == ("ur", "rtl")
    page.get_by_role("link", name=BUTTONS["ur"]["result"]).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/ur/check/result")
    assert page.get_by_role("heading", level=1).inner_text() == URDU_TITLES[journey]
    print(f"\nur {journey}: {presses + 1} key presses")
    assert presses < 200


@pytest.mark.parametrize("lang", ["pl", "ur"])
def test_axe_on_every_explainer_page_in_each_language(page, base_url, run_axe, lang):
    page.goto(f"{base_url}/{lang}/check")
    assert run_axe() == []
    page.get_by_role("link", name=BUTTONS[lang]["start"]).click()
    page.get_by_role("button", name=BUTTONS[lang]["continue"], exact=True).click()  # the error state
    assert page.locator(".govuk-error-summary").count() == 1
    assert run_axe() == []
    seen = answer_by_clicking(page, lang, JOURNEYS["carer_all_outcomes"], run_axe)
    assert seen == len(JOURNEYS["carer_all_outcomes"])
    assert run_axe() == []  # check your answers
    page.get_by_role("link", name=BUTTONS[lang]["result"]).click()
    assert page.url.endswith(f"/{lang}/check/result")
    assert html_lang_dir(page)[0] == lang
    assert run_axe() == []


def test_urdu_question_page_snapshot(page, fixture_url):
    page.goto(fixture_url + "/ur/check/who")
    assert_snapshot("explainer-question-ur", page.get_by_role("main").aria_snapshot())


# --- right-to-left layout at 320 px ------------------------------------------------------------


@pytest.fixture()
def narrow(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


def overflow(page) -> float:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def first_line_edges(page, selector: str) -> dict:
    """The left and right edges of a block and of its first line of text."""
    return page.eval_on_selector(
        selector,
        """el => { const range = document.createRange(); range.selectNodeContents(el);
                   const line = range.getClientRects()[0], box = el.getBoundingClientRect();
                   const style = getComputedStyle(el);
                   return {boxLeft: box.left + parseFloat(style.paddingLeft),
                           boxRight: box.right - parseFloat(style.paddingRight),
                           lineLeft: line.left, lineRight: line.right, direction: style.direction}; }""",
    )


def test_urdu_text_reads_from_the_right_with_no_sideways_scroll(narrow, base_url):
    for path in ["/ur/", "/ur/who-can-get-a-direct-payment", "/ur/check", "/ur/check/who"]:
        narrow.goto(base_url + path)
        assert overflow(narrow) <= 0, path
        edges = first_line_edges(narrow, "main .govuk-body, main .govuk-hint")
        assert edges["direction"] == "rtl", path
        assert abs(edges["lineRight"] - edges["boxRight"]) <= NOT_ON_LEFT_EDGE, f"{path}: text must start at the right"
    # Bullets sit on the right, inside the page.
    narrow.goto(base_url + "/ur/who-can-get-a-direct-payment")
    bullets = narrow.eval_on_selector(
        "main ul.govuk-list--bullet",
        "el => { const s = getComputedStyle(el); return [s.paddingRight, s.paddingLeft]; }",
    )
    assert bullets == ["20px", "0px"]


def test_urdu_radios_are_on_the_right_over_their_circles(narrow, base_url):
    narrow.goto(base_url + "/ur/check/who")
    item = narrow.locator(".govuk-radios__item").first.bounding_box()
    radio = narrow.locator(".govuk-radios__input").first.bounding_box()
    circle = narrow.eval_on_selector(
        ".govuk-radios__label", "el => { const s = getComputedStyle(el, '::before'); return [s.left, s.right]; }"
    )
    assert abs((radio["x"] + radio["width"]) - (item["x"] + item["width"])) <= NOT_ON_LEFT_EDGE
    assert circle[1] == "2px"  # drawn from the right edge, over the input
    narrow.locator(".govuk-radios__label").first.click()
    assert narrow.locator(".govuk-radios__input").first.is_checked()


def test_urdu_skip_link_and_back_link_work(narrow, base_url):
    narrow.goto(base_url + "/ur/check/who")
    narrow.keyboard.press("Tab")
    skip = narrow.locator(":focus")
    assert skip.get_attribute("class") == "govuk-skip-link" and skip.is_visible()
    assert skip.inner_text() == "مرکزی مواد پر جائیں"
    narrow.keyboard.press("Enter")
    assert narrow.evaluate("document.activeElement.id") == "main-content"

    narrow.locator("input[value='myself']").check()
    with narrow.expect_navigation():
        narrow.get_by_role("button", name=BUTTONS["ur"]["continue"], exact=True).click()
    narrow.wait_for_load_state()
    assert narrow.url.endswith("/ur/check/about")
    narrow.keyboard.press("Tab")
    narrow.keyboard.press("Enter")
    narrow.keyboard.press("Tab")  # the back link comes first in the main content
    back = narrow.locator(":focus")
    assert back.inner_text() == "واپس"
    main = narrow.get_by_role("main").bounding_box()
    box = back.bounding_box()
    assert box["x"] + box["width"] > main["x"] + main["width"] - 20, "the back link starts at the right"
    arrow = narrow.eval_on_selector(".govuk-back-link", "el => getComputedStyle(el, '::before').transform")
    assert arrow.startswith("matrix(0.7071"), f"the arrow points right, the way back in Urdu: {arrow}"
    with narrow.expect_navigation():
        narrow.keyboard.press("Enter")
    assert narrow.url.endswith("/ur/check/who")
    assert narrow.locator("input[value='myself']").is_checked()


# Language of parts (WCAG 3.1.2), as the browser sees the page: text whose closest lang is the page's
# own must be in that language. Urdu: no Latin letters outside an element marked with another language
# (or a <bdi> around what someone typed). Polish: no words that are only ever English.
UNMARKED_TEXT = """(args) => {
  const [lang, pattern] = args;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest("script, style, bdi:not([lang])")) continue;
    const marked = parent.closest("[lang]");
    if (marked && marked.getAttribute("lang") === lang && new RegExp(pattern, "i").test(node.textContent)) {
      found.push(node.textContent.trim());
    }
  }
  return found;
}"""
NOT_IN_LANGUAGE = {
    "ur": r"[A-Za-z]{2,}",
    "pl": r"\\b(the|and|your|you|of|with|what|how|this|guide|council|breadcrumb)\\b",
}


@pytest.mark.parametrize(("name", "path"), [p for p in all_pages() if not p[0].startswith("en-")], ids=str)
def test_every_part_in_another_language_is_marked(page, base_url, name, path):
    lang = name.split("-", 1)[0]
    page.goto(base_url + path)
    assert page.evaluate(UNMARKED_TEXT, [lang, NOT_IN_LANGUAGE[lang]]) == []
