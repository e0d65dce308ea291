"""Wrapping an article into screen lines that remember their canonical-text offsets.

The reader draws cursor, selection, find matches and highlights from offsets, never from screen
coordinates, so every screen line keeps the span [start, end) of the canonical text it shows.
Wrapping is greedy at spaces; text with no wide or zero-width characters (the usual case) takes a
fast path where one character is one cell, so a multi-megabyte article wraps in well under a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from itertools import repeat
from typing import Literal

from rich.cells import cell_len, get_character_cell_size

from library.display import for_display_cells
from library.model import Article, BlockKind
from library.text import clean_inline, repeats_opening

LineKind = Literal["header", "blank", "text", "rule"]
# Characters that are not exactly one cell wide: East Asian wide/fullwidth, emoji, combining marks,
# zero-width characters. Blocks without them are wrapped by counting characters.
_NOT_ONE_CELL_CLASS = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0e31\u0e34-\u0e3a"
    "\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\u2e80-\u303e\u3041-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe2f\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
    "\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


@functools.cache
def _not_one_cell() -> re.Pattern[str]:
    """The pattern, compiled on first use (its ranges take ~2 ms to compile: not at startup)."""
    return re.compile(_NOT_ONE_CELL_CLASS)


PREFIX_CELLS: dict[BlockKind, int] = {"paragraph": 0, "heading": 0, "blockquote": 4, "list_item": 2}


@dataclass(frozen=True, slots=True)
class ScreenLine:
    """One screen line: what it shows and which canonical span it covers (text lines only)."""

    kind: LineKind
    start: int = -1
    end: int = -1
    block: int = -1  # index into article.blocks for text lines
    first: bool = False  # first line of its block (bullets are drawn there)
    header_style: str = ""  # for header lines: "section", "title", "subtitle", "byline", "url"
    header_text: str = ""


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one line of text into (start, end) spans of at most width cells."""
    width = max(1, width)
    if not text:
        return [(0, 0)]
    if text.isascii() or _not_one_cell().search(text) is None:  # ASCII: one cell each
        return _wrap_narrow(text, width)
    return _wrap_cells(text, width)


def _wrap_narrow(text: str, width: int) -> list[tuple[int, int]]:
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    _wrap_narrow_into(text, 0, len(text), width, starts, ends)
    return list(zip(starts, ends, strict=True))


def _wrap_narrow_into(
    text: str, pos: int, size: int, width: int, starts: array[int], ends: array[int]
) -> None:
    """`_wrap_narrow` for text[pos:size], appending absolute spans straight into the arrays."""
    add_start, add_end, rfind = starts.append, ends.append, text.rfind  # a re-wrap's hot loop
    while size - pos > width:
        cut = rfind(" ", pos, pos + width + 1)
        add_start(pos)
        if cut <= pos:  # one word longer than the line: break it
            pos += width
            add_end(pos)
        else:
            add_end(cut)
            pos = cut + 1
    add_start(pos)
    add_end(size)


_NARROW_CACHE: dict[int, tuple[Article, bytes]] = {}


def _narrow_blocks(article: Article) -> bytes:
    """For each block, 1 when every character is one cell wide (computed once per article)."""
    cached = _NARROW_CACHE.get(id(article))
    if cached is not None and cached[0] is article:
        return cached[1]
    text = article.text
    search = _not_one_cell().search
    flags = bytes(search(text, block.start, block.end) is None for block in article.blocks)
    _NARROW_CACHE.clear()  # one article is on screen at a time: keep only the latest
    _NARROW_CACHE[id(article)] = (article, flags)
    return flags


def _wrap_cells(text: str, width: int) -> list[tuple[int, int]]:
    # Cells are counted in what the reader draws: a bidi control or zero-width character is
    # drawn as a one-cell placeholder, the same length as the text.
    text = for_display_cells(text)
    spans: list[tuple[int, int]] = []
    start = 0
    cells = 0
    last_space = -1
    cells_at_space = 0
    for i, char in enumerate(text):
        size = get_character_cell_size(char)
        if char == " ":
            last_space, cells_at_space = i, cells
        if cells + size > width and i > start:
            if last_space > start:
                spans.append((start, last_space))
                start = last_space + 1
                cells = cells - cells_at_space - 1
            else:
                spans.append((start, i))
                start, cells = i, 0
            last_space = -1
        cells += size
    spans.append((start, len(text)))
    return spans


