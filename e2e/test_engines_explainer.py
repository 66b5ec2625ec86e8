"""Both engines, axe-core and IBM Equal Access, on every explainer page type in English, Polish and Urdu."""

from __future__ import annotations

import pytest

from e2e.journeys import JOURNEYS, answer_by_mouse
from e2e.pages import LANGUAGES, url_in
from e2e.test_spoken_pages import translate


@pytest.mark.parametrize("lang", LANGUAGES)
def test_both_engines_on_every_explainer_page(page, base_url, run_axe, run_ibm, lang):
    checked = []

    def both(name: str) -> None:
        assert run_axe() == [], name
        assert run_ibm() == [], name
        checked.append(name)

    page.goto(base_url + url_in(lang, "/check"))
    both("start")
    page.locator("main a.govuk-button").click()
    both("question")
    page.locator("form:has(fieldset) button[type=submit]").click()
    both("question with an error")
    answer_by_mouse(page, JOURNEYS["likely_eligible"], translate(lang, "Continue"))
    both("check answers")
    page.locator("main a.govuk-button").click()
    both("result")
    page.locator("form.app-clear-answers button").click()
    both("cleared")
    assert len(checked) == 6
