"""MLA 9: the quote with its parenthetical citation, then the works-cited entry.

Entry: Sacchetti, Maria. “Boston Threatens to Withdraw from Secure Communities.” The Boston
Globe, 13 July 2011, www.boston.com/…. Accessed 5 Mar. 2024. Titles in headline style, the
container in italics, months of more than four letters abbreviated, the URL without
its scheme, and an access date for an online work.
"""

from __future__ import annotations

from annotations.citation.locators import cite_locator, page_span
from annotations.citation.names import Name, join_and
from annotations.citation.parenthetical import plain_quote, with_parenthetical
from annotations.citation.quotes import (
    Shown,
    elements,
    ends_with_question,
    nest_quotes,
    sentence,
)
from annotations.citation.source import QuoteStyle, Source
from annotations.citation.titles import short_title
from annotations.quotemarks import CLOSE, OPEN
from library.dates import format_date


def _authors(names: list[Name]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0].inverted_with_particle
    if len(names) == 2:
        return f"{names[0].inverted_with_particle}, and {names[1].natural}"
    return f"{names[0].inverted_with_particle}, et al."


def _listed_authors(src: Source) -> list[Name]:
    """The authors the entry names: a group that is also the publication or the publisher is
    named once (MLA 9 5.19 skips an author who is the publisher), as the container."""
    names = src.names
    if len(names) == 1 and names[0].group:
        name = names[0].family.casefold()
        if name in (src.publication.casefold(), src.publisher.casefold()):
            return []
    return names


def _standalone(src: Source) -> bool:
    """Whether the work is self-contained (a book, a report or a court's opinion, whose case
    name MLA italicises as the Bluebook's text does): its title in italics."""
    return src.item_type in ("book", "report") or src.is_case


def locator(src: Source) -> str:
    """The page(s) for the parenthesis: 12, 12–13 (MLA 9 6.x: no "p."), or ch. 3."""
    return cite_locator(src.locator, "mla")


def in_text(src: Source) -> str:
    """(Sacchetti 12), (Sacchetti and Ellement), (Sacchetti et al.), (“Short Title”), (qtd. in)."""
    m = src.m
    names = _listed_authors(src)
    if names:
        shorts = [n.short for n in names]
        cite = m.esc(f"{shorts[0]} et al." if len(shorts) > 2 else " and ".join(shorts))
    elif src.title:
        short = src.headline(nest_quotes(short_title(src.title)), "mla")
        cite = m.italic(short) if _standalone(src) else f"{OPEN}{m.esc(short)}{CLOSE}"
    else:
        cite = m.italic(src.publication) if src.publication else ""
    where = locator(src)
    if where:
        # A page number follows the name directly; a labelled locator after a comma (MLA 9
        # 6.x: "(Jacobs, ch. 2)").
        sep = " " if src.locator is not None and src.locator.kind == "page" else ", "
        cite = f"{cite}{sep}{m.esc(where)}" if cite else m.esc(where)
    if src.speaker:
        return f"qtd. in {cite}" if cite else ""
    return cite


def _title(src: Source) -> str:
    m = src.m
    title = src.headline(nest_quotes(src.title), "mla")
    if _standalone(src):
        return m.italic(title) + ("" if ends_with_question(title) else ".")
    stop = "" if ends_with_question(title) else "."
    return f"{OPEN}{m.esc(title)}{stop}{CLOSE}"


def entry(src: Source) -> str:
    """The works-cited entry: author, title, then the container's elements (MLA 9 ch. 5)."""
    m = src.m
    head: list[str] = []
    authors = _authors(_listed_authors(src))
    if authors:
        head.append(m.esc(sentence(authors)))
    if src.title:
        head.append(_title(src))
    abbreviated = format_date(src.published, "dmy", abbreviate=True) if src.published else ""
    year = str(src.published.year) if src.published else ""
    kind = src.item_type
    pages = f"pp. {page_span(src.page_range, 'mla')}" if src.page_range else ""
    link = src.doi_url or src.bare_url
    if kind == "article-journal":
        parts = [
            Shown(src.publication, m.italic(src.publication)),
            Shown(f"vol. {src.volume}" if src.volume else "", m.esc(f"vol. {src.volume}")),
            Shown(f"no. {src.issue}" if src.issue else "", m.esc(f"no. {src.issue}")),
            Shown(abbreviated, m.esc(abbreviated)),
            Shown(pages, m.esc(pages)),
        ]
    elif kind in ("book", "report"):
        number = f"Report {src.number}" if src.number else ""
        parts = [
            Shown(number, m.esc(number)),
            Shown(src.publisher, m.esc(src.publisher)),
            Shown(
                year if kind == "book" else abbreviated,
                m.esc(year if kind == "book" else abbreviated),
            ),
        ]
    elif kind == "chapter":
        people = [n.natural for n in src.editor_names]
        # MLA 9 5.x: three or more editors are the first and et al.
        editors = f"{people[0]} et al." if len(people) >= 3 else join_and(people)
        edited = f"edited by {editors}" if editors else ""
        book = src.headline(src.publication, "mla")
        parts = [
            Shown(book, m.italic(book)),
            Shown(edited, m.esc(edited)),
            Shown(src.publisher, m.esc(src.publisher)),
            Shown(year, m.esc(year)),
            Shown(pages, m.esc(pages)),
        ]
    else:
        parts = [
            Shown(src.publication, m.italic(src.publication)),
            Shown(abbreviated, m.esc(abbreviated)),
        ]
    parts.append(Shown(link, m.url(link)))
    container = elements(parts)
    # MLA 9 recommends the access date for online works; a DOI is a permanent address.
    accessed = format_date(src.accessed, "dmy", abbreviate=True)
    access = m.esc(f"Accessed {accessed}.") if src.url and not src.doi else ""
    return " ".join(p for p in [*head, container, access] if p)


def render(src: Source) -> str:
    """The quote with (Author), then the works-cited entry."""
    paren = in_text(src)
    quote = with_parenthetical(src, paren) if paren else plain_quote(src)
    if src.speaker:
        quote = f"{src.m.esc(src.speaker)}: {quote}"
    return src.m.lines([quote, entry(src)])


STYLE = QuoteStyle("mla", "MLA 9: quote with (Author), then the works-cited entry", render)
