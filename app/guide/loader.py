"""Read ``content/use/``, check it, and build the immutable ``Guide``.

Like the content engine, it reads everything first, then checks across files (categories,
related uses, the council's local policy in the site settings), and reports every
problem at once as ``path:line: message``. Broken guide content stops the site starting.

One Markdown file per use: the file name is the use's short address (``gym.md`` is
``/use/gym``), the front matter holds the structured parts, and the body is the reason,
in plain words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from ..content import (
    DEFAULT,
    SOURCE,
    TRANSLATION,
    Block,
    Figure,
    Page,
    Problem,
    ReadPage,
    Settings,
    Source,
    Translation,
    WordsToAvoid,
    blocks,
    check_headings,
    check_links,
    check_review_dates,
    check_translation,
    errors,
    fill_figures,
    is_known,
    isolate_ltr,
    language,
    plain_language_problems,
    read_markdown,
    render_markdown,
    with_figure_sources,
)
from ..content import schema as s
from ..strict_yaml import YamlProblem, line_of, load
from ..synonyms import read_synonyms
from .lookup import Finder, words
from .model import SET_BY_LAW, VERDICTS, Category, Guide, Item, LocalPolicy

ITEM_FILE = re.compile(r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>[a-z]{2,3}))?\.md$")  # gym.md, gym.pl.md
MAX_ID_LENGTH = 20  # short enough to read out on the phone: /use/driving-lessons
RESERVED_IDS = {"category"}  # /use/category/<id> is the category view
SYNONYMS_FILE = "synonyms.yaml"  # content/synonyms.yaml: the words people use, for the lookup and the search
INTRO_PAGE = "use"  # content/pages/use.md: the intro shown above the categories at /use
LAW_SOURCE = "https://www.legislation.gov.uk/"

ITEM_SCHEMA = s.Schema(
    {
        "title": s.Field(s.text),
        "summary": s.Field(s.text),  # one or two plain sentences, shown in lists and lookup results
        "category": s.Field(s.text),
        "verdict": s.Field(s.one_of(*VERDICTS)),
        "example": s.Field(s.text),  # shown labelled as a made-up example
        "check": s.Field(s.ListOf(s.text, min_items=1)),  # what to check before you spend
        "keywords": s.Field(s.ListOf(s.text, min_items=2)),  # words people use: the lookup finds the use by them
        "sources": s.Field(s.ListOf(SOURCE, min_items=1)),
        "related": s.Field(s.ListOf(s.text), required=False),
        "last_reviewed": s.Field(s.date),
        "review_due": s.Field(s.date),
        "owner": s.Field(s.text),
        # only in translated files (gym.pl.md); check_translation says so when it is missing or misplaced
        "translation": s.Field(TRANSLATION, required=False),
    }
)
# A translation says the same legal thing as its English use: these must match it exactly.
SAME_AS_ENGLISH = ("verdict", "category", "related", "sources")
CATEGORIES_SCHEMA = s.Schema(
    {
        "categories": s.Field(
            s.ListOf(
                s.Schema(
                    {
                        "id": s.Field(s.matches(r"[a-z0-9]+(?:-[a-z0-9]+)*", "lower-case words joined by hyphens")),
                        "title": s.Field(s.text),
                        "description": s.Field(s.text),
                    }
                ),
                min_items=1,
            )
        ),
        # only in translations (_categories.pl.yaml): status and the English file's review date it was made from
        "translation": s.Field(TRANSLATION, required=False),
    }
)


class ReadItem(NamedTuple):
    """An item plus what the cross-file checks need from its file."""

    item: Item
    read: ReadPage  # the body as a page, so the content engine's heading and link checks apply
    lines: dict[tuple, int]  # front matter key -> file line
    written: tuple[tuple[tuple, str], ...] = ()  # (front matter key, text as written, before figures are filled in)


class _Target(NamedTuple):
    page: Page  # the shape check_links expects for link targets


def check_guide(
    root: Path,
    settings: Settings | None,
    pages: Mapping[tuple[str, str], Page] | None,
    today: dt.date | None = None,
    *,
    editorial: bool = False,
    unread_pages: Collection[str] = (),
    words: WordsToAvoid | None = None,
) -> tuple[Guide | None, list[Problem]]:
    """Read and check ``root/use``; return the guide (if there are no errors) and every problem.

    Called by the one content load (``app/load.py``) with the settings and pages it has read:
    nothing is read twice. A site without a ``use`` folder simply has no guide. ``settings`` is
    None when they have errors (reported in their own file); ``unread_pages`` are pages whose
    file exists but has errors, so links to them are not reported again. A use file that could
    not be read is reported once: checks that depend on every use (categories with no uses,
    synonyms, links to it) wait until it reads, rather than repeat the one mistake.
    ``editorial`` adds the plain-language checks pages get in ``flask content check`` (reading
    age, sentence length, words to avoid): warnings for editors that never stop the site starting.
    Review dates are editorial too: an overdue review must not take the site down (ADR 4).
    """
    today = (today or dt.date.today()) if editorial else None
    folder = root / "use"
    if not folder.is_dir():
        return Guide.empty(), []

    def shown(path: Path) -> str:
        return str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)

    categories_file = folder / "_categories.yaml"
    categories, category_lines, problems = _read_categories(categories_file, shown(categories_file))
    synonyms, found = read_synonyms(root / SYNONYMS_FILE, shown(root / SYNONYMS_FILE))
    problems += found
    category_translations, found = _read_category_translations(folder, shown, settings, categories)
    problems += found
    read: list[ReadItem] = []
    files = sorted(folder.glob("*.md"))
    languages = settings.languages if settings else None  # None: the settings have errors, reported there
    figures = settings.figures if settings else None  # None: the settings have errors, reported elsewhere
    for file in files:
        item, found = _read_item(file, shown(file), languages, figures)
        problems += found
        if item:
            read.append(item)
    read, translated = [r for r in read if r.item.lang == DEFAULT], [r for r in read if r.item.lang != DEFAULT]
    items = {r.item.id: r.item for r in read}
    english_files = {m["id"] for m in (ITEM_FILE.match(file.name) for file in files) if m and not m["lang"]}
    unread = english_files - set(items)
    targets = {key: _Target(page) for key, page in pages.items()} if pages is not None else None
    categories_file = (shown(folder / "_categories.yaml"), category_lines)
    problems += _check_items(read, unread, categories, categories_file, targets, today, unread_pages)
    problems += _check_translations(translated, read, unread, targets, today, unread_pages)
    if pages is not None and (INTRO_PAGE, DEFAULT) not in pages and INTRO_PAGE not in unread_pages:
        intro = shown(root / "pages" / f"{INTRO_PAGE}.md")
        problems.append(Problem(intro, 1, "the guide needs this page: its intro is shown at /use"))
    local, found = _local_policy(settings, items, unread, shown(root / "settings.yaml"))
    problems += found
    if editorial:
        problems += _language(read, words)
    if errors(problems):
        return None, sorted(problems)
    order = {c.id: n for n, c in enumerate(categories)}
    ordered = sorted(items.values(), key=lambda i: (order[i.category], i.title.casefold()))
    final = MappingProxyType({i.id: replace(i, local=local.get(i.id)) for i in ordered})
    translations = MappingProxyType(
        {(r.item.id, r.item.lang): replace(r.item, local=local.get(r.item.id)) for r in translated}
    )
    finders = MappingProxyType({
        lang: Finder.build(
            final,
            synonyms.for_language(lang).synonyms,
            lang,
            {item_id: item for (item_id, item_lang), item in translations.items() if item_lang == lang},
        )
        for lang in languages or (DEFAULT,)
    })
    guide = Guide(
        tuple(categories),
        final,
        finders,
        translations,
        synonyms=synonyms,
        category_translations=MappingProxyType(category_translations),
    )
    return guide, sorted(problems)


def _read_yaml(path: Path, display_path: str) -> tuple[Any, dict[tuple, int], list[Problem]]:
    try:
        data, lines = load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, {}, [Problem(display_path, 1, "this file is missing")]
    except YamlProblem as exc:
        return None, {}, [Problem(display_path, exc.line, exc.message)]
    return data, lines, []


def _read_categories(path: Path, display_path: str) -> tuple[list[Category], dict[str, int], list[Problem]]:
    """The categories in the order editors listed them, and the line of each one's id."""
    data, lines, problems = _read_yaml(path, display_path)
    if problems:
        return [], {}, problems
    problems = [Problem(display_path, line, msg) for line, msg in s.validate(data, CATEGORIES_SCHEMA, lines)]
    if problems:
        return [], {}, problems
    categories, where = [], {}
    for index, entry in enumerate(data["categories"]):
        line = line_of(lines, ("categories", index, "id"))
        if entry["id"] in where:
            problems.append(Problem(display_path, line, f"category '{entry['id']}' is listed twice"))
            continue
        where[entry["id"]] = line
        categories.append(Category(entry["id"], entry["title"].strip(), entry["description"].strip()))
    return categories, where, problems


