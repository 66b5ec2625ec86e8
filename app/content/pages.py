"""One Markdown page: its front matter schema and how it is read from a file."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..strict_yaml import YamlProblem, load
from . import schema as s
from .bidi import isolate_ltr
from .figures import Figure, fill_figures
from .languages import is_known, language
from .problems import Problem
from .prose import Block, blocks
from .render import Rendered, render

if TYPE_CHECKING:
    from .easy_read import EasyReadPage
    from .glossary import Glossary

# What kind of page it is; the reading-age limit depends on it (see readability.py).
PAGE_TYPES = ("guide", "legal", "story", "feedback")

SOURCE = s.Schema({"title": s.Field(s.text), "url": s.Field(s.url)})
TRANSLATION = s.Schema(
    {
        "status": s.Field(s.one_of("reviewed", "draft")),
        # the English page's last_reviewed date this translation was made from
        "source_reviewed": s.Field(s.date),
    }
)
PAGE_SCHEMA = s.Schema(
    {
        "title": s.Field(s.text),
        "description": s.Field(s.text),
        "last_reviewed": s.Field(s.date),
        "review_due": s.Field(s.date),
        "owner": s.Field(s.text),
        "nav_order": s.Field(s.integer, required=False),
        "nav_title": s.Field(s.text, required=False),  # a shorter title for the top navigation
        "sources": s.Field(s.ListOf(SOURCE), required=False),
        "co_produced_with": s.Field(s.ListOf(s.text), required=False),
        "reviewed_by_experts": s.Field(s.date, required=False),
        "show_contact_details": s.Field(s.boolean, required=False),
        "step_by_step": s.Field(s.boolean, required=False),
        "translation": s.Field(TRANSLATION, required=False),
        "page_type": s.Field(s.one_of(*PAGE_TYPES), required=False),
    }
)


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Translation:
    status: str
    source_reviewed: dt.date


@dataclass(frozen=True)
class Page:
    slug: str
    lang: str
    path: str  # as shown to editors, relative to the project
    title: str
    description: str
    last_reviewed: dt.date
    review_due: dt.date
    owner: str
    html: str
    headings: tuple[tuple[int, str, str], ...]
    nav_order: int | None = None
    nav_title: str | None = None
    sources: tuple[Source, ...] = ()
    co_produced_with: tuple[str, ...] = ()
    reviewed_by_experts: dt.date | None = None
    show_contact_details: bool = False
    step_by_step: bool = False
    translation: Translation | None = None
    page_type: str = "guide"

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(anchor for _, anchor, _ in self.headings)


@dataclass(frozen=True)
class ReadPage:
    """A page plus what the cross-file checks need from its source."""

    page: Page | EasyReadPage
    rendered: Rendered
    body_text: str
    body_start_line: int
    source: MarkdownFile | None = None  # for the language checks' plain words, worked out only when they run

    @functools.cached_property
    def prose(self) -> tuple[Block, ...]:
        """Title, description and body as plain words, for the language checks (not needed to start the site)."""
        return self.source.prose(self.body_text) if self.source else ()


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (front matter, body, line where the body starts), or None if there is no front matter.

    Done by hand rather than with python-frontmatter because editors need line numbers.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None


@dataclass(frozen=True)
class MarkdownFile:
    """A Markdown file's parts once its front matter has passed its schema."""

    data: dict[str, Any]
    lines: dict[tuple, int]  # front matter key path -> file line
    body: str
    body_line: int

    def prose(self, filled_body: str) -> tuple[Block, ...]:
        heads = tuple(
            Block(self.lines[(key,)], self.data[key].strip(), is_heading=True) for key in ("title", "description")
        )
        return heads + tuple(blocks(filled_body, self.body_line))


def read_markdown(file: Path, display_path: str, schema: s.Schema) -> tuple[MarkdownFile | None, list[Problem]]:
    split = split_front_matter(file.read_text(encoding="utf-8"))
    if split is None:
        return None, [Problem(display_path, 1, "front matter missing: the file must start with a line '---'")]
    header, body, body_line = split
    try:
        data, lines = load(header, first_line=2)  # the front matter starts after the first '---'
    except YamlProblem as exc:
        return None, [Problem(display_path, exc.line, exc.message)]
    problems = [Problem(display_path, line, msg) for line, msg in s.validate(data or {}, schema, lines)]
    if problems:
        return None, problems
    return MarkdownFile(data, lines, body, body_line), []


def fill_body(
    source: MarkdownFile, display_path: str, figures: Mapping[str, Figure] | None, lang: str
) -> tuple[str, list[Problem], list[Figure]]:
    """The body with its figure tokens filled in, problems with figures or money literals, and the figures used."""
    body, found, used = fill_figures(source.body, figures, lang)
    return body, [Problem(display_path, source.body_line + offset, message) for offset, message in found], used


def read_page(
    file: Path,
    display_path: str,
    slug: str,
    lang: str,
    prefix: str,
    *,
    figures: Mapping[str, Figure] | None = None,
    glossary: Glossary | None = None,
    pictures: Mapping[str, str] | None = None,
) -> tuple[ReadPage | None, list[Problem]]:
    source, problems = read_markdown(file, display_path, PAGE_SCHEMA)
    if source is None:
        return None, problems
    data, body_line = source.data, source.body_line
    body, problems, used = fill_body(source, display_path, figures, lang)
    rendered = render(
        body, prefix=prefix, step_by_step=bool(data.get("step_by_step")), pictures=pictures, glossary=glossary,
        glossary_href=f"{prefix}/glossary",
    )
    right_to_left = is_known(lang) and language(lang).direction == "rtl"
    translation = data.get("translation")
    page = Page(
        slug=slug,
        lang=lang,
        path=display_path,
        title=data["title"].strip(),
        description=data["description"].strip(),
        last_reviewed=data["last_reviewed"],
        review_due=data["review_due"],
        owner=data["owner"].strip(),
        html=isolate_ltr(rendered.html) if right_to_left else rendered.html,
        headings=tuple(rendered.headings),
        nav_order=data.get("nav_order"),
        nav_title=(data.get("nav_title") or "").strip() or None,
        sources=with_figure_sources(
            tuple(Source(x["title"].strip(), x["url"]) for x in data.get("sources") or ()), used
        ),
        co_produced_with=tuple(x.strip() for x in data.get("co_produced_with") or ()),
        reviewed_by_experts=data.get("reviewed_by_experts"),
        show_contact_details=bool(data.get("show_contact_details")),
        step_by_step=bool(data.get("step_by_step")),
        translation=Translation(**translation) if translation else None,
        page_type=data.get("page_type") or "guide",
    )
    return ReadPage(page, rendered, body, body_line, source), problems


def with_figure_sources(sources: tuple[Source, ...], used: list[Figure]) -> tuple[Source, ...]:
    """The page's sources plus those of the figures it shows, each once: every amount cites where it comes from."""
    urls = {source.url for source in sources}
    extra = {
        figure.source_url: Source(figure.source_title, figure.source_url)
        for figure in used
        if figure.source_url not in urls
    }
    return sources + tuple(extra.values())
