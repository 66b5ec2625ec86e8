"""Read every content file, then check across files, then build the site.

Phase 1 reads and renders each file on its own (settings and figures, pictures,
glossary, pages, Easy Read pages); phase 2 checks links, headings, pictures and
translations across them. ``flask content check`` adds phase 3, the editorial
checks: review dates, figure dates, Easy Read staleness, reading age, sentence
length and words to avoid. Those never stop the site from starting (an overdue
review must not take it down), but their errors fail the pull request. All
problems are reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from . import checks
from .easy_read import read_easy_read
from .glossary import Glossary, check_translated_glossary, read_glossary
from .languages import DEFAULT, is_known
from .pages import ReadPage, read_page
from .pictures import Picture, read_pictures
from .problems import Problem, errors
from .settings import Settings, load_settings
from .site import Site

if TYPE_CHECKING:
    from .readability import Score
    from .style import WordsToAvoid

PAGE_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>[a-z]{2,3}))?\.md$")
EASY_READ_FILE = PAGE_FILE  # what-is-a-direct-payment.md, and its translations what-is-a-direct-payment.pl.md


@dataclass
class Report:
    site: Site | None
    problems: list[Problem]
    scores: list[Score] = field(default_factory=list)  # reading age and words per page (editorial run only)
    settings: Settings | None = None  # read once, for the other content types (uses, explainer wording)
    pages: list[ReadPage] = field(default_factory=list)  # every page that could be read, errors or not
    unread: set[str] = field(default_factory=set)  # English pages whose file exists but has errors
    easy_read: list[ReadPage] = field(default_factory=list)  # every Easy Read page that could be read
    glossaries: dict[str, Glossary] = field(default_factory=dict)  # by language, translations included
    words: WordsToAvoid | None = None  # the words to avoid, read once for every content type (editorial run)


def check_content(
    root: Path, today: dt.date | None = None, *, editorial: bool = True
) -> tuple[Site | None, list[Problem]]:
    """Read and check everything under ``root``; return the site (if no errors) and all problems."""
    report = check_report(root, today, editorial=editorial)
    return report.site, report.problems


def check_report(root: Path, today: dt.date | None = None, *, editorial: bool = True) -> Report:
    today = today or dt.date.today()
    base = root.parent

    def shown(path: Path) -> str:
        return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)

    settings, problems = load_settings(root / "settings.yaml", shown(root / "settings.yaml"))
    figures = settings.figures if settings else None  # None: unknown, so figure tokens are not reported
    pictures, found = read_pictures(root / "easy-read" / "images", shown)
    problems += found
    picture_urls = {name: picture.url for name, picture in pictures.items()}
    glossary, found = read_glossary(root / "glossary.yaml", shown(root / "glossary.yaml"), figures)
    problems += found
    glossaries = {DEFAULT: glossary} if glossary else {}
    for lang in settings.languages[1:] if settings else ():
        file = root / f"glossary.{lang}.yaml"
        translated, found = read_glossary(file, shown(file), figures, lang)
        problems += found
        if translated and glossary:
            problems += check_translated_glossary(translated, glossary)
        if translated:
            glossaries[lang] = translated

    pages: list[ReadPage] = []
    unread: set[str] = set()
    pages_dir = root / "pages"
    for file in sorted(pages_dir.glob("*.md")):
        match = PAGE_FILE.match(file.name)
        if not match:
            problems.append(Problem(
                shown(file),
                1,
                "file name must be lower-case words joined by hyphens, like 'my-page.md' or 'my-page.pl.md'",
            ))
            continue
        lang = match["lang"] or DEFAULT
        if not is_known(lang) or (settings and lang not in settings.languages):
            problems.append(Problem(shown(file), 1, f"'{lang}' is not a language this site has switched on"))
            continue
        prefix = "" if lang == DEFAULT else f"/{lang}"
        # The first use of each term links to its definition, in the page's own language's glossary.
        page, found = read_page(
            file, shown(file), match["slug"], lang, prefix,
            figures=figures, glossary=glossaries.get(lang), pictures=picture_urls,
        )
        problems += found
        if page:
            pages.append(page)
        elif lang == DEFAULT:
            unread.add(match["slug"])
    if not any(r.page.slug == "index" and r.page.lang == DEFAULT for r in pages) and "index" not in unread:
        problems.append(Problem(shown(pages_dir / "index.md"), 1, "the home page is missing"))

    easy_read = _read_easy_read(root / "easy-read", shown, settings, picture_urls, problems)
    problems += checks.check_structure(pages, pictures, unread)
    problems += checks.check_translations(pages, unread)
    problems += checks.check_structure(easy_read, pictures, unread)
    problems += checks.check_easy_read_twins(easy_read, pages, unread)

    report = Report(None, problems, settings=settings, pages=pages, unread=unread, easy_read=easy_read,
                    glossaries=glossaries)
    if editorial:
        _editorial(root, shown, today, settings, pages, easy_read, glossary, pictures, report)
    if settings is None or errors(report.problems):
        report.problems.sort()
        return report
    report.site = Site.build(settings, [r.page for r in pages], [r.page for r in easy_read], glossary, pictures)
    report.site = replace(report.site, glossaries=MappingProxyType(glossaries))
    report.problems.sort()
    return report


def _read_easy_read(
    folder: Path,
    shown: Callable[[Path], str],
    settings: Settings | None,
    picture_urls: dict[str, str],
    problems: list[Problem],
) -> list[ReadPage]:
    read: list[ReadPage] = []
    for file in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        match = EASY_READ_FILE.match(file.name)
        if not match:
            problems.append(Problem(
                shown(file), 1, "an Easy Read file is named like its standard page, like 'what-is-a-direct-payment.md' "
                "(or 'what-is-a-direct-payment.pl.md' for a translation)"
            ))
            continue
        lang = match["lang"] or DEFAULT
        if not is_known(lang) or (settings and lang not in settings.languages):
            problems.append(Problem(shown(file), 1, f"'{lang}' is not a language this site has switched on"))
            continue
        figures = settings.figures if settings else None
        page, found = read_easy_read(file, shown(file), match["slug"], figures, picture_urls, lang)
        problems += found
        if page:
            read.append(page)
    return read


def _editorial(
    root: Path,
    shown: Callable[[Path], str],
    today: dt.date,
    settings: Settings | None,
    pages: list[ReadPage],
    easy_read: list[ReadPage],
    glossary: Glossary | None,
    pictures: dict[str, Picture],
    report: Report,
) -> None:
    # Imported here: textstat (and the NLTK it pulls in) is only needed for this check, not to serve pages.
    from . import readability
    from .style import read_words_to_avoid

    problems = report.problems
    words, found = read_words_to_avoid(root / "words-to-avoid.yaml", shown(root / "words-to-avoid.yaml"))
    problems += found
    report.words = words
    problems += checks.check_page_dates(pages, today)
    for read in easy_read:
        problems += checks.check_review_dates(read, today)
    english_easy_read = [r for r in easy_read if r.page.lang == DEFAULT]
    problems += checks.check_easy_read_staleness(english_easy_read, pages)
    if not errors(problems):  # a page that could not be read may be the one using a picture
        problems += checks.check_unused_pictures(pages + easy_read, pictures)
    if settings is not None:
        problems += checks.check_figure_dates(shown(root / "settings.yaml"), settings.figures, today)
    if glossary is not None:
        problems += checks.check_dates(glossary.path, 1, glossary.last_reviewed, glossary.review_due, today)
        problems += words.check(glossary.path, glossary.blocks())
        problems += readability.check_sentences(glossary.path, glossary.blocks(), "guide")
    # The language checks read English: textstat and the word list are English-only.
    for read in [r for r in pages + easy_read if r.page.lang == DEFAULT]:
        page = read.page
        score = readability.score(page.path, read.prose)
        report.scores.append(score)
        problems += readability.check_reading_age(score, page.page_type)
        problems += readability.check_sentences(page.path, read.prose, page.page_type)
        problems += words.check(page.path, read.prose)
