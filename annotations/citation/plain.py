"""The plain style: “Quote” — Speaker, “Title,” Publication, 13 July 2011.

A highlight in a paginated source ends with where it is: "…, 13 July 2011, p. 12." or
"pp. 11–12" when it spans pages (a chapter "ch. 3", a Kindle location "loc. 1234").

No manual governs it, so the title is printed as stored; the quote and the title follow the same
American punctuation as the manual styles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotations.citation.locators import cite_locator, locate
from annotations.citation.markup import Marks
from annotations.citation.names import join_and
from annotations.citation.quotes import Quoted, Shown, elements, nest_quotes, prose_frame
from annotations.citation.source import QuoteStyle, Source, clean, source_of
from annotations.model import Annotation
from library.dates import format_date
from library.model import ArticleMeta


def render(src: Source) -> str:
    """The quote, a dash, then who said it and where."""
    return _line(src.m, src.prose_frame, _tail(src))


def prepare(article: ArticleMeta, fields: dict[str, Any]) -> Callable[[Annotation], str]:
    """render for each highlight of article (its cleaned fields given): the citation is made
    once for each speaker, only the quote for each highlight."""
    m: Marks = fields["m"]
    # By the highlight's speaker as stored and its locator ("" for none).
    tails: dict[tuple[str | None, str], str] = {}

    def quote(annotation: Annotation) -> str:
        key = (annotation.speaker, cite_locator(locate(annotation, article), "plain"))
        tail = tails.get(key)
        if tail is None:
            tail = tails[key] = _tail(source_of(annotation, article, fields))
        return _line(m, prose_frame(clean(annotation.quote), annotation.place), tail)

    return quote


def _line(m: Marks, prose_frame: tuple[str, str, str], tail: str) -> str:
    opening, words, closing = prose_frame
    quote = f"{opening}{m.esc(words)}{closing}"
    return m.lines([f"{quote} \u2014 {tail}" if tail else quote])


def _tail(src: Source) -> str:
    """Who said it and where: "Speaker, “Title,” Publication, 13 July 2011, p. 12"."""
    m = src.m
    who = src.speaker or join_and([n.natural for n in src.names])
    title = nest_quotes(src.title)
    when = format_date(src.published, "dmy") if src.published else ""
    where = cite_locator(src.locator, "plain")
    return elements(
        [
            Shown(who, m.esc(who)),
            Quoted(title, m.esc(title)),
            Shown(src.publication, m.esc(src.publication)),
            Shown(when, m.esc(when)),
            Shown(where, m.esc(where)),
        ]
    )


STYLE = QuoteStyle(
    "plain",
    "“Quote” — Speaker, “Title,” Publication, 13 July 2011, p. 12.",
    render,
    prepare=prepare,
    reads_text=False,
    reads_pages=True,  # the page of a highlight in a paginated source
)
