"""APA 7: the quote with (Author, Year, para. N), then the reference.

Reference: Sacchetti, M. (2011, July 13). Boston threatens to withdraw from Secure Communities.
The Boston Globe. https://…. The article title in sentence case and roman, the newspaper in
italics (APA 7 10.1, newspaper article); a work with no author is cited in text by its shortened
title in quotation marks and title case (APA Style on missing authors).
"""

from __future__ import annotations

from annotations.citation.names import Name
from annotations.citation.parenthetical import with_parenthetical
from annotations.citation.quotes import CLOSE, OPEN, ends_with_question, nest_quotes, sentence
from annotations.citation.source import QuoteStyle, Source
from annotations.citation.titles import short_title
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


def in_text(src: Source) -> str:
    """Sacchetti, 2011, para. 3 — or “Short Title,” 2011 when there is no author."""
    m = src.m
    names = src.names
    year = str(src.published.year) if src.published else "n.d."
    if names:
        shorts = [n.short for n in names]
        parts = [m.esc(f"{shorts[0]} et al." if len(shorts) > 2 else " & ".join(shorts)), year]
    elif src.title:
        # The comma goes inside the quotation marks: (“Study Finds,” 2007).
        short = src.headline(nest_quotes(short_title(src.title, "apa")), "apa")
        comma = "" if ends_with_question(short) else ","
        parts = [f"{OPEN}{m.esc(short)}{comma}{CLOSE} {year}"]
    elif src.publication:
        parts = [m.italic(src.publication), year]
    else:
        parts = [year]
    cite = ", ".join(parts)
    where = paragraph_number(src)
    if where is not None:
        heading, para = where
        if heading:
            # APA 8.28: in a document with headings, count paragraphs within the section.
            cite += f", {OPEN}{m.esc(nest_quotes(heading))}{CLOSE} section"
        cite += f", para. {para}"
    if src.speaker:
        return f"{m.esc(Name.parse(src.speaker).short)}, as cited in {cite}"
    return cite


def entry(src: Source) -> str:
    """The reference-list entry."""
    m = src.m
    date_part = f"({format_date(src.published, 'ymd')})." if src.published else "(n.d.)."
    title = ""
    if src.title:
        cased = src.sentence_case(src.title)
        title = m.esc(cased if ends_with_question(cased) else sentence(cased))
    authors = _authors(src.names)
    parts = [m.esc(sentence(authors)), date_part, title] if authors else [title, date_part]
    if src.publication and src.publication.casefold() != authors.casefold():
        publication = sentence(src.publication)
        stop = publication[len(src.publication) :]
        parts.append(m.italic(src.publication) + stop)
    if src.url:
        parts.append(m.url(src.url))
    return " ".join(p for p in parts if p)


def render(src: Source) -> str:
    """The quote with (Author, Year, para. N), then the reference."""
    return src.m.lines([with_parenthetical(src, in_text(src)), entry(src)])


STYLE = QuoteStyle("apa", "APA 7: quote with (Author, Year, para.), then the reference", render)
