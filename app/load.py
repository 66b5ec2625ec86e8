"""The one content load: every content type in ``content/``, read once, into the one immutable ``Site``.

Pages, Easy Read, the glossary and pictures (``app/content``), the uses of the /use guide
(``app/guide``) and the explainer's wording (``app/eligibility``) are read here, in that order,
each file parsed once: the settings and pages read first are handed to the later types, never
read again. Every problem from every type comes back together as ``Problem(path, line, message)``
with paths relative to the project, so ``flask content check`` (which never builds the web app)
and the app factory report the same things in the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .content import ContentError, Problem, Site
from .content.languages import DEFAULT, is_known
from .content.loader import check_report
from .content.problems import errors
from .content.settings import Settings
from .eligibility import Flow, Wording, load_flow, wording_problems
from .guide import check_guide
from .strict_yaml import YamlProblem, load_file
from .translations import REVIEWS_FILE, TERMS_FILE, Translated, check_reviews, check_terms, read_term_base

if TYPE_CHECKING:
    from .content.readability import Score


@dataclass
class Loaded:
    site: Site | None  # None when there are errors: the site never starts half-built
    problems: list[Problem]
    scores: list[Score] = field(default_factory=list)  # reading age and words per page (editorial run only)


def read_content(root: Path, today: dt.date | None = None, *, editorial: bool = True) -> Loaded:
    """Read and check every content type under ``root``; return the site (if there are no errors) and every problem.

    ``editorial`` adds the checks for editors (review dates, reading age, words to avoid...), which
    ``flask content check`` runs and start-up skips: an overdue review never takes the site down.
    """
    root = Path(root)
    report = check_report(root, today, editorial=editorial)
    problems = list(report.problems)
    pages = {(read.page.slug, read.page.lang): read.page for read in report.pages}
    uses, found = check_guide(
        root, report.settings, pages, today, editorial=editorial, unread_pages=report.unread, words=report.words
    )
    problems += found
    flow = load_flow()  # part of the code, not the content: a mistake there is a developer's, and stops everything
    wording, found, wording_status = _read_wording(root, report.settings, flow)
    problems += found
    if editorial:
        translated = _translated(report, uses, wording_status)
        problems += check_reviews(root, shown_path(root, root / REVIEWS_FILE), translated)
        languages = report.settings.languages if report.settings else ()
        avoid, found = read_term_base(root, shown_path(root, root / TERMS_FILE), languages)
        problems += found + check_terms(root, avoid, translated)
    problems.sort()
    if report.site is None or errors(problems):
        return Loaded(None, problems, report.scores)
    site = replace(report.site, uses=uses, wording=MappingProxyType(wording), flow=flow)
    return Loaded(site, problems, report.scores)


def load_site(root: Path, today: dt.date | None = None) -> Site:
    """Build the site or raise ``ContentError`` listing the errors: never serve half a site."""
    loaded = read_content(root, today, editorial=False)
    if loaded.site is None:
        raise ContentError(errors(loaded.problems))
    return loaded.site


def shown_path(root: Path, path: Path) -> str:
    """A path as editors see it: relative to the folder that holds ``content/``."""
    return str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)


def _translated(report: Any, uses: Any, wording_status: list[Translated]) -> list[Translated]:
    """Every translated file that could be read: pages, Easy Read, uses and the explainer wording."""
    found = list(wording_status)
    english = {r.page.slug: r.page for r in report.pages if r.page.lang == DEFAULT}
    english_easy_read = {r.page.slug: r.page for r in report.easy_read if r.page.lang == DEFAULT}
    for sources, reads in ((english, report.pages), (english_easy_read, report.easy_read)):
        for read in reads:
            page = read.page
            if page.lang != DEFAULT and page.translation:
                source = sources.get(page.slug)
                stale = bool(source and page.translation.source_reviewed < source.last_reviewed)
                found.append(Translated(page.path, page.lang, page.translation.status, stale))
    english_glossary = report.glossaries.get(DEFAULT)
    for lang, glossary in report.glossaries.items():
        if lang != DEFAULT and glossary.translation:
            stale = bool(english_glossary and glossary.translation.source_reviewed < english_glossary.last_reviewed)
            found.append(Translated(glossary.path, lang, glossary.translation.status, stale))
    for item in uses.translations.values() if uses is not None else ():
        if item.translation:
            found.append(Translated(item.path, item.lang, item.translation.status, uses.is_stale(item)))
    return found


def _read_wording(
    root: Path, settings: Settings | None, flow: Flow
) -> tuple[dict[str, Wording], list[Problem], list[Translated]]:
    """Each ``explainer/<lang>.yaml``, checked against the flow; only switched-on languages are served."""
    folder = root / "explainer"
    languages = settings.languages if settings else (DEFAULT,)
    wording: dict[str, Wording] = {}
    problems: list[Problem] = []
    status: list[Translated] = []
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        path, lang = shown_path(root, file), file.stem
        if not is_known(lang):
            problems.append(Problem(path, 1, "name the file by its language code, like 'pl.yaml' for Polish"))
            continue
        try:
            data = load_file(file)
        except YamlProblem as problem:
            problems.append(Problem(path, problem.line, problem.message))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(path, 1, "the wording file must be sections like 'questions:', 'results:'"))
            continue
        words = Wording(data, Path(path), lang)
        found = wording_problems(flow, words)
        problems += [Problem(path, line, message) for line, message in found]
        meta = data.get("translation")
        if lang != DEFAULT and not found and isinstance(meta, dict):
            status.append(Translated(path, lang, meta["status"], False))
        if lang in languages:
            wording[lang] = words
    if DEFAULT not in wording and not any(p.path == shown_path(root, folder / "en.yaml") for p in problems):
        problems.append(Problem(shown_path(root, folder / "en.yaml"), 1, "the explainer's English wording is missing"))
    return wording, problems, status