def _read_category_translations(
    folder: Path, shown: Any, settings: Settings | None, english: list[Category]
) -> tuple[dict[str, dict[str, Category]], list[Problem]]:
    """``_categories.<lang>.yaml``: every English category, same ids, translated titles and descriptions."""
    found: dict[str, dict[str, Category]] = {}
    problems: list[Problem] = []
    for lang in settings.languages[1:] if settings else ():
        file = folder / f"_categories.{lang}.yaml"
        if not file.exists():
            continue
        path = shown(file)
        categories, where, read_problems = _read_categories(file, path)
        problems += read_problems
        if read_problems:
            continue
        if not _yaml_has_translation(file):
            problems.append(Problem(path, 1, "missing required key 'translation' (status and source_reviewed)"))
        ids = [c.id for c in english]
        problems += [Problem(path, 1, f"category '{i}' of _categories.yaml is not translated here")
                     for i in ids if i not in where]
        problems += [Problem(path, line, f"there is no category '{i}' in _categories.yaml")
                     for i, line in where.items() if i not in ids]
        found[lang] = {c.id: c for c in categories}
    return found, problems


def _yaml_has_translation(file: Path) -> bool:
    return any(line.startswith("translation:") for line in file.read_text(encoding="utf-8").splitlines())


def _read_item(
    file: Path, display_path: str, languages: tuple[str, ...] | None, figures: Mapping[str, Figure] | None = None
) -> tuple[ReadItem | None, list[Problem]]:
    match = ITEM_FILE.match(file.name)
    if not match:
        return None, [Problem(
            display_path,
            1,
            "file name must be lower-case words joined by hyphens, like 'dog-walker.md' "
            "(or 'dog-walker.pl.md' for a translation)",
        )]
    item_id, lang = match["id"], match["lang"] or DEFAULT
    if not is_known(lang) or (languages is not None and lang not in languages):
        return None, [Problem(display_path, 1, f"'{lang}' is not a language this site has switched on")]
    if len(item_id) > MAX_ID_LENGTH:
        return None, [Problem(
            display_path,
            1,
            f"file name is too long for an address people can read out: use {MAX_ID_LENGTH} letters or fewer",
        )]
    if item_id in RESERVED_IDS:
        return None, [
            Problem(display_path, 1, f"'{item_id}' is used by the site's own addresses: choose another file name")
        ]
    source, problems = read_markdown(file, display_path, ITEM_SCHEMA)
    if source is None:
        return None, problems
    data, lines, body, body_line = source.data, source.lines, source.body, source.body_line
    if not body.strip():
        return None, [
            Problem(display_path, body_line, "the reason is missing: write why, in plain words, below the front matter")
        ]
    # Figures are filled in as on pages ("[figure: national_living_wage_21_plus]" shows the amount), so
    # a token is never published as text; an unknown one is an error, and each figure cites its source.
    filled, problems, used = _fill(data, lines, body, body_line, display_path, figures, lang)
    body = filled.pop("body")
    rendered = render_markdown(body, prefix="" if lang == DEFAULT else f"/{lang}")
    html = isolate_ltr(rendered.html) if language(lang).direction == "rtl" else rendered.html
    translation = Translation(**data["translation"]) if data.get("translation") else None
    item = Item(
        id=item_id,
        path=display_path,
        title=filled["title"].strip(),
        summary=filled["summary"].strip(),
        category=data["category"].strip(),
        verdict=data["verdict"],
        reason_html=html,
        example=filled["example"].strip(),
        checks=tuple(c.strip() for c in filled["check"]),
        keywords=tuple(k.strip() for k in data["keywords"]),
        sources=with_figure_sources(tuple(Source(x["title"].strip(), x["url"]) for x in data["sources"]), used),
        related=tuple(r.strip() for r in data.get("related") or ()),
        last_reviewed=data["last_reviewed"],
        review_due=data["review_due"],
        owner=data["owner"].strip(),
        lang=lang,
        translation=translation,
    )
    page = Page(
        slug=item_id, lang=lang, path=display_path, title=item.title, description=item.summary,
        last_reviewed=item.last_reviewed, review_due=item.review_due, owner=item.owner,
        html=html, headings=tuple(rendered.headings), translation=translation,
    )
    written = tuple((key, data[key]) for key in ("title", "summary", "example"))
    written += tuple((("check", n), text) for n, text in enumerate(data["check"]))
    return ReadItem(item, ReadPage(page, rendered, source.body, body_line), lines, written), problems


