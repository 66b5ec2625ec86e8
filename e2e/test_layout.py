"""Reflow at 320 px, no JavaScript, print and forced colours, on every page type."""

from __future__ import annotations

import pytest

from e2e.pages import PAGE_TYPES, all_pages


@pytest.mark.parametrize(("name", "path"), all_pages(), ids=[name for name, _ in all_pages()])
def test_no_horizontal_scroll_at_320px(browser, base_url, name, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_400_percent_zoom_reflows(browser, base_url):
    # 1280 px at 400% zoom is a 320 CSS px viewport with a device scale factor of 4.
    context = browser.new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4)
    page = context.new_page()
    page.goto(base_url + "/how-to-get-a-direct-payment")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_works_without_javascript(browser, base_url, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    assert page.locator("script").count() == 0  # the site ships no JavaScript at all
    assert page.get_by_role("main").is_visible()
    assert page.get_by_role("heading", level=1).count() == 1
    # Navigation is shown and usable without a menu button.
    menu = page.get_by_role("navigation", name="Main menu")
    assert menu.is_visible()
    menu.get_by_role("link").first.click()
    assert page.get_by_role("heading", level=1).is_visible()
    context.close()


def test_print_hides_navigation_and_keeps_content(page, base_url):
    page.goto(base_url + "/how-to-get-a-direct-payment")
    page.emulate_media(media="print")
    assert not page.locator(".govuk-skip-link").is_visible()
    assert not page.get_by_role("navigation", name="Main menu").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".app-step-by-step").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_forced_colours_keep_header_and_focus_visible(page, base_url):
    page.emulate_media(forced_colors="active")
    page.goto(base_url + "/")
    header_link = page.locator(".govuk-generic-header__homepage-link")
    assert header_link.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link, onto the council name
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must show as an outline when background colours are overridden"
