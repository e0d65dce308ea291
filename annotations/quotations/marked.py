"""Where a text's words stand inside quote marks, read from the marks alone.

`margin verify` asks whether a draft quotation runs past the source's quotation into the
writer's narration. It answers from the source's marks, not from the quotation detector, which
leaves out titles, scare quotes and an essay's sayings, and can miss or misplace a quotation in
an unusual house style. A mark opens or closes by where it stands: a space (or a bracket, a
dash, another mark) before it and a word after it opens; a word or punctuation before it and no
word after it closes. Its shape decides only where its place does not, so »…«, „…“, ‚…‘,
''…'', 「…」 and spaced French « … » all read right. Each line (paragraph) is read on its own: a
quotation left open runs to the line's end, and a line whose first double mark closes goes on
with a quotation from the line before (a quotation over several paragraphs). Single marks make
a stretch only as a pair in one line, outside double ones, so apostrophes (don’t, ’90s, the
Smiths’) are not read as quotations left open, and a plural's apostrophe inside them (‘we liked
the Smiths’ house,’) closes one only when no other close follows before the next opening mark.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from annotations.quotations.spans import ELIDED, OPENS_AFTER, TYPEWRITER_PAIRS

__all__ = ["DOUBLE_MARKS", "SINGLE_MARKS", "quoted_stretches"]

DOUBLE_MARKS = '"“”„‟«»「」『』'
SINGLE_MARKS = "'‘’‚‛‹›"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_DOUBLE = re.compile(rf"{TYPEWRITER_PAIRS}|[{DOUBLE_MARKS}]")  # the pairs first, as in spans
_ANY = re.compile(rf"[{QUOTE_MARKS}`]")
_SINGLE = re.compile(rf"[{SINGLE_MARKS}]")
_OPENING_SHAPES = frozenset(("“", "„", "‟", "«", "「", "『", "``", "‘‘", "‘", "‚", "‛", "‹"))
_CLOSING_SHAPES = frozenset(("”", "»", "」", "』", "’’", "’", "›"))
_APOSTROPHES = frozenset("\"'’‘")  # between two letters: don’t, a wire's Kuwait"s
_OPENS_AFTER = frozenset(OPENS_AFTER + QUOTE_MARKS)
_STRAIGHT = frozenset(('"', "''"))
# A plural's apostrophe before the word it owns, read as a close only when no other follows.
_PLURAL = re.compile(r"s[’'] [^\W\d_]", re.IGNORECASE)


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """The [start, end) offsets of every stretch of text inside quote marks (the outermost
    marks, excluded), in order and never overlapping."""
    found: list[tuple[int, int]] = []
    done = 0
    for mark in _ANY.finditer(text):
        if mark.start() < done:
            continue  # its line is read
        start = text.rfind("\n", 0, mark.start()) + 1
        end = text.find("\n", mark.start())
        done = len(text) if end < 0 else end
        found += _line(text, start, done)
    return found


def _line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quoted stretches of the line text[start:end]."""
    found: list[tuple[int, int]] = []
    depth = 0
    opened = start
    first = True
    doubles: list[int] = []  # where double marks' characters stand, in order
    for mark in _DOUBLE.finditer(text, start, end):
        doubles += range(mark.start(), mark.end())
        role = _role(text, mark.start(), mark.end(), start, end)
        if role == "close" and depth and _measure(text, mark.start(), mark.end()):
            role = "measure"  # "the 6" pipe was not safe": a measure, not the close
        if role == "open":
            if not depth:
                opened = mark.end()
            depth += 1
        elif role == "close" and depth:
            depth -= 1
            if not depth:
                found.append((opened, mark.start()))
        elif role == "close" and first and not _measure(text, mark.start(), mark.end()):
            found.append((start, mark.start()))  # a quotation goes on from the line before
        first = first and role is None
    if depth:
        found.append((opened, end))
    singles: list[tuple[int, int]] = []
    pending: int | None = None
    held: int | None = None  # a close that may be a plural's apostrophe (the Smiths’ house)
    for mark in _SINGLE.finditer(text, start, end):
        at = mark.start()
        if _any_in(doubles, at, at + 1) or _inside(found, at):
            continue  # half of a typewriter pair, or inside a double quotation
        if pending is not None and _any_in(doubles, pending, at):
            pending = None  # a pair of single marks never holds a double one
        role = _role(text, at, mark.end(), start, end)
        if role == "open" and held is not None and pending is not None:
            singles.append((pending, held))  # the held close was the quotation's
            pending = held = None
        if role == "open" and pending is None and not ELIDED.match(text, mark.end()):
            pending = mark.end()
        elif role == "close" and pending is not None and _PLURAL.match(text, at - 1):
            held = at  # a later close before the next opening mark is the quotation's
        elif role == "close" and pending is not None:
            singles.append((pending, at))
            pending = held = None
    if pending is not None and held is not None:
        singles.append((pending, held))
    return sorted(found + singles)


def _any_in(offsets: Sequence[int], start: int, end: int) -> bool:
    """Whether an offset of an ordered list stands in [start, end)."""
    at = bisect_left(offsets, start)
    return at < len(offsets) and offsets[at] < end


def _inside(stretches: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether one of the ordered stretches holds offset."""
    at = bisect_right(stretches, offset, key=lambda q: q[0]) - 1
    return at >= 0 and stretches[at][0] <= offset < stretches[at][1]


def _role(text: str, start: int, end: int, line_start: int, line_end: int) -> str | None:
    """Whether the mark text[start:end] opens or closes a quotation, or neither (an
    apostrophe, a straight mark standing alone)."""
    mark = text[start:end]
    before = text[start - 1] if start > line_start else " "
    after = text[end] if end < line_end else " "
    if mark in _APOSTROPHES and before.isalnum() and after.isalnum():
        return None
    opens = (before.isspace() or before in _OPENS_AFTER) and not after.isspace()
    closes = not before.isspace() and before not in "([{" and not after.isalnum()
    if opens != closes:
        return "open" if opens else "close"
    if mark in _OPENING_SHAPES:
        return "open"
    if mark in _CLOSING_SHAPES:
        return "close"
    return None


def _measure(text: str, start: int, end: int) -> bool:
    """Whether a straight mark after a digit is a measure (6" pipe, 5'' tall)."""
    return text[start:end] in _STRAIGHT and start > 0 and text[start - 1].isdigit()