def _fill(
    data: dict,
    lines: dict[tuple, int],
    body: str,
    body_line: int,
    path: str,
    figures: Mapping[str, Figure] | None,
    lang: str,
) -> tuple[dict[str, Any], list[Problem], list[Figure]]:
    """The title, summary, example, checks and body with figure tokens filled in; problems name their line."""
    filled: dict[str, Any] = {}
    problems: list[Problem] = []
    used: dict[str, Figure] = {}

    def fill(text: str, line: int) -> str:
        # The pages' own filling: the same tokens, and the same one rule for money written out.
        result, found, figures_used = fill_figures(text, figures, lang)
        problems.extend(Problem(path, line + offset, message) for offset, message in found)
        used.update((figure.name, figure) for figure in figures_used)
        return result

    for key in ("title", "summary", "example"):
        filled[key] = fill(data[key], lines[(key,)])
    filled["check"] = [fill(text, line_of(lines, ("check", n))) for n, text in enumerate(data["check"])]
    filled["body"] = fill(body, body_line)
    return filled, problems, list(used.values())


def _check_items(
    read: list[ReadItem],
    unread: set[str],
    categories: list[Category],
    categories_file: tuple[str, dict[str, int]],
    targets: dict | None,
    today: dt.date | None,
    unread_pages: Collection[str] = (),
) -> list[Problem]:
    ids = {r.item.id for r in read} | unread
    category_ids = {c.id for c in categories}
    problems: list[Problem] = []
    for r in read:
        item, path, lines = r.item, r.item.path, r.lines
        if categories and item.category not in category_ids:
            problems.append(Problem(
                path,
                lines[("category",)],
                f"category '{item.category}' is not in _categories.yaml "
                f"(choose one of: {', '.join(sorted(category_ids))})",
            ))
        for index, other in enumerate(item.related):
            if other not in ids or other == item.id:
                problems.append(Problem(
                    path,
                    line_of(lines, ("related", index)),
                    f"related use '{other}' does not exist: use another use's file name without '.md'",
                ))
        if item.verdict in SET_BY_LAW and not any(src.url.startswith(LAW_SOURCE) for src in item.sources):
            problems.append(Problem(
                path,
                lines[("verdict",)],
                f"a '{item.verdict}' verdict comes from the law: cite the law on legislation.gov.uk in 'sources'",
            ))
        for index, keyword in enumerate(item.keywords):
            if not words(keyword):
                problems.append(Problem(
                    path,
                    line_of(lines, ("keywords", index)),
                    f"keyword '{keyword}' has only common words the lookup ignores",
                ))
        problems += check_headings(r.read)
        if today is not None:
            problems += check_review_dates(r.read, today)
        if targets is not None:
            problems += check_links(r.read, targets, unread_pages)
    used = {r.item.category for r in read}
    path, where = categories_file
    for category in categories:
        if category.id not in used and not unread and used <= set(where):
            problems.append(Problem(path, where[category.id], f"category '{category.id}' has no uses yet"))
    return problems


