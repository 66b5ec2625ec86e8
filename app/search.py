"""Site search: SQLite FTS5 from the standard library, in memory, built once at start-up.

People type questions: "can I pay my daughter to care for me", "what is clawback", "czy mogę
zapłacić za siłownię". So a query is cut to its meaningful words (the language's stop words go,
``app/words.py``), the words people use gain the site's own words (``content/synonyms.yaml``,
searched as phrases), and every document that has *any* of the words is ranked by BM25, with
the title and the summary weighted above the body. A page that has the question's rare words
ranks first; "direct" and "payment", in every page, count for nearly nothing. An editor can pin
pages for a question (best bets): they come first, marked as such.

Every searchable thing becomes a ``Document`` through a small adapter per kind (pages, uses in
the guide, Easy Read pages, glossary terms): adding a kind is one function and one line in
``documents``. A long page is also cut at its second-level headings: each section is a document of
its own ("/slug#heading"), so "what happens if I go into hospital" finds the hospital section of
a long page, shown as "Page title: Heading". Results name each page once, at its best-ranked
section or whole. Each document is indexed once per language it can be shown in, in one table per
language: a Polish search finds Polish pages, and the English page where there is no Polish one
yet (the results say so). English is stemmed by FTS5's Porter stemmer; Polish words are matched
by their stem as a prefix ("siłowni" finds "siłownia"); Urdu words as written, diacritics aside.

People's queries are never passed to FTS5 as syntax: each word is quoted, so ``"``, ``*``,
``NEAR(``, ``AND`` and ``-`` are just characters. Highlighting comes back as (text, is_match)
pieces that the template escapes, so no page text is ever marked safe.

The cost of a request is bounded: at most ``words.MAX_WORDS`` words are searched, and "did you
mean" only looks at a few short unknown words, through an index of the vocabulary
(``SpellingIndex``), never a scan of it.

No Flask here (an import-linter contract enforces it). Nothing is stored or logged.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise

from .content import Site
from .content.languages import DEFAULT
from .content.problems import Problem
from .guide import Guide
from .guide.lookup import MAX_QUERY_LENGTH  # one limit for the lookup and the search
from .guide.spelling import SpellingIndex
from .synonyms import Synonyms, Words
from .words import MAX_WORDS, meaningful, normalise, polish_stem, stem, stop_words, weak_words

PAGE_SIZE = 10
SNIPPET_WORDS = 24
COLUMNS = ("title", "summary", "body", "keywords")
# Ranking is BM25 twice: over a document's head (title, summary and keywords, in a table of their
# own) and over its body. FTS5 normalises BM25 by the length of the whole row, so in one table a
# long page would lose to a short one even when its title is exactly the question; apart, the head
# is judged against other heads. The title counts most, then the summary and keywords, then the body.
HEAD_WEIGHTS = "6.0, 2.0, 1.0"  # title, summary, keywords
HEAD = 6.0  # the head's score against the body's
WEAK = 0.3  # a weak word's score against a meaningful word's
# A glossary term or an Easy Read page is short, so BM25 favours it; but a question is more often
# answered by the page itself. These shares of the score say so (a page or a use keeps all of its).
KIND_WEIGHTS = {"glossary": 0.6, "easy_read": 0.8}
# Private-use characters mark highlights inside FTS5's output; they are removed from indexed text.
START, END = "\ue000", "\ue001"
TOKENIZERS = {"en": "porter unicode61 remove_diacritics 2"}  # other languages: no English stemming
PLAIN_TOKENIZER = "unicode61 remove_diacritics 2"
# "Did you mean" is for a slip in a word or two, not for a paragraph of unknown words: its cost is capped.
MAX_SUGGESTED_WORDS = 3
MAX_SUGGESTED_LENGTH = 20
KINDS = ("page", "use", "easy_read", "glossary")
# A section of a page is ranked among sections (its own BM25 tables), then counts half: a page whose
# title answers the question beats one of its own or another page's sections, but a section whose
# heading answers it beats a page that only mentions the words. Measured on the held-out questions.
SECTION = 0.5


def _weight(kind: str, page_title: str) -> float:
    return SECTION if page_title else KIND_WEIGHTS.get(kind, 1.0)


@dataclass(frozen=True)
class Document:
    kind: str  # "page", "use", "easy_read" or "glossary": the template names each kind
    path: str  # the address without any language prefix, like "/use/gym"
    lang: str  # the language whose searches find it
    text_lang: str  # the language the words are in: English where a translation is missing
    title: str
    body: str  # plain text
    keywords: str = ""  # words people use for it: they help ranking but never show in a snippet
    summary: str = ""  # the one or two sentences that say what it is about
    page_title: str = ""  # for a section of a page ("/slug#id", titled by its heading): the page's title


@dataclass(frozen=True)
class Hit:
    kind: str
    path: str
    text_lang: str
    title: tuple[tuple[str, bool], ...]  # (text, is_match) pieces
    snippet: tuple[tuple[str, bool], ...]
    best_bet: bool = False  # pinned by an editor for this question
    page_title: str = ""  # set when the result is a section of a page: the page it is part of

    @property
    def page_path(self) -> str:
        return _page_of(self.path, self.page_title)


@dataclass(frozen=True)
class Results:
    query: str  # as searched for (cut to MAX_QUERY_LENGTH)
    too_long: bool
    total: int
    hits: tuple[Hit, ...]
    page: int
    pages: int
    suggestion: str | None = None  # a spelling to try when nothing was found

    @property
    def is_empty_query(self) -> bool:
        return not normalise(self.query)

    @property
    def first_number(self) -> int:
        """The number of the first result on this page, for the list's ``start``."""
        return (self.page - 1) * PAGE_SIZE + 1


