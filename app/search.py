"""Site search: SQLite FTS5 from the standard library, in memory, built once at start-up.

Every searchable thing becomes a ``Document`` through a small adapter per kind (pages, uses
in the guide, Easy Read pages, glossary terms): adding a kind is one function and one line in
``documents``. Each document is indexed once per language it can be shown in: a Polish
search finds Polish pages, and the English page where there is no Polish one yet.

Ranking is BM25 with titles weighted above body text; words are stemmed (Porter) after
Unicode folding, so "payments" finds "payment" and "café" finds "cafe". People's queries
are never passed to FTS5 as syntax: each word is quoted, so ``"``, ``*``, ``NEAR(``, ``AND``
and ``-`` are just characters. Highlighting comes back as (text, is_match) pieces that the
template escapes, so no page text is ever marked safe.

No Flask here (an import-linter contract enforces it). Nothing is stored or logged.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from .content import Site
from .content.languages import DEFAULT
from .guide import Guide
from .guide.lookup import MAX_QUERY_LENGTH, normalise  # one limit for the lookup and the search
from .guide.spelling import closest

MAX_TERMS = 10
PAGE_SIZE = 10
SNIPPET_WORDS = 24
# BM25 weights of the columns: a match in the title counts most, then keywords, then body text.
WEIGHTS = "8.0, 1.0, 4.0"
# Private-use characters mark highlights inside FTS5's output; they are removed from indexed text.
START, END = "\ue000", "\ue001"
TOKENIZER = "porter unicode61 remove_diacritics 2"


@dataclass(frozen=True)
class Document:
    kind: str  # "page", "use", "easy_read" or "glossary": the template names each kind
    path: str  # the address without any language prefix, like "/use/gym"
    lang: str  # the language whose searches find it
    text_lang: str  # the language the words are in: English where a translation is missing
    title: str
    body: str  # plain text
    keywords: str = ""  # words people use for it: they help ranking but never show in a snippet


@dataclass(frozen=True)
class Hit:
    kind: str
    path: str
    text_lang: str
    title: tuple[tuple[str, bool], ...]  # (text, is_match) pieces
    snippet: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Results:
    query: str  # as searched for (cut to MAX_QUERY_LENGTH)
    too_long: bool
    total: int
    hits: tuple[Hit, ...]
    page: int
    pages: int
    any_word: bool = False  # no document had every word, so these have some of them
    suggestion: str | None = None  # a spelling to try when nothing was found

    @property
    def is_empty_query(self) -> bool:
        return not terms(self.query)

    @property
    def first_number(self) -> int:
        """The number of the first result on this page, for the list's ``start``."""
        return (self.page - 1) * PAGE_SIZE + 1


def terms(query: str) -> list[str]:
    """The words of a query, lower case, at most MAX_TERMS: everything else is dropped."""
    return re.findall(r"\w+", query.casefold())[:MAX_TERMS]


def _match_expression(words: list[str], joiner: str) -> str:
    # Each word is a quoted FTS5 string: \w+ never contains a double quote, so nothing can escape.
    return f" {joiner} ".join(f'"{word}"' for word in words)


def _pieces(marked: str) -> tuple[tuple[str, bool], ...]:
    """Split FTS5 output marked with START/END into (text, is_match) pieces."""
    pieces = []
    for part in re.split(f"({START}[^{END}]*{END})", marked):
        if part.startswith(START):
            pieces.append((part[1:-1], True))
        elif part:
            pieces.append((part, False))
    return tuple(pieces)


