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

from annotations.citation.locators import cite_locator, page_span
from annotations.citation.names import Name, join_and
from annotations.citation.parenthetical import plain_quote
from annotations.citation.quotes import Quoted, Shown, elements, nest_quotes
from annotations.citation.source import QuoteStyle, Source
from annotations.citation.titles import without_the
from library.dates import PartialDate, format_date


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
    # CMOS 14.170: a newspaper's or magazine's initial "The" is dropped; a blog's or website's
    # name is given as it is.
    periodical = src.item_type in ("article-newspaper", "article-magazine", "article-journal")
    publication = without_the(src.publication) if periodical else src.publication
    if src.item_type == "chapter":  # the book's title, in headline style as the chapter's
        publication = src.headline(publication, "chicago")
    if src.published:
        when = format_date(src.published, "mdy")
    elif src.url:
        # 14.12: an online source with no date gets the date it was consulted.
        when = f"accessed {format_date(src.accessed, 'mdy')}"
    else:
        when = "n.d."
    return title, publication, when


def locator(src: Source) -> str:
    """The page(s) a note cites (CMOS 14.21: the number alone), or chap. 3."""
    return cite_locator(src.locator, "chicago")


def _container(src: Source, publication: str) -> Shown | None:
    """The container: italic for a periodical or blog ("(blog)" after it, CMOS 14.208), roman
    for a website's name (14.206)."""
    m = src.m
    if not publication:
        return None
    if src.item_type == "webpage":
        return Shown(publication, m.esc(publication))
    if src.item_type == "post-weblog":
        return Shown(f"{publication} (blog)", f"{m.italic(publication)} (blog)")
    return Shown(publication, m.italic(publication))


def _journal(src: Source, publication: str, pages: str, *, note: bool) -> str:
    """Journal 12, no. 3 (2020): 345 — the journal's volume, issue, year and page(s) (14.171)."""
    m = src.m
    out = m.italic(publication)
    if src.volume:
        out += f" {m.esc(src.volume)}"
    if src.issue:
        out += f", no. {m.esc(src.issue)}"
    # The month or season with the year when known (14.171): (April 2016).
    when = "n.d."
    if src.published:
        month = PartialDate(src.published.year, src.published.month)
        when = format_date(month, "mdy")
    out += f" ({when})"
    if pages:
        out += f": {m.esc(pages)}"
    return out + ("," if note else ".")


def _article_title(src: Source, title: str) -> Shown | Quoted:
    """An article's title in quotation marks; a court's opinion's case name in italics, as
    CMOS 14.176 sets case names in text and notes."""
    if src.is_case:
        return Shown(title, src.m.italic(title))
    return Quoted(title, src.m.esc(title))


def _publication_facts(src: Source) -> str:
    """(Publisher, 2020) for a book, report or chapter in a note (14.100)."""
    year = str(src.published.year) if src.published else "n.d."
    inner = ", ".join(p for p in (src.publisher, year) if p)
    return f"({inner})"


def note(src: Source) -> str:
    """The full note, in the form of the item type."""
    m = src.m
    title, publication, when = _parts(src)
    authors = _note_authors(src.names)
    where = locator(src)
    link = Shown(src.link, m.url(src.link))
    kind = src.item_type
    if kind == "article-journal":
        head = elements([Shown(authors, m.esc(authors)), Quoted(title, m.esc(title))], final=",")
        pages = where or ""
        text = f"{head} {_journal(src, publication, pages, note=bool(src.link))}"
        if src.link:
            text += f" {m.url(src.link)}."
    elif kind in ("book", "report"):
        number = f"Report {src.number}" if kind == "report" and src.number else ""
        facts = _publication_facts(src)
        italic = m.italic(title)
        text = elements([Shown(authors, m.esc(authors)), Shown(title, italic)], final="")
        text = f"{text}, {m.esc(number)} {facts}" if number else f"{text} {facts}"
        text = elements([Shown(text, text), Shown(where, m.esc(where)), link])
    elif kind == "chapter":
        editors = join_and([n.natural for n in src.editor_names])
        book = f"in {m.italic(publication)}" if publication else ""
        if editors:
            book += f", ed. {m.esc(editors)}"
        facts = _publication_facts(src)
        text = elements(
            [
                Shown(authors, m.esc(authors)),
                Quoted(title, m.esc(title)),
                Shown(f"{book} {facts}", f"{book} {m.esc(facts)}"),
                Shown(where, m.esc(where)),
                link,
            ]
        )
    else:
        text = elements(
            [
                Shown(authors, m.esc(authors)),
                _article_title(src, title),
                _container(src, publication),
                Shown(when, m.esc(when)),
                Shown(where, m.esc(where)),
                link,
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
    kind = src.item_type
    link = elements([Shown(src.link, m.url(src.link))])
    year = str(src.published.year) if src.published else "n.d."
    if kind == "article-journal":
        pages = page_span(src.page_range, "chicago") if src.page_range else ""
        sections = [
            elements([lead]),
            elements([Quoted(title, m.esc(title))]),
            _journal(src, publication, pages, note=False),
            link,
        ]
        return " ".join(s for s in sections if s)
    if kind in ("book", "report", "chapter"):
        facts = elements([Shown(src.publisher, m.esc(src.publisher)), Shown(year, year)])
        if kind == "chapter":
            editors = join_and([n.natural for n in src.editor_names])
            pages = page_span(src.page_range, "chicago") if src.page_range else ""
            book = f"In {m.italic(publication)}" if publication else ""
            inner = elements(
                [
                    Shown(book, book),
                    Shown(f"edited by {editors}" if editors else "", f"edited by {m.esc(editors)}"),
                    Shown(pages, m.esc(pages)),
                ]
            )
            sections = [elements([lead]), elements([Quoted(title, m.esc(title))]), inner]
        else:
            report = f"Report {src.number}" if src.number else ""
            number = elements([Shown(report, m.esc(report))])
            sections = [elements([lead]), elements([Shown(title, m.italic(title))]), number]
        return " ".join(s for s in [*sections, facts, link] if s)
    container = _container(src, publication)
    # Unsigned: the newspaper, or the website's owner (14.206), stands in the author's place.
    if lead is None and container is not None:
        lead, container = container, None
    accessed = ""
    if when.startswith("accessed"):  # its own sentence in a bibliography: Accessed March 5, 2024.
        accessed, when = "A" + when[1:], ""
    sections = [
        elements([lead]),
        elements([_article_title(src, title)]),
        elements([container, Shown(when, m.esc(when))]),
        elements([Shown(accessed, m.esc(accessed))]),
        link,
    ]
    return " ".join(s for s in sections if s)


def render(src: Source) -> str:
    """The quote, the note, then the bibliography entry."""
    return src.m.lines([plain_quote(src), note(src), bibliography(src)])


STYLE = QuoteStyle(
    "chicago", "Chicago 17: quote, the full note, then the bibliography entry", render
)