def _table(lang: str) -> str:
    return f"docs_{lang}"  # lang is a code from settings (checked by is_known), never from a request


def _scoring(lang: str) -> tuple[tuple[str, str], ...]:
    """The contentless tables BM25 is computed in: (heads, bodies) for whole documents, then for sections.

    A section is short, and BM25 judges a text against the average length of its table: judged
    among whole pages, a section would win on its shortness alone, and the pages' averages would
    shift. So whole documents are judged among themselves, and sections among sections.
    """
    return (f"heads_{lang}", f"bodies_{lang}"), (f"section_heads_{lang}", f"section_bodies_{lang}")


def _quoted(text: str) -> str:
    # A quoted FTS5 string: normalised text is letters, digits and spaces only, so nothing can escape.
    return f'"{text}"'


def synonym_phrases(words: Words, lang: str) -> tuple[tuple[str, str], ...]:
    """Each synonym as (the stems of the words people type, padded with spaces; the site's words for it).

    Worked out once per language when the index is made: stemming every synonym again for every
    query was most of a long query's cost.
    """
    return tuple(
        (f" {_stems(typed, lang)} ", normalise(target)) for typed, target in words.synonyms.items() if normalise(target)
    )


def match_expressions(query: str, lang: str, phrases: Iterable[tuple[str, str]]) -> tuple[str, str, list[str]]:
    """The FTS5 expressions for a query's meaning and for its weak words, and the words it searched for.

    A document matches if it has any of the query's meaningful words or of the synonyms' phrases;
    its rank also counts, for less, the query's weak words ("how", "direct payment"), so "how do i
    get a direct payment" ranks the page titled "How to get a direct payment" above another with "get".
    """
    terms, searched = query_terms(query, lang, phrases)
    weak = [_quoted(w) for w in weak_words(query, lang) if _quoted(w) not in terms][:MAX_WORDS]
    return " OR ".join(terms), " OR ".join(weak), searched


