"""Content engine: reads ``content/``, checks it and builds one immutable ``Site``.

No Flask here (an import-linter contract enforces it), so the engine is tested
directly. ``app/load.py`` is the one content load: it reads these content types and
the others (uses, explainer wording) into the one ``Site``.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import schema
from .bidi import isolate_ltr
from .checks import check_headings, check_links, check_review_dates, check_translation
from .figures import Figure, fill_figures
from .languages import DEFAULT, is_known, language
from .loader import check_content
from .pages import SOURCE, TRANSLATION, Page, ReadPage, Source, Translation, read_markdown, with_figure_sources
from .problems import ContentError, Problem, errors
from .prose import Block, blocks
from .render import render as render_markdown
from .settings import Settings
from .site import Found, NavItem, Site
from .style import WordsToAvoid


def plain_language_problems(
    path: str, prose: Iterable[Block], page_type: str, words: WordsToAvoid | None
) -> list[Problem]:
    """The editors' language checks on any text: reading age, sentence length and words to avoid."""
    from . import readability  # here: textstat (and NLTK) are only needed for `flask content check`

    prose = list(prose)
    problems = readability.check_reading_age(readability.score(path, prose), page_type)
    problems += readability.check_sentences(path, prose, page_type)
    return problems + (words.check(path, prose) if words else [])


__all__ = [
    "DEFAULT",
    "SOURCE",
    "TRANSLATION",
    "Block",
    "ContentError",
    "Figure",
    "Found",
    "NavItem",
    "Page",
    "Problem",
    "ReadPage",
    "Settings",
    "Site",
    "Source",
    "Translation",
    "WordsToAvoid",
    "blocks",
    "check_content",
    "check_headings",
    "check_links",
    "check_review_dates",
    "check_translation",
    "errors",
    "fill_figures",
    "is_known",
    "isolate_ltr",
    "language",
    "plain_language_problems",
    "read_markdown",
    "render_markdown",
    "schema",
    "with_figure_sources",
]
