"""The co-production group's digest: what readers said about each page, ready for a meeting or a pull request.

``digest_markdown`` puts the pages with the most "no" first, with their yes/no counts and every
comment; ``digest_csv`` is one row per entry for a spreadsheet. Comments are quoted so that they
cannot do anything where they are pasted: no links, headings, @mentions or HTML in Markdown, and no
formulas in a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import Entry

# Every character that means something to Markdown or GitHub (a mention is @name, an issue #12).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|@~&:])")
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class PageSummary:
    path: str
    answers: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    comments: list[Entry] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        # Most "no" first; then most problem reports; then fewest "yes"; then by address, so the order is stable.
        return (-self.answers["no"], -self.answers["problem"], self.answers["yes"], self.path)


def summarise(entries: list[Entry]) -> list[PageSummary]:
    pages: dict[str, PageSummary] = defaultdict(lambda: PageSummary(""))
    for entry in entries:
        page = pages[entry.path]
        page.path = entry.path
        page.answers[entry.answer] += 1
        page.languages[entry.language] += 1
        if entry.comment:
            page.comments.append(entry)
    return sorted(pages.values(), key=lambda page: page.sort_key)


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def quote_markdown(text: str) -> str:
    """A comment as inert Markdown on one line: every special character escaped, line breaks as spaces."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def digest_markdown(entries: list[Entry], since: dt.date, until: dt.date) -> str:
    pages = summarise(entries)
    answers = Counter(entry.answer for entry in entries)
    lines = [
        f"# Feedback on the guide, {since:%-d %B %Y} to {until:%-d %B %Y}",
        "",
        f"{counted(len(entries), 'response')} about {counted(len(pages), 'page')}: {answers['yes']} said a page "
        f"was useful, {answers['no']} said it was not, and {answers['problem']} reported a problem.",
        "Pages with the most \"no\" come first. Comments are as people wrote them, with email addresses, phone "
        "numbers, postcodes, National Insurance and NHS numbers already taken out.",
        "",
    ]
    if not pages:
        lines.append("Nobody left feedback in this time.")
        return "\n".join(lines) + "\n"
    lines += ["| Page | Useful: yes | Useful: no | Problems reported | Comments |", "| --- | --- | --- | --- | --- |"]
    for page in pages:
        lines.append(f"| `{page.path}` | {page.answers['yes']} | {page.answers['no']} | {page.answers['problem']} "
                     f"| {len(page.comments)} |")
    for page in pages:
        languages = ", ".join(f"{code} {count}" for code, count in sorted(page.languages.items()))
        lines += [
            "",
            f"## `{page.path}`",
            "",
            f"Useful: yes {page.answers['yes']}, no {page.answers['no']}. Problems reported: "
            f"{page.answers['problem']}. Languages: {languages}.",
        ]
        if page.comments:
            lines.append("")
            lines += [f"- {entry.day:%-d %b} ({entry.language}, {entry.answer}): {quote_markdown(entry.comment)}"
                      for entry in page.comments]
    return "\n".join(lines) + "\n"


def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def digest_csv(entries: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["day", "page", "language", "answer", "comment"])
    for entry in entries:
        writer.writerow([entry.day.isoformat(), safe_cell(entry.path), entry.language, entry.answer,
                         safe_cell(entry.comment or "")])
    return out.getvalue()
