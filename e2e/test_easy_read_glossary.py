"""Easy Read pages and the glossary in real Chromium: layout at 320px, pictures, keyboard, axe, screen reader tree.

e2e/pages.py also puts an Easy Read page and the glossary through the axe, keyboard, reflow
and no-JavaScript tests that every page type gets; these tests cover what is special to them.

Servers: the layout, picture and axe tests run on the real site (``base_url``): they measure the real
pictures and pages and fail only on a real defect, never on a change of words. The keyboard journeys and the
step-by-step snapshot run on the fixture site (``fixture_url``, e2e/fixture_content/README.md): they need a
page with an Easy Read version, a glossary link or numbered steps, and pin their words, which an editor
rewording a real page must not break.
"""

from __future__ import annotations

import pytest

from e2e.test_screen_reader import FIXTURE_STEP_BY_STEP, assert_snapshot

EASY_READ = "/easy-read/what-is-a-direct-payment"  # on the real site
FIXTURE_EASY_READ = "/easy-read/about"  # on the fixture site, with its standard version:
FIXTURE_STANDARD = "/about"
FIXTURE_WITH_GLOSSARY_LINKS = "/paying"
ROW_BOXES = """() => [...document.querySelectorAll('.app-easy-read__row')].map(row => {
  const picture = row.querySelector('img').getBoundingClientRect();
  const words = row.querySelector('p').getBoundingClientRect();
  return {pictureBottom: picture.bottom, pictureRight: picture.right, wordsTop: words.top, wordsLeft: words.left};
})"""


def test_at_320px_each_picture_sits_above_its_words_in_large_text(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + EASY_READ)
    rows = page.evaluate(ROW_BOXES)
    font_size = page.eval_on_selector(".app-easy-read__text", "p => parseFloat(getComputedStyle(p).fontSize)")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert len(rows) >= 5
    assert all(row["pictureBottom"] <= row["wordsTop"] for row in rows)
    assert font_size >= 21  # GOV.UK's 24px size, scaled for small screens; body text is 16px here
    assert overflow <= 0


def test_on_a_wide_screen_each_picture_sits_beside_its_words(page, base_url):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(base_url + EASY_READ)
    rows = page.evaluate(ROW_BOXES)
    assert all(row["pictureRight"] <= row["wordsLeft"] for row in rows)
    assert page.eval_on_selector(".app-easy-read__text", "p => parseFloat(getComputedStyle(p).fontSize)") >= 24


def test_every_picture_loads_and_has_alt_text(page, base_url):
    page.goto(base_url + EASY_READ)
    pictures = page.locator(".app-easy-read__picture")
    assert pictures.count() >= 5
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), picture.get_attribute("src")
        assert picture.get_attribute("alt").strip()


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_moves_between_a_page_and_its_easy_read_version(page, fixture_url):
    page.goto(fixture_url + FIXTURE_STANDARD)
    tab_to(page, f'a[href="{FIXTURE_EASY_READ}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(fixture_url + FIXTURE_EASY_READ)
    tab_to(page, f'a[href="{FIXTURE_STANDARD}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(fixture_url + FIXTURE_STANDARD)


def test_keyboard_follows_a_glossary_link_to_the_terms_meaning(page, fixture_url):
    page.goto(fixture_url + FIXTURE_WITH_GLOSSARY_LINKS)
    tab_to(page, "a.app-glossary-link")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target.startswith("/glossary#")
    page.keyboard.press("Enter")
    page.wait_for_url(fixture_url + target)
    term = page.locator(f"#{target.split('#')[1]}")
    assert term.evaluate("h => h.tagName") == "H2"
    assert term.is_visible()
    top = term.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]
    # The next Tab continues from the term, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.compareDocumentPosition(document.querySelector(':target'))"
        " & Node.DOCUMENT_POSITION_PRECEDING"
    )


@pytest.mark.parametrize("path", [EASY_READ, "/glossary#direct-payment"], ids=["easy-read", "glossary-term"])
def test_no_axe_violations_on_a_small_screen(page, base_url, run_axe, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(base_url + path)
    assert run_axe() == []


def test_step_by_step_page_accessibility_tree(page, fixture_url):
    page.goto(fixture_url + FIXTURE_STEP_BY_STEP)
    assert_snapshot("step-by-step", page.locator("main").aria_snapshot())