def _check_translations(
    translated: list[ReadItem],
    english: list[ReadItem],
    unread: set[str],
    targets: dict | None,
    today: dt.date | None,
    unread_pages: Collection[str] = (),
) -> list[Problem]:
    """Translations get the pages' translation checks, plus: the legal parts match the English use."""
    by_key = {(r.item.id, r.item.lang): r.read for r in english + translated}
    by_id = {r.item.id: r for r in english}
    problems: list[Problem] = []
    for r in english:
        problems += check_translation(r.read, by_key)  # 'translation' in an English file is a mistake
    for r in translated:
        item, lines = r.item, r.lines
        if item.id in unread:
            continue  # its English use could not be read: that problem is reported already
        problems += check_translation(r.read, by_key)
        source = by_id.get(item.id)
        for key in SAME_AS_ENGLISH if source else ():
            if getattr(item, key) != getattr(source.item, key):
                why = "the verdict is a legal fact" if key == "verdict" else "translate the words only"
                problems.append(
                    Problem(item.path, lines.get((key,), 1), f"'{key}' must be the same as in {item.id}.md ({why})")
                )
        problems += check_headings(r.read)
        if today is not None:
            problems += check_review_dates(r.read, today)
        if targets is not None:
            problems += check_links(r.read, targets, unread_pages)
    return problems


