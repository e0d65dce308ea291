"""Selection helpers: sentence, word and paragraph spans of a text, and the reader's cursor motions.

`TextIndex` splits a text once into paragraphs (blank-line separated, or the article's blocks) and
splits each paragraph into sentences and words only when first asked, so every key press costs a
bisection, even on a 5 MB article. The module-level functions wrap a small cache of indexes.
Spans are half-open [start, end) character offsets, trimmed of surrounding whitespace; a sentence
never crosses a paragraph boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from library.model import Block

Span = tuple[int, int]
Unit = Literal["char", "word", "sentence", "paragraph"]

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_WORD = re.compile(r"\w+(?:(?:['’\-‐.]|(?<=\d)[,:](?=\d))\w+)*")
_OPENERS = "\"'“‘„‚«‹([{¿¡*_"
_CLOSERS = "\"'”’»›)]}"
# A run of sentence-ending punctuation, the closing quotes and brackets after it, then a space.
_TERMINAL = re.compile(f"[.!?…‽]+[{re.escape(_CLOSERS)}]*(?=\\s|$)")

# Abbreviations that never end a sentence: titles before a name, and Latin shorthands.
_NEVER_FINAL = frozenset({
    "mr", "mrs", "ms", "mx", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "rev", "hon", "pres", "supt", "det", "insp", "mt", "ft", "vs", "v", "e.g", "i.e",
    "cf", "viz", "approx", "ca",
})  # fmt: skip
_MONTHS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})  # fmt: skip
# Abbreviations that stand before a number (No. 5, Jan. 12, pp. 3-9).
_BEFORE_NUMBER = _MONTHS | {
    "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "art", "ch", "sec", "para", "ed", "op",
    "est",
}  # fmt: skip
# Abbreviations that may end a sentence: they do when the next word is a usual sentence opener.
_MAYBE_FINAL = _MONTHS | {
    "inc", "corp", "ltd", "co", "jr", "sr", "st", "bros", "plc", "llc", "dept", "univ", "assn",
    "ave", "blvd", "rd",
}  # fmt: skip
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")  # U.S, D.C, a.m, J.R.R, or W (initial)
_LIST_MARK = re.compile(r"\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[A-Za-z]")
# Capitalised words that usually open a sentence rather than continue a name after an initial or
# an abbreviation: "in the U.S. The company" splits; "U.S. President" and "George W. Bush" do not.
_OPENER_WORDS = frozenset({
    "The", "A", "An", "And", "But", "Or", "So", "Yet", "Nor", "For", "He", "She", "It", "They",
    "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My", "Your", "This", "That", "These",
    "Those", "There", "Here", "Then", "Now", "When", "While", "Where", "What", "Which", "Who",
    "Whom", "Whose", "Why", "How", "If", "In", "On", "At", "As", "By", "From", "To", "With",
    "Without", "After", "Before", "Since", "Until", "Although", "Though", "Because", "However",
    "Meanwhile", "Moreover", "Furthermore", "Still", "Also", "Instead", "Thus", "Therefore",
    "Indeed", "Yes", "No", "Not", "Some", "Many", "Most", "Much", "All", "Each", "Every", "Both",
    "Either", "Neither", "One", "Two", "Three", "Few", "Several", "Such", "Other", "Another",
    "Last", "Next", "First", "Later", "Earlier", "Today", "Yesterday", "Tomorrow", "Only", "Even",
    "Just", "Once", "Over", "Under", "Despite", "During", "Among", "Between", "Unlike", "Like",
    "Mr", "Mrs", "Ms", "Dr",
})  # fmt: skip


def _first_word(text: str, at: int) -> str:
    """The word that starts at or after at, with opening quotes and brackets skipped."""
    length = len(text)
    while at < length and text[at].isspace():
        at += 1
    while at < length and text[at] in _OPENERS:
        at += 1
    end = at
    while end < length and (text[end].isalnum() or text[end] in "'’-"):
        end += 1
    return text[at:end] if end > at else text[at : at + 1]


def _ends_sentence(para: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether the terminal punctuation para[start:end] (closers included) ends a sentence."""
    after = _first_word(para, end)
    if not after:
        return True
    lead = after[0]
    if lead.islower():
        return False  # "e.g. the", "“Is it?” she asked", "… and then"
    if not lead.isalnum():
        return lead not in ".,;:"  # ". . ." spaced ellipsis, or a stray full stop
    marks = para[start:end].rstrip(_CLOSERS)
    if marks != "." or len(marks) < end - start:
        return True  # ? ! … ..., or a full stop inside closing quotes: "He said “No.” Then"
    token_start = start
    while token_start > sentence_start and not para[token_start - 1].isspace():
        token_start -= 1
    token = para[token_start:start].lstrip(_OPENERS)
    key = token.lower()
    if key in _NEVER_FINAL:
        return False
    if lead.isdigit():
        return key not in _BEFORE_NUMBER
    if token_start <= sentence_start and _LIST_MARK.fullmatch(token):
        return False  # "1. First", "b. Second", "IV. Results"
    if key == "etc":
        return True
    if key in _MAYBE_FINAL or _INITIALISM.fullmatch(token):
        return after in _OPENER_WORDS
    return True


