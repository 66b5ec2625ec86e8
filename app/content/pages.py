"""One Markdown page: its front matter schema and how it is read from a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import schema as s
from .problems import Problem
from .render import Rendered, render
from .yamltext import YamlProblem, load

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

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(anchor for _, anchor, _ in self.headings)


@dataclass(frozen=True)
class ReadPage:
    """A page plus what the cross-file checks need from its source."""

    page: Page
    rendered: Rendered
    body_text: str
    body_start_line: int


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


def read_page(file: Path, display_path: str, slug: str, lang: str, prefix: str) -> tuple[ReadPage | None, list[Problem]]:
    text = file.read_text(encoding="utf-8")
    split = split_front_matter(text)
    if split is None:
        return None, [Problem(display_path, 1, "front matter missing: the file must start with a line '---'")]
    header, body, body_line = split
    try:
        data, lines = load(header)
    except YamlProblem as exc:
        return None, [Problem(display_path, exc.line + 1, exc.message)]
    problems = [Problem(display_path, line + 1, msg) for line, msg in s.validate(data or {}, PAGE_SCHEMA, lines)]
    if problems:
        return None, problems
    rendered = render(body, prefix=prefix, step_by_step=bool(data.get("step_by_step")))
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
        html=rendered.html,
        headings=tuple(rendered.headings),
        nav_order=data.get("nav_order"),
        nav_title=(data.get("nav_title") or "").strip() or None,
        sources=tuple(Source(x["title"].strip(), x["url"]) for x in data.get("sources") or ()),
        co_produced_with=tuple(x.strip() for x in data.get("co_produced_with") or ()),
        reviewed_by_experts=data.get("reviewed_by_experts"),
        show_contact_details=bool(data.get("show_contact_details")),
        step_by_step=bool(data.get("step_by_step")),
        translation=Translation(**translation) if translation else None,
    )
    return ReadPage(page, rendered, body, body_line), []
