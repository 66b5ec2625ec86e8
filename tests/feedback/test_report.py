"""The co-production group's digest (Markdown) and its spreadsheet (CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from app.feedback import Entry, digest_csv, digest_markdown

SINCE, UNTIL = dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def entries() -> list[Entry]:
    day = dt.date(2026, 11, 20)
    return [
        Entry(day, "/paying", "en", "yes"),
        Entry(day, "/paying", "en", "no"),
        Entry(day, "/about", "pl", "no"),
        Entry(day, "/about", "en", "no"),
        Entry(day, "/about", "en", "problem", "I could not find the phone number"),
        Entry(day, "/easy-read/about", "en", "yes"),
    ]


def test_pages_with_the_most_no_come_first_with_their_counts():
    text = digest_markdown(entries(), SINCE, UNTIL)
    assert text.startswith("# Feedback on the guide, 1 November 2026 to 30 November 2026\n")
    assert "6 responses about 3 pages: 2 said a page was useful, 3 said it was not, and 1 reported a problem." in text
    table = [line for line in text.splitlines() if line.startswith("| `")]
    assert table == [
        "| `/about` | 0 | 2 | 1 | 1 |",
        "| `/paying` | 1 | 1 | 0 | 0 |",
        "| `/easy-read/about` | 1 | 0 | 0 | 0 |",
    ]
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## `/about`", "## `/paying`", "## `/easy-read/about`"]
    assert "Useful: yes 0, no 2. Problems reported: 1. Languages: en 2, pl 1." in text
    assert "- 20 Nov (en, problem): I could not find the phone number" in text


def test_comments_cannot_link_mention_or_inject_markdown():
    comment = "@council-team see [this](https://evil.example) <img src=x>\n# Big\n| a |"
    nasty = Entry(SINCE, "/about", "en", "problem", comment)
    text = digest_markdown([nasty], SINCE, UNTIL)
    line = next(line for line in text.splitlines() if line.startswith("- "))
    assert line == (r"- 1 Nov (en, problem): \@council-team see \[this\](https\://evil.example) \<img src=x\> "
                    r"\# Big \| a \|")


def test_a_month_with_no_feedback_says_so():
    text = digest_markdown([], SINCE, UNTIL)
    assert "0 responses about 0 pages" in text
    assert text.endswith("Nobody left feedback in this time.\n")


def test_csv_has_one_row_per_response_and_never_a_formula():
    formula = Entry(SINCE, "/about", "en", "problem", "=HYPERLINK(1)")
    rows = list(csv.reader(io.StringIO(digest_csv([*entries(), formula]))))
    assert rows[0] == ["day", "page", "language", "answer", "comment"]
    assert rows[5] == ["2026-11-20", "/about", "en", "problem", "I could not find the phone number"]
    assert rows[-1] == ["2026-11-01", "/about", "en", "problem", "'=HYPERLINK(1)"]
    assert len(rows) == 8