def query_terms(query: str, lang: str, phrases: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The FTS5 terms for a query's meaning, and the words it searched for.

    Each meaningful word is one term (in Polish, its stem as a prefix); each synonym found in the
    query adds the site's words for it as a phrase, and so do the words as typed, so a page with
    them side by side in that order ranks higher. A query of stop words only ("what is a direct
    payment?") is searched with all its words, since then they are the question.
    """
    text = normalise(query)
    searched = list(meaningful(text, lang)) or text.split()[:MAX_WORDS]
    terms = []
    for word in searched:
        stem = polish_stem(word) if lang == "pl" else word
        terms.append(f"{_quoted(stem)}*" if stem != word else _quoted(word))
    if 1 < len(searched) <= 4 and lang != "pl":  # the words in the order typed: "home care" is not "care home"
        terms.append(_quoted(" ".join(searched)))
    # Synonyms are found by the words' stems, so "skargę" finds the line for "skarga".
    padded = f" {_stems(text, lang)} "
    terms += [_quoted(target) for typed, target in phrases if typed in padded]
    return list(dict.fromkeys(terms)), searched


def _stems(text: str, lang: str) -> str:
    return " ".join(stem(w, lang) for w in normalise(text).split())


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

    def __init__(self, image: bytes, vocabulary: Mapping[str, frozenset[str]], synonyms: Synonyms):
        self._image = image
        self.vocabulary = vocabulary  # per language: every word the documents use
        self._spelling = {lang: SpellingIndex(w for w in words if len(w) > 2) for lang, words in vocabulary.items()}
        self._words = {lang: synonyms.for_language(lang) for lang in vocabulary}
        self._phrases = {lang: synonym_phrases(words, lang) for lang, words in self._words.items()}
        self.paths = frozenset()  # set by build: every path a result can have
        self._local = threading.local()

    @classmethod
    def build(cls, documents: Iterable[Document], synonyms: Synonyms | None = None) -> SearchIndex:
        connection = sqlite3.connect(":memory:")
        vocabulary: dict[str, set[str]] = {}
        rows: dict[str, list[tuple]] = {}
        paths = set()
        for doc in documents:
            if doc.lang not in rows:
                tokenizer = TOKENIZERS.get(doc.lang, PLAIN_TOKENIZER)
                connection.execute(
                    f"CREATE VIRTUAL TABLE {_table(doc.lang)} USING fts5({', '.join(COLUMNS)}, "
                    "kind UNINDEXED, path UNINDEXED, text_lang UNINDEXED, page_title UNINDEXED, "
                    f"tokenize = '{tokenizer}')"
                )
                for heads, bodies in _scoring(doc.lang):
                    # Contentless: only the index is kept (the words are in the docs table already).
                    connection.execute(f"CREATE VIRTUAL TABLE {heads} USING fts5(title, summary, keywords, "
                                       f"content = '', tokenize = '{tokenizer}')")
                    connection.execute(f"CREATE VIRTUAL TABLE {bodies} USING fts5(body, content = '', "
                                       f"tokenize = '{tokenizer}')")
                rows[doc.lang] = []
            fields = [_clean(doc.title), _clean(doc.summary), _clean(doc.body), _clean(doc.keywords)]
            fields[3] = f"{fields[3]} {_folded_only(' '.join(fields))}".strip()
            rows[doc.lang].append((*fields, doc.kind, doc.path, doc.text_lang, doc.page_title))
            if not doc.page_title:  # a section's words are its page's, and its address is never a best bet's
                vocabulary.setdefault(doc.lang, set()).update(normalise(" ".join(fields)).split())
                paths.add(doc.path)
        for lang, lang_rows in rows.items():
            connection.executemany(f"INSERT INTO {_table(lang)} VALUES (?, ?, ?, ?, ?, ?, ?, ?)", lang_rows)
            for (heads, bodies), sections in zip(_scoring(lang), (False, True), strict=True):
                numbered = [(rowid, row) for rowid, row in enumerate(lang_rows, 1) if bool(row[7]) == sections]
                connection.executemany(
                    f"INSERT INTO {heads}(rowid, title, summary, keywords) VALUES (?, ?, ?, ?)",
                    ((rowid, row[0], row[1], row[3]) for rowid, row in numbered),
                )
                connection.executemany(
                    f"INSERT INTO {bodies}(rowid, body) VALUES (?, ?)", ((rowid, row[2]) for rowid, row in numbered)
                )
            for table in (_table(lang), *(table for pair in _scoring(lang) for table in pair)):
                connection.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        connection.commit()
        image = connection.serialize()
        connection.close()
        index = cls(image, {lang: frozenset(words) for lang, words in vocabulary.items()}, synonyms or Synonyms(""))
        index.paths = frozenset(paths)
        return index

    def __getstate__(self) -> dict:
        """Kept in the start-up snapshot (app/snapshot.py) without its per-thread connections."""
        return {name: value for name, value in self.__dict__.items() if name != "_local"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        if getattr(self._local, "pid", None) != os.getpid():
            connection = sqlite3.connect(":memory:")
            connection.deserialize(self._image)
            self._local.connection, self._local.pid = connection, os.getpid()
        return self._local.connection

    def search(self, query: str, lang: str, page: int = 1) -> Results:
        too_long = len(query) > MAX_QUERY_LENGTH
        query = query[:MAX_QUERY_LENGTH].strip()
        if lang not in self.vocabulary or not normalise(query):
            return Results(query, too_long, 0, (), 1, 0)
        words = self._words[lang]
        expression, weak, searched = match_expressions(query, lang, self._phrases[lang])
        ranked = self._ranked(expression, weak, lang) if expression else []
        pinned = self._best_bets(query, lang, words)
        if pinned:
            pinned_rows = [row for path in pinned for row in self._rows_for(path, lang)]
            ranked = [*pinned_rows, *(r for r in ranked if _page_path(r) not in pinned)]
        ranked = _best_of_each_page(ranked)
        if not ranked:
            return Results(query, too_long, 0, (), 1, 0, suggestion=self._suggest(searched, lang))
        pages = -(-len(ranked) // PAGE_SIZE)
        page = min(max(page, 1), pages)
        shown = ranked[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        rowids = [row[0] for row in shown]
        table, marks = _table(lang), ", ".join("?" * len(rowids))
        # Highlights and snippets only for the results shown: marking every match would cost more than ranking.
        marked = {
            rowid: (title, snippet)
            for rowid, title, snippet in self._connection().execute(
                f"SELECT rowid, highlight({table}, 0, ?, ?), snippet({table}, 2, ?, ?, '…', {SNIPPET_WORDS}) "
                f"FROM {table} WHERE {table} MATCH ? AND rowid IN ({marks})",
                (START, END, START, END, expression, *rowids),
            )
        }
        plain = {
            rowid: (title, summary)
            for rowid, title, summary in self._connection().execute(
                f"SELECT rowid, title, substr(summary, 1, 300) FROM {table} WHERE rowid IN ({marks})", rowids
            )
        }
        hits = []
        for rowid, kind, path, text_lang, best_bet, page_title in shown:
            title, snippet = marked.get(rowid, (None, None))
            hits.append(Hit(
                kind, path, text_lang, _pieces(title) if title else ((plain[rowid][0], False),),
                _pieces(snippet or plain[rowid][1]), best_bet, page_title,
            ))
        return Results(query, too_long, len(ranked), tuple(hits), page, pages)

    def _ranked(self, expression: str, weak: str, lang: str) -> list[tuple]:
        """Every document with any of the terms, best first (FTS5's BM25 is negative: lower is better)."""
        table, connection = _table(lang), self._connection()
        rows = connection.execute(
            f"SELECT rowid, kind, path, text_lang, page_title FROM {table} WHERE {table} MATCH ?", (expression,)
        ).fetchall()
        scores = self._scores(expression, lang)
        if weak:
            for rowid, score in self._scores(weak, lang).items():
                if rowid in scores:
                    scores[rowid] += WEAK * score
        ranked = sorted(rows, key=lambda row: (scores.get(row[0], 0.0) * _weight(row[1], row[4]), row[2]))
        return [(*row[:4], False, row[4]) for row in ranked]

    def _scores(self, expression: str, lang: str) -> dict[int, float]:
        """BM25 of the head (weighted by HEAD) plus BM25 of the body, for every document that matches."""
        connection, scores = self._connection(), {}
        for heads, bodies in _scoring(lang):
            for table, weights, share in ((heads, HEAD_WEIGHTS, HEAD), (bodies, "1.0", 1.0)):
                for rowid, score in connection.execute(
                    f"SELECT rowid, bm25({table}, {weights}) FROM {table} WHERE {table} MATCH ?", (expression,)
                ):
                    scores[rowid] = scores.get(rowid, 0.0) + share * score
        return scores

    def _rows_for(self, path: str, lang: str) -> list[tuple]:
        table = _table(lang)
        rows = self._connection().execute(f"SELECT rowid, kind, path, text_lang FROM {table} WHERE path = ?", (path,))
        return [(*row, True, "") for row in rows]  # pinned, and never a section

    def _best_bets(self, query: str, lang: str, words: Words) -> tuple[str, ...]:
        """Paths an editor pinned for words the query has (all of a best bet's meaningful words)."""
        typed = set(normalise(query).split())
        pinned = []
        for bet_words, paths in words.best_bets.items():
            wanted = set(meaningful(bet_words, lang)) or set(normalise(bet_words).split())
            if wanted and wanted <= typed:
                pinned += [p for p in paths if p in self.paths]
        return tuple(dict.fromkeys(pinned))

    def _suggest(self, words: list[str], lang: str) -> str | None:
        """A spelling to try: each unknown word swapped for the nearest word the site uses.

        Only for a few short words: a long string of unknown words is not a slip of the finger.
        """
        known = self.vocabulary.get(lang, frozenset())
        unknown = [w for w in words if w not in known]
        if not unknown or len(unknown) > MAX_SUGGESTED_WORDS or any(len(w) > MAX_SUGGESTED_LENGTH for w in unknown):
            return None
        spelling = self._spelling[lang]
        fixed = [w if w in known else (spelling.closest(w) or w) for w in words]
        return " ".join(fixed) if fixed != words else None


def _page_of(path: str, page_title: str) -> str:
    """The page a result is on: a section's page ("/slug#heading" is on "/slug"), or the result itself."""
    return path.partition("#")[0] if page_title else path


def _page_path(row: tuple) -> str:
    """The page a ranked row is on (a row is rowid, kind, path, text_lang, best_bet, page_title)."""
    return _page_of(row[2], row[5])


def _best_of_each_page(ranked: list[tuple]) -> list[tuple]:
    """Each page once, as its best-ranked part: the whole page, or the section that answers best.

    A section's text is also in its page, so a page matches whenever a section does: keeping one
    row per page keeps the same pages, in the order of their best part.
    """
    seen: set[str] = set()
    kept = []
    for row in ranked:
        if _page_path(row) not in seen:
            seen.add(_page_path(row))
            kept.append(row)
    return kept


def check_search_words(site: Site | None, guide: Guide | None) -> list[Problem]:
    """The content check's part for the search: ``content/synonyms.yaml`` against the words of the site.

    Waits for pages and uses that read (``None``): their own problems come first.
    """
    if site is None or guide is None:
        return []
    return check_synonyms(SearchIndex.build(documents(site, guide)), guide.synonyms)


def check_synonyms(index: SearchIndex, synonyms: Synonyms) -> list[Problem]:
    """Each synonym's words are words the site uses in that language; each best bet is a real page.

    A synonym whose words appear nowhere would find nothing, and a best bet to a page that has
    moved would pin nothing: both are editors' mistakes, reported as ``path:line: message``.
    """
    problems = []
    for lang, words in synonyms.languages.items():
        known = index.vocabulary.get(lang)
        if known is None:
            continue  # a language the site does not show: nothing to check it against
        stop = stop_words(lang)
        for typed, target in words.synonyms.items():
            line = words.lines[("synonyms", typed)]
            missing = [w for w in normalise(target).split() if w not in known and w not in stop]
            if missing or not normalise(target):
                problems.append(Problem(
                    synonyms.path, line, f"'{target}' has words no {lang} page or use contains ({', '.join(missing)}), "
                    f"so '{typed}' would find nothing more",
                ))
        for bet, paths in words.best_bets.items():
            line = words.lines[("best_bets", bet)]
            for path in paths:
                if path not in index.paths:
                    problems.append(Problem(synonyms.path, line, f"'{path}' is not the address of a page or use"))
    return problems


def _folded_only(text: str) -> str:
    """The words FTS5 would not fold as a query is folded: "siłownia" is "silownia" to a phone keyboard.

    FTS5 removes accents, but "ł" is a letter of its own in Unicode, not an "l" with a mark. So
    each word with one is indexed once more, as ``normalise`` writes it, in the hidden keywords.
    """
    return " ".join(dict.fromkeys(normalise(w) for w in text.split() if "ł" in w.casefold()))


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
    """Each page, and each of its sections on its own: the answer is often one part of a long page."""
    for lang in site.settings.languages:
        for slug in site.slugs:
            found = site.find(slug, lang)
            page = found.page
            path = "/" if slug == "index" else f"/{slug}"
            yield Document("page", path, lang, page.lang, page.title, html_text(page.html), summary=page.description)
            for anchor, heading, html in page_sections(page.html):
                # The page's title is among the section's keywords: "hospital" in a section of
                # "Stopping a direct payment" answers "does my direct payment stop in hospital".
                yield Document("page", f"{path}#{anchor}", lang, page.lang, heading, html_text(html), page.title,
                               page_title=page.title)


SECTION_START = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)


def page_sections(html: str) -> Iterator[tuple[str, str, str]]:
    """(anchor, heading, html) for each part of a page that starts at a second-level heading."""
    starts = list(SECTION_START.finditer(html))
    for start, end in pairwise([*starts, None]):
        yield start[1], html_text(start[2]), html[start.end() : end.start() if end else len(html)]


def use_documents(site: Site, guide: Guide) -> Iterator[Document]:
    for lang in site.settings.languages:
        for english in guide.items.values():
            item = guide.find(english.id, lang).item  # the translation where there is one
            body = " ".join([html_text(item.reason_html), item.example, *item.checks])
            keywords = " ".join(english.keywords + item.keywords)
            yield Document("use", f"/use/{item.id}", lang, item.lang, item.title, body, keywords, item.summary)


def easy_read_documents(site: Site) -> Iterator[Document]:
    for lang in site.settings.languages:
        for page in site.easy_read.values():
            path = f"/easy-read/{page.slug}"
            body = html_text(page.html)
            yield Document("easy_read", path, lang, page.lang, page.title, body, summary=page.description)


def glossary_documents(site: Site) -> Iterator[Document]:
    if site.glossary is None:
        return
    for lang in site.settings.languages:
        for term in site.glossary.terms:
            also = " ".join(term.also)
            yield Document("glossary", f"/glossary#{term.id}", lang, DEFAULT, term.term, term.definition, also)


def documents(site: Site, guide: Guide) -> list[Document]:
    return [*page_documents(site), *use_documents(site, guide), *easy_read_documents(site), *glossary_documents(site)]
