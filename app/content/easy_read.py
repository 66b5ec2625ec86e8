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
from .bidi import isolate_ltr
from .figures import Figure
from .languages import DEFAULT, language
from .pages import TRANSLATION, ReadPage, Translation, fill_body, read_markdown
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
        # only in translated files (page.pl.md): status and the English Easy Read's last_reviewed it was made from
        "translation": s.Field(TRANSLATION, required=False),
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
    lang: str = DEFAULT
    page_type: str = "easy-read"
    translation: Translation | None = None  # set in translated files (what-is-a-direct-payment.pl.md)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(anchor for _, anchor, _ in self.headings)


def read_easy_read(
    file: Path,
    display_path: str,
    slug: str,
    figures: Mapping[str, Figure] | None,
    pictures: Mapping[str, str],
    lang: str = DEFAULT,
) -> tuple[ReadPage | None, list[Problem]]:
    source, problems = read_markdown(file, display_path, EASY_READ_SCHEMA)
    if source is None:
        return None, problems
    body, problems, _used = fill_body(source, display_path, figures, lang)
    # No glossary links here: Easy Read keeps links few.
    prefix = PREFIX if lang == DEFAULT else f"/{lang}{PREFIX}"
    rendered = render(body, prefix=prefix, pictures=pictures, picture_rows=True)
    html = isolate_ltr(rendered.html) if language(lang).direction == "rtl" else rendered.html
    data = source.data
    if lang == DEFAULT and data.get("translation"):
        problems.append(Problem(display_path, 1, "'translation' is only for translated files like page.pl.md"))
    elif lang != DEFAULT and not data.get("translation"):
        problems.append(Problem(display_path, 1, "missing required key 'translation' (status and source_reviewed)"))
    page = EasyReadPage(
        slug=slug,
        path=display_path,
        title=data["title"].strip(),
        description=data["description"].strip(),
        last_reviewed=data["last_reviewed"],
        review_due=data["review_due"],
        owner=data["owner"].strip(),
        source_reviewed=data["source_reviewed"],
        html=html,
        headings=tuple(rendered.headings),
        lang=lang,
        translation=Translation(**data["translation"]) if data.get("translation") else None,
    )
    return ReadPage(page, rendered, body, source.body_line, source), problems