def _prose(r: ReadItem) -> list[Block]:
    """Everything a reader reads in a use, as blocks of plain words with their file lines."""
    item, lines = r.item, r.lines
    found = [Block(lines[("title",)], item.title, is_heading=True), Block(lines[("summary",)], item.summary)]
    found += [Block(lines[("example",)], item.example)]
    found += [Block(line_of(lines, ("check", n)), text) for n, text in enumerate(item.checks)]
    return found + blocks(r.read.body_text, r.read.body_start_line)


def _language(read: list[ReadItem], words: WordsToAvoid | None) -> list[Problem]:
    return [problem for r in read for problem in plain_language_problems(r.item.path, _prose(r), "guide", words)]


def _local_policy(
    settings: Settings | None, items: dict[str, Item], unread: set[str], path: str
) -> tuple[dict[str, LocalPolicy], list[Problem]]:
    """Check the council's ``local_policy`` entries against the guide; return them by item id."""
    if settings is None:
        return {}, []
    found: dict[str, LocalPolicy] = {}
    problems: list[Problem] = []
    for entry in settings.local_policy:
        item = items.get(entry.item)
        if entry.item in unread:
            continue
        if item is None:
            problems.append(Problem(
                path,
                entry.item_line,
                f"local_policy: there is no use '{entry.item}' (use the file name in content/use without '.md')",
            ))
            continue
        if entry.item in found:
            problems.append(Problem(path, entry.item_line, f"local_policy: '{entry.item}' is listed twice"))
        if entry.verdict is None and entry.note is None:
            problems.append(Problem(path, entry.line, "local_policy: give a 'verdict', a 'note', or both"))
        if entry.verdict is not None and entry.verdict not in VERDICTS:
            problems.append(
                Problem(path, entry.verdict_line, f"local_policy: verdict must be one of: {', '.join(VERDICTS)}")
            )
        elif entry.verdict is not None and item.verdict in SET_BY_LAW and entry.verdict != item.verdict:
            problems.append(Problem(
                path,
                entry.verdict_line,
                f"local_policy: the verdict for '{entry.item}' is set by law, so it cannot change here: "
                "add a 'note' instead",
            ))
        found[entry.item] = LocalPolicy(entry.date, entry.verdict, entry.note)
    return found, problems
