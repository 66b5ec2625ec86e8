"""The use guide's lookup and the site search in real Chromium: by keyboard alone, with JavaScript off
and on, with the result count announced (accessibility-tree snapshots).

e2e/pages.py puts the guide's page types (index, a use, a category, a lookup answer) and search
results through the axe, keyboard, reflow and no-JavaScript tests every page type gets, in every
language; these tests cover the journeys.

Server: the fixture site (``fixture_url``, e2e/fixture_content/README.md), because these tests pin titles,
use ids, result counts and whole accessibility trees: an editor rewording a real use or page must not fail
them. Only the 320px header test runs on the real site (``base_url``): it measures layout, not words.
"""

from __future__ import annotations

import pytest

from e2e.test_screen_reader import assert_snapshot


def tab_to(page, selector: str, limit: int = 120) -> int:
    """Press Tab until the focused element matches ``selector``; return the presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def keyboard_page(request, browser):
    context = browser.new_context(java_script_enabled=request.param)
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


def test_lookup_by_keyboard_announces_the_count(keyboard_page, fixture_url):
    page = keyboard_page
    page.goto(fixture_url + "/use")
    tab_to(page, "#lookup-q")
    page.keyboard.type("pay for a trip")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/use?q=pay+for+a+trip")
    assert page.title().startswith("3 uses found for ‘pay for a trip’ – ")  # read first when the page loads
    assert_snapshot("guide-lookup", page.get_by_role("main").aria_snapshot())
    # On to a use, by keyboard.
    tab_to(page, "a[href='/use/taxi']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "A taxi"


def test_lookup_with_no_match_says_what_to_do_next(keyboard_page, fixture_url):
    page = keyboard_page
    page.goto(fixture_url + "/use?q=xylophone")
    assert page.title().startswith("No uses found for ‘xylophone’ – ")
    assert_snapshot("guide-lookup-no-match", page.get_by_role("main").aria_snapshot())


def test_search_from_the_header_by_keyboard_announces_the_count(keyboard_page, fixture_url):
    page = keyboard_page
    page.goto(fixture_url + "/about")
    tab_to(page, "#site-search-q")
    page.keyboard.type("bus fares")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/search?q=bus+fares")
    assert page.title().startswith("1 result for ‘bus fares’ – ")
    assert_snapshot("search-results", page.get_by_role("main").aria_snapshot())
    # The search box on the results page keeps the words, and a new search works the same way.
    assert page.locator("#search-q").input_value() == "bus fares"
    tab_to(page, "#search-q")
    page.keyboard.press("Control+A")
    page.keyboard.type("taxxi")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "No results for ‘taxxi’"
    suggestion = page.get_by_role("link", name="taxi", exact=True)
    suggestion.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text().endswith("for ‘taxi’")


def test_search_results_pages_by_keyboard(page, fixture_url):
    page.goto(fixture_url + "/search?q=council+support")  # 11 results on the fixture site: two pages
    assert page.get_by_role("navigation", name="Results pages").is_visible()
    tab_to(page, "a[rel='next']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "page=2" in page.url
    assert "page 2 of" in page.title()


def test_search_page_has_one_search_box_and_one_h1(page, fixture_url):
    page.goto(fixture_url + "/search?q=payroll")
    assert page.get_by_role("search").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.get_by_role("searchbox", name="Search for").input_value() == "payroll"


def test_the_header_search_fits_320px_on_one_line(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + "/#menu")  # on a phone the search box is in the menu (docs/adr/012)
    box = page.locator("#site-search-q").bounding_box()
    button = page.locator(".app-site-search__button").bounding_box()
    context.close()
    assert button["x"] > box["x"] + box["width"] and abs(button["y"] - box["y"]) < 8


def test_a_use_page_reads_in_order(page, fixture_url):
    page.goto(fixture_url + "/use/gym")
    headings = page.get_by_role("main").get_by_role("heading").all_inner_texts()
    assert headings[:5] == ["A gym or swimming", "The answer", "Why", "An example", "What to check"]
    assert_snapshot("guide-item", page.get_by_role("main").aria_snapshot())
