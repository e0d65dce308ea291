"""MLA 9: the quote with its parenthetical citation, then the works-cited entry.

Entry: Sacchetti, Maria. “Boston Threatens to Withdraw from Secure Communities.” The Boston
Globe, 13 July 2011, www.boston.com/…. Accessed 5 Mar. 2024. Titles in headline style, the
container in italics, months of more than four letters abbreviated, the URL without
its scheme, and an access date for an online work.
"""

from __future__ import annotations

from annotations.citation.names import Name
from annotations.citation.parenthetical import plain_quote, with_parenthetical
from annotations.citation.quotes import (
    CLOSE,
    OPEN,
    Shown,
    elements,
    ends_with_question,
    nest_quotes,
    sentence,
)
from annotations.citation.source import QuoteStyle, Source
from annotations.citation.titles import short_title
from library.dates import format_date


def _authors(names: list[Name]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0].inverted
    if len(names) == 2:
        return f"{names[0].inverted}, and {names[1].natural}"
    return f"{names[0].inverted}, et al."


def _listed_authors(src: Source) -> list[Name]:
    """The authors the entry names: a group that is also the publication is named once (MLA 9
    5.19 skips an author who is the publisher), as the container."""
    names = src.names
    if (
        len(names) == 1
        and names[0].group
        and names[0].family.casefold() == (src.publication.casefold())
    ):
        return []
    return names


def in_text(src: Source) -> str:
    """(Sacchetti), (Sacchetti and Ellement), (Sacchetti et al.), (“Short Title”), (qtd. in …)."""
    m = src.m
    names = _listed_authors(src)
    if names:
        shorts = [n.short for n in names]
        cite = m.esc(f"{shorts[0]} et al." if len(shorts) > 2 else " and ".join(shorts))
    elif src.title:
        short = src.headline(nest_quotes(short_title(src.title)), "mla")
        cite = f"{OPEN}{m.esc(short)}{CLOSE}"
    else:
        cite = m.italic(src.publication) if src.publication else ""
    if src.speaker:
        return f"qtd. in {cite}" if cite else ""
    return cite


def entry(src: Source) -> str:
    """The works-cited entry."""
    m = src.m
    head: list[str] = []
    authors = _authors(_listed_authors(src))
    if authors:
        head.append(m.esc(sentence(authors)))
    if src.title:
        title = src.headline(nest_quotes(src.title), "mla")
        stop = "" if ends_with_question(title) else "."
        head.append(f"{OPEN}{m.esc(title)}{stop}{CLOSE}")
    when = format_date(src.published, "dmy", abbreviate=True) if src.published else ""
    container = elements(
        [
            Shown(src.publication, m.italic(src.publication)),
            Shown(when, m.esc(when)),
            Shown(src.bare_url, m.url(src.bare_url)),
        ]
    )
    accessed = format_date(src.accessed, "dmy", abbreviate=True)
    # MLA 9 recommends the access date for online works (the only ones with a URL).
    access = m.esc(f"Accessed {accessed}.") if src.url else ""
    return " ".join(p for p in [*head, container, access] if p)


def render(src: Source) -> str:
    """The quote with (Author), then the works-cited entry."""
    paren = in_text(src)
    quote = with_parenthetical(src, paren) if paren else plain_quote(src)
    if src.speaker:
        quote = f"{src.m.esc(src.speaker)}: {quote}"
    return src.m.lines([quote, entry(src)])


STYLE = QuoteStyle("mla", "MLA 9: quote with (Author), then the works-cited entry", render)
