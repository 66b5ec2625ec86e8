"""GitHub annotations for every problem, and the closing summary line."""

from __future__ import annotations

from app.content.problems import Problem
from app.content.readability import Score
from app.content.report import annotations, summary


def test_every_error_and_warning_is_annotated_on_its_line():
    problems = [
        Problem("content/pages/a.md", 11, "link to 'x.md': there is no page x.md"),
        Problem("content/pages/a.md", 1, "review overdue since 2026-01-01", "warning"),
    ]
    assert annotations(problems) == [
        "::error file=content/pages/a.md,line=11::link to 'x.md': there is no page x.md",
        "::warning file=content/pages/a.md,line=1::review overdue since 2026-01-01",
    ]


def test_special_characters_are_escaped():
    problems = [Problem("content/a,b.md", 2, "100% sure:\nno", "warning")]
    assert annotations(problems) == ["::warning file=content/a%2Cb.md,line=2::100%25 sure:%0Ano"]


def test_summary_names_the_worst_page():
    scores = [Score("a.md", 100, 7.0), Score("b.md", 200, 9.5), Score("c.md", 20, None), Score("d.md", 300, 8.0)]
    assert summary(scores) == "4 page(s), 620 words; reading age median 8, worst 9.5 (b.md)"
