"""The first screen on a phone is content: at 360 by 740, with and without JavaScript, every page type's
h1 is on the first screen, the menu is one tap away, and on /use the lookup box is on the first screen."""

from __future__ import annotations

import pytest

from e2e.journeys import JOURNEYS, answer_by_mouse
from e2e.pages import PAGE_TYPES, url_in

PHONE = {"width": 360, "height": 740}
# Every page type, the explainer's question and result pages and a server error among them.
FIRST_SCREEN_PAGES = {**PAGE_TYPES, "explainer-start": "/check", "explainer-question": "/check/who"}


FIRST_LINE = 72  # CSS px: one line of an h1 in any of the site's languages (Urdu's lines are the tallest)


def in_first_screen(page, locator) -> bool:
    """The element starts on the first screen with its first line, or all of it if shorter, in view.

    A long translated h1 may wrap to four lines on a phone: the reader sees where it starts and reads on.
    """
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], FIRST_LINE) <= height


@pytest.fixture(params=[False, True], ids=["no-js", "js"])
def phone(browser, request):
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ur"])
@pytest.mark.parametrize(("name", "path"), list(FIRST_SCREEN_PAGES.items()), ids=list(FIRST_SCREEN_PAGES))
def test_the_h1_is_on_the_first_screen(phone, base_url, lang, name, path):
    phone.goto(base_url + url_in(lang, path))
    assert in_first_screen(phone, phone.get_by_role("heading", level=1))


def test_the_explainer_result_h1_is_on_the_first_screen(phone, base_url):
    phone.goto(base_url + "/check")
    phone.get_by_role("link", name="Start now").click()
    answer_by_mouse(phone, JOURNEYS["likely_eligible"])
    phone.get_by_role("link", name="See your result").click()
    assert in_first_screen(phone, phone.get_by_role("heading", level=1))


def test_on_use_the_lookup_box_is_on_the_first_screen(phone, base_url):
    phone.goto(base_url + "/use")
    assert in_first_screen(phone, phone.get_by_role("searchbox").first)


def test_the_menu_is_one_tap_away_and_keyboard_reachable(phone, base_url):
    phone.goto(base_url + "/what-is-a-direct-payment")
    navigation = phone.get_by_role("navigation", name="Main menu")
    assert not navigation.is_visible()
    phone.get_by_role("link", name="Menu: pages and search").click()
    assert navigation.is_visible() and phone.locator("#site-search-q").is_visible()
    assert in_first_screen(phone, navigation.get_by_role("link").first)
    phone.get_by_role("link", name="Close the menu").click()
    assert not navigation.is_visible()
