"""Chicago 17 notes and bibliography: the quote, the full note, then the bibliography entry.

Note: Maria Sacchetti, “Boston Threatens to Withdraw from Secure Communities,” Boston Globe,
July 13, 2011, https://….
Bibliography: Sacchetti, Maria. “Boston Threatens to Withdraw from Secure Communities.” Boston
Globe, July 13, 2011. https://….
Headline-style titles (8.159), a newspaper's initial "The" dropped (the manual's Q&A on
periodical titles), no comma before Jr. in a name in natural order (6.43). Both forms come in
one copy, as MLA's and APA's in-text form comes with its list entry: the note goes at the foot
of the page, the entry at the end.
"""

from __future__ import annotations

from annotations.citation.names import Name, join_and
from annotations.citation.parenthetical import plain_quote
from annotations.citation.quotes import Quoted, Shown, elements, nest_quotes
from annotations.citation.source import QuoteStyle, Source
from annotations.citation.titles import without_the
from library.dates import format_date


def _note_authors(names: list[Name]) -> str:
    shown = [n.natural for n in names]
    if len(shown) >= 4:
        return f"{shown[0]} et al."  # 14.76: four or more authors, the first and et al. in a note
    return join_and(shown)


def _bibliography_authors(names: list[Name]) -> str:
    if not names:
        return ""
    if len(names) > 10:
        names = names[:7]  # 14.76: more than ten, the first seven and et al.
        shown = [names[0].inverted, *(n.natural for n in names[1:])]
        return ", ".join(shown) + ", et al."
    shown = [names[0].inverted, *(n.natural for n in names[1:])]
    if len(shown) == 2:
        return f"{shown[0]}, and {shown[1]}"
    return join_and(shown)


def _parts(src: Source) -> tuple[str, str, str]:
    """Title (headline style, inner quotes nested), periodical and date as text."""
    title = src.headline(nest_quotes(src.title), "chicago")
    publication = without_the(src.publication)
    if src.published:
        when = format_date(src.published, "mdy")
    elif src.url:
        # 14.12: an online source with no date gets the date it was consulted.
        when = f"accessed {format_date(src.accessed, 'mdy')}"
    else:
        when = "n.d."
    return title, publication, when


def note(src: Source) -> str:
    """The full note."""
    m = src.m
    title, publication, when = _parts(src)
    authors = _note_authors(src.names)
    text = elements(
        [
            Shown(authors, m.esc(authors)),
            Quoted(title, m.esc(title)),
            Shown(publication, m.italic(publication)),
            Shown(when, m.esc(when)),
            Shown(src.url, m.url(src.url)),
        ]
    )
    # 14.260: words spoken by someone else are cited "quoted in" the work that reports them.
    return f"{m.esc(src.speaker)}, quoted in {text}" if src.speaker else text


def bibliography(src: Source) -> str:
    """The bibliography entry; with no author the newspaper stands in the author's place."""
    m = src.m
    title, publication, when = _parts(src)
    authors = _bibliography_authors(src.names)
    lead = Shown(authors, m.esc(authors)) if authors else None
    if lead is None and publication:
        lead = Shown(publication, m.italic(publication))
        publication = ""
    accessed = ""
    if when.startswith("accessed"):  # its own sentence in a bibliography: Accessed March 5, 2024.
        accessed, when = "A" + when[1:], ""
    sections = [
        elements([lead]),
        elements([Quoted(title, m.esc(title))]),
        elements([Shown(publication, m.italic(publication)), Shown(when, m.esc(when))]),
        elements([Shown(accessed, m.esc(accessed))]),
        elements([Shown(src.url, m.url(src.url))]),
    ]
    return " ".join(s for s in sections if s)


def render(src: Source) -> str:
    """The quote, the note, then the bibliography entry."""
    return src.m.lines([plain_quote(src), note(src), bibliography(src)])


STYLE = QuoteStyle(
    "chicago", "Chicago 17: quote, the full note, then the bibliography entry", render
)