def article_header(article: Article) -> list[tuple[str, str]]:
    """The reader's header lines: section, title, standfirst, byline (authors · publication ·
    date), URL."""
    from annotations.citation.names import plain_author  # the citation package: on first use

    lines = [("section", article.section)] if article.section else []
    lines.append(("title", article.title))
    # A standfirst that only repeats the body's opening is shown once, in the body.
    if article.subtitle and not repeats_opening(article.subtitle, article.text):
        lines.append(("subtitle", article.subtitle))
    byline = " · ".join(
        part
        for part in (
            ", ".join(plain_author(a) for a in article.authors),
            article.publication or "",
            long_date(article.published),
        )
        if part
    )
    if byline:
        lines.append(("byline", byline))
    if article.url:
        lines.append(("url", article.url))
    lines.append(("rule", ""))
    return [(style, clean_inline(value)) for style, value in lines]


def long_date(iso: str | None) -> str:
    """'2011-07-13' → '13 July 2011' (the reader's header)."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


class Layout:
    """An article wrapped to a measure: a header, then each block's lines, blank lines between."""

    @classmethod
    def for_article(cls, article: Article, measure: int) -> Layout:
        """The layout of an article with its reader header."""
        return cls(article, measure, article_header(article))

    def __init__(self, article: Article, measure: int, header: list[tuple[str, str]]) -> None:
        self.measure = max(10, measure)
        self.article = article
        self._header: list[ScreenLine] = []
        for style, value in header:
            if style == "rule":
                self._header.append(ScreenLine("rule"))
                continue
            for start, end in wrap_spans(value, self.measure):
                self._header.append(
                    ScreenLine("header", header_style=style, header_text=value[start:end])
                )
        self._header.append(ScreenLine("blank"))
        # Text lines as parallel arrays: cheap to build and to bisect for millions of characters.
        self._starts = array("q")
        self._ends = array("q")
        self._blocks = array("l")
        self._ys = array("q")  # screen y of each text line
        text = article.text
        narrow = _narrow_blocks(article)
        starts, ends, blocks, ys = self._starts, self._ends, self._blocks, self._ys
        y = len(self._header)  # each block's first line; a blank line between blocks
        for index, block in enumerate(article.blocks):
            width = max(1, self.measure - PREFIX_CELLS[block.kind])
            before = len(starts)
            if narrow[index]:
                _wrap_narrow_into(text, block.start, block.end, width, starts, ends)
            else:
                for start, end in _wrap_cells(text[block.start : block.end], width):
                    starts.append(block.start + start)
                    ends.append(block.start + end)
            count = len(starts) - before
            blocks.extend(repeat(index, count))
            ys.extend(range(y, y + count))
            y += count + 1
        self.height = y

    @property
    def text_lines(self) -> int:
        """How many screen lines show article text."""
        return len(self._starts)

    def line(self, y: int) -> ScreenLine:
        """What screen line y shows."""
        if y < len(self._header):
            return self._header[y]
        index = self.text_index_at(y)
        if index is None:
            return ScreenLine("blank")
        start = self._starts[index]
        block = self._blocks[index]
        first = start == self.article.blocks[block].start
        return ScreenLine("text", start, self._ends[index], block, first)

    def text_index_at(self, y: int) -> int | None:
        """The index of the text line drawn at screen y, or None for header and blank lines."""
        i = bisect_right(self._ys, y) - 1
        if i >= 0 and self._ys[i] == y:
            return i
        return None

    def y_of_text_index(self, index: int) -> int:
        """The screen y of a text line."""
        return self._ys[index]

    def text_index_of_offset(self, offset: int) -> int:
        """The text line holding offset (offsets in block separators belong to the next block)."""
        if not self._starts:
            return 0
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0
        if (
            offset > self._ends[i]
            and i + 1 < len(self._starts)
            and self._blocks[i + 1] != self._blocks[i]
        ):
            return i + 1  # in the blank separator: the following block
        return i

    def y_of_offset(self, offset: int) -> int:
        """The screen y of the line showing offset."""
        if not self._starts:
            return len(self._header)
        return self._ys[self.text_index_of_offset(offset)]

    def span_of_text_index(self, index: int) -> tuple[int, int]:
        """The canonical span of a text line."""
        return self._starts[index], self._ends[index]

    def column_of_offset(self, offset: int) -> int:
        """The cell column of offset within its line (prefix not included)."""
        index = self.text_index_of_offset(offset)
        start = self._starts[index]
        return cell_len(for_display_cells(self.article.text, start, max(start, offset)))

    def offset_in_line(self, index: int, column: int) -> int:
        """The offset at a cell column of a text line, clamped to the line."""
        start, end = self._starts[index], self._ends[index]
        if column <= 0:
            return start
        segment = self.article.text[start:end]
        if _not_one_cell().search(segment) is None:
            return min(end, start + column) if end > start else start
        segment = for_display_cells(self.article.text, start, end)  # the cells as drawn
        cells = 0
        for i, char in enumerate(segment):
            cells += get_character_cell_size(char)
            if cells > column:
                return start + i
        return end

    def block_kind(self, block: int) -> BlockKind:
        """The kind of block number block."""
        return self.article.blocks[block].kind
