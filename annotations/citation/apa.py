"""APA 7: the quote with (Author, Year, para. N), then the reference.

Reference: Sacchetti, M. (2011, July 13). Boston threatens to withdraw from Secure Communities.
The Boston Globe. https://…. The article title in sentence case and roman, the newspaper in
italics (APA 7 10.1, newspaper article); a work with no author is cited in text by its shortened
title in quotation marks and title case (APA Style on missing authors).
"""

from __future__ import annotations

from annotations.citation.locators import cite_locator, page_span
from annotations.citation.names import Name
from annotations.citation.parenthetical import with_parenthetical
from annotations.citation.quotes import ends_with_question, nest_quotes, sentence
from annotations.citation.source import QuoteStyle, Source
from annotations.citation.titles import short_title
from annotations.quotemarks import CLOSE, OPEN
from library.dates import format_date


def _authors(names: list[Name]) -> str:
    shown = [n.initials for n in names]
    if len(shown) > 20:
        return ", ".join(shown[:19]) + ", . . . " + shown[-1]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def paragraph_number(src: Source) -> tuple[str, int] | None:
    """Where the highlight starts for APA's locator: (heading or "", paragraph number)."""
    text = src.article_text
    ann = src.annotation
    if not text or ann.orphaned or text[ann.start : ann.end] != ann.quote:
        return None
    heading = ""
    count = 0
    for kind, p_start, p_end in src.blocks:
        if kind == "heading":
            heading, count = text[p_start:p_end], 0
            continue
        count += 1
        if ann.start < p_end:
            return heading, count
    return None


def _standalone(src: Source) -> bool:
    """A work that stands alone (APA 6.22: its title in italics): a book, a report, or a web
    page that is not part of a periodical."""
    return src.item_type in ("book", "report", "webpage")


def locator(src: Source) -> str:
    """p. 12, pp. 12–13 (APA 8.13), Chapter 3, or "" when the source is not paginated."""
    return cite_locator(src.locator, "apa")


def in_text(src: Source) -> str:
    """Sacchetti, 2011, para. 3 (or p. 12) — or “Short Title,” 2011 when there is no author."""
    m = src.m
    names = src.names
    year = str(src.published.year) if src.published else "n.d."
    if names:
        shorts = [n.short for n in names]
        parts = [m.esc(f"{shorts[0]} et al." if len(shorts) > 2 else " & ".join(shorts)), year]
    elif src.is_case:  # APA 11.4: a case's name in italics, whole, as the reporter prints it
        parts = [m.italic(src.title), year]
    elif src.title:
        short = src.headline(nest_quotes(short_title(src.title, "apa")), "apa")
        if _standalone(src):  # APA 8.14: a book's or report's title in italics
            parts = [m.italic(short), year]
        else:  # the comma goes inside the quotation marks: (“Study Finds,” 2007)
            comma = "" if ends_with_question(short) else ","
            parts = [f"{OPEN}{m.esc(short)}{comma}{CLOSE} {year}"]
    elif src.publication:
        parts = [m.italic(src.publication), year]
    else:
        parts = [year]
    cite = ", ".join(parts)
    page = locator(src)
    where = None if page else paragraph_number(src)
    if page:
        cite += f", {m.esc(page)}"
    elif where is not None:
        heading, para = where
        if heading:
            # APA 8.28: in a document with headings, count paragraphs within the section.
            cite += f", {OPEN}{m.esc(nest_quotes(heading))}{CLOSE} section"
        cite += f", para. {para}"
    if src.speaker:
        return f"{m.esc(Name.parse(src.speaker).short)}, as cited in {cite}"
    return cite


def _date(src: Source) -> str:
    """(2011, July 13) for periodicals and web pages, (2020) for journals, books and reports
    (APA 9.14), (n.d.) without a date."""
    if not src.published:
        return "(n.d.)."
    if src.item_type in ("article-journal", "book", "chapter", "report"):
        return f"({src.published.year})."
    return f"({format_date(src.published, 'ymd')})."


def _case_entry(src: Source) -> str:
    """A court's opinion as APA 11.4 lists it, in the Bluebook's form and roman: Name v. Name,
    No. 21-50498 (2022). URL (the reporter and court, which Margin does not hold, left out)."""
    m = src.m
    docket = f", No. {src.number}" if src.number else ""
    year = f" ({src.published.year})" if src.published else ""
    parts = [m.esc(f"{src.title}{docket}{year}.")]
    if src.link:
        parts.append(m.url(src.link))
    return " ".join(parts)


def entry(src: Source) -> str:
    """The reference-list entry, in the form of its item type (APA 7 10.1–10.16)."""
    m = src.m
    if src.is_case:
        return _case_entry(src)
    date_part = _date(src)
    title = ""
    kind = src.item_type
    if src.title:
        cased = src.sentence_case(src.title)
        if _standalone(src):
            number = f" (Report No. {src.number})" if kind == "report" and src.number else ""
            title = m.italic(cased) + m.esc(number)
            if not ends_with_question(cased) or number:
                title += "."
        else:
            title = m.esc(cased if ends_with_question(cased) else sentence(cased))
    authors = _authors(src.names)
    parts = [m.esc(sentence(authors)), date_part, title] if authors else [title, date_part]
    same_as_author = src.publication.casefold() == authors.casefold()
    if kind == "chapter":
        editors = [n.natural_initials for n in src.editor_names]
        eds = ""
        if editors:
            shown = " & ".join(editors)
            if len(editors) > 2:  # APA 9.8: a serial comma before the ampersand
                shown = ", ".join(editors[:-1]) + ", & " + editors[-1]
            eds = f"{shown} ({'Ed.' if len(editors) == 1 else 'Eds.'}), "
        pages = f" (pp. {page_span(src.page_range, 'apa')})" if src.page_range else ""
        if src.publication:
            book = m.italic(src.sentence_case(src.publication))
            parts.append(f"In {m.esc(eds)}{book}{m.esc(pages)}.")
        if src.publisher:
            parts.append(m.esc(sentence(src.publisher)))
    elif kind in ("book", "report"):
        if src.publisher and src.publisher.casefold() != authors.casefold():
            parts.append(m.esc(sentence(src.publisher)))
    elif kind in ("article-journal", "article-magazine") and (src.volume or src.page_range):
        tail = m.italic(src.publication) if src.publication else ""
        if src.volume:
            tail += ", " + m.italic(src.volume) + (f"({m.esc(src.issue)})" if src.issue else "")
        if src.page_range:
            tail += ", " + m.esc(page_span(src.page_range, "apa"))
        parts.append(tail + ".")
    elif src.publication and not same_as_author:
        publication = sentence(src.publication)
        stop = publication[len(src.publication) :]
        # A web page's site name is roman (APA 10.16); a periodical's name italic (10.1–10.3).
        shown = m.esc(src.publication) if kind == "webpage" else m.italic(src.publication)
        parts.append(shown + stop)
    if src.link:
        parts.append(m.url(src.link))
    return " ".join(p for p in parts if p)


def render(src: Source) -> str:
    """The quote with (Author, Year, para. N), then the reference."""
    return src.m.lines([with_parenthetical(src, in_text(src)), entry(src)])


STYLE = QuoteStyle("apa", "APA 7: quote with (Author, Year, para.), then the reference", render)
