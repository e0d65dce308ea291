"""The plain style: “Quote” — Speaker, “Title,” Publication, 13 July 2011.

No manual governs it, so the title is printed as stored; the quote and the title follow the same
American punctuation as the manual styles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotations.citation.markup import Marks
from annotations.citation.names import join_and
from annotations.citation.quotes import CLOSE, OPEN, Quoted, Shown, elements, nest_quotes, run_in
from annotations.citation.source import QuoteStyle, Source, clean, source_of
from annotations.model import Annotation
from library.dates import format_date
from library.model import ArticleMeta


def render(src: Source) -> str:
    """The quote, a dash, then who said it and where."""
    return _line(src.m, src.prose_quote, _tail(src))


def prepare(article: ArticleMeta, fields: dict[str, Any]) -> Callable[[Annotation], str]:
    """render for each highlight of article (its cleaned fields given): the citation is made
    once for each speaker, only the quote for each highlight."""
    m: Marks = fields["m"]
    tails: dict[str | None, str] = {}  # by the highlight's speaker as stored

    def quote(annotation: Annotation) -> str:
        tail = tails.get(annotation.speaker)
        if tail is None:
            tail = tails[annotation.speaker] = _tail(source_of(annotation, article, fields))
        return _line(m, nest_quotes(run_in(clean(annotation.quote))), tail)

    return quote


def _line(m: Marks, prose_quote: str, tail: str) -> str:
    quote = f"{OPEN}{m.esc(prose_quote)}{CLOSE}"
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
    "plain",
    "“Quote” — Speaker, “Title,” Publication, 13 July 2011.",
    render,
    prepare=prepare,
    reads_text=False,
)
