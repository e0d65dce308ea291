"""The plain style: “Quote” — Speaker, “Title,” Publication, 13 July 2011.

No manual governs it, so the title is printed as stored; the quote and the title follow the same
American punctuation as the manual styles.
"""

from __future__ import annotations

from annotations.citation.names import join_and
from annotations.citation.quotes import CLOSE, OPEN, Quoted, Shown, elements, nest_quotes
from annotations.citation.source import QuoteStyle, Source
from library.dates import format_date

# The citations last written, by what they are made of: an export formats every highlight of an
# article (most by its authors, no speaker) with the same one.
_tails: dict[tuple[object, ...], str] = {}


def render(src: Source) -> str:
    """The quote, a dash, then who said it and where."""
    m = src.m
    key = (m.kind, src.speaker, *src.authors, None, src.title, src.publication, src.published)
    tail = _tails.get(key)
    if tail is None:
        if len(_tails) >= 64:
            _tails.clear()
        tail = _tails[key] = _tail(src)
    quote = f"{OPEN}{m.esc(src.prose_quote)}{CLOSE}"
    return m.lines([f"{quote} \u2014 {tail}" if tail else quote])


def _tail(src: Source) -> str:
    """Who said it and where: "Speaker, “Title,” Publication, 13 July 2011"."""
    m = src.m
    who = src.speaker or join_and([n.natural for n in src.names])
    title = nest_quotes(src.title)
    when = format_date(src.published, "dmy") if src.published else ""
    return elements(
        [
            Shown(who, m.esc(who)),
            Quoted(title, m.esc(title)),
            Shown(src.publication, m.esc(src.publication)),
            Shown(when, m.esc(when)),
        ]
    )


STYLE = QuoteStyle(
    "plain", "“Quote” — Speaker, “Title,” Publication, 13 July 2011.", render, reads_text=False
)
