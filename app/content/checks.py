"""Checks across pages, run after every file has been read.

Each check returns problems; none of them stops the others, so an editor sees
every problem in one run. Structure checks (links, headings, pictures,
translations) run at every start-up; date checks run in ``flask content check``,
where an overdue review fails the pull request but never takes the running site down.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping

from .figures import Figure
from .languages import DEFAULT
from .pages import ReadPage
from .pictures import Picture
from .problems import Problem
from .render import MD_LINK, PICTURE_SRC

# Site routes that are not Markdown pages but may be linked to from content.
APP_ROUTES = ("/check", "/use", "/glossary", "/search", "/easy-read")
LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")
VAGUE_LINK_TEXT = {
    "click here", "here", "read more", "more", "this page", "link", "find out more", "click", "this",
    "this link", "go", "go here", "learn more", "more information", "more info", "details", "website",
    "continue", "see more", "read this", "page",
}
FAR_OVERDUE_DAYS = 90  # a review or a figure more than this many days late is an error, not a warning


def check_structure(
    pages: list[ReadPage], pictures: Mapping[str, Picture] | None = None, unread: Collection[str] = ()
) -> list[Problem]:
    """Problems that would break a page: these stop the site from starting.

    ``unread`` holds the slugs of English pages whose file exists but could not be read: links
    to them are not reported, so one mistake gives one message, in the file that holds it.
    """
    by_key = {(r.page.slug, r.page.lang): r for r in pages}
    problems: list[Problem] = []
    for read in pages:
        problems += check_headings(read)
        problems += check_links(read, by_key, unread)
        problems += check_images(read, pictures or {})
    return problems


def check_translations(pages: list[ReadPage], unread: Collection[str] = ()) -> list[Problem]:
    by_key = {(r.page.slug, r.page.lang): r for r in pages}
    return [problem for read in pages for problem in check_translation(read, by_key, unread)]


def check_page_dates(pages: list[ReadPage], today: dt.date) -> list[Problem]:
    return [problem for read in pages for problem in check_review_dates(read, today)]


def _line_of(read: ReadPage, needle: str) -> int:
    """The file line where ``needle`` first appears in the body (line numbers are lost by Markdown)."""
    for offset, line in enumerate(read.body_text.splitlines()):
        if needle in line:
            return read.body_start_line + offset
    return read.body_start_line


def check_headings(read: ReadPage) -> Iterable[Problem]:
    if read.rendered.has_h1:
        yield Problem(
            read.page.path, _heading_line(read, 1), "the page title is the only h1: start body headings at '## '"
        )
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


def check_links(read: ReadPage, by_key: Mapping, unread: Collection[str] = ()) -> Iterable[Problem]:
    page = read.page
    yield from check_language_kept(read)
    for link in read.rendered.links:
        href, line = link.href, _line_of(read, f"({link.href}")
        if link.text.lower().strip(" .") in VAGUE_LINK_TEXT:
            yield Problem(page.path, line, f"link text '{link.text}' does not make sense on its own: say where it goes")
        match = MD_LINK.match(href)
        if match:
            target = by_key.get((match["slug"], DEFAULT))
            if target is None and match["slug"] in unread:
                continue  # the page exists but has a mistake of its own, reported in its file
            if target is None:
                yield Problem(page.path, line, f"link to '{href}': there is no page {match['slug']}.md")
            elif match["anchor"] and match["anchor"] not in target.page.anchors:
                yield Problem(
                    page.path, line, f"link to '{href}': {match['slug']}.md has no heading with id '{match['anchor']}'"
                )
        elif href.startswith("#"):
            if href[1:] not in page.anchors:
                yield Problem(page.path, line, f"link to '{href}': this page has no heading with that id")
        elif href.startswith("/"):
            if not href.startswith(APP_ROUTES):
                yield Problem(
                    page.path, line, f"link to '{href}': link to another page with its file name, like 'page-name.md'"
                )
        elif not href.startswith(LINK_SCHEMES):
            yield Problem(
                page.path, line, f"link to '{href}' is not allowed: use a page file name or a full https:// address"
            )


SITE_HREF = re.compile(r'href="(/(?!/)[^"]*)"')


def check_language_kept(read: ReadPage) -> Iterable[Problem]:
    """Every link to this site from a translated page keeps the reader in its language.

    Links to pages and site routes get the language prefix when the page is rendered; this checks
    the result, so a link that would still drop a Polish reader into the English site is an error.
    """
    page = read.page
    lang = getattr(page, "lang", DEFAULT)
    if lang == DEFAULT:
        return
    for href in dict.fromkeys(SITE_HREF.findall(getattr(page, "html", ""))):
        if href != f"/{lang}" and not href.startswith((f"/{lang}/", f"/{lang}#")):
            yield Problem(
                page.path, _line_of(read, f"({href}"),
                f"link to '{href}' would take a reader of this {lang} page to the English site: "
                "write the page's file name (page.md) or a site route (/check)",
            )


def check_images(read: ReadPage, pictures: Mapping[str, Picture]) -> Iterable[Problem]:
    for image in read.rendered.images:
        line = _line_of(read, f"]({image.src}")
        if not image.alt:
            yield Problem(
                read.page.path, line, f"picture '{image.src}' has no alt text: say what it shows between the [ ]"
            )
        match = PICTURE_SRC.match(image.src)
        if match is None:
            yield Problem(
                read.page.path,
                line,
                f"picture '{image.src}' must be an SVG from content/easy-read/images/, written as images/name.svg",
            )
        elif match["name"] not in pictures:
            yield Problem(
                read.page.path,
                line,
                f"picture '{image.src}' not found: add content/easy-read/images/{match['name']}.svg",
            )


def check_unused_pictures(pages: list[ReadPage], pictures: Mapping[str, Picture]) -> Iterable[Problem]:
    used = {m["name"] for r in pages for image in r.rendered.images if (m := PICTURE_SRC.match(image.src))}
    for name in sorted(set(pictures) - used):
        yield Problem(pictures[name].path, 1, "no page uses this picture: use it or delete it", "warning")


def check_review_dates(read: ReadPage, today: dt.date) -> Iterable[Problem]:
    yield from check_dates(read.page.path, 1, read.page.last_reviewed, read.page.review_due, today)


def check_dates(path: str, line: int, last_reviewed: dt.date, review_due: dt.date, today: dt.date) -> Iterable[Problem]:
    """Overdue is a warning; more than FAR_OVERDUE_DAYS overdue is an error."""
    if review_due < last_reviewed:
        yield Problem(path, line, "review_due is before last_reviewed")
    elif review_due < today:
        late = (today - review_due).days
        if late > FAR_OVERDUE_DAYS:
            yield Problem(
                path,
                line,
                f"review overdue by {late} days (due {review_due.isoformat()}): "
                "review it, then update last_reviewed and review_due",
            )
        else:
            yield Problem(path, line, f"review overdue since {review_due.isoformat()}", "warning")


def check_easy_read_twins(
    easy_read: list[ReadPage], pages: list[ReadPage], unread: Collection[str] = ()
) -> Iterable[Problem]:
    """Each Easy Read page has a standard page of the same name (an error if not)."""
    standard = {r.page.slug for r in pages if r.page.lang == DEFAULT} | set(unread)
    english = {r.page.slug: r.page for r in easy_read if r.page.lang == DEFAULT}
    for read in easy_read:
        source = english.get(read.page.slug)
        if read.page.lang != DEFAULT and source is None:
            yield Problem(read.page.path, 1, f"translation of an Easy Read page that does not exist: "
                          f"add easy-read/{read.page.slug}.md first")
        elif read.page.lang != DEFAULT and read.page.translation and (
            read.page.translation.source_reviewed < source.last_reviewed
        ):
            yield Problem(read.page.path, 1, f"translation is older than the English Easy Read page "
                          f"(reviewed {source.last_reviewed.isoformat()})", "warning")
        elif read.page.lang == DEFAULT and read.page.slug not in standard:
            yield Problem(
                read.page.path,
                1,
                f"Easy Read version of a page that does not exist: there is no pages/{read.page.slug}.md",
            )


def check_easy_read_staleness(easy_read: list[ReadPage], pages: list[ReadPage]) -> Iterable[Problem]:
    """A warning when the standard page was reviewed after the version this Easy Read was written from."""
    standard = {r.page.slug: r.page for r in pages if r.page.lang == DEFAULT}
    for read in easy_read:
        source = standard.get(read.page.slug)
        if source is not None and read.page.source_reviewed < source.last_reviewed:
            yield Problem(
                read.page.path,
                1,
                f"the standard page was reviewed on {source.last_reviewed.isoformat()}, "
                f"after this Easy Read was written (source_reviewed {read.page.source_reviewed.isoformat()}): "
                "check it still matches, then update source_reviewed",
                "warning",
            )


def check_figure_dates(path: str, figures: Mapping[str, Figure], today: dt.date) -> Iterable[Problem]:
    """A figure whose period has ended: overdue is a warning, far overdue an error, like a review."""
    for figure in figures.values():
        if figure.applies_to and figure.applies_to < today:
            late = (today - figure.applies_to).days
            yield Problem(
                path,
                figure.line,
                f"figure '{figure.name}' only applied until {figure.applies_to.isoformat()}: "
                "check the new amount, then update value, applies_from and applies_to",
                "error" if late > FAR_OVERDUE_DAYS else "warning",
            )


def check_translation(read: ReadPage, by_key: Mapping, unread: Collection[str] = ()) -> Iterable[Problem]:
    page = read.page
    if page.lang == DEFAULT:
        if page.translation is not None:
            yield Problem(page.path, 1, "'translation' is only for translated files like page.pl.md")
        return
    source = by_key.get((page.slug, DEFAULT))
    if source is None and page.slug not in unread:
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
