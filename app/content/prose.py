"""The words of a Markdown body as a reader meets them, with the line each part is on.

The language checks (reading age, sentence length, words to avoid) work on this
rather than on the rendered HTML, because Markdown parsing throws line numbers
away and editors need them. Each paragraph, list item, table cell and heading is
its own block: a list item with no full stop does not run into the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
QUOTE = re.compile(r"^\s*>\s?")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
FENCE = re.compile(r"^\s*(```|~~~)")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
AUTOLINK = re.compile(r"<[a-z]+:[^>\s]+>")
MARKUP = re.compile(r"[*_`]+")
FIGURE_TOKEN = re.compile(r"\[figure[^\]]*\]")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9£])")
WORD = re.compile(r"[A-Za-z0-9£][\w'’,.-]*")


@dataclass(frozen=True)
class Block:
    line: int  # file line where the block starts
    text: str  # plain words, Markdown syntax removed; a block's lines are joined by spaces
    is_heading: bool = False
    line_starts: tuple[tuple[int, int], ...] = ()  # (offset in ``text``, file line) of each later line

    def line_at(self, offset: int) -> int:
        """The file line of the character at ``offset`` in ``text``."""
        line = self.line
        for start, start_line in self.line_starts:
            if start <= offset:
                line = start_line
        return line


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))


def normal(phrase: str) -> str:
    """How words are compared: case, spacing and the kind of apostrophe do not matter."""
    return " ".join(phrase.lower().replace("’", "'").split())


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """One regex for whole-word, case-insensitive uses of any of ``phrases`` (already ``normal``).

    Longest first, so "care and support plan" wins over "support plan"; spaces match any
    run of spaces or line breaks, and either kind of apostrophe matches.
    """
    longest_first = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(
        r"\s+".join(re.escape(word) for word in p.split()).replace("'", "['’]") for p in longest_first
    )
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


def plain(markdown_line: str) -> str:
    """One line of inline Markdown as the words a reader sees (pictures dropped, links kept as their text)."""
    text = IMAGE.sub(" ", markdown_line)
    text = FIGURE_TOKEN.sub("1", text)  # a figure left unfilled (the settings had errors) reads as a number
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(" ", text)
    return MARKUP.sub("", text).strip()


def blocks(body: str, first_line: int) -> list[Block]:
    """Split a Markdown body into blocks of plain text; ``first_line`` is the file line of the body's first line."""
    found: list[Block] = []
    current: list[tuple[int, str]] = []  # (line, plain text) of the block being read
    in_fence = False

    def flush() -> None:
        if current:
            text, starts = current[0][1], []
            for line, part in current[1:]:
                starts.append((len(text) + 1, line))
                text += " " + part
            found.append(Block(current[0][0], text, line_starts=tuple(starts)))
        current.clear()

    for offset, raw in enumerate(body.splitlines()):
        line = first_line + offset
        if FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        raw = QUOTE.sub("", raw)
        if not raw.strip() or TABLE_RULE.match(raw):
            flush()
        elif HEADING.match(raw):
            flush()
            found.append(Block(line, plain(HEADING.sub("", raw)), is_heading=True))
        elif raw.lstrip().startswith("|"):
            flush()
            found.extend(Block(line, plain(cell)) for cell in raw.strip().strip("|").split("|") if plain(cell))
        else:
            if LIST_ITEM.match(raw):
                flush()
                raw = LIST_ITEM.sub("", raw)
            if plain(raw):
                current.append((line, plain(raw)))
    flush()
    return found


def sentences(block: Block) -> list[Sentence]:
    """The sentences of a block, each with the file line where it starts."""
    found, offset = [], 0
    for match in SENTENCE_END.finditer(block.text):
        found.append(Sentence(block.line_at(offset), block.text[offset : match.start()]))
        offset = match.end()
    found.append(Sentence(block.line_at(offset), block.text[offset:]))
    return [s for s in found if s.text.strip()]
