"""GitHub annotations on the lines a pull request changed, and the closing summary line."""

from __future__ import annotations

from app.content.problems import Problem
from app.content.readability import Score
from app.content.report import annotations, parse_diff, summary

DIFF = """\
diff --git a/content/pages/a.md b/content/pages/a.md
--- a/content/pages/a.md
+++ b/content/pages/a.md
@@ -3 +3 @@ title: A
-old
+new
@@ -10,0 +11,2 @@ body
+added
+added
diff --git a/content/pages/gone.md b/content/pages/gone.md
--- a/content/pages/gone.md
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
"""


def test_changed_lines_come_from_the_diffs_hunks():
    assert parse_diff(DIFF) == {"content/pages/a.md": {3, 11, 12}}


def test_only_problems_on_changed_lines_are_annotated():
    problems = [
        Problem("content/pages/a.md", 11, "link to 'x.md': there is no page x.md"),
        Problem("content/pages/a.md", 1, "review overdue since 2026-01-01", "warning"),
        Problem("content/pages/b.md", 3, "untouched file"),
    ]
    assert annotations(problems, parse_diff(DIFF)) == [
        "::error file=content/pages/a.md,line=11::link to 'x.md': there is no page x.md"
    ]


def test_without_a_diff_every_problem_is_annotated_and_special_characters_are_escaped():
    problems = [Problem("content/a,b.md", 2, "100% sure:\nno", "warning")]
    assert annotations(problems, None) == ["::warning file=content/a%2Cb.md,line=2::100%25 sure:%0Ano"]


def test_summary_names_the_worst_page():
    scores = [Score("a.md", 100, 7.0), Score("b.md", 200, 9.5), Score("c.md", 20, None), Score("d.md", 300, 8.0)]
    assert summary(scores) == "4 page(s), 620 words; reading age median 8, worst 9.5 (b.md)"


def test_no_base_branch_or_no_git_means_annotate_everything(tmp_path):
    from app.content.report import changed_lines

    assert changed_lines(None, tmp_path) is None
    assert changed_lines("main", tmp_path) is None  # not a git checkout
