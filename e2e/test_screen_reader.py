"""What a screen reader meets: landmarks, headings and names, as reviewed accessibility-tree snapshots.

Snapshots live in e2e/snapshots/*.aria.yml. After a deliberate change, refresh them
with `make e2e-update` and review the diff like any other change.

Server: the fixture site (``fixture_url``, e2e/fixture_content/README.md). A snapshot of the whole page
holds the menu's page titles and a page's words; on the real site an editor's rewording would fail it.
The fixture site has the same layout, landmarks and step-by-step markup, in English and Polish.
"""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("E2E_UPDATE") == "1"
FIXTURE_STEP_BY_STEP = "/how-to-ask-for-support"  # the fixture site's step-by-step page


def assert_snapshot(name: str, actual: str) -> None:
    file = SNAPSHOTS / f"{name}.aria.yml"
    if UPDATE or not file.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        file.write_text(actual + "\n", encoding="utf-8")
        if not UPDATE:
            raise AssertionError(f"new snapshot written to {file}: review it and commit it")
    assert actual + "\n" == file.read_text(encoding="utf-8")


def test_layout_landmarks(page, fixture_url):
    page.goto(fixture_url + "/no-such-page")
    assert_snapshot("layout-not-found", page.locator("body").aria_snapshot())


def test_layout_landmarks_in_polish(page, fixture_url):
    page.goto(fixture_url + "/pl/no-such-page")
    assert_snapshot("layout-not-found-pl", page.locator("body").aria_snapshot())


def test_one_of_each_landmark_and_one_h1(page, fixture_url):
    page.goto(fixture_url + "/about")
    assert page.get_by_role("banner").count() == 1
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    assert page.get_by_role("navigation", name="Main menu").count() == 1
    assert page.get_by_role("heading", level=1).count() == 1


def test_step_by_step_is_an_ordered_list_of_headed_steps(page, fixture_url):
    page.goto(fixture_url + FIXTURE_STEP_BY_STEP)
    steps = page.locator("ol.app-step-by-step > li")
    assert steps.count() >= 5
    for index in range(steps.count()):
        heading = steps.nth(index).get_by_role("heading", level=2)
        assert heading.inner_text().startswith(f"{index + 1}.")
