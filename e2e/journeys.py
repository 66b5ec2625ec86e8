"""Explainer journeys used by the browser tests: answers for each result, and keyboard-only answering."""

from __future__ import annotations

from playwright.sync_api import Page

ADULT = {"who": "myself", "about": "own_needs", "age": "18_or_over", "impairment": "linked"}
ADULT_OUTCOMES = [
    "adult_nutrition", "adult_hygiene", "adult_toilet", "adult_clothing", "adult_home_safety",
    "adult_habitable_home", "adult_relationships", "adult_work", "adult_community",
]

JOURNEYS = {
    "likely_eligible": {
        **ADULT, **dict.fromkeys(ADULT_OUTCOMES, "able"), "adult_nutrition": "unable_without_help",
        "adult_hygiene": "pain_distress_anxiety", "adult_child_care": "not_applicable",
        "adult_impact": ["health", "control"],
    },
    "unclear": {
        **ADULT, "impairment": "not_sure", **dict.fromkeys(ADULT_OUTCOMES, "able"),
        "adult_nutrition": "takes_much_longer", "adult_toilet": "danger",
        "adult_child_care": "not_applicable", "adult_impact": ["not_sure"],
    },
    "likely_not_eligible": {**ADULT, **dict.fromkeys(ADULT_OUTCOMES, "able"), "adult_child_care": "not_applicable"},
    "children_services": {"who": "myself", "about": "own_needs", "age": "under_18"},
    "not_a_carer_under_the_act": {
        "who": "someone_else", "about": "caring", "age": "18_or_over", "cared_for_age": "adult", "paid": "paid",
    },
    "carer_likely_eligible": {
        "who": "myself", "about": "caring", "age": "18_or_over", "cared_for_age": "adult", "paid": "unpaid",
        "necessary_care": "needed", "carer_health": "getting_worse", "carer_impact": ["health", "relationships"],
    },
    # The longest route: a carer whose health is not getting worse answers all eight carer outcomes.
    "carer_all_outcomes": {
        "who": "someone_else", "about": "caring", "age": "18_or_over", "cared_for_age": "adult", "paid": "unpaid",
        "necessary_care": "needed", "carer_health": "not_getting_worse", "carer_child_care": "not_applicable",
        "carer_other_caring": "not_applicable", "carer_home": "able", "carer_nutrition": "able",
        "carer_relationships": "danger", "carer_work": "able", "carer_community": "able",
        "carer_recreation": "pain_distress_anxiety", "carer_impact": ["relationships", "participation"],
    },
}


def current_question(page: Page) -> str | None:
    path = page.url.split("?", 1)[0].rsplit("/check/", 1)
    return path[1] if len(path) == 2 and path[1] not in ("answers", "result") else None


def answer_by_mouse(page: Page, answers: dict, continue_label: str = "Continue") -> None:
    """Answer every question on the route by clicking, until check answers.

    ``continue_label`` is the Continue button's text in the page's language.
    """
    while (question := current_question(page)) is not None:
        wanted = answers[question]
        for value in wanted if isinstance(wanted, list) else [wanted]:
            page.locator(f"input[name='{question}'][value='{value}']").check()
        page.get_by_role("button", name=continue_label).click()


def answer_by_keyboard(page: Page, answers: dict, continue_label: str = "Continue") -> int:
    """Answer every question with the keyboard alone; return the number of key presses.

    On each page: Tab to the skip link and Enter (focus moves to the main content),
    Tab past the back link into the options, choose with arrows or Space, Tab to Continue and press Enter.
    ``continue_label`` is the Continue button's text in the page's language.
    """
    presses = 0

    def press(key: str) -> None:
        nonlocal presses
        page.keyboard.press(key)
        presses += 1

    while (question := current_question(page)) is not None:
        values = [i.get_attribute("value") for i in page.locator(f"input[name='{question}']").all()]
        kind = page.locator(f"input[name='{question}']").first.get_attribute("type")
        wanted = answers[question]
        press("Tab")
        press("Enter")  # skip link: focus moves to <main>
        press("Tab")  # the back link, first in the main content
        press("Tab")  # the first option (after a draft-translation note's link, if there is one)
        while page.evaluate("document.activeElement.name") != question:
            press("Tab")
        if kind == "radio":
            index = values.index(wanted)
            if index == 0:
                press("Space")
            for _ in range(index):
                press("ArrowDown")
        else:
            position = 0
            for index in sorted(values.index(v) for v in wanted):
                for _ in range(index - position):
                    press("Tab")
                press("Space")
                position = index
        # On to Continue: past the remaining options and any "For practitioners" details.
        while page.evaluate("document.activeElement.textContent.trim()") != continue_label:
            press("Tab")
        with page.expect_navigation():
            press("Enter")
    return presses
