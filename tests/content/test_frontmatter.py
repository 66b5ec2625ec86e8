"""Each front matter mistake gives exactly one problem, naming the file and line."""

from __future__ import annotations

import pytest

from app.content import check_content
from tests.conftest import TODAY, VALID_FRONT, page_text


def problems_for(make_site, text: str) -> list[str]:
    root = make_site({"pages/new-page.md": text})
    _site, problems = check_content(root, TODAY)
    return [str(p) for p in problems]


def test_valid_page_has_no_problems(make_site):
    assert problems_for(make_site, page_text(VALID_FRONT)) == []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            VALID_FRONT.replace("owner: Test team\n", ""),
            "content/pages/new-page.md:2: missing required key 'owner'",
        ),
        (
            VALID_FRONT + "reveiw_due: 2027-01-01\n",
            "content/pages/new-page.md:7: unknown key 'reveiw_due' (allowed: title, description, last_reviewed, "
            "review_due, owner, nav_order, nav_title, sources, co_produced_with, reviewed_by_experts, "
            "show_contact_details, step_by_step, translation, page_type)",
        ),
        (
            VALID_FRONT.replace("review_due: 2027-05-01", "review_due: next May"),
            "content/pages/new-page.md:5: 'review_due' must be a date written as YYYY-MM-DD",
        ),
        (
            VALID_FRONT + "nav_order: first\n",
            "content/pages/new-page.md:7: 'nav_order' must be a whole number",
        ),
        (
            VALID_FRONT + "sources:\n  - title: Care Act 2014\n    url: www.legislation.gov.uk\n",
            "content/pages/new-page.md:9: 'sources.0.url' must be a full web address starting with https://",
        ),
        (
            VALID_FRONT + "step_by_step: yes please\n",
            "content/pages/new-page.md:7: 'step_by_step' must be true or false",
        ),
        (
            VALID_FRONT.replace("title: A page", "title: ''"),
            "content/pages/new-page.md:2: 'title' must be some text",
        ),
    ],
    ids=["missing-key", "unknown-key", "bad-date", "bad-integer", "bad-url", "bad-boolean", "empty-text"],
)
def test_each_front_matter_error(make_site, front, expected):
    assert problems_for(make_site, page_text(front)) == [expected]


def test_yaml_syntax_error_names_the_line(make_site):
    text = page_text(VALID_FRONT + "sources: [unclosed\n")
    [problem] = problems_for(make_site, text)
    assert problem.startswith("content/pages/new-page.md:7: ")  # the line the list opens on
    assert "never closed" in problem


def test_missing_front_matter(make_site):
    assert problems_for(make_site, "Just text\n") == [
        "content/pages/new-page.md:1: front matter missing: the file must start with a line '---'"
    ]


def test_bad_file_name(make_site):
    root = make_site({"pages/New Page.md": page_text(VALID_FRONT)})
    _site, problems = check_content(root, TODAY)
    assert [str(p) for p in problems] == [
        "content/pages/New Page.md:1: file name must be lower-case words joined by hyphens, "
        "like 'my-page.md' or 'my-page.pl.md'"
    ]


def test_every_problem_is_reported_at_once(make_site):
    root = make_site(
        {
            "pages/one.md": page_text(VALID_FRONT.replace("owner: Test team\n", "")),
            "pages/two.md": page_text(VALID_FRONT + "colour: blue\n"),
        }
    )
    _site, problems = check_content(root, TODAY)
    assert [p.path for p in problems] == ["content/pages/one.md", "content/pages/two.md"]
    assert _site is None
