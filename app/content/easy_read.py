"""Easy Read twins: ``content/easy-read/<slug>.md`` is the Easy Read version of ``pages/<slug>.md``.

The shared slug links the two both ways, so the standard page needs no extra
key. ``source_reviewed`` records which version of the standard page the Easy Read
was written from: when the standard page is reviewed later, the Easy Read is
flagged as possibly out of date.

Each idea is one Markdown paragraph, a picture line then one or two short sentences;
it is shown as a row of picture and words (see ``render._picture_rows``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import schema as s
from .figures import Figure
from .pages import ReadPage, fill_body, read_markdown
from .problems import Problem
from .render import render

PREFIX = "/easy-read"
EASY_READ_SCHEMA = s.Schema(
    {
        "title": s.Field(s.text),
        "description": s.Field(s.text),
        "last_reviewed": s.Field(s.date),
        "review_due": s.Field(s.date),
        "owner": s.Field(s.text),
        # the standard page's last_reviewed date this Easy Read was written from
        "source_reviewed": s.Field(s.date),
    }
)


@dataclass(frozen=True)
class EasyReadPage:
    slug: str  # the same as its standard page's
    path: str
    title: str
    description: str
    last_reviewed: dt.date
    review_due: dt.date
    owner: str
    source_reviewed: dt.date
    html: str
    headings: tuple[tuple[int, str, str], ...]
    lang: str = "en"  # Easy Read is written in English only, for now
    page_type: str = "easy-read"

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(anchor for _, anchor, _ in self.headings)


def read_easy_read(
    file: Path, display_path: str, slug: str, figures: Mapping[str, Figure] | None, pictures: Mapping[str, str]
) -> tuple[ReadPage | None, list[Problem]]:
    source, problems = read_markdown(file, display_path, EASY_READ_SCHEMA)
    if source is None:
        return None, problems
    body, problems, _used = fill_body(source, display_path, figures, "en")
    # No glossary links here: definitions are in standard English, and Easy Read keeps links few.
    rendered = render(body, prefix=PREFIX, pictures=pictures, picture_rows=True)
    data = source.data
    page = EasyReadPage(
        slug=slug,
        path=display_path,
        title=data["title"].strip(),
        description=data["description"].strip(),
        last_reviewed=data["last_reviewed"],
        review_due=data["review_due"],
        owner=data["owner"].strip(),
        source_reviewed=data["source_reviewed"],
        html=rendered.html,
        headings=tuple(rendered.headings),
    )
    return ReadPage(page, rendered, body, source.body_line, source.prose(body)), problems