class SearchIndex:
    """The FTS5 index, built once and then copied, read-only in spirit, into each process and thread.

    SQLite connections must not cross a fork or be shared between threads without care, and
    gunicorn forks workers after start-up. So the index is built once into bytes
    (``serialize``), and each process and thread opens its own in-memory copy on first use.
    """

    def __init__(self, image: bytes, vocabulary: dict[str, frozenset[str]]):
        self._image = image
        self._vocabulary = vocabulary  # per language: words that appear, for "did you mean"
        self._local = threading.local()

    @classmethod
    def build(cls, documents: Iterable[Document]) -> SearchIndex:
        connection = sqlite3.connect(":memory:")
        connection.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "title, body, keywords, kind UNINDEXED, path UNINDEXED, lang UNINDEXED, text_lang UNINDEXED, "
            f"tokenize = '{TOKENIZER}')"
        )
        vocabulary: dict[str, set[str]] = {}
        rows = []
        for doc in documents:
            title, body, keywords = _clean(doc.title), _clean(doc.body), _clean(doc.keywords)
            rows.append((title, body, keywords, doc.kind, doc.path, doc.lang, doc.text_lang))
            words = normalise(f"{title} {body} {keywords}").split()
            vocabulary.setdefault(doc.lang, set()).update(w for w in words if len(w) > 2)
        connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        connection.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        connection.commit()
        image = connection.serialize()
        connection.close()
        return cls(image, {lang: frozenset(words) for lang, words in vocabulary.items()})

    def _connection(self) -> sqlite3.Connection:
        if getattr(self._local, "pid", None) != os.getpid():
            connection = sqlite3.connect(":memory:")
            connection.deserialize(self._image)
            self._local.connection, self._local.pid = connection, os.getpid()
        return self._local.connection

    def search(self, query: str, lang: str, page: int = 1) -> Results:
        too_long = len(query) > MAX_QUERY_LENGTH
        query = query[:MAX_QUERY_LENGTH].strip()
        words = terms(query)
        if not words:
            return Results(query, too_long, 0, (), 1, 0)
        expression, any_word = _match_expression(words, "AND"), False
        ranked = self._ranked(expression, words, lang)
        if not ranked and len(words) > 1:
            expression, any_word = _match_expression(words, "OR"), True
            ranked = self._ranked(expression, words, lang)
        if not ranked:
            return Results(query, too_long, 0, (), 1, 0, suggestion=self._suggest(words, lang))
        pages = -(-len(ranked) // PAGE_SIZE)
        page = min(max(page, 1), pages)
        shown = ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rowids = [row[0] for row in shown]
        snippets = dict(
            self._connection().execute(
                f"SELECT rowid, snippet(docs, 1, ?, ?, '…', {SNIPPET_WORDS}) FROM docs WHERE docs MATCH ? "
                f"AND rowid IN ({', '.join('?' * len(rowids))})",
                (START, END, expression, *rowids),
            ).fetchall()
        )
        hits = tuple(
            Hit(kind, path, text_lang, title, _pieces(snippets[rowid]))
            for rowid, kind, path, text_lang, title in shown
        )
        return Results(query, too_long, len(ranked), hits, page, pages, any_word)

    def _ranked(self, expression: str, words: list[str], lang: str) -> list[tuple]:
        """Every match, best first: a title with the words in the order typed, then titles that match
        more of the words (and fewer others), then BM25.

        BM25 alone is not enough here: on a site about direct payments, words like "direct" and
        "payment" are in nearly every page, so their weight is close to nothing and a long page
        can outrank the page titled with exactly what was asked.
        """
        rows = self._connection().execute(
            f"SELECT rowid, kind, path, text_lang, highlight(docs, 0, ?, ?), bm25(docs, {WEIGHTS}) "
            "FROM docs WHERE docs MATCH ? AND lang = ?",
            (START, END, expression, lang),
        ).fetchall()
        phrase = f" {' '.join(words)} "
        ranked = []
        for rowid, kind, path, text_lang, marked, score in rows:
            title = _pieces(marked)
            matched = {text.casefold() for text, is_match in title if is_match}
            title_words = re.findall(r"\w+", "".join(text for text, _ in title).casefold())
            in_order = phrase in f" {' '.join(title_words)} "  # "care home" before "home care"
            key = (not in_order, -len(matched), -len(matched) / (len(title_words) or 1), score, path)
            ranked.append((key, (rowid, kind, path, text_lang, title)))
        return [row for _key, row in sorted(ranked)]

    def _suggest(self, words: list[str], lang: str) -> str | None:
        """A spelling to try: each unknown word swapped for the nearest word the site uses."""
        known = self._vocabulary.get(lang, frozenset())
        fixed = [w if w in known else (closest(w, known) or w) for w in words]
        return " ".join(fixed) if fixed != words else None


def _clean(text: str) -> str:
    return " ".join(text.replace(START, " ").replace(END, " ").split())


class _TextOnly(HTMLParser):
    """Rendered HTML to plain text, with a space wherever an element starts or ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


# Adapters: one per kind of document. Each yields a document per language it can be shown in.


def page_documents(site: Site) -> Iterator[Document]:
    for lang in site.settings.languages:
        for slug in site.slugs:
            found = site.find(slug, lang)
            page = found.page
            path = "/" if slug == "index" else f"/{slug}"
            yield Document("page", path, lang, page.lang, page.title, f"{page.description} {html_text(page.html)}")


def use_documents(site: Site, guide: Guide) -> Iterator[Document]:
    for lang in site.settings.languages:
        for english in guide.items.values():
            item = guide.find(english.id, lang).item  # the translation where there is one
            body = " ".join([item.summary, html_text(item.reason_html), item.example, *item.checks])
            keywords = " ".join(english.keywords + item.keywords)
            yield Document("use", f"/use/{item.id}", lang, item.lang, item.title, body, keywords)


def easy_read_documents(site: Site) -> Iterator[Document]:
    for lang in site.settings.languages:
        for page in site.easy_read.values():
            body = f"{page.description} {html_text(page.html)}"
            yield Document("easy_read", f"/easy-read/{page.slug}", lang, page.lang, page.title, body)


def glossary_documents(site: Site) -> Iterator[Document]:
    if site.glossary is None:
        return
    for lang in site.settings.languages:
        for term in site.glossary.terms:
            also = " ".join(term.also)
            yield Document("glossary", f"/glossary#{term.id}", lang, DEFAULT, term.term, term.definition, also)


def documents(site: Site, guide: Guide) -> list[Document]:
    return [*page_documents(site), *use_documents(site, guide), *easy_read_documents(site), *glossary_documents(site)]
