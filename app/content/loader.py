"""Read every content file, then check across files, then build the site.

Phase 1 reads and renders each file on its own; phase 2 checks links, headings,
review dates and translations across them. All problems from both phases are
reported together.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .checks import check_all
from .languages import DEFAULT, KNOWN
from .pages import ReadPage, read_page
from .problems import ContentError, Problem, errors
from .settings import load_settings
from .site import Site

PAGE_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>[a-z]{2,3}))?\.md$")


def check_content(root: Path, today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Read and check everything under ``root``; return the site (if no errors) and all problems."""
    today = today or dt.date.today()
    base = root.parent

    def shown(path: Path) -> str:
        return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)

    settings, problems = load_settings(root / "settings.yaml", shown(root / "settings.yaml"))
    read: list[ReadPage] = []
    pages_dir = root / "pages"
    for file in sorted(pages_dir.glob("*.md")):
        match = PAGE_FILE.match(file.name)
        if not match:
            problems.append(Problem(shown(file), 1, "file name must be lower-case words joined by hyphens, like 'my-page.md' or 'my-page.pl.md'"))
            continue
        lang = match["lang"] or DEFAULT
        if lang not in KNOWN or (settings and lang not in settings.languages):
            problems.append(Problem(shown(file), 1, f"'{lang}' is not a language this site has switched on"))
            continue
        prefix = "" if lang == DEFAULT else f"/{lang}"
        page, found = read_page(file, shown(file), match["slug"], lang, prefix)
        problems += found
        if page:
            read.append(page)
    if not any(r.page.slug == "index" and r.page.lang == DEFAULT for r in read):
        problems.append(Problem(shown(pages_dir / "index.md"), 1, "the home page is missing"))
    problems += check_all(read, today)
    if settings is None or errors(problems):
        return None, sorted(problems)
    return Site.build(settings, [r.page for r in read]), sorted(problems)


def load_site(root: Path, today: dt.date | None = None) -> Site:
    """Build the site or raise ``ContentError``: never serve half a site."""
    site, problems = check_content(root, today)
    if site is None:
        raise ContentError(errors(problems) or problems)
    return site
