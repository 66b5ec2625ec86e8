"""Keyboard-only use: skip link, Tab order through every link, visible focus."""

from __future__ import annotations

import pytest

from e2e.pages import PAGE_TYPES

FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"

DESCRIBE_ACTIVE = """() => {
  const el = document.activeElement;
  return el ? (el.id || el.getAttribute('href') || el.tagName) + '|' + el.textContent.trim().slice(0, 40) : null;
}"""


def test_skip_link_is_first_and_moves_focus_to_main(page, base_url):
    page.goto(base_url + "/what-is-a-direct-payment")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("class") == "govuk-skip-link"
    assert skip.is_visible()  # it appears when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_tab_reaches_every_link_in_order_with_a_visible_focus(page, base_url, path):
    page.goto(base_url + path)
    expected = page.eval_on_selector_all(
        FOCUSABLE,
        # Inside a closed <details> only the summary can take focus (Chromium still gives the rest a box).
        """els => els.filter(e => (e.getClientRects().length > 0 || e.classList.contains('govuk-skip-link'))
                               && !(e.closest('details:not([open])') && !e.closest('summary')))
                .map(e => (e.id || e.getAttribute('href') || e.tagName) + '|' + e.textContent.trim().slice(0, 40))""",
    )
    reached = []
    for _ in range(len(expected)):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(DESCRIBE_ACTIVE))
        style = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return {outline: s.outlineStyle, background: s.backgroundColor, shadow: s.boxShadow}; }"""
        )
        # GOV.UK focus style: yellow background (#ffdd00) with a dark underline, or an outline.
        visible = style["background"] == "rgb(255, 221, 0)" or style["outline"] != "none"
        assert visible, f"no visible focus on {reached[-1]}: {style}"
    assert reached == expected
