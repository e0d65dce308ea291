"""Double quotation marks: which ones open or close a quotation, how they pair, and the marks
put around a quotation shown to the user, never doubling a mark its words already carry.

Light on purpose: the reader, the board and `margin list` wrap quotes in marks without loading
the citation styles, which build on it (`annotations.citation.quotes`).
"""

from __future__ import annotations

import re

OPEN, CLOSE = "\u201c", "\u201d"
_OPENS_BEFORE = re.compile(r"[\s(\[{\u2014\u2013-]")
_DOUBLE = re.compile('[\u201c\u201d"]')
_EDGE_OPEN, _EDGE_CLOSE = '\u201c"', '\u201d"'  # marks a quotation's words may start or end with


def framed(value: str) -> str:
    """value inside quotation marks, a mark it opens or closes with standing as one of them."""
    opening, words, closing = frame(value)
    return f"{opening}{words}{closing}"


def frame_words(quote: str, place: str | None) -> tuple[str, str, str]:
    """`frame` of a highlight's words; for a note on no words, where it was written
    ("note at 300"), in no marks: no empty quotation is shown."""
    if not quote and place:
        return "", f"note at {place}", ""
    return frame(quote)


def frame(value: str) -> tuple[str, str, str]:
    """The marks to put around a quotation and the words between them: a double mark the words
    open or close with (one with no partner inside them, or the pair enclosing them all) is that
    mark itself, never doubled (“Secure…” is not shown as ““Secure…”)."""
    end = len(value) - 1
    if end < 1 or not (value[0] in _EDGE_OPEN or value[end] in _EDGE_CLOSE):
        return OPEN, value, CLOSE  # most quotes: no mark at either edge
    partner = {i: j for a, b in pairs(value) for i, j in ((a, b), (b, a))}
    lead = value[0] in _EDGE_OPEN and role(value, 0) == "open" and partner.get(0, end) == end
    tail = value[end] in _EDGE_CLOSE and role(value, end) == "close" and partner.get(end, 0) == 0
    # A straight mark at one edge gets a straight one at the other.
    opening = value[0] if lead else '"' if tail and value[end] == '"' else OPEN
    closing = value[end] if tail else '"' if lead and value[0] == '"' else CLOSE
    return opening, value[1 if lead else 0 : end if tail else end + 1], closing


def pairs(value: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the paired double quotes in value, inner pairs first."""
    found: list[tuple[int, int]] = []
    stack: list[int] = []
    for mark in _DOUBLE.finditer(value):
        i = mark.start()
        kind = role(value, i)
        if kind == "open":
            stack.append(i)
        elif kind == "close" and stack:
            found.append((stack.pop(), i))
    return found


def role(value: str, i: int) -> str | None:
    """Whether the double quote at i opens or closes a quotation, or is neither (an inch mark)."""
    ch = value[i]
    if ch == "\u201c":
        return "open"
    if ch == "\u201d":
        return "close"
    before = value[i - 1] if i else ""
    after = value[i + 1] if i + 1 < len(value) else ""
    if not before or _OPENS_BEFORE.match(before):
        return "open" if after and not after.isspace() else None
    if before.isdigit():
        return None  # 6" pipe, 10' 4": a measurement, not a quotation
    return "close"