def split_sentences(para: str) -> list[Span]:
    """Sentence spans of one paragraph (offsets into it), trimmed, covering all its non-space text.

    Splits after . ! ? … (and closing quotes or brackets) followed by a space, except after an
    abbreviation, an initial or a list number, or before a lower-case word.
    """
    spans: list[Span] = []
    length = len(para)
    start = 0
    while start < length and para[start].isspace():
        start += 1
    if start == length:
        return spans
    for found in _TERMINAL.finditer(para, start):
        begin, end = found.span()
        if end >= length or begin < start:
            continue
        if _ends_sentence(para, start, begin, end):
            spans.append((start, end))
            start = end
            while start < length and para[start].isspace():
                start += 1
    stop = length
    while stop > start and para[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append((start, stop))
    return spans


def _paragraph_spans(text: str) -> list[Span]:
    """Paragraph spans: text between blank lines, trimmed, empty ones skipped."""
    spans: list[Span] = []
    start = 0
    for found in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = found.start() if found else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = start + len(piece) - len(piece.lstrip())
            spans.append((lead, lead + len(stripped)))
        if found:
            start = found.end()
    return spans


class TextIndex:
    """Paragraph, sentence and word spans of one text, with the cursor motions over them.

    Build one per text (or use the module functions, which cache a few); lookups are bisections.
    Pass the article's blocks to take paragraphs from them instead of from blank lines.
    """

    def __init__(self, text: str, blocks: Sequence[Block] | None = None) -> None:
        self.text = text
        if blocks is None:
            paragraphs = _paragraph_spans(text)
        else:
            paragraphs = []
            for block in blocks:
                piece = text[block.start : block.end]
                stripped = piece.strip()
                if stripped:
                    lead = block.start + len(piece) - len(piece.lstrip())
                    paragraphs.append((lead, lead + len(stripped)))
        self._paragraphs = paragraphs
        self._paragraph_starts = [s for s, _ in paragraphs]
        self._paragraph_ends = [e for _, e in paragraphs]
        self._sentences: dict[int, tuple[list[int], list[int]]] = {}
        self._words: dict[int, tuple[list[int], list[int]]] = {}

    # -- span lists -----------------------------------------------------------------------------

    @property
    def paragraphs(self) -> list[Span]:
        """All paragraph spans, in order."""
        return list(self._paragraphs)

    @property
    def sentences(self) -> list[Span]:
        """All sentence spans, in order."""
        return self._all("sentence")

    @property
    def words(self) -> list[Span]:
        """All word spans, in order."""
        return self._all("word")

    def _all(self, unit: Unit) -> list[Span]:
        out: list[Span] = []
        for p in range(len(self._paragraphs)):
            starts, ends = self._units(unit, p)
            out.extend(zip(starts, ends, strict=True))
        return out

    def _units(self, unit: Unit, p: int) -> tuple[list[int], list[int]]:
        """Starts and ends of the units of paragraph p (computed on first use)."""
        if unit == "paragraph":
            return [self._paragraph_starts[p]], [self._paragraph_ends[p]]
        cache = self._sentences if unit == "sentence" else self._words
        found = cache.get(p)
        if found is None:
            base, stop = self._paragraphs[p]
            para = self.text[base:stop]
            if unit == "sentence":
                spans = split_sentences(para)
            else:
                spans = [m.span() for m in _WORD.finditer(para)]
            found = ([base + s for s, _ in spans], [base + e for _, e in spans])
            cache[p] = found
        return found

    def _paragraph_from(self, offset: int) -> int:
        """Index of the paragraph containing offset, or of the first one after it."""
        p = bisect_right(self._paragraph_starts, offset) - 1
        if p < 0:
            return 0
        return p if offset < self._paragraph_ends[p] else p + 1

    # -- lookups --------------------------------------------------------------------------------

    def unit_at(self, unit: Unit, offset: int) -> Span | None:
        """The unit containing offset, or the nearest following one (None past the last)."""
        if unit == "char":
            return (offset, offset + 1) if 0 <= offset < len(self.text) else None
        for p in range(self._paragraph_from(offset), len(self._paragraphs)):
            starts, ends = self._units(unit, p)
            i = bisect_right(ends, offset)
            if i < len(ends):
                return starts[i], ends[i]
        return None

    def next_start(self, unit: Unit, offset: int) -> int:
        """Start of the first unit that starts after offset; offset itself when there is none."""
        if unit == "char":
            return min(offset + 1, len(self.text))
        for p in range(self._paragraph_from(offset), len(self._paragraphs)):
            starts, _ = self._units(unit, p)
            i = bisect_right(starts, offset)
            if i < len(starts):
                return starts[i]
        return offset

    def prev_start(self, unit: Unit, offset: int) -> int:
        """Start of the last unit that starts before offset; offset itself when there is none."""
        if unit == "char":
            return max(offset - 1, 0)
        p = min(bisect_left(self._paragraph_starts, offset), len(self._paragraphs)) - 1
        while p >= 0:
            starts, _ = self._units(unit, p)
            i = bisect_left(starts, offset)
            if i:
                return starts[i - 1]
            p -= 1
        return offset

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing offset, or the next one."""
        return self.unit_at("sentence", offset)

    def word_at(self, offset: int) -> Span | None:
        """The word containing offset, or the next one."""
        return self.unit_at("word", offset)

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph containing offset, or the next one."""
        return self.unit_at("paragraph", offset)

    def extend(self, anchor: int, head: int, unit: Unit = "char") -> Span:
        """The selection between anchor and head, ordered, clamped, and grown to whole units.

        With unit "char" the span is [min, max); otherwise it runs from the start of the unit at
        the earlier end to the end of the unit at the later one (the reader extends by the motion
        the user pressed, so `]` twice from a sentence selects three sentences).
        """
        length = len(self.text)
        start = min(max(min(anchor, head), 0), length)
        end = min(max(max(anchor, head), 0), length)
        if unit == "char":
            return start, end
        first = self.unit_at(unit, start)
        if first is None:
            return start, end
        last = self._unit_before_or_at(unit, end) or first
        return min(first[0], start), max(last[1], first[1])

    def _unit_before_or_at(self, unit: Unit, offset: int) -> Span | None:
        """The unit containing offset, else the last one before it."""
        found = self.unit_at(unit, offset)
        if found is not None and found[0] <= offset:
            return found
        begin = self.prev_start(unit, offset)
        if begin == offset:
            return None
        return self.unit_at(unit, begin)

    def snap_to_words(self, start: int, end: int) -> Span:
        """The range grown to whole words at both ends and trimmed of surrounding whitespace.

        An empty range inside a word becomes that word.
        """
        length = len(self.text)
        start, end = sorted((min(max(start, 0), length), min(max(end, 0), length)))
        head = self.unit_at("word", start)
        if head is not None and head[0] < start:
            start = head[0]
        if end == start and head is not None and head[0] <= start < head[1]:
            return head
        tail = self.unit_at("word", max(end - 1, 0))
        if tail is not None and tail[0] < end < tail[1]:
            end = tail[1]
        piece = self.text[start:end]
        stripped = piece.strip()
        if not stripped:
            return start, start
        lead = len(piece) - len(piece.lstrip())
        return start + lead, start + lead + len(stripped)


@lru_cache(maxsize=4)
def text_index(text: str) -> TextIndex:
    """The (cached) index of text; the module functions below all use it."""
    return TextIndex(text)


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans of text: sorted, non-overlapping, trimmed, never across a blank line."""
    return text_index(text).sentences


def word_spans(text: str) -> list[Span]:
    """Word spans of text (letters and digits, with inner apostrophes, hyphens and dots)."""
    return text_index(text).words


def paragraph_spans(text: str) -> list[Span]:
    """Paragraph spans of text: the stretches between blank lines, trimmed."""
    return text_index(text).paragraphs


def sentence_at(text: str, offset: int) -> Span | None:
    """The sentence containing offset, or the nearest following one."""
    return text_index(text).sentence_at(offset)


def word_at(text: str, offset: int) -> Span | None:
    """The word containing offset, or the nearest following one."""
    return text_index(text).word_at(offset)


def paragraph_at(text: str, offset: int) -> Span | None:
    """The paragraph containing offset, or the nearest following one."""
    return text_index(text).paragraph_at(offset)


def next_sentence(text: str, offset: int) -> int:
    """Start of the next sentence (offset itself at the end)."""
    return text_index(text).next_start("sentence", offset)


def prev_sentence(text: str, offset: int) -> int:
    """Start of the current sentence if offset is inside it, else of the previous one."""
    return text_index(text).prev_start("sentence", offset)


def next_word(text: str, offset: int) -> int:
    """Start of the next word (offset itself at the end)."""
    return text_index(text).next_start("word", offset)


def prev_word(text: str, offset: int) -> int:
    """Start of the current word if offset is inside it, else of the previous one."""
    return text_index(text).prev_start("word", offset)


def next_paragraph(text: str, offset: int) -> int:
    """Start of the next paragraph (offset itself at the end)."""
    return text_index(text).next_start("paragraph", offset)


def prev_paragraph(text: str, offset: int) -> int:
    """Start of the current paragraph if offset is inside it, else of the previous one."""
    return text_index(text).prev_start("paragraph", offset)


def extend(text: str, anchor: int, head: int, unit: Unit = "char") -> Span:
    """The selection from anchor to head as an ordered span (grown to whole units if unit given)."""
    return text_index(text).extend(anchor, head, unit)


def snap_to_words(text: str, start: int, end: int) -> Span:
    """The range grown to whole words and trimmed of surrounding whitespace."""
    return text_index(text).snap_to_words(start, end)
