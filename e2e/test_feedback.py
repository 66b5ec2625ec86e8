""""Is this page useful?" in real Chromium: yes, no and a problem report on a content page, a use, an Easy Read
page and the explainer's result; with JavaScript on and off, in English, Polish and Urdu, by keyboard alone,
at 320 px, and axe-clean in every state (asked, form open, thanked, asked what was missing, too long)."""

from __future__ import annotations

import pytest

from e2e.conftest import axe_violations
from e2e.journeys import JOURNEYS, answer_by_mouse
from e2e.pages import url_in

PAGES = {
    "content": "/what-is-a-direct-payment",
    "use": "/use/gym",
    "easy-read": "/easy-read/what-is-a-direct-payment",
}
THANKS = {"en": "Thank you for your feedback", "pl": "Dziękujemy za Twoją opinię", "ur": "آپ کی رائے کا شکریہ"}
YES = {"en": "Yes", "pl": "Tak", "ur": "ہاں"}
NO = {"en": "No", "pl": "Nie", "ur": "نہیں"}
REPORT = {"en": "Report a problem with this page", "pl": "Zgłoś problem z tą stroną",
          "ur": "اس صفحے میں کسی مسئلے کی اطلاع دیں"}
CONTINUE = {"en": "Continue", "ur": "جاری رکھیں"}
SEND = {"en": "Send", "pl": "Wyślij", "ur": "بھیجیں"}


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def any_page(request, browser):
    context = browser.new_context(java_script_enabled=request.param)
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.js_on = request.param
    yield page
    context.close()


def assert_axe_clean(page, axe_source) -> None:
    """axe needs JavaScript in the test's browser (not the page's: the site has none); with it off, the page is
    the same HTML, checked by the same test with it on."""
    if getattr(page, "js_on", True):
        assert axe_violations(page, axe_source) == []


def feedback_heading(page) -> str:
    return page.locator("#feedback-heading").inner_text()


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
@pytest.mark.parametrize("name", list(PAGES))
def test_yes_and_a_problem_report_by_mouse(any_page, base_url, axe_source, name, lang):
    page = any_page
    address = base_url + url_in(lang, PAGES[name])
    page.goto(address)
    page.locator("#feedback").get_by_role("button", name=YES[lang]).click()
    assert page.url == address + "?feedback=thanks#feedback"
    assert feedback_heading(page) == THANKS[lang]
    assert page.locator("html").get_attribute("lang") == lang
    page.goto(address)
    page.get_by_text(REPORT[lang]).click()
    page.locator("#feedback-comment").fill("The page did not say how long it takes")
    page.locator("#feedback-problem").get_by_role("button", name=SEND[lang]).click()
    assert page.url == address + "?feedback=thanks#feedback"
    assert feedback_heading(page) == THANKS[lang]
    assert_axe_clean(page, axe_source)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_no_then_what_was_missing_on_the_explainer_result(any_page, base_url, axe_source, lang):
    page = any_page
    page.goto(base_url + url_in(lang, "/check"))
    page.locator("a.govuk-button--start").click()
    answer_by_mouse(page, JOURNEYS["likely_eligible"], CONTINUE[lang])
    page.goto(base_url + url_in(lang, "/check/result"))
    page.locator("#feedback").get_by_role("button", name=NO[lang]).click()
    assert page.url.endswith(url_in(lang, "/check/result") + "?feedback=no#feedback")
    assert feedback_heading(page) == THANKS[lang]
    assert page.locator("h1").count() == 1  # still the result, with the person's answers
    assert_axe_clean(page, axe_source)
    page.locator("#feedback-comment").fill("I did not understand the word eligible")
    page.locator("#feedback").get_by_role("button", name=SEND[lang]).click()
    assert page.url.endswith("?feedback=thanks#feedback")
    assert feedback_heading(page) == THANKS[lang]


def test_keyboard_only_yes_then_a_problem_report(page, base_url):
    page.goto(base_url + PAGES["content"])
    # Tab until the Yes button has focus: every control before it is a link or the search box.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "yes":
            break
    assert page.evaluate("document.activeElement.textContent") == "Yes this page is useful"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "no"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")  # opens "Report a problem with this page"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "feedback-comment"
    page.keyboard.type("The list of costs is hard to follow")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send"
    page.keyboard.press("Enter")
    page.wait_for_url("**?feedback=thanks#feedback")
    assert feedback_heading(page) == "Thank you for your feedback"


def test_too_long_is_refused_kindly_keeping_the_words_at_320px(browser, base_url, axe_source):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + "/pl" + PAGES["use"])
    page.get_by_text(REPORT["pl"]).click()
    typed = "Za długi tekst. " * 80  # 1,280 characters
    page.locator("#feedback-comment").fill(typed)
    page.locator("#feedback-problem").get_by_role("button", name=SEND["pl"]).click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator("#feedback-comment").input_value() == typed
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_axe_clean(page, axe_source)
    context.close()


@pytest.mark.parametrize("lang", ["en", "pl", "ur"])
def test_every_state_fits_320px_and_is_axe_clean(browser, base_url, axe_source, lang):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for state in ("", "?feedback=thanks", "?feedback=no"):
        page.goto(base_url + url_in(lang, PAGES["content"]) + state)
        if not state:
            page.get_by_text(REPORT[lang]).click()  # the form open
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, state
        assert axe_violations(page, axe_source) == [], state
    context.close()


def test_the_form_is_not_printed(page, base_url):
    page.goto(base_url + PAGES["content"])
    page.emulate_media(media="print")
    assert not page.locator("#feedback").is_visible()
