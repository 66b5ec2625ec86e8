"""Checks across pages, run after every file has been read.

Each check returns problems; none of them stops the others, so an editor sees
every problem in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from .languages import DEFAULT
from .pages import ReadPage
from .problems import Problem
from .render import MD_LINK

# Site routes that are not Markdown pages but may be linked to from content.
APP_ROUTES = ("/check", "/use", "/glossary", "/search", "/easy-read")
LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")
VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "this page", "link", "find out more"}


def check_all(pages: list[ReadPage], today: dt.date) -> list[Problem]:
    by_key = {(r.page.slug, r.page.lang): r for r in pages}
    problems: list[Problem] = []
    for read in pages:
        problems += check_headings(read)
        problems += check_links(read, by_key)
        problems += check_review_dates(read, today)
        problems += check_translation(read, by_key)
    return problems


def _line_of(read: ReadPage, needle: str) -> int:
    """The file line where ``needle`` first appears in the body (line numbers are lost by Markdown)."""
    for offset, line in enumerate(read.body_text.splitlines()):
        if needle in line:
            return read.body_start_line + offset
    return read.body_start_line


def check_headings(read: ReadPage) -> Iterable[Problem]:
    if read.rendered.has_h1:
        yield Problem(read.page.path, _heading_line(read, 1), "the page title is the only h1: start body headings at '## '")
    previous = 1
    for level, _anchor, text in read.page.headings:
        if level > previous + 1:
            yield Problem(
                read.page.path,
                _line_of(read, text.strip()[:40]),
                f"heading '{text.strip()}' skips a level (h{previous} to h{level}): use {'#' * (previous + 1)}",
            )
        previous = level


def _heading_line(read: ReadPage, level: int) -> int:
    for offset, line in enumerate(read.body_text.splitlines()):
        if re.match(rf"^#{{{level}}}\s", line):
            return read.body_start_line + offset
    return read.body_start_line


def check_links(read: ReadPage, by_key: dict) -> Iterable[Problem]:
    page = read.page
    for link in read.rendered.links:
        href, line = link.href, _line_of(read, f"({link.href}")
        if link.text.lower().strip(" .") in VAGUE_LINK_TEXT:
            yield Problem(page.path, line, f"link text '{link.text}' does not make sense on its own: say where it goes")
        match = MD_LINK.match(href)
        if match:
            target = by_key.get((match["slug"], DEFAULT))
            if target is None:
                yield Problem(page.path, line, f"link to '{href}': there is no page {match['slug']}.md")
            elif match["anchor"] and match["anchor"] not in target.page.anchors:
                yield Problem(page.path, line, f"link to '{href}': {match['slug']}.md has no heading with id '{match['anchor']}'")
        elif href.startswith("#"):
            if href[1:] not in page.anchors:
                yield Problem(page.path, line, f"link to '{href}': this page has no heading with that id")
        elif href.startswith("/"):
            if not href.startswith(APP_ROUTES):
                yield Problem(page.path, line, f"link to '{href}': link to another page with its file name, like 'page-name.md'")
        elif not href.startswith(LINK_SCHEMES):
            yield Problem(page.path, line, f"link to '{href}' is not allowed: use a page file name or a full https:// address")


def check_review_dates(read: ReadPage, today: dt.date) -> Iterable[Problem]:
    page = read.page
    if page.review_due < page.last_reviewed:
        yield Problem(page.path, 1, "review_due is before last_reviewed")
    elif page.review_due < today:
        yield Problem(page.path, 1, f"review overdue since {page.review_due.isoformat()}", "warning")


def check_translation(read: ReadPage, by_key: dict) -> Iterable[Problem]:
    page = read.page
    if page.lang == DEFAULT:
        if page.translation is not None:
            yield Problem(page.path, 1, "'translation' is only for translated files like page.pl.md")
        return
    source = by_key.get((page.slug, DEFAULT))
    if source is None:
        yield Problem(page.path, 1, f"translation of a page that does not exist: add {page.slug}.md first")
    if page.translation is None:
        yield Problem(page.path, 1, "missing required key 'translation' (status and source_reviewed)")
    elif source is not None and page.translation.source_reviewed < source.page.last_reviewed:
        yield Problem(
            page.path,
            1,
            f"translation is older than the English page (reviewed {source.page.last_reviewed.isoformat()})",
            "warning",
        )
